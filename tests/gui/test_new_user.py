"""The faults a new user met in the window (issue 9, item 4), one test each."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.core.fonts import choose_font
from desktop.gui.findings import count_text
from desktop.gui.main_window import MainWindow
from desktop.gui.undo import WindowKeys
from tests.helpers import Dialogs, press, type_text


def test_formatting_buttons_leave_the_focus_in_the_body(window: MainWindow, qtbot: Any) -> None:
    body = window.form.body
    type_text(body.text_edit, "un ")
    for action in (body.bold_action, body.italic_action, body.list_action):
        button = body.toolbar.widgetForAction(action)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert QApplication.focusWidget() is body.text_edit, action.text()
    type_text(QApplication.focusWidget(), "mot")
    assert body.text_edit.toPlainText() == "un mot"


def window_shortcut_actions(window: MainWindow) -> list[QAction]:
    return [
        action
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty() and action.parent() is window
    ]


class ClaimingLineEdit(QLineEdit):
    """A line edit that claims every shortcut key, as Qt's does on X11 for its Emacs keys
    (Ctrl+E: end of line, Ctrl+N, Ctrl+P…), which the offscreen platform does not reproduce."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)


@pytest.mark.parametrize("handed_on", [False, True])
def test_a_field_that_claims_a_window_shortcut_hands_it_on(qtbot: Any, handed_on: bool) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    triggered: list[bool] = []
    action = QAction("Exporter les deux…", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.triggered.connect(lambda: triggered.append(True))
    window.addAction(action)
    field = ClaimingLineEdit(window)
    window.setCentralWidget(field)
    if handed_on:
        WindowKeys(window).watch(field)
    window.setMinimumSize(300, 100)  # else offscreen warns about size hints
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert triggered == ([True] if handed_on else [])
    qtbot.keyClick(field, Qt.Key.Key_X)  # plain typing stays the field's
    assert field.text() == "x"


def test_every_menu_shortcut_works_from_every_field(window: MainWindow, qtbot: Any) -> None:
    """Ctrl+E in Lieu used to move the cursor (the line edit took the key) instead of
    exporting; the same for every window shortcut and every field of the form."""
    window.form.contacts.add_contact()
    qtbot.waitUntil(window.form.contacts.rows[0].isVisible)
    fields = [
        w
        for w in window.form.findChildren(QWidget)
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox))
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(window)
        and w.isEnabled()
    ]
    assert window.form.place in fields and window.form.contacts.rows[0].email in fields
    window.form.contacts.add_contact()  # a row added later is watched too
    fields += window.form.contacts.rows[1].edits()
    assert [f for f in fields if not window._window_keys.watches(f)] == []
    actions = window_shortcut_actions(window)
    texts = {a.shortcut().toString() for a in actions}
    assert {"Ctrl+E", "Ctrl+N", "Ctrl+P", "Ctrl+S", "Ctrl+Z", "F1"} <= texts
    triggered: list[str] = []
    for action in actions:
        action.setEnabled(True)
        # What each action does is tested elsewhere: here, only whether the key reaches it.
        action.triggered.disconnect()
        action.triggered.connect(lambda _=False, a=action: triggered.append(a.text()))
    for field in fields:
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        for action in actions:
            sequence = action.shortcut()
            combo = sequence[0]
            triggered.clear()
            qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())
            assert triggered == [action.text()], (field, sequence.toString())


def test_embargo_starts_at_the_release_date(window: MainWindow, qtbot: Any) -> None:
    form = window.form
    form.date.set_date(date(2027, 4, 1))
    assert window.release().date == date(2027, 4, 1)
    form.has_embargo.setChecked(True)
    embargo = window.release().embargo
    assert embargo is not None and embargo.date() == date(2027, 4, 1)


def click_at(qtbot: Any, field: QLineEdit, position: int) -> None:
    """A single click inside the character at ``position`` of ``field``."""
    field.setCursorPosition(position)
    point = field.cursorRect().center()
    point.setX(point.x() + 2)
    field.deselect()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=point)


