"""The window's outputs go through the gate: its *Exporter en …* entries come from the format
registry, and an export, *Imprimer…* and *Copier le texte* show the same *PROJET* mark while the
release is not approved; an export is recorded in the register's history."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication

from desktop.render import pdf as typst_render
from desktop.services.drafts import load_draft
from desktop.store.register import Register
from desktop.usecases import formats
from desktop.usecases.formats import Format
from tests.helpers import Dialogs, markdown_format

NOTICE = "PROJET – communiqué non validé (brouillon)"


@pytest.fixture
def markdown() -> Iterator[Format]:
    fmt = formats.register(markdown_format())
    yield fmt
    formats.unregister(fmt.name)


def test_a_registered_format_is_in_the_export_menu(
    markdown: Format, make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window(example_path)
    entries = [a.text() for a in window.actions_.menus["file"].actions() if not a.isSeparator()]
    both = entries.index("Exporter les deu&x…")
    assert entries[both - 2 : both + 6] == [
        "Exporter en &DOCX…",
        "Exporter en &PDF…",
        "Exporter les deu&x…",
        "Exporter en OD&T…",
        "Exporter en &HTML…",
        "Exporter en texte &brut…",
        "Exporter l’&agenda (.ics)…",
        "Exporter en Markdown…",
    ]
    fake_dialogs.paths = [tmp_path / "cp"]
    window.actions_.exports["md"].trigger()
    [(_kind, (title, _start, name_filter))] = fake_dialogs.asked
    assert (title, name_filter) == ("Exporter en Markdown", "Documents Markdown (*.md)")
    assert (tmp_path / "cp.md").read_text(encoding="utf-8").startswith("# Jacqueline Gourault")


@pytest.fixture
def unapproved(make_window: Any, example_path: Path) -> Any:
    Register.open().close()  # the office has a register: sign-off applies
    return make_window(example_path)


def test_export_prints_the_mark_and_is_recorded(unapproved: Any, tmp_path: Path) -> None:
    from desktop.store.outputs import outputs_of

    assert unapproved.export_to(pdf=tmp_path / "cp.pdf", txt=tmp_path / "cp.txt")
    reader = PdfReader(io.BytesIO((tmp_path / "cp.pdf").read_bytes()))
    assert "PROJET" in "".join(page.extract_text() for page in reader.pages)
    # Under the bloc-marque, as in every format.
    assert (tmp_path / "cp.txt").read_text(encoding="utf-8").split("\n\n")[1].startswith(NOTICE)
    with Register.open() as register:
        [recorded] = outputs_of(register, unapproved.release())
    assert (recorded.kind, recorded.state) == ("export", "brouillon")


def test_print_shows_the_same_mark_as_the_export(
    unapproved: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks: list[str] = []
    original, original_pdf = typst_render.render_pages_svg, typst_render.render_pdf

    def pages(prepared: Any) -> list[bytes]:
        marks.append(prepared.draft_notice)
        return original(prepared)

    def pdf(prepared: Any, **options: Any) -> bytes:  # print to a file: the export's PDF
        marks.append(prepared.draft_notice)
        return original_pdf(prepared, **options)

    monkeypatch.setattr(typst_render, "render_pages_svg", pages)
    monkeypatch.setattr(typst_render, "render_pdf", pdf)
    fake_dialogs.print_to = tmp_path / "imprimé.pdf"
    assert unapproved.print_release()
    assert marks == [NOTICE]


def test_copied_text_carries_the_same_mark(unapproved: Any) -> None:
    assert unapproved.copy_text()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().split("\n\n")[1].startswith(NOTICE)  # under the bloc-marque
    assert NOTICE in data.html()


def test_copy_is_refused_while_the_release_has_errors(window: Any, fake_dialogs: Dialogs) -> None:
    QGuiApplication.clipboard().setText("avant")
    assert not window.copy_text()
    assert fake_dialogs.kinds() == ["export refused"]
    assert QGuiApplication.clipboard().text() == "avant"


def test_an_export_through_a_link_is_refused_and_said(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window(example_path)
    real = tmp_path / "vrai.pdf"
    real.write_bytes(b"ancien")
    (tmp_path / "lien.pdf").symlink_to(real)
    assert not window.export_to(pdf=tmp_path / "lien.pdf")
    [(_kind, (_title, text, *_))] = fake_dialogs.asked
    assert "lien symbolique" in text
    assert real.read_bytes() == b"ancien"


def test_the_draft_itself_is_never_an_export(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    draft = tmp_path / "cp.communique"
    draft.write_bytes(example_path.read_bytes())
    window = make_window(draft)
    before = draft.read_bytes()
    assert not window.export_to(txt=draft)
    assert draft.read_bytes() == before
    assert load_draft(draft).headline.startswith("Jacqueline")
