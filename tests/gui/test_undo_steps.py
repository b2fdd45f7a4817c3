"""Undo touches only what changed: one step per field (each field of each contact), a blank line
typed in the header a step of its own, the right-click menu's *Annuler*/*Rétablir* on the same
history, and a property test over random edits across fields."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication

from desktop.core.model import Contact, Release
from desktop.gui import undo as undo_module
from desktop.gui.main_window import MainWindow
from tests.helpers import press, type_text


def undo(window: MainWindow) -> None:
    window.actions_.undo.trigger()


def redo(window: MainWindow) -> None:
    window.actions_.redo.trigger()


def typed_header(window: MainWindow) -> str:
    return window.form.header.raw_text().replace("\u2029", "\n")


def test_contact_fields_are_steps_of_their_own(window: MainWindow) -> None:
    """The issue: one Ctrl+Z erased contact 3's phone *and* e-mail."""
    form = window.form
    for _ in range(3):
        form.contacts.add_button.click()
    row = form.contacts.rows[2]
    type_text(row.name, "Presse")
    type_text(row.phone, "01 23 45 67 89")
    type_text(row.email, "presse@example.fr")
    undo(window)
    assert window.release().contacts[2] == Contact("Presse", "01 23 45 67 89", "")
    undo(window)
    assert window.release().contacts[2] == Contact("Presse", "", "")
    redo(window)
    redo(window)
    assert window.release().contacts[2] == Contact("Presse", "01 23 45 67 89", "presse@example.fr")


def test_a_blank_line_in_the_header_is_its_own_step_and_stays_when_another_is_undone(
    window: MainWindow,
) -> None:
    """The issue: Enter at the end of header line 3 did not count; Ctrl+Z then removed the
    blank line and contact 3's phone and e-mail."""
    form = window.form
    form.contacts.add_button.click()
    type_text(form.contacts.rows[0].phone, "01 02 03 04 05")
    first = typed_header(window)
    form.header.selectAll()
    type_text(form.header, "MINISTÈRE\nDE LA CULTURE\nCABINET")
    release = window.release()
    press(form.header, Qt.Key.Key_Return)  # a blank line: the release does not change
    assert window.release() == release
    assert typed_header(window).endswith("CABINET\n")
    assert window.actions_.undo.isEnabled()

    # Another field's step undone: the blank line stays where it was typed.
    type_text(form.contacts.rows[0].email, "cabinet@culture.gouv.fr")
    undo(window)
    assert window.release().contacts[0] == Contact("", "01 02 03 04 05", "")
    assert typed_header(window).endswith("CABINET\n")

    # The header's step (typing, then the blank line within the same pause) goes as one, and
    # touches nothing else.
    undo(window)
    assert typed_header(window) == first
    assert window.release().contacts[0] == Contact("", "01 02 03 04 05", "")
    redo(window)
    assert typed_header(window) == "MINISTÈRE\nDE LA CULTURE\nCABINET\n"


def test_a_blank_line_after_a_pause_is_one_step(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo_module, "MERGE_PAUSE", -1.0)  # every key a step
    form = window.form
    form.header.setPlainText("GOUVERNEMENT")
    press(form.header, Qt.Key.Key_End)
    press(form.header, Qt.Key.Key_Return)
    assert typed_header(window) == "GOUVERNEMENT\n"
    undo(window)
    assert typed_header(window) == "GOUVERNEMENT"
    assert window.release().header == ("GOUVERNEMENT",)
    redo(window)
    assert typed_header(window) == "GOUVERNEMENT\n"


def test_right_click_menus_follow_the_window_history(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = window.form
    qtbot.waitUntil(lambda: window._window_keys.watches(form.place))  # the first loop turn
    form.place.selectAll()
    type_text(form.place, "Lyon")
    type_text(form.headline, "Titre")

    # A line edit (Lieu): the menu its right-click opens (recorded, not run: offscreen Qt
    # cannot grab the keyboard for a popup) starts with the window's actions, enabled.
    shown: list[list[QAction]] = []
    monkeypatch.setattr(undo_module, "run_menu", lambda menu, _at: shown.append(menu.actions()))
    at = QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, form.place.mapToGlobal(at))
    QApplication.sendEvent(form.place, event)
    (actions,) = shown
    assert actions[0] is window.actions_.undo and actions[0].isEnabled()
    assert actions[1] is window.actions_.redo
    assert not [a for a in actions if a.objectName() in ("edit-undo", "edit-redo")]
    assert [a for a in actions if a.objectName() == "edit-copy"]  # the rest is Qt's

    # A field with spelling (Titre): same.
    menu = form.spelling.menu_for(form.headline, QPoint(2, 2))
    assert menu.actions()[0] is window.actions_.undo
    assert menu.actions()[0].text() == "Annuler la saisie du titre"
    menu.actions()[0].trigger()
    assert window.release().headline == ""
    assert window.release().place == "Lyon"  # only the headline's step
    menu.deleteLater()


# ------------------------------------------------------------------ the property

