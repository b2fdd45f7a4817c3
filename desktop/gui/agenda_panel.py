"""*Agenda*: the form's panel of an agenda prévisionnel (``core/agenda.py``): the range of days
(*Du … au …*) and a table of its entries, one a row: day, time, what, where, the press
arrangements (« ouvert », « pool », « images », « fermé ») and a note. A day of the range
without entries is printed « Pas de rendez-vous public »."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.agenda import Agenda, AgendaDay, AgendaEntry
from desktop.core.event import ACCESS_NAMES, PressAccess
from desktop.core.french_dates import format_date, format_time, parse_date, parse_time
from desktop.core.location import Location
from desktop.core.model import Release
from desktop.core.search import fold
from desktop.core.text import clean_text
from desktop.gui.date_fields import DateField, date_row
from desktop.gui.kind_panel import KindPanel

COLUMNS = ("Jour", "Heure", "Rendez-vous", "Lieu", "Presse", "Précision")
MAX_DAYS = 31


def parse_access(text: str) -> PressAccess:
    """« ouvert », « Pool », « fermé à la presse », « images »: the arrangement named first."""
    folded = fold(text)
    for access, name in ACCESS_NAMES.items():
        if folded and (fold(name).startswith(folded) or folded.startswith(str(access))):
            return access
    return PressAccess.OPEN


class AgendaPanel(KindPanel):
    title = "Agenda"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Agenda")
        self._loading = False
        self.first = DateField()
        self.last = DateField()
        self.first.setAccessibleName(self.tr("Premier jour de l’agenda"))
        self.last.setAccessibleName(self.tr("Dernier jour de l’agenda"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Rendez-vous de l’agenda"))
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(180)
        self.add_button = QPushButton(self.tr("Ajouter un rendez-vous"))
        self.remove_button = QPushButton(self.tr("Retirer le rendez-vous"))
        range_row = QHBoxLayout()
        range_row.addWidget(QLabel(self.tr("Du")))
        range_row.addWidget(date_row(self.first), 1)
        range_row.addWidget(QLabel(self.tr("au")))
        range_row.addWidget(date_row(self.last), 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(range_row)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.first.date_changed.connect(lambda _d: self._changed("agenda"))
        self.last.date_changed.connect(lambda _d: self._changed("agenda"))
        self.table.itemChanged.connect(lambda _item: self._changed("agenda"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def _changed(self, field: str) -> None:
        if not self._loading:
            self.edited.emit(field)

    def _add(self) -> None:
        day = self.first.date()
        row = self.table.rowCount()
        if row:
            day = parse_date(self._text(row - 1, 0)) or day
        self._loading = True
        try:
            self._put_row(row, day, AgendaEntry(None, ""))
        finally:
            self._loading = False
        self.table.setCurrentCell(row, 2)
        self.table.setFocus()
        self._changed("agenda")

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._changed("agenda")

    def _put_row(self, row: int, day: date, entry: AgendaEntry) -> None:
        self.table.insertRow(row)
        cells = (
            format_date(day),
            format_time(entry.at) if entry.at is not None else "",
            entry.what,
            entry.where,
            ACCESS_NAMES[entry.access],
            entry.note,
        )
        for column, text in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def value(self) -> Agenda:
        first, last = self.first.date(), self.last.date()
        if last < first:
            first, last = last, first
        last = min(last, first + timedelta(days=MAX_DAYS - 1))
        entries: dict[date, list[AgendaEntry]] = {}
        for row in range(self.table.rowCount()):
            cell = [self._text(row, column) for column in range(len(COLUMNS))]
            day = parse_date(cell[0], default_year=first.year) or first
            entries.setdefault(day, []).append(
                AgendaEntry(
                    at=parse_time(cell[1]) if cell[1] else None,
                    what=cell[2],
                    where=cell[3],
                    access=parse_access(cell[4]),
                    note=cell[5],
                )
            )
        days = sorted(
            {first + timedelta(days=n) for n in range((last - first).days + 1)} | set(entries)
        )
        return Agenda(
            tuple(
                AgendaDay(day, tuple(sorted(entries.get(day, []), key=_entry_order)))
                for day in days
            )
        )

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return clean_text(item.text(), multiline=False).strip() if item is not None else ""

    def apply(self, release: Release) -> Release:
        return replace(release, agenda=self.value())

    def show_release(self, release: Release) -> None:
        agenda = release.agenda or Agenda()
        if self.value() == agenda and self.table.rowCount():
            return
        self._loading = True
        try:
            today = release.date or date.today()
            self.first.set_date(agenda.first or today)
            self.last.set_date(agenda.last or today)
            self.table.setRowCount(0)
            for day in agenda.days:
                for entry in day.entries:
                    self._put_row(self.table.rowCount(), day.day, entry)
        finally:
            self._loading = False

    def focus_location(self, location: Location) -> bool:
        if location.field != "agenda":
            return False
        self.table.setFocus()
        return True


def _entry_order(entry: AgendaEntry) -> tuple[int, str]:
    return (entry.at.hour * 60 + entry.at.minute if entry.at else -1, entry.what)