@pytest.mark.parametrize(
    "typed", ["29/03/2026", "29 mars 2026", "29.3.26", "2026-03-29", "dimanche 29 mars 2026"]
)
def test_a_date_typed_as_a_french_person_writes_it(
    window: MainWindow, qtbot: Any, typed: str
) -> None:
    form = window.form
    form.date.setFocus()
    qtbot.waitUntil(form.date.hasFocus)
    form.date.selectAll()
    type_text(form.date, typed)
    assert window.release().date == date(2026, 3, 29)
    form.headline.setFocus()  # leaving the field shows the date in full
    qtbot.waitUntil(lambda: form.date.text() == "29 mars 2026")


def test_clicking_a_part_of_the_date_then_typing_replaces_it(
    window: MainWindow, qtbot: Any
) -> None:
    form = window.form
    form.date.set_date(date(2026, 3, 29))
    assert form.date.text() == "29 mars 2026"
    click_at(qtbot, form.date, form.date.text().index("mars") + 1)
    assert form.date.selectedText() == "mars"
    type_text(form.date, "avril")
    assert window.release().date == date(2026, 4, 29)
    click_at(qtbot, form.date, 0)
    assert form.date.selectedText() == "29"
    type_text(form.date, "05")  # no jump to the month after two digits
    assert form.date.text() == "05 avril 2026" and form.date.hasFocus()
    assert window.release().date == date(2026, 4, 5)
    press(form.date, Qt.Key.Key_Up)
    assert window.release().date == date(2026, 4, 6)


def test_a_date_that_names_no_day_leaves_the_release_date_alone(
    window: MainWindow, qtbot: Any
) -> None:
    form = window.form
    form.date.set_date(date(2026, 3, 29))
    form.date.setFocus()
    form.date.selectAll()
    type_text(form.date, "31/02/2026")
    assert window.release().date == date(2026, 3, 29)
    assert form.date.accessibleDescription() == "date non reconnue"
    form.headline.setFocus()
    qtbot.waitUntil(lambda: form.date.text() == "29 mars 2026")


def test_embargo_time_typed_in_french(window: MainWindow) -> None:
    form = window.form
    form.date.set_date(date(2026, 11, 5))
    form.has_embargo.setChecked(True)
    form.embargo_time.selectAll()
    type_text(form.embargo_time, "10 h 30")
    embargo = window.release().embargo
    assert embargo is not None and (embargo.date(), embargo.hour, embargo.minute) == (
        date(2026, 11, 5),
        10,
        30,
    )


def test_the_status_bar_counts_what_the_panel_shows(
    make_window: Any, example_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    """« 1 avertissement » in the status bar after an export while the panel listed 2 (the
    typeface's was left out of one count)."""
    window = make_window(example_path)
    window.font_choice = choose_font()  # Liberation Sans: the typeface finding is there too
    window.findings.set_font(window.font_choice)
    qtbot.waitUntil(lambda: len(window.findings.findings) >= 1)
    panel = count_text(window.findings.findings)
    assert window.findings.title.text().endswith(panel)
    assert window.findings_label.text() == panel
    assert window.export_to(docx=tmp_path / "cp.docx")
    assert f"avec {panel}\u202f;" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("selected", "offered"),
    [
        ("https://www.culture.gouv.fr/presse", "https://www.culture.gouv.fr/presse"),
        ("www.education.gouv.fr", "www.education.gouv.fr"),
        ("presse@culture.gouv.fr", "presse@culture.gouv.fr"),
        ("culture.gouv.fr", "culture.gouv.fr"),
        ("info.gouv.fr/presse", "info.gouv.fr/presse"),
        ("le site du ministère", ""),
        ("ministère", ""),
        ("javascript://alert(1)", ""),
    ],
)
def test_the_link_dialog_offers_a_selected_address(
    window: MainWindow, fake_dialogs: Dialogs, selected: str, offered: str
) -> None:
    body = window.form.body
    type_text(body.text_edit, f"Voir {selected}.")
    cursor = body.text_edit.textCursor()
    start = body.text_edit.toPlainText().index(selected)
    cursor.setPosition(start)
    cursor.setPosition(start + len(selected), cursor.MoveMode.KeepAnchor)
    body.text_edit.setTextCursor(cursor)
    body.edit_link()
    assert fake_dialogs.asked[-1] == ("link", (offered,))


