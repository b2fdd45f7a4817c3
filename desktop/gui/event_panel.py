"""*Événement*: the form's panel of an invitation (``core/event.py``): what, when, where, the
programme (one step a line, « 10:30 Visite des salles »), how the press is received, the
accreditation, and *Événement annulé*. Every field is reached by Tab, in reading order."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.core.event import ACCESS_NAMES, Event, PressAccess, Step
from desktop.core.french_dates import format_time, parse_time
from desktop.core.location import Location
from desktop.core.model import Release
from desktop.core.text import clean_text
from desktop.gui.contrast import show_focus
from desktop.gui.date_fields import DateField, date_row
from desktop.gui.kind_panel import KindPanel

_STEP = re.compile(r"^\s*(\d{1,2}\s*(?:[:h.]\s*\d{0,2})?)\s*(?:[:–—-]\s*)?(.*)$")


def parse_programme(text: str) -> tuple[Step, ...]:
    """One step a line: « 10:30 Visite », « 10 h 30 : Visite », or words alone (untimed)."""
    steps = []
    for line in clean_text(text).split("\n"):
        if not line.strip():
            continue
        match = _STEP.match(line)
        at = parse_time(match.group(1)) if match else None
        steps.append(Step(at, match.group(2).strip() if match and at else line.strip()))
    return tuple(steps)


def programme_text(steps: tuple[Step, ...]) -> str:
    return "\n".join(
        f"{format_time(step.at)} {step.text}" if step.at else step.text for step in steps
    )


class ClockField(QLineEdit):
    """A time that may be left empty (``None``): « 10:30 », « 10 h 30 »."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(self.tr("hh:mm"))
        self.setToolTip(self.tr("L’heure de Paris («\u00a010:30\u00a0», «\u00a010 h 30\u00a0»)."))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 h") + 24)
        self.editingFinished.connect(self._tidy)

    def value(self) -> time | None:
        return parse_time(self.text()) if self.text().strip() else None

    def set_value(self, value: time | None) -> None:
        if self.value() != value or (value is None and self.text().strip()):
            self.setText(format_time(value) if value is not None else "")

    def _tidy(self) -> None:
        value = self.value()
        if value is not None:
            self.setText(format_time(value))


