"""*Fichier › Imprimer…*, *Aide › Guide d’utilisation* and *À propos* (issue 9, item 4)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from desktop.gui import help as help_
from desktop.gui.main_window import MainWindow
from desktop.gui.printing import chosen_pages, new_printer, print_pages
from desktop.render.content import prepare
from desktop.render.pdf import render_pages_svg, render_pdf
from tests.helpers import Dialogs

A4 = (595.0, 842.0)


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(data)).pages
    ]


def test_print_gives_the_pages_of_the_pdf(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path, qtbot: Any
) -> None:
    window = make_window(example_path)
    fake_dialogs.print_to = tmp_path / "imprimé.pdf"
    qtbot.keyClick(window.form.place, "P", window.print_action.shortcut()[0].keyboardModifiers())
    assert fake_dialogs.kinds()[-1] == "print"
    printed = fake_dialogs.print_to.read_bytes()
    exported = render_pdf(prepare(window.release(), font=window.font_choice))
    assert len(pdf_pages(printed)) == len(pdf_pages(exported)) >= 1
    for width, height in pdf_pages(printed):
        assert (abs(width - A4[0]) <= 1, abs(height - A4[1]) <= 1) == (True, True)
    assert "Imprimé" in window.statusBar().currentMessage()


def test_a_long_release_prints_the_range_asked(
    make_window: Any, example_path: Path, tmp_path: Path
) -> None:
    from dataclasses import replace

    window = make_window(example_path)
    release = window.release()
    pages = render_pages_svg(
        prepare(replace(release, body=release.body * 5), font=window.font_choice)
    )
    assert len(pages) >= 3
    printer = new_printer("Titre")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "deux.pdf"))
    printer.setFromTo(2, 3)
    assert print_pages(printer, pages) == 2
    assert len(pdf_pages((tmp_path / "deux.pdf").read_bytes())) == 2


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [(0, 0, range(5)), (2, 3, range(1, 3)), (4, 9, range(3, 5)), (1, 1, range(1))],
)
def test_chosen_pages(first: int, last: int, expected: range) -> None:
    printer = new_printer("x")
    printer.setFromTo(first, last)
    assert chosen_pages(printer, 5) == expected


def test_print_cancelled_prints_nothing(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs
) -> None:
    window = make_window(example_path)
    assert not window.print_release()
    assert fake_dialogs.kinds() == ["print"]


def test_a_release_with_errors_is_not_printed(window: MainWindow, fake_dialogs: Dialogs) -> None:
    """The gate refuses it, as it refuses its export: the printer is never asked."""
    assert not window.print_release()
    assert fake_dialogs.kinds() == ["export refused"]
    [(_kind, (errors, purpose))] = fake_dialogs.asked
    assert errors and purpose.refused == "impression refusée"


def test_the_guide_opens_from_the_help_menu(window: MainWindow, qtbot: Any) -> None:
    assert window.guide_action in window.actions_.menus["help"].actions()
    window.guide_action.trigger()
    guide = window.guide
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    assert text.startswith("Guide d’utilisation de Communiqué")
    for words in (
        "Exporter les deux",
        "Imprimer",
        "29/03/2026",
        "Gérer les modèles",
        "prochain numéro",
    ):
        assert words in text
    guide.close()


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.actions_.about.trigger()
    assert help_.version() in shown[0]
    assert help_.version().count(".") >= 1


def test_a_printed_page_is_typst_s_own_page(example_path: Path, qapp: Any) -> None:
    """The picture sent to the printer matches Typst's own rendering of the page (drawing the
    SVG as vectors through Qt's PDF writer printed the letters bold and misshapen)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from desktop.core.fonts import choose_font
    from desktop.gui.printing import PRINT_DPI, page_image
    from desktop.render.pdf import render_pages_png
    from desktop.services.drafts import load_draft

    prepared = prepare(load_draft(example_path), font=choose_font())
    ours = page_image(render_pages_svg(prepared)[0])
    typst = QImage.fromData(render_pages_png(prepared, ppi=PRINT_DPI)[0])
    assert abs(ours.width() - typst.width()) <= 1 and abs(ours.height() - typst.height()) <= 1
    small = (150, 212)
    a, b = (
        image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
            *small, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        for image in (ours, typst)
    )
    differences = [
        abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
        for x in range(small[0])
        for y in range(small[1])
    ]
    assert sum(differences) / len(differences) < 2.0
    assert max(differences) < 60


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_printed_pdf_looks_like_the_exported_one(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    """Read back as a reader sees them: the printed sheet and the exported PDF, both drawn by
    poppler, differ by no more than antialiasing."""
    from PySide6.QtGui import QImage

    window = make_window(example_path)
    fake_dialogs.print_to = tmp_path / "imprimé.pdf"
    assert window.print_release()
    exported = tmp_path / "exporté.pdf"
    exported.write_bytes(render_pdf(prepare(window.release(), font=window.font_choice)))
    images = []
    for pdf in (fake_dialogs.print_to, exported):
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                "30",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            check=True,
        )
        images.append(QImage(str(next(tmp_path.glob(pdf.stem + "*.pgm")))))
    a, b = images
    assert abs(a.width() - b.width()) <= 1 and abs(a.height() - b.height()) <= 1
    # Ink per 10 × 10 pixel tile (a third of an inch), so that the sheet's placement, a pixel
    # off, does not count; bold or misshapen letters do (about 21 on average, 88 at most).
    differences = [abs(x - y) for x, y in zip(ink_tiles(a), ink_tiles(b), strict=True)]
    assert sum(differences) / len(differences) < 5
    assert max(differences) < 30