@pytest.mark.parametrize(
    "lines",
    [
        ("MINISTÈRE", "DE L’INTÉRIEUR"),
        ("MINISTÈRE", "DE L’EUROPE", "ET DES AFFAIRES", "ÉTRANGÈRES"),
        (
            "MINISTÈRE",
            "DE LA TRANSITION",
            "ÉCOLOGIQUE,",
            "DE LA BIODIVERSITÉ",
            "ET DES NÉGOCIATIONS",
            "INTERNATIONALES",
            "SUR LE CLIMAT",
            "ET LA NATURE",
        ),
    ],
)
def test_the_header_box_shows_every_line(
    window: MainWindow, qtbot: Any, lines: tuple[str, ...]
) -> None:
    header = window.form.header
    window.form.set_header(lines)
    qtbot.waitUntil(lambda: header.verticalScrollBar().maximum() == 0)
    assert header.viewport().height() >= header.document().size().height()


def test_a_new_contact_row_is_scrolled_into_view(
    make_window: Any, example_path: Path, qtbot: Any
) -> None:
    window = make_window(example_path)
    window.resize(1000, 600)
    viewport = window.form_scroll.viewport()
    for _ in range(4):
        window.form.contacts.add_button.click()
        row = window.form.contacts.rows[-1]
        assert row.name.hasFocus()

        def in_view(row: QWidget = row) -> bool:
            top_left = row.mapTo(viewport, row.rect().topLeft())
            bottom = row.mapTo(viewport, row.rect().bottomLeft()).y()
            return row.isVisible() and top_left.y() >= 0 and bottom <= viewport.height()

        qtbot.waitUntil(in_view)


def test_typing_a_date_is_one_undo_step(window: MainWindow) -> None:
    form = window.form
    form.date.set_date(date(2026, 1, 5))
    window.undo_stack.clear()
    form.date.setFocus()
    form.date.selectAll()
    type_text(form.date, "29/03/2026")  # passes through 29/03 (this year) and 29/03/20
    assert window.release().date == date(2026, 3, 29)
    assert window.undo_stack.count() == 1
    window.actions_.undo.trigger()
    assert window.release().date == date(2026, 1, 5)


def test_the_calendar_button_puts_the_chosen_day_in_the_field(window: MainWindow) -> None:
    from PySide6.QtCore import QDate

    from desktop.gui.date_fields import CalendarButton

    form = window.form
    form.date.set_date(date(2026, 3, 29))
    button = form.date_row.findChild(CalendarButton)
    assert button is not None and button.field is form.date
    button.calendar.clicked.emit(QDate(2026, 4, 2))
    assert window.release().date == date(2026, 4, 2)
    assert form.date.text() == "2 avril 2026"


def test_a_passing_message_is_not_cut(window: MainWindow, qtbot: Any) -> None:
    """The new-user trial: status bar messages were cut by the labels at its right."""
    window.resize(900, 700)
    window.export_label.setText("Dernier export : communiqué-plan-musées-de-france.pdf")
    message = "Contact supprimé — Ctrl+Z pour annuler (le contact 3, « Service de presse »)"
    window.say(message)
    qtbot.waitUntil(lambda: not window.export_label.isVisible())
    bar = window.statusBar()

    def room() -> int:
        shown = [w for w in bar.findChildren(QLabel) if w.isVisible() and w.parent() is bar]
        return min((w.x() for w in shown), default=bar.width())

    needed = bar.fontMetrics().horizontalAdvance(message)
    qtbot.waitUntil(lambda: needed < room())  # once the bar has laid its labels out again
    bar.clearMessage()
    assert window.export_label.isVisible() and window.font_label.isVisible()