class EventPanel(KindPanel):
    """The event of an invitation, under *Communiqué*'s fields."""

    title = "Événement"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Événement")
        self._loading = False
        self.cancelled = QCheckBox(self.tr("Événement annulé"))
        self.event_title = QLineEdit()
        self.event_title.setPlaceholderText(self.tr("Par défaut, le titre du communiqué"))
        self.day = DateField()
        self.start = ClockField()
        self.end = ClockField()
        self.press_arrival = ClockField()
        self.venue = QLineEdit()
        self.address = QPlainTextEdit()
        self.programme = QPlainTextEdit()
        for edit, lines in ((self.address, 2), (self.programme, 4)):
            edit.setTabChangesFocus(True)
            edit.setUndoRedoEnabled(False)
            show_focus(edit)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.programme.setPlaceholderText(self.tr("Une étape par ligne\u00a0: 10:30 Visite"))
        self.access = QComboBox()
        for access in PressAccess:
            self.access.addItem(self.tr(ACCESS_NAMES[access]), str(access))
        self.accreditation = QCheckBox(self.tr("Accréditation obligatoire"))
        self.deadline_day = DateField()
        self.deadline_time = ClockField()
        self.deadline_row = date_row(self.deadline_day, self.deadline_time)
        self.accreditation_contact = QLineEdit()
        self.accreditation_contact.setPlaceholderText(
            self.tr("Auprès de qui et comment (adresse e-mail…)")
        )
        self.press_card = QCheckBox(self.tr("Se munir de sa carte de presse"))

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.cancelled)
        form.addRow(self.tr("Titre\u00a0:"), self.event_title)
        form.addRow(self.tr("Date\u00a0:"), date_row(self.day))
        form.addRow(self.tr("Début\u00a0:"), self.start)
        form.addRow(self.tr("Fin\u00a0:"), self.end)
        form.addRow(self.tr("Arrivée de la presse\u00a0:"), self.press_arrival)
        form.addRow(self.tr("Lieu\u00a0:"), self.venue)
        form.addRow(self.tr("Adresse\u00a0:"), self.address)
        form.addRow(self.tr("Programme\u00a0:"), self.programme)
        form.addRow(self.tr("Presse\u00a0:"), self.access)
        form.addRow(self.accreditation)
        form.addRow(self.tr("Avant le\u00a0:"), self.deadline_row)
        form.addRow(self.tr("Auprès de\u00a0:"), self.accreditation_contact)
        form.addRow(self.press_card)
        for name, widget in (
            (self.tr("Titre de l’événement"), self.event_title),
            (self.tr("Date de l’événement"), self.day),
            (self.tr("Heure de début"), self.start),
            (self.tr("Heure de fin"), self.end),
            (self.tr("Arrivée de la presse"), self.press_arrival),
            (self.tr("Lieu de l’événement"), self.venue),
            (self.tr("Adresse du lieu"), self.address),
            (self.tr("Programme"), self.programme),
            (self.tr("Modalités pour la presse"), self.access),
            (self.tr("Date limite d’accréditation"), self.deadline_day),
            (self.tr("Heure limite d’accréditation"), self.deadline_time),
            (self.tr("Accréditation auprès de"), self.accreditation_contact),
        ):
            widget.setAccessibleName(name)
        self._connect()

    def _connect(self) -> None:
        for field, check in (
            ("event.cancelled", self.cancelled),
            ("event.accreditation", self.accreditation),
            ("event.press_card", self.press_card),
        ):
            check.toggled.connect(lambda _on, f=field: self._changed(f))
        self.accreditation.toggled.connect(self._show_accreditation)
        for field, line in (
            ("event.title", self.event_title),
            ("event.start", self.start),
            ("event.end", self.end),
            ("event.press_arrival", self.press_arrival),
            ("event.venue", self.venue),
            ("event.accreditation_deadline", self.deadline_time),
            ("event.accreditation_contact", self.accreditation_contact),
        ):
            line.textChanged.connect(lambda _t, f=field: self._changed(f))
        self.day.date_changed.connect(lambda _d: self._changed("event.day"))
        self.deadline_day.date_changed.connect(
            lambda _d: self._changed("event.accreditation_deadline")
        )
        self.address.textChanged.connect(lambda: self._changed("event.address"))
        self.programme.textChanged.connect(lambda: self._changed("event.programme"))
        self.access.currentIndexChanged.connect(lambda _i: self._changed("event.access"))

    def _changed(self, field: str) -> None:
        if not self._loading:
            self.edited.emit(field)

    def _show_accreditation(self, on: bool) -> None:
        self.deadline_row.setEnabled(on)
        self.accreditation_contact.setEnabled(on)

    def value(self) -> Event:
        access = str(self.access.currentData())
        deadline: datetime | None = None
        if self.accreditation.isChecked():
            deadline = datetime.combine(
                self.deadline_day.date(), self.deadline_time.value() or time(18)
            )
        return Event(
            title=clean_text(self.event_title.text(), multiline=False).strip(),
            day=self.day.date(),
            start=self.start.value(),
            end=self.end.value(),
            press_arrival=self.press_arrival.value(),
            venue=clean_text(self.venue.text(), multiline=False).strip(),
            address=tuple(
                line.strip()
                for line in clean_text(self.address.toPlainText()).split("\n")
                if line.strip()
            ),
            programme=parse_programme(self.programme.toPlainText()),
            access=PressAccess(access) if access in set(PressAccess) else PressAccess.OPEN,
            accreditation=self.accreditation.isChecked(),
            accreditation_deadline=deadline,
            accreditation_contact=clean_text(
                self.accreditation_contact.text(), multiline=False
            ).strip(),
            press_card=self.press_card.isChecked(),
            cancelled=self.cancelled.isChecked(),
        )

    def apply(self, release: Release) -> Release:
        return replace(release, event=self.value())

    def show_release(self, release: Release) -> None:
        event = release.event or Event(day=(release.date or date.today()) + timedelta(days=7))
        self._loading = True
        try:
            self.cancelled.setChecked(event.cancelled)
            _set_line(self.event_title, event.title)
            self.day.set_date(event.day or release.date or date.today())
            self.start.set_value(event.start)
            self.end.set_value(event.end)
            self.press_arrival.set_value(event.press_arrival)
            _set_line(self.venue, event.venue)
            _set_plain(
                self.address,
                "\n".join(event.address),
                parse=lambda t: (
                    tuple(line.strip() for line in t.split("\n") if line.strip()) == event.address
                ),
            )
            _set_plain(
                self.programme,
                programme_text(event.programme),
                parse=lambda t: parse_programme(t) == event.programme,
            )
            self.access.setCurrentIndex(self.access.findData(str(event.access)))
            self.accreditation.setChecked(event.accreditation)
            self._show_accreditation(event.accreditation)
            deadline = event.accreditation_deadline
            if deadline is not None:
                self.deadline_day.set_date(deadline.date())
                self.deadline_time.set_value(deadline.time())
            elif event.day is not None:
                self.deadline_day.set_date(event.day - timedelta(days=2))
                self.deadline_time.set_value(time(18))
            _set_line(self.accreditation_contact, event.accreditation_contact)
            self.press_card.setChecked(event.press_card)
        finally:
            self._loading = False

    def focus_location(self, location: Location) -> bool:
        if location.field != "event":
            return False
        widgets: dict[str | None, QWidget] = {
            None: self.day,
            "title": self.event_title,
            "day": self.day,
            "start": self.start,
            "end": self.end,
            "press_arrival": self.press_arrival,
            "venue": self.venue,
            "address": self.address,
            "programme": self.programme,
            "access": self.access,
            "accreditation": self.accreditation,
            "accreditation_deadline": self.deadline_day,
            "accreditation_contact": self.accreditation_contact,
            "press_card": self.press_card,
            "cancelled": self.cancelled,
        }
        path = location.path
        key = path[1] if len(path) > 1 and isinstance(path[1], str) else None
        widget = widgets.get(key, self.day)
        widget.setFocus()
        return True


def _set_line(edit: QLineEdit, text: str) -> None:
    if edit.text().strip() != text:
        edit.setText(text)


def _set_plain(edit: QPlainTextEdit, text: str, *, parse: object) -> None:
    """Show ``text`` unless the field already says the same (its cursor then stays)."""
    if not callable(parse) or not parse(edit.toPlainText()):
        edit.setPlainText(text)
