"""The form by keyboard (issue 22, item 1): Tab goes through the fields in reading order, body
and its bar included, and never stops on a contact row's buttons between two of its fields;
the row's buttons have keys instead, and a contact removed by key is said, and undone."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.core.model import Contact
from desktop.gui.main_window import MainWindow
from tests.helpers import Dialogs

CONTACTS = (
    Contact("Service de presse", "01 40 56 60 00", "presse@example.gouv.fr"),
    Contact("Cabinet", "01 40 56 60 01", "cabinet@example.gouv.fr"),
)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed and released where the focus is, as the keyboard sends it."""
    target = QApplication.focusWidget()
    assert target is not None
    text = " " if key == Qt.Key.Key_Space else ""
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not modifiers:
        text = chr(key)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))


def type_keys(text: str) -> None:
    """Digits and spaces typed where the focus is (a real space: it presses a focused button)."""
    for char in text:
        press(Qt.Key.Key_Space if char == " " else Qt.Key(ord(char)))


def ready_window(make_window: Any) -> MainWindow:
    window: MainWindow = make_window()
    release = replace(window.release(), contacts=CONTACTS)
    window.document.open(release, None)
    window.form.has_embargo.setChecked(True)  # its date and time become Tab stops
    QApplication.processEvents()
    return window


def reading_order(window: MainWindow) -> list[QWidget]:
    """The form's Tab stops as it is read, from the header to *Ajouter un contact*."""
    form = window.form
    bar = form.body.toolbar
    body = form.body
    rows = [edit for row in form.contacts.rows for edit in row.edits()]
    return [
        form.header,
        form.header_presets,
        form.ministries.choose_button,
        form.document_kind,
        form.kind,
        form.headline,
        form.place,
        form.has_date,
        form.date,
        form.number_button,
        form.has_embargo,
        form.embargo,
        form.embargo_time,
        *(
            bar.widgetForAction(a)
            for a in (
                body.bold_action,
                body.italic_action,
                body.link_action,
                body.list_action,
                body.language_action,
            )
        ),
        body.insert_button,
        body.text_edit,
        *rows,
        form.contacts.add_button,
    ]


def walk(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> list[QWidget]:
    """From the header, press ``key`` until the focus comes back to it: the widgets focused."""
    window.form.header.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = [QApplication.focusWidget()]
    for _ in range(200):
        press(key, modifiers)
        now = QApplication.focusWidget()
        assert now is not None
        if now is seen[0]:
            return seen
        assert now not in seen, f"Tab comes back to {now!r} before the header"
        seen.append(now)
    raise AssertionError("Tab never came back to the header")


def test_tab_and_shift_tab_walk_the_form_in_reading_order(make_window: Any) -> None:
    window = ready_window(make_window)
    forward = walk(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    expected = reading_order(window)
    assert forward[: len(expected)] == expected, [w.accessibleName() for w in forward]
    # Then the checks and the preview's controls, the page itself last.
    after = forward[len(expected) :]
    assert after[0] is window.findings.list
    assert after[-1] is window.preview.scroll_area
    assert all(window.preview.isAncestorOf(w) for w in after[1:])
    assert len(after) >= 3  # at least the zoom buttons
    # No row button sits between two fields.
    buttons = {b for row in window.form.contacts.rows for b in (row.up, row.down, row.remove)}
    assert not buttons & set(forward)

    backward = walk(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert backward == [forward[0], *reversed(forward[1:])]

    editable = [
        w.focusProxy() or w
        for w in window.form.findChildren(QWidget)
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit | QComboBox | QCheckBox)
        and w.isVisibleTo(window)
    ]
    assert len(editable) >= 16
    assert [w for w in editable if w not in forward] == []


def test_a_phone_typed_after_tab_from_a_name_lands_in_the_phone(
    make_window: Any, fake_dialogs: Dialogs
) -> None:
    window = ready_window(make_window)
    rows = window.form.contacts.rows
    rows[0].name.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rows[0].phone
    rows[0].phone.clear()
    type_keys("01 42 75 80 00")
    assert rows[0].phone.text() == "01 42 75 80 00"
    assert window.release().contacts == (
        replace(CONTACTS[0], phone="01 42 75 80 00"),
        CONTACTS[1],
    )
    assert fake_dialogs.asked == []


def test_row_keys_move_and_remove_a_contact_and_undo_brings_it_back(
    make_window: Any, fake_dialogs: Dialogs, qtbot: Any
) -> None:
    window = ready_window(make_window)
    contacts = window.form.contacts
    contacts.rows[0].phone.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(contacts.rows[0].phone.hasFocus)
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.release().contacts == (CONTACTS[1], CONTACTS[0])
    press(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.release().contacts == CONTACTS

    contacts.rows[0].phone.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(contacts.rows[0].phone.hasFocus)
    press(
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.release().contacts == (CONTACTS[1],)
    assert fake_dialogs.asked == []  # nothing asked
    assert window.statusBar().currentMessage() == "Contact supprimé — Ctrl+Z pour annuler"
    assert QApplication.focusWidget() is contacts.rows[0].phone  # the next contact's phone
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.release().contacts == CONTACTS


def test_the_body_takes_tab_as_a_move_and_its_bar_comes_first(make_window: Any) -> None:
    window = ready_window(make_window)
    body = window.form.body
    window.form.embargo_time.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(5):  # Gras, Italique, Lien…, Liste à puces, Langue du passage…
        press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is body.toolbar.widgetForAction(body.language_action)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is body.insert_button
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is body.text_edit
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.form.contacts.rows[0].name
    assert "\t" not in body.text_edit.document().toRawText()


def test_the_directory_key_adds_the_row_to_the_directory(
    make_window: Any, fake_dialogs: Dialogs, qtbot: Any
) -> None:
    """*+ Annuaire* is off the Tab path like the row's other buttons: Ctrl+Shift+A instead."""
    window = ready_window(make_window)
    row = window.form.contacts.rows[0]
    assert row.directory_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    row.email.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(row.email.hasFocus)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "ajouté à l’annuaire" in window.statusBar().currentMessage()
    assert fake_dialogs.asked == []
