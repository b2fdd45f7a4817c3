"""The contact directory in the app: completion in the contacts form, *→ Annuaire*, the dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.core.model import Contact
from desktop.gui.contact_dialog import ContactDialog
from desktop.gui.directory_dialog import DirectoryDialog, show_directory
from desktop.gui.main_window import MainWindow
from desktop.store.directory import Directory, validate_contact
from tests.helpers import Dialogs, press, type_text


def stock_directory() -> None:
    with Directory.open() as directory:
        directory.add(
            validate_contact(
                "Service de presse",
                "Ministère de la Culture",
                "0144498940",
                "presse@culture.gouv.fr",
            )
        )
        directory.add(
            validate_contact(
                "", "Cabinet de la ministre", "+33 1 40 15 80 00", "cabinet@culture.gouv.fr"
            )
        )
        directory.add(validate_contact("Élise Martin", "Préfecture du Rhône", "", ""))


# The completion list is a popup: the offscreen platform says it cannot raise it or grab the
# keyboard for it (a limit of that platform, not of the app).
offscreen_popup = pytest.mark.qt_log_ignore("This plugin does not support")


@offscreen_popup
def test_completion_fills_a_contact_from_the_directory(window: MainWindow, qtbot: Any) -> None:
    stock_directory()
    window.form.contacts.add_button.click()
    row = window.form.contacts.rows[0]
    type_text(row.name, "serv")
    popup = row.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    assert "Service de presse (Ministère de la Culture)" in popup.model().index(0, 0).data()
    press(popup, Qt.Key.Key_Down)
    press(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.release().contacts[0].email == "presse@culture.gouv.fr")
    assert window.release().contacts == (
        Contact(
            "Service de presse",
            "01\u00a044\u00a049\u00a089\u00a040".replace("\u00a0", " "),
            "presse@culture.gouv.fr",
        ),
    )
    window.actions_.undo.trigger()  # one step back: the picked contact goes as a whole
    assert window.release().contacts[0].email == ""


@offscreen_popup
def test_completion_finds_accents_and_organisations(window: MainWindow, qtbot: Any) -> None:
    stock_directory()
    window.form.contacts.add_button.click()
    row = window.form.contacts.rows[0]
    type_text(row.name, "elise")
    qtbot.waitUntil(row.completer.popup().isVisible)
    assert row.completer.popup().model().index(0, 0).data().startswith("Élise Martin")
    row.name.clear()
    type_text(row.name, "cabinet")
    qtbot.waitUntil(lambda: row.completer.popup().model().rowCount() == 1)


def test_no_register_no_completion_and_no_file_created(window: MainWindow) -> None:
    from desktop.services.paths import register_path

    window.form.contacts.add_button.click()
    type_text(window.form.contacts.rows[0].name, "Service")
    assert not register_path().exists()


def test_add_a_contact_to_the_directory(window: MainWindow, fake_dialogs: Dialogs) -> None:
    window.form.contacts.add_button.click()
    row = window.form.contacts.rows[0]
    type_text(row.name, "Bureau de presse")
    type_text(row.phone, "12")
    type_text(row.email, "presse@")
    row.directory_button.click()
    kind, (_title, text, details) = fake_dialogs.asked[-1]
    assert kind == "error"
    assert "ne peut pas être ajouté" in text
    assert "• Numéro de téléphone invalide (« 12 »)." in details
    assert "• Adresse e-mail invalide (« presse@ »)." in details

    row.phone.clear()
    type_text(row.phone, "0144498940")
    row.email.clear()
    type_text(row.email, "presse@interieur.gouv.fr")
    row.directory_button.click()
    assert (
        "«\u00a0Bureau de presse\u00a0» ajouté à l’annuaire" in window.statusBar().currentMessage()
    )
    with Directory.open() as directory:
        (stored,) = directory.all()
    assert stored.phone == "01 44 49 89 40"
    row.directory_button.click()  # twice: already there, said so
    assert "déjà dans l’annuaire" in fake_dialogs.asked[-1][1][2]


def test_directory_dialog_search_edit_delete(
    window: MainWindow, qtbot: Any, fake_dialogs: Dialogs
) -> None:
    stock_directory()
    dialog = show_directory(window, window.directory, window.settings)
    assert isinstance(dialog, DirectoryDialog)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    type_text(dialog.search, "culture")
    assert dialog.table.rowCount() == 2
    type_text(dialog.search, " cabinet")
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    assert dialog.edit_button.isEnabled()
    current = dialog.selected()
    assert current is not None
    fake_dialogs.contact_edit = validate_contact(
        "Cabinet",
        "Ministère de la Culture",
        "01 40 15 80 00",
        "cabinet@culture.gouv.fr",
        id=current.id,
    )
    dialog.edit_button.click()
    assert dialog.table.item(0, 1).text() == "Ministère de la Culture"
    dialog.search.clear()
    dialog.table.selectRow(0)
    victim = dialog.selected()
    assert victim is not None
    dialog.delete_button.click()
    assert dialog.table.rowCount() == 2
    assert victim.label not in [dialog.table.item(r, 0).text() for r in range(2)]
    dialog.close()


def test_directory_dialog_csv_round_trip(
    window: MainWindow, qtbot: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    stock_directory()
    dialog = show_directory(window, window.directory, window.settings)
    assert dialog is not None
    qtbot.addWidget(dialog)
    fake_dialogs.paths = [tmp_path / "annuaire"]
    written = dialog.export_csv()
    assert written == tmp_path / "annuaire.csv"
    assert written.read_bytes().startswith("\ufeffnom;organisation".encode())
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "nom;téléphone;e-mail\nAnne Roy;0612345678;anne@exemple.fr\nSans Rien;12;pas-une-adresse\n",
        encoding="utf-8",
    )
    fake_dialogs.paths = [written, extra]
    assert dialog.import_csv() == 0  # the same contacts: nothing new
    assert "3 déjà présents, non ajoutés." in fake_dialogs.asked[-1][1][1]
    assert dialog.import_csv() == 1
    kind, (_title, text, details) = fake_dialogs.asked[-1]
    assert kind == "info"
    assert text.startswith("1 contact ajouté.")
    assert "ligne 3" in details
    assert dialog.table.rowCount() == 4
    dialog.close()


def test_contact_dialog_refuses_bad_fields(qtbot: Any) -> None:
    dialog = ContactDialog(None)
    qtbot.addWidget(dialog)
    dialog.phone.setText("12")
    dialog.accept()
    assert dialog.contact is None
    assert "Nom ou organisation obligatoire." in dialog.problems.text()
    dialog.name.setText("Presse")
    dialog.phone.setText("01 44 49 89 40")
    dialog.accept()
    assert dialog.contact is not None
    assert dialog.contact.name == "Presse"
