"""A press officer writes a release from an empty window, exports it, and opens it again."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import pypdf
from PySide6.QtCore import Qt

from desktop.core.draft import PARIS
from desktop.core.model import BulletList, Contact, Paragraph, Run
from desktop.gui.main_window import MainWindow
from tests.helpers import Dialogs, press, type_text

HEADLINE = "Lancement du plan « Écoles résilientes » : 400 M€ d’ici à 2027"
PARAGRAPH = "Le ministère annonce aujourd’hui un effort inédit."


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages).replace(
        "\u00ad", ""
    )


def fill_everything(window: MainWindow, qtbot: Any, fake_dialogs: Dialogs) -> None:
    form = window.form
    form.header.selectAll()
    type_text(form.header, "MINISTÈRE\nDE L’ÉDUCATION NATIONALE")
    form.kind.lineEdit().selectAll()
    type_text(form.kind.lineEdit(), "Communiqué")
    press(form.kind.lineEdit(), Qt.Key.Key_Delete)  # refuse the completion "… de presse"
    type_text(form.headline, HEADLINE)
    form.place.selectAll()
    type_text(form.place, "Créteil")
    form.has_date.setChecked(True)
    form.date.selectAll()
    type_text(form.date, "1/04/2027")
    form.has_embargo.setChecked(True)  # the embargo starts on the release's date
    form.embargo_time.selectAll()
    type_text(form.embargo_time, "10 h 30")

    body = form.body.text_edit
    type_text(body, PARAGRAPH + "\n")
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(body, "Trois mesures")
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(body, " :\n")
    form.body.toggle_list()
    type_text(body, "des travaux d’été ;\nune aide à l’ingénierie ;\n")
    form.body.toggle_list()
    qtbot.keyClick(body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(body, "Précision")
    qtbot.keyClick(body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(body, " : voir ")
    fake_dialogs.link = "education.gouv.fr"
    form.body.edit_link()

    form.contacts.add_button.click()
    row = form.contacts.rows[0]
    type_text(row.name, "Cabinet de la ministre")
    type_text(row.phone, "01 55 55 10 10")
    type_text(row.email, "presse@education.gouv.fr")
    form.contacts.add_button.click()
    type_text(form.contacts.rows[1].name, "Service de presse — académie")


EXPECTED_BODY = (
    Paragraph((Run(PARAGRAPH),)),
    Paragraph((Run("Trois mesures", bold=True), Run(" :"))),
    BulletList(((Run("des travaux d’été ;"),), (Run("une aide à l’ingénierie ;"),))),
    Paragraph(
        (
            Run("Précision", italic=True),
            Run(" : voir "),
            Run("education.gouv.fr", link="https://education.gouv.fr"),
        )
    ),
)


def test_write_export_and_reopen(
    make_window: Any, qtbot: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window()
    assert not window.is_modified()
    fill_everything(window, qtbot, fake_dialogs)

    release = window.release()
    assert release.header == ("MINISTÈRE", "DE L’ÉDUCATION NATIONALE")
    assert release.kind == "Communiqué"
    assert release.headline == HEADLINE
    assert release.place == "Créteil"
    assert release.date == date(2027, 4, 1)
    assert release.embargo == datetime(2027, 4, 1, 10, 30, tzinfo=PARIS)
    assert release.body == EXPECTED_BODY
    assert release.contacts == (
        Contact("Cabinet de la ministre", "01 55 55 10 10", "presse@education.gouv.fr"),
        Contact("Service de presse — académie", "", ""),
    )
    assert window.is_modified()
    assert window.isWindowModified()

    # Exporter les deux…
    fake_dialogs.paths = [tmp_path / "plan"]
    assert window.export("both")
    pdf, word = tmp_path / "plan.pdf", tmp_path / "plan.docx"
    text = pdf_text(pdf)
    for expected in (
        "MINISTÈRE",
        "Écoles résilientes",
        "Créteil, le 1er",
        "Trois mesures",
        "des travaux d’été",
        "Cabinet de la ministre",
        "presse@education.gouv.fr",
        "Service de presse — académie",
    ):
        assert expected in text, expected
    paragraphs = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    for expected in (
        "Écoles résilientes",
        "Trois mesures",
        "une aide à l’ingénierie",
        "Cabinet de la ministre",
    ):
        assert expected in paragraphs, expected
    assert "plan.pdf" in window.export_label.text()

    # Enregistrer sous…, then open it in a new window: every field as typed.
    fake_dialogs.paths = [tmp_path / "plan"]
    assert window.save()
    draft = tmp_path / "plan.communique"
    assert draft.is_file()
    assert not window.is_modified()
    assert window.windowTitle().startswith("plan")

    again = make_window(draft)
    assert again.release() == release
    assert again.form.headline.raw_text() == HEADLINE
    assert again.form.contacts.rows[1].name.text() == "Service de presse — académie"
    assert not again.is_modified()
    press(again.form.place, Qt.Key.Key_End)
