"""Date and time fields that take what a French person types: ``29/03/2026``, ``29 mars 2026``.

Qt's QDateEdit works section by section: a click in the day does nothing until a double-click,
typing ``29`` jumps to the month and the next Tab skips it, and ``29/03/2026`` cannot be typed at
all. These are plain text fields read by ``desktop.core.french_dates``: a click selects the part
under the pointer (day, month or year) so that typing replaces it, the text is read as it is
typed, and leaving the field shows the date in full. Up and Down move a day (a minute for a
time), Page Up and Page Down a month (an hour); the button beside the date opens a calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.core.french_dates import format_date, format_time, parse_date, parse_time

_PART = re.compile(r"[^\W_]+", re.UNICODE)


class _PartsEdit(QLineEdit):
    """A line edit where a single click selects the word or number under the pointer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is None or (
            (event.position().toPoint() - self._press).manhattanLength() > 3
        )
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.hasSelectedText():
            self.select_part_at(self.cursorPosition())

    def select_part_at(self, position: int) -> None:
        for match in _PART.finditer(self.text()):
            if match.start() <= position <= match.end():
                self.setSelection(match.start(), match.end() - match.start())
                return


class DateField(_PartsEdit):
    """A date typed in French; ``date_changed`` gives the new ``date`` as soon as the text names
    one. Text that names no date is shown in red and leaves the date as it was."""

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = date.today()
        self.setPlaceholderText(self.tr("jj/mm/aaaa"))
        self.setToolTip(
            self.tr(
                "Tapez la date comme vous l’écrivez («\u00a029/03/2026\u00a0», «\u00a029 mars "
                "2026\u00a0»)\u202f; Haut et Bas changent le jour."
            )
        )
        self.setText(format_date(self._date))
        self.textEdited.connect(self._read)
        self.editingFinished.connect(self._tidy)

    def date(self) -> date:
        return self._date

    def set_date(self, value: dt.date) -> None:
        """Show ``value`` (in full) and say so when it is another date."""
        changed = value != self._date
        self._date = value
        if self.text() != format_date(value):
            self.setText(format_date(value))
        self._mark(valid=True)
        if changed:
            self.date_changed.emit(value)

    def is_valid(self) -> bool:
        return parse_date(self.text(), default_year=self._date.year) is not None

    def _read(self, text: str) -> None:
        value = parse_date(text, default_year=self._date.year)
        self._mark(valid=value is not None)
        if value is not None and value != self._date:
            self._date = value
            self.date_changed.emit(value)

    def _tidy(self) -> None:
        """Leaving the field: the date in full, or back to the last date it named."""
        self.setText(format_date(self._date))
        self._mark(valid=True)

    def _mark(self, *, valid: bool) -> None:
        self.setStyleSheet("" if valid else "QLineEdit { color: #a4161a; }")
        self.setAccessibleDescription("" if valid else self.tr("date non reconnue"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
        if event.key() in steps:
            self.set_date(self._date + timedelta(days=steps[Qt.Key(event.key())]))
            return
        if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            moved = QDate(self._date.year, self._date.month, self._date.day).addMonths(
                1 if event.key() == Qt.Key.Key_PageUp else -1
            )
            self.set_date(date(moved.year(), moved.month(), moved.day()))
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._tidy()


class TimeField(_PartsEdit):
    """A time typed in French (``10:30``, ``10 h 30``); ``time_changed`` gives the new ``time``."""

    time_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = time(10)
        self.setPlaceholderText(self.tr("hh:mm"))
        self.setToolTip(self.tr("L’heure de Paris («\u00a010:30\u00a0», «\u00a010 h 30\u00a0»)."))
        self.setText(format_time(self._time))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 h") + 24)
        self.textEdited.connect(self._read)
        self.editingFinished.connect(self._tidy)

    def time(self) -> time:
        return self._time

    def set_time(self, value: dt.time) -> None:
        changed = value != self._time
        self._time = value
        if self.text() != format_time(value):
            self.setText(format_time(value))
        self.setStyleSheet("")
        if changed:
            self.time_changed.emit(value)

    def _read(self, text: str) -> None:
        value = parse_time(text)
        self.setStyleSheet("" if value is not None else "QLineEdit { color: #a4161a; }")
        if value is not None and value != self._time:
            self._time = value
            self.time_changed.emit(value)

    def _tidy(self) -> None:
        self.setText(format_time(self._time))
        self.setStyleSheet("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        minutes = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 60,
            Qt.Key.Key_PageDown: -60,
        }.get(Qt.Key(event.key()))
        if minutes is not None:
            total = (self._time.hour * 60 + self._time.minute + minutes) % (24 * 60)
            self.set_time(time(total // 60, total % 60))
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._tidy()


class CalendarButton(QToolButton):
    """Opens a calendar under a date field; the chosen day goes into the field."""

    def __init__(self, field: DateField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setText("▾")
        self.setToolTip(self.tr("Choisir dans le calendrier"))
        self.setAccessibleName(self.tr("Choisir dans le calendrier"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field takes the keys; Alt+Bas opens
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self._calendar: QCalendarWidget | None = None
        menu = QMenu(self)
        menu.aboutToShow.connect(self._show_current)
        self.setMenu(menu)

    @property
    def calendar(self) -> QCalendarWidget:
        """Made when the menu first opens: a calendar is a table, headers, a month menu and a
        year box, and the form has two of them, which the window need not build to be shown."""
        if self._calendar is None:
            calendar = QCalendarWidget()
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._chosen)
            calendar.activated.connect(self._chosen)
            menu = self.menu()
            holder = QWidgetAction(menu)
            holder.setDefaultWidget(calendar)
            menu.addAction(holder)
            self._calendar = calendar
        return self._calendar

    def _show_current(self) -> None:
        value = self.field.date()
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _chosen(self, day: QDate) -> None:
        self.field.set_date(date(day.year(), day.month(), day.day()))
        menu = self.menu()
        if menu is not None:
            menu.hide()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)


def date_row(field: DateField, *extra: QWidget) -> QWidget:
    """The field, its calendar button, and what follows it (« à » and a time)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    row.addWidget(field, 1)
    row.addWidget(CalendarButton(field, holder))
    for widget in extra:
        row.addWidget(widget)
    return holder
