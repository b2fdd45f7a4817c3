"""What the window leaves until it is on screen: the preview's first compile, the calendars, the
shortcut filters. Each still happens, once the window is shown or the widget is used."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QLineEdit

from desktop.gui.date_fields import CalendarButton
from desktop.gui.main_window import MainWindow


def test_the_first_compile_waits_for_the_window_and_is_the_draft_s(
    make_window: Callable[..., MainWindow], example_path: Path, qtbot: Any
) -> None:
    window = make_window(example_path, show=False)
    assert window.preview._in_flight is None  # nothing compiled while the window is built
    with qtbot.waitSignal(window.preview.previewUpdated, timeout=10_000):
        window.show()
    assert window.preview.last is not None and window.preview.last.error == ""
    assert window.preview.page_count >= 1
    assert window.preview._release == window.release()  # the draft, not the empty release


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen popup
def test_a_calendar_is_made_when_its_menu_opens(window: MainWindow, qtbot: Any) -> None:
    button = window.form.date_row.findChild(CalendarButton)
    assert button is not None and button._calendar is None
    window.form.date.set_date(date(2026, 3, 29))
    seen: list[tuple[bool, bool, QDate]] = []

    def look() -> None:
        menu = button.menu()
        calendar = button.calendar
        seen.append((menu.isVisible(), calendar.isVisible(), calendar.selectedDate()))
        menu.hide()

    QTimer.singleShot(100, look)
    button.showMenu()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(True, True, QDate(2026, 3, 29))]


def test_every_field_is_watched_once_the_window_is_shown(window: MainWindow) -> None:
    fields = window.form.findChildren(QLineEdit)
    assert fields and all(window._window_keys.watches(f) for f in fields if f.isEnabled())
