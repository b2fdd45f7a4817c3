"""An invitation's event (*invitation presse*, *avis aux rédactions*): what, when, where, the
programme, how the press is received, and whether it is cancelled.

Times are Paris wall-clock times, as typed (an hour that does not exist there, 02:30 on the
last Sunday of March, is kept for the checks to refuse). ``CalendarStamp`` is the draft's record
of the last calendar file (.ics) exported: its fingerprint and sequence, so that a changed
event is sent as an update (``SEQUENCE`` + 1) and an unchanged one is not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum


class PressAccess(StrEnum):
    """How the press is received at the event."""

    OPEN = "ouvert"
    POOL = "pool"
    IMAGES = "images"
    CLOSED = "ferme"


ACCESS_NAMES = {
    PressAccess.OPEN: "Ouvert à la presse",
    PressAccess.POOL: "Pool",
    PressAccess.IMAGES: "Images seulement",
    PressAccess.CLOSED: "Fermé à la presse",
}
"""Each arrangement as the form and the documents say it."""

ACCESS_DETAILS = {
    PressAccess.OPEN: "",
    PressAccess.POOL: "accès réservé à un pool de journalistes désigné par les rédactions",
    PressAccess.IMAGES: "tournage et photographies seulement, sans prise de parole",
    PressAccess.CLOSED: "",
}

PRESS_CARD = "Se munir de sa carte de presse."


@dataclass(frozen=True)
class Step:
    """One step of the programme: its time (none: untimed) and what happens."""

    at: time | None
    text: str


@dataclass(frozen=True)
class Event:
    """The event an invitation announces; its times are Paris wall-clock times."""

    title: str = ""
    """What the event is (« Visite du chantier de la cathédrale »); the headline when empty."""
    day: date | None = None
    start: time | None = None
    end: time | None = None
    press_arrival: time | None = None
    """When the press is expected (before the start, for the security checks)."""
    venue: str = ""
    """The place's name (« Musée des Confluences »)."""
    address: tuple[str, ...] = ()
    """The full address, line by line (street, postcode and town)."""
    programme: tuple[Step, ...] = ()
    access: PressAccess = PressAccess.OPEN
    accreditation: bool = False
    """Whether journalists must be accredited before coming."""
    accreditation_deadline: datetime | None = None
    """Before when (Paris wall-clock time)."""
    accreditation_contact: str = ""
    """With whom and how (« auprès du service de presse, presse@culture.gouv.fr »)."""
    press_card: bool = True
    """« Se munir de sa carte de presse. »"""
    cancelled: bool = False
    """*Événement annulé*: the documents say so and the .ics cancels it."""

    @property
    def starts(self) -> datetime | None:
        if self.day is None or self.start is None:
            return None
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime | None:
        if self.day is None or self.end is None:
            return None
        return datetime.combine(self.day, self.end)


@dataclass(frozen=True)
class CalendarStamp:
    """The last calendar file exported for this document, as its draft records it."""

    fingerprint: str
    """SHA-256 of what the calendar file said (``calendar_fingerprint``)."""
    sequence: int
    """Its ``SEQUENCE``: 0 the first time, one more at each change."""


def calendar_fingerprint(content: object) -> str:
    """A stable digest of what a calendar file says (any JSON-able value)."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_stamp(last: CalendarStamp | None, fingerprint: str) -> CalendarStamp:
    """The stamp of a calendar file saying ``fingerprint``: the same sequence as ``last`` when
    nothing changed, one more when something did, 0 the first time."""
    if last is None:
        return CalendarStamp(fingerprint, 0)
    if last.fingerprint == fingerprint:
        return last
    return CalendarStamp(fingerprint, last.sequence + 1)
