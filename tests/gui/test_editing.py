"""Undo and redo over the whole form, pasting from Word, going to a field by its location."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, Qt

from desktop.core.location import Location
from desktop.core.model import BulletList, Contact, Paragraph, Run, Table
from desktop.gui.main_window import MainWindow
from tests.helpers import type_text


def undo(window: MainWindow) -> None:
    window.actions_.undo.trigger()


def redo(window: MainWindow) -> None:
    window.actions_.redo.trigger()


def test_undo_and_redo_across_fields_and_contacts(window: MainWindow) -> None:
    form = window.form
    type_text(form.headline, "Titre été")
    form.place.selectAll()
    type_text(form.place, "Lyon")
    type_text(form.body.text_edit, "Un paragraphe.")
    form.contacts.add_button.click()
    type_text(form.contacts.rows[0].name, "Cabinet")
    form.contacts.add_button.click()
    type_text(form.contacts.rows[1].name, "Préfecture")
    form.contacts.rows[1].up.click()
    assert [c.name for c in window.release().contacts] == ["Préfecture", "Cabinet"]
    assert window.actions_.undo.text() == "Annuler le déplacement d’un contact"

    undo(window)  # the move
    assert [c.name for c in window.release().contacts] == ["Cabinet", "Préfecture"]
    undo(window)  # typing "Préfecture"
    undo(window)  # adding the second contact
    assert window.release().contacts == (Contact("Cabinet"),)
    assert len(form.contacts.rows) == 1
    undo(window)
    undo(window)
    assert window.release().contacts == ()
    undo(window)
    assert window.release().body == ()
    assert form.body.text_edit.toPlainText() == ""
    undo(window)
    assert form.place.text() == "Paris"
    undo(window)
    assert form.headline.raw_text() == ""
    assert not window.is_modified()
    assert not window.actions_.undo.isEnabled()

    for _ in range(8):
        redo(window)
    release = window.release()
    assert release.headline == "Titre été"
    assert release.place == "Lyon"
    assert release.body == (Paragraph((Run("Un paragraphe."),)),)
    assert [c.name for c in release.contacts] == ["Préfecture", "Cabinet"]
    assert form.contacts.rows[0].name.text() == "Préfecture"


def test_removing_a_contact_is_undone(window: MainWindow) -> None:
    form = window.form
    form.contacts.add_button.click()
    type_text(form.contacts.rows[0].email, "presse@interieur.gouv.fr")
    form.contacts.rows[0].remove.click()
    assert window.release().contacts == ()
    undo(window)
    assert window.release().contacts == (Contact(email="presse@interieur.gouv.fr"),)
    assert form.contacts.rows[0].email.text() == "presse@interieur.gouv.fr"


def test_ctrl_z_in_a_field_undoes_the_form(window: MainWindow, qtbot: Any) -> None:
    form = window.form
    type_text(form.place, "x")
    assert form.place.text() == "Parisx"
    qtbot.keyClick(form.place, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.place.text() == "Paris"
    assert window.undo_stack.index() == 0
    qtbot.keyClick(
        form.place,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert form.place.text() == "Parisx"


def test_paste_from_word_keeps_only_what_a_draft_holds(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setHtml(
        '<p style="font-family:Calibri;color:red"><span style="font-size:20pt">Texte<br>'
        'coll\u00e9</span> <b>gras</b> <a href="javascript:alert(1)">pi\u00e8ge</a> '
        '<a href="https://www.gouvernement.fr">lien</a></p>'
        "<ul><li>un</li><li><i>deux</i></li></ul><table><tr><td>cellule</td></tr></table>"
    )
    form = window.form
    form.body.text_edit.setFocus()
    form.body.text_edit.insertFromMimeData(mime)
    assert window.release().body == (
        Paragraph(
            (
                Run("Texte\ncollé "),
                Run("gras", bold=True),
                Run(" piège "),
                Run("lien", link="https://www.gouvernement.fr"),
            )
        ),
        BulletList(((Run("un"),), (Run("deux", italic=True),))),
        Table(("cellule",), ()),  # a table pasted stays a table (its first row the header)
    )
    html = form.body.text_edit.document().toHtml()
    assert "Calibri" not in html
    assert "20pt" not in html


def test_plain_text_paste_is_cleaned(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("ligne\x00 une\tet\x0bdeux")
    window.form.body.text_edit.insertFromMimeData(mime)
    # The tab is kept, so that the checks can say the alignment it made is lost.
    assert window.release().body == (Paragraph((Run("ligne une\tet\ndeux"),)),)


def test_focus_location_goes_to_the_field(make_window: Any, example_path: Any) -> None:
    window = make_window(example_path)
    assert window.focus_location(Location.parse("headline"))
    assert window.form.headline.hasFocus()
    assert window.focus_location(Location.parse("contacts[1].email"))
    assert window.form.contacts.rows[1].email.hasFocus()
    assert window.focus_location(Location.parse("body[2]"))
    assert window.form.body.text_edit.hasFocus()
    assert window.form.body.text_edit.textCursor().block().text().startswith(
        "C’est pourquoi"
    ) or window.form.body.text_edit.textCursor().block().text().startswith("C'est pourquoi")
    assert window.focus_location(Location.parse("date"))
    assert window.form.date.hasFocus()
    assert not window.focus_location(Location.parse("nowhere"))
    assert not window.focus_location(Location.parse("contacts[9].phone"))


def test_replace_release_is_undoable(make_window: Any, example_path: Any) -> None:
    from dataclasses import replace

    window = make_window(example_path)
    window.document.replace_release(
        replace(window.release(), number=351), "l’attribution du numéro"
    )
    assert "N°351" in window.form.number.text()
    assert window.is_modified()
    undo(window)
    assert window.release().number == 350
    assert not window.is_modified()


def test_a_list_typed_is_spaced_as_drawn_from_the_draft(window: MainWindow) -> None:
    """The issue: paragraphs typed after a list had no spacing until a redraw."""
    from PySide6.QtGui import QTextDocument

    from desktop.gui.body_codec import fill_document

    text = window.form.body.text_edit
    type_text(text, "Un.\n")
    window.form.body.toggle_list()
    type_text(text, "a\nb\n")
    window.form.body.toggle_list()
    type_text(text, "Deux.")

    def margins(document: QTextDocument) -> list[tuple[str, float]]:
        found, block = [], document.begin()
        while block.isValid():
            found.append((block.text(), block.blockFormat().bottomMargin()))
            block = block.next()
        return found

    redrawn = QTextDocument()
    fill_document(redrawn, window.form.body.blocks())
    assert margins(text.document()) == margins(redrawn)
    assert [m for _, m in margins(redrawn)] == [6.0, 6.0, 6.0, 6.0]