ALPHABET = "aé ÀZ’-«»\u00a0"
texts = st.text(ALPHABET, max_size=6)
header_texts = st.text(ALPHABET + "\n", max_size=10)

edits = st.one_of(
    st.tuples(st.just("headline"), texts),
    st.tuples(st.just("place"), texts),
    st.tuples(st.just("header"), header_texts),
    st.tuples(st.just("body"), texts),
    st.tuples(st.just("add"), st.just("")),
    st.tuples(st.just("remove"), st.integers(0, 3)),
    st.tuples(st.sampled_from(["name", "phone", "email"]), st.tuples(st.integers(0, 3), texts)),
    st.tuples(st.just("undo"), st.just("")),
    st.tuples(st.just("redo"), st.just("")),
)


def _apply(window: MainWindow, edit: tuple[str, Any]) -> None:
    form, (kind, value) = window.form, edit
    rows = form.contacts.rows
    if kind == "headline":
        form.headline.setPlainText(value)
    elif kind == "place":
        form.place.setText(value)
    elif kind == "header":
        form.header.setPlainText(value)
    elif kind == "body":
        form.body.text_edit.setPlainText(value)
    elif kind == "add":
        form.contacts.add_contact()
    elif kind == "remove" and rows:
        form.contacts.remove_contact(value % len(rows))
    elif kind in ("name", "phone", "email") and rows:
        index, text = value
        getattr(rows[index % len(rows)], kind).setText(text)
    elif kind == "move" and len(rows) > 1:
        index, delta = value[0] % len(rows), value[1]
        if 0 <= index + delta < len(rows):
            form.contacts.move_contact(index, delta)
    elif kind in ("kind", "kind_text", "has_date", "date", "has_embargo", "embargo"):
        _set_release_field(form, kind, value)
    elif kind == "embargo_time":
        form.embargo_time.set_time(value.replace(second=0, microsecond=0))


def _set_release_field(form: Any, kind: str, value: Any) -> None:
    setters = {
        "kind": lambda: form.kind.setCurrentIndex(value % max(form.kind.count(), 1)),
        "kind_text": lambda: form.kind.setEditText(value),
        "has_date": lambda: form.has_date.setChecked(value),
        "date": lambda: form.date.set_date(value),
        "has_embargo": lambda: form.has_embargo.setChecked(value),
        "embargo": lambda: form.embargo.set_date(value),
    }
    setters[kind]()


PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(steps=st.lists(edits, max_size=14))
def test_each_undo_restores_exactly_the_previous_draft(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, Any]]
) -> None:
    def state() -> tuple[Release, str]:
        return window.release(), typed_header(window)

    position, history = _walk(window, monkeypatch, steps, _apply, state)
    while position:  # every step back to the empty draft, one at a time
        undo(window)
        position -= 1
        assert state() == history[position]


# The same property over the fields the first one leaves out: the kind, the date and its box,
# the embargo (box, day, hour) and the contacts' order.
more_edits = st.one_of(
    st.tuples(st.just("kind"), st.integers(0, 3)),
    st.tuples(st.just("kind_text"), texts),
    st.tuples(st.just("has_date"), st.booleans()),
    st.tuples(st.just("date"), st.dates()),
    st.tuples(st.just("has_embargo"), st.booleans()),
    st.tuples(st.just("embargo"), st.dates()),
    st.tuples(st.just("embargo_time"), st.times()),
    st.tuples(st.just("add"), st.just("")),
    st.tuples(st.just("name"), st.tuples(st.integers(0, 3), texts)),
    st.tuples(st.just("move"), st.tuples(st.integers(0, 3), st.sampled_from([-1, 1]))),
    st.tuples(st.just("headline"), texts),
    st.tuples(st.just("undo"), st.just("")),
    st.tuples(st.just("redo"), st.just("")),
)


@PROPERTY
@given(steps=st.lists(more_edits, max_size=14))
def test_each_undo_restores_exactly_the_previous_draft_in_the_other_fields(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, Any]]
) -> None:
    _walk(window, monkeypatch, steps, _apply, window.release)


def _walk(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    steps: list[tuple[str, Any]],
    apply: Any,
    state: Any,
) -> tuple[int, list[Any]]:
    """Apply ``steps`` to an empty draft, asserting after each that the window shows the
    history's current state; returns the position and the history."""
    monkeypatch.setattr(undo_module, "MERGE_PAUSE", -1.0)  # no merging: one edit, one step
    window.document.open(Release(), None)
    history = [state()]
    position = 0
    for step in steps:
        if step[0] == "undo":
            undo(window)
            position = max(position - 1, 0)
        elif step[0] == "redo":
            redo(window)
            position = min(position + 1, len(history) - 1)
        else:
            apply(window, step)
            now = state()
            if now != history[position]:
                del history[position + 1 :]
                history.append(now)
                position += 1
        assert state() == history[position], (step, steps)
        assert window.form.release() == window.release()
        assert window.undo_stack.index() == position, (step, steps)
    return position, history
