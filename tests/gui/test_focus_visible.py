"""Focus visible (WCAG 2.4.7, with 1.4.11's 3:1 for the indicator): every Tab stop of the form
looks different when it has the keyboard focus, and the change stands out from what was there.
Read from pictures of the widgets (``grab``), as a sighted keyboard user sees them."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.gui.contrast import contrast_ratio
from tests.gui.test_form_keyboard import press, reading_order, ready_window

INDICATOR_CONTRAST = 3.0
"""WCAG 2.1, 1.4.11 (non-text contrast), for the focus indicator against what it replaces."""


def picture(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def strongest_change(before: QImage, after: QImage) -> float:
    """The highest contrast between a pixel with the focus and the same pixel without."""
    best = 1.0
    for y in range(0, min(before.height(), after.height()), 1):
        for x in range(0, min(before.width(), after.width()), 2):
            a, b = before.pixel(x, y), after.pixel(x, y)
            if a != b:
                best = max(best, contrast_ratio(QColor(b), QColor(a)))
    return best


def test_every_tab_stop_shows_its_focus(make_window: Any) -> None:
    window = ready_window(make_window)
    window.resize(1280, 900)
    problems = []
    stops = reading_order(window)
    # Each stop reached by the key a keyboard user presses (styles draw their focus marks
    # only for a focus moved by keyboard): Tab from the stop before it, Shift+Tab for the first.
    moves = [(stops[1], stops[0], Qt.KeyboardModifier.ShiftModifier)] + [
        (before, widget, Qt.KeyboardModifier.NoModifier)
        for before, widget in itertools.pairwise(stops)
    ]
    for start, widget, modifiers in moves:
        window.form_scroll.ensureWidgetVisible(widget)
        start.setFocus(Qt.FocusReason.TabFocusReason)
        unfocused = picture(widget)
        press(Qt.Key.Key_Tab, modifiers)
        assert QApplication.focusWidget() is widget
        focused = picture(widget)
        change = strongest_change(unfocused, focused)
        if change < INDICATOR_CONTRAST:
            name = widget.accessibleName() or type(widget).__name__
            problems.append(f"{name} : focus à peine visible ({change:.1f}:1)")
    assert problems == []
