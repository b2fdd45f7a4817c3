"""Headings, a table and an image typed into the body with the keyboard only, and kept in the
draft the window saves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.model import Figure, Heading, Paragraph, Run, Table
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import load_draft
from tests.helpers import Dialogs, photo_jpeg, small_png, type_text

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def test_a_heading_and_a_table_typed_by_keys_reach_the_release(
    window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    text = window.form.body.text_edit
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_1, CTRL_ALT)  # Intertitre
    type_text(text, "Le plan\n")
    type_text(text, "Un paragraphe.\n")
    qtbot.keyClick(text, Qt.Key.Key_2, CTRL_ALT)  # Sous-intertitre
    type_text(text, "Les aides\n")
    qtbot.keyClick(text, Qt.Key.Key_T, CTRL_ALT)  # Tableau: the cursor in its first cell
    for i, cell in enumerate(("Mesure", "Montant", "Année", "Aide", "10 €", "2026")):
        if i:
            qtbot.keyClick(text, Qt.Key.Key_Right)  # from the end of a cell to the next one
        type_text(text, cell)
    qtbot.keyClick(text, Qt.Key.Key_L, CTRL_ALT)  # Ligne de tableau
    type_text(text, "Prêt")

    body = window.form.body.blocks()
    assert body == (
        Heading(1, "Le plan"),
        Paragraph((Run("Un paragraphe."),)),
        Heading(2, "Les aides"),
        Table(("Mesure", "Montant", "Année"), (("Aide", "10 €", "2026"), ("Prêt", "", ""))),
    )
    assert window.form.body.chapter_action.isChecked() is False
    qtbot.waitUntil(lambda: window.document.release.body == body)
    saved = tmp_path / "dossier.communique"
    window.document.save_to(saved)
    assert load_draft(saved).body == body


def test_an_image_needs_its_alternative_text_and_is_checked(
    window: MainWindow, qtbot: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_jpeg(320, 200))
    fake_dialogs.figure = (photo, "Le chantier vu du ciel", "Le futur centre")
    text = window.form.body.text_edit
    text.setFocus()
    type_text(text, "Avant.")
    qtbot.keyClick(text, Qt.Key.Key_I, CTRL_ALT)
    figures = [b for b in window.form.body.blocks() if isinstance(b, Figure)]
    assert [(f.alt, f.caption, f.image.width) for f in figures] == [
        ("Le chantier vu du ciel", "Le futur centre", 320)
    ]

    fake = tmp_path / "faux.png"
    fake.write_bytes(b"pas une image" + small_png()[8:])
    fake_dialogs.figure = (fake, "x", "")
    qtbot.keyClick(text, Qt.Key.Key_I, CTRL_ALT)
    assert (
        "error",
        ("Image", "Image refusée.", "ce fichier n’est pas une image PNG ou JPEG."),
    ) in (fake_dialogs.asked)
    assert len([b for b in window.form.body.blocks() if isinstance(b, Figure)]) == 1


EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_a_speech_opened_shows_its_speaker_and_keeps_every_block(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from desktop.gui.speech_panel import SpeechPanel

    window = make_window(EXAMPLES / "discours.communique")
    panel = window.form.panel
    assert isinstance(panel, SpeechPanel)
    assert panel.speaker.text() == "Claire Martin, ministre de la Transition écologique"
    assert panel.delivery.currentText() == "Seul le prononcé fait foi"
    original = load_draft(EXAMPLES / "discours.communique")
    assert window.release() == original  # nothing lost on the way through the form
    panel.speaker.selectAll()
    type_text(panel.speaker, "Paul Durand, ministre")
    panel.delivery.setFocus()
    qtbot.keyClick(panel.delivery, Qt.Key.Key_Down)  # Tel que prononcé
    release = window.release()
    assert release.speech is not None
    assert (release.speech.speaker, release.speech.delivery.mention) == (
        "Paul Durand, ministre",
        "Tel que prononcé",
    )


def test_a_press_kit_opened_keeps_its_cover_annexes_and_figures(make_window: Any) -> None:
    from desktop.gui.press_kit_panel import PressKitPanel

    window = make_window(EXAMPLES / "dossier.communique")
    assert isinstance(window.form.panel, PressKitPanel)
    assert window.release() == load_draft(EXAMPLES / "dossier.communique")


def test_a_finding_after_a_table_goes_to_its_own_paragraph(window: MainWindow) -> None:
    from desktop.core.location import Location

    window.document.replace_release(
        replace(
            window.release(),
            body=(
                Paragraph((Run("Avant."),)),
                Table(("Mesure", "Montant"), (("Aide", "10 €"), ("Prêt", "5 €"))),
                Paragraph((Run("Il faut le le faire."),)),
            ),
        ),
        "test",
    )
    window.form.focus_location(Location.parse("body[2]"))
    assert window.form.body.text_edit.textCursor().block().text() == "Il faut le le faire."


def test_an_annex_added_and_typed_reaches_the_release(make_window: Any, qtbot: Any) -> None:
    from desktop.core.press_kit import Annex
    from desktop.gui.press_kit_panel import PressKitPanel

    window = make_window(EXAMPLES / "dossier.communique")
    panel = window.form.panel
    assert isinstance(panel, PressKitPanel)
    annexes = panel.annexes
    assert [annexes.titles.item(i).text() for i in range(annexes.titles.count())] == [
        "Glossaire",
        "Chiffres clés",
    ]
    annexes.add.setFocus()
    qtbot.keyClick(annexes.add, Qt.Key.Key_Space)  # Ajouter une annexe: the focus on its title
    type_text(annexes.title, "Calendrier")
    type_text(annexes.body.text_edit, "Avril : les premiers chantiers.")
    release = window.release()
    assert release.press_kit is not None
    assert release.press_kit.annexes[-1] == Annex(
        "Calendrier", (Paragraph((Run("Avril : les premiers chantiers."),)),)
    )
    assert release.press_kit.annexes[0].title == "Glossaire"  # the others kept as they were
    window.actions_.undo.trigger()
    assert window.release().press_kit.annexes[-1].body != release.press_kit.annexes[-1].body


def test_the_image_dialog_labels_show_no_ampersand_and_lead_to_their_fields(qtbot: Any) -> None:
    """« &Fichier : » was shown with its ampersand (a label beside a layout has no buddy):
    every label reads as French and its Alt letter goes to its field."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from desktop.gui.figure_dialog import FigureDialog

    dialog = FigureDialog()
    qtbot.addWidget(dialog)
    form = dialog.layout()
    assert isinstance(form, QFormLayout)
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
    ]
    assert [label.buddy() for label in labels if isinstance(label, QLabel)] == [
        dialog.path_edit,
        dialog.alt_edit,
        dialog.caption_edit,
    ]
