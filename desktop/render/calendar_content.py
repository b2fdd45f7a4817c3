"""What a document's calendar file (.ics) says, prepared once (pure): an invitation's event, or
an agenda's entries, each with its UID, its times in Paris, its place and a description in plain
French; its ``SEQUENCE`` follows the draft's record of the last file exported
(``core.event.next_stamp``): the same while nothing changes, one more when something does.

The UIDs derive from the release's identity, so that every export of the same document names
the same events and a calendar updates them instead of adding new ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from desktop.core.embargo import PARIS
from desktop.core.event import (
    ACCESS_NAMES,
    PRESS_CARD,
    CalendarStamp,
    calendar_fingerprint,
    next_stamp,
)
from desktop.core.kinds import DocumentKind
from desktop.core.model import Release
from desktop.core.typography import french
from desktop.render.agenda_content import NOTHING
from desktop.render.event_content import access_line, clock, deadline_text, when_line

UID_DOMAIN = "communique.gouv.fr"
CANCELLED_PREFIX = "Annulé\u00a0: "


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime | date
    """Aware (Paris) for a timed event; a day for an untimed agenda entry."""
    end: datetime | date | None
    location: str
    description: str
    cancelled: bool = False


@dataclass(frozen=True)
class PreparedCalendar:
    events: tuple[CalendarEvent, ...]
    stamp: CalendarStamp
    """The fingerprint of what it says and its ``SEQUENCE``: what the draft records once the
    file is exported."""
    cancelled: bool = False
    """``METHOD:CANCEL``: the invitation's event is cancelled."""

    @property
    def sequence(self) -> int:
        return self.stamp.sequence


def _uid(release: Release, suffix: str = "") -> str:
    """From the release's identity; a release without one yet (an e-mail test of a draft never
    submitted) gets a UID of its own from its headline and dates, never one it would share
    with another document."""
    identity = release.identity
    if identity is None:
        said = (release.header, release.headline, release.date, release.document)
        identity = "sans-identite-" + calendar_fingerprint(said)[:20]
    return f"{identity}{suffix}@{UID_DOMAIN}"


def _paris(day: date, at: object) -> datetime:
    return datetime.combine(day, at, tzinfo=PARIS)  # type: ignore[arg-type]


def _invitation_events(release: Release) -> tuple[CalendarEvent, ...]:
    event = release.event
    if event is None or event.day is None or event.start is None:
        return ()
    title = french((event.title or release.headline).strip())
    lines = [when_line(event)]
    if event.press_arrival is not None:
        lines.append(f"Accueil de la presse à partir de {clock(event.press_arrival)}.")
    lines += [f"{clock(s.at)} : {s.text}" if s.at else s.text for s in event.programme if s.text]
    lines.append(access_line(event.access) + ".")
    if event.accreditation:
        text = "Accréditation obligatoire"
        if event.accreditation_deadline is not None:
            text += f" avant le {deadline_text(event.accreditation_deadline)}"
        contact = event.accreditation_contact.strip()
        lines.append(f"{text}{f', {contact}' if contact else ''}.")
    if event.press_card:
        lines.append(PRESS_CARD)
    lines += [
        c.name + " : " + " – ".join(w for w in (c.phone, c.email) if w) for c in release.contacts
    ]
    return (
        CalendarEvent(
            uid=_uid(release),
            summary=(CANCELLED_PREFIX if event.cancelled else "") + title,
            start=_paris(event.day, event.start),
            end=_paris(event.day, event.end) if event.end is not None else None,
            location=french(
                ", ".join(p.strip() for p in (event.venue, *event.address) if p.strip())
            ),
            description=french("\n".join(line for line in lines if line.strip())),
            cancelled=event.cancelled,
        ),
    )


def _agenda_events(release: Release) -> tuple[CalendarEvent, ...]:
    if release.agenda is None:
        return ()
    events = []
    for day in release.agenda.days:
        for j, entry in enumerate(day.entries):
            if not entry.what.strip() or entry.what.strip() == NOTHING:
                continue
            press = ACCESS_NAMES[entry.access] + (f" ; {entry.note}" if entry.note.strip() else "")
            events.append(
                CalendarEvent(
                    uid=_uid(release, f"-{day.day:%Y%m%d}-{j + 1}"),
                    summary=french(entry.what.strip()),
                    start=_paris(day.day, entry.at) if entry.at is not None else day.day,
                    end=None,
                    location=french(entry.where.strip()),
                    description=french(f"Presse : {press}."),
                )
            )
    return tuple(events)


def prepare_calendar(release: Release) -> PreparedCalendar | None:
    """The calendar file of an invitation or an agenda; None for the other kinds, or when
    there is nothing to put in a calendar yet (an event without its day and start)."""
    if release.document is DocumentKind.INVITATION:
        events = _invitation_events(release)
    elif release.document is DocumentKind.AGENDA:
        events = _agenda_events(release)
    else:
        return None
    if not events:
        return None
    cancelled = release.document is DocumentKind.INVITATION and all(e.cancelled for e in events)
    said = [{**asdict(e), "uid": e.uid.split("@")[0]} for e in events]
    stamp = next_stamp(release.calendar, calendar_fingerprint({"events": said}))
    return PreparedCalendar(events, stamp, cancelled)