def ink_tiles(image: Any, tile: int = 10) -> list[float]:
    width, height = 240, 350  # the part of an A4 page at 30 dpi both images have
    return [
        sum(image.pixelColor(x, y).value() for x in range(i, i + tile) for y in range(j, j + tile))
        / tile
        / tile
        for i in range(0, width, tile)
        for j in range(0, height, tile)
    ]


def test_print_to_a_file_writes_the_pdf_with_its_text(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    """The issue: print to a PDF file gave a 1 MB 300-ppi picture without text."""
    window = make_window(example_path)
    fake_dialogs.print_to = tmp_path / "imprimé.pdf"
    assert window.print_release()
    printed = fake_dialogs.print_to.read_bytes()
    assert len(printed) < 200_000
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed)).pages)
    assert "Béthune-Bruay" in text.replace("\u00ad", "")  # text, selectable and searchable
    exported = render_pdf(window.prepared())
    assert len(pdf_pages(printed)) == len(pdf_pages(exported))
    assert window.statusBar().currentMessage().startswith("Imprimé")


def test_print_to_a_file_is_recorded_as_the_pdf_that_left(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    """A PDF printed to a file is the exported PDF: it left the office, so the register's
    history lists it as an export does (it was written with no trace)."""
    import hashlib

    from desktop.services.drafts import load_draft
    from desktop.store.outputs import outputs_of
    from desktop.store.register import Register

    Register.open().close()
    window = make_window(example_path)
    fake_dialogs.print_to = tmp_path / "imprimé.pdf"
    assert window.print_release()
    with Register.open() as register:
        [recorded] = outputs_of(register, load_draft(example_path))
    assert recorded.kind == "export"
    [file] = recorded.files
    assert file.path == str(fake_dialogs.print_to)
    assert file.sha256 == hashlib.sha256(fake_dialogs.print_to.read_bytes()).hexdigest()


def test_print_to_a_file_keeps_the_pages_asked(
    example_path: Path, tmp_path: Path, qapp: Any
) -> None:
    from dataclasses import replace

    from desktop.gui.printing import print_to_pdf_file
    from desktop.services.drafts import load_draft
    from desktop.usecases import gate

    release = load_draft(example_path)
    clearance = gate.clear(replace(release, body=release.body * 5), gate.PRINT)
    prepared = clearance.prepared
    whole = len(pdf_pages(render_pdf(prepared)))
    assert whole >= 3
    printer = new_printer("Titre")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "deux"))
    printer.setFromTo(2, 3)
    assert print_to_pdf_file(printer, clearance) == 2
    written = (tmp_path / "deux.pdf").read_bytes()
    assert len(pdf_pages(written)) == 2
    assert PdfReader(io.BytesIO(written)).pages[0].extract_text().strip()


def test_the_guide_explains_sign_off_with_its_picture(window: MainWindow, qtbot: Any) -> None:
    """The issue: neither the README nor the F1 guide explained PROJET, Soumettre, Valider."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    window.guide_action.trigger()
    guide = window.guide
    assert guide is not None
    text = guide.browser.toPlainText()
    for words in ("brouillon", "soumis", "validé", "diffusé", "Outils › Soumettre", "PROJET"):
        assert words in text
    picture = guide.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("mention-projet.png")
    )
    assert QImage.fromData(picture).width() > 300  # found beside the guide
    guide.close()
