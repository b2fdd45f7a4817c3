"""An invitation's event in the draft file (key ``event``), and the record of the last calendar
file exported (key ``calendar``, bookkeeping).

``event``: ``{"title", "day", "start", "end", "press_arrival", "venue", "address",
"programme": [{"at", "text"}], "access", "accreditation", "accreditation_deadline",
"accreditation_contact", "press_card", "cancelled"}``; days ISO (``2026-03-29``), times
``HH:MM``, the deadline ``2026-03-27T18:00``, all Paris wall-clock time.
``calendar``: ``{"fingerprint", "sequence"}``.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.draft_sections import FieldReader, Section
from desktop.core.event import CalendarStamp, Event, PressAccess, Step

EVENT_KEYS = frozenset(
    {
        "title",
        "day",
        "start",
        "end",
        "press_arrival",
        "venue",
        "address",
        "programme",
        "access",
        "accreditation",
        "accreditation_deadline",
        "accreditation_contact",
        "press_card",
        "cancelled",
    }
)
STEP_KEYS = frozenset({"at", "text"})
CALENDAR_KEYS = frozenset({"fingerprint", "sequence"})
_SHA256 = re.compile(r"[0-9a-f]{64}")


def read_access(reader: FieldReader, value: object, where: str) -> PressAccess:
    try:
        return PressAccess(value) if isinstance(value, str) else PressAccess("")
    except ValueError:
        names = ", ".join(str(a) for a in PressAccess)
        reader.fail(where, f"modalité d’accueil de la presse attendue parmi\u00a0: {names}.")
        return PressAccess.OPEN


def read_event(reader: FieldReader, value: object, where: str) -> Event | None:
    if not reader.keys(value, where, EVENT_KEYS, 'événement { "title": …, "day": … }'):
        return None
    assert isinstance(value, dict)
    steps: list[Step] = []
    for i, item in enumerate(
        reader.items(value.get("programme", []), f"{where}.programme", "d’étapes")
    ):
        at = f"{where}.programme[{i}]"
        if reader.keys(item, at, STEP_KEYS, 'étape { "at": …, "text": … }'):
            assert isinstance(item, dict)
            steps.append(
                Step(
                    reader.clock(item.get("at"), f"{at}.at"),
                    reader.string(item.get("text", ""), f"{at}.text"),
                )
            )
    return Event(
        title=reader.string(value.get("title", ""), f"{where}.title"),
        day=reader.date(value.get("day"), f"{where}.day"),
        start=reader.clock(value.get("start"), f"{where}.start"),
        end=reader.clock(value.get("end"), f"{where}.end"),
        press_arrival=reader.clock(value.get("press_arrival"), f"{where}.press_arrival"),
        venue=reader.string(value.get("venue", ""), f"{where}.venue"),
        address=reader.lines(value.get("address", []), f"{where}.address"),
        programme=tuple(steps),
        access=read_access(reader, value.get("access", str(PressAccess.OPEN)), f"{where}.access"),
        accreditation=reader.flag(value.get("accreditation", False), f"{where}.accreditation"),
        accreditation_deadline=reader.wall_clock(
            value.get("accreditation_deadline"), f"{where}.accreditation_deadline"
        ),
        accreditation_contact=reader.string(
            value.get("accreditation_contact", ""), f"{where}.accreditation_contact"
        ),
        press_card=reader.flag(value.get("press_card", True), f"{where}.press_card"),
        cancelled=reader.flag(value.get("cancelled", False), f"{where}.cancelled"),
    )


def clock_json(at: object) -> str | None:
    return at.strftime("%H:%M") if at is not None else None  # type: ignore[attr-defined]


def write_event(event: Event) -> dict[str, Any]:
    deadline = event.accreditation_deadline
    return {
        "title": event.title,
        "day": event.day.isoformat() if event.day else None,
        "start": clock_json(event.start),
        "end": clock_json(event.end),
        "press_arrival": clock_json(event.press_arrival),
        "venue": event.venue,
        "address": list(event.address),
        "programme": [{"at": clock_json(step.at), "text": step.text} for step in event.programme],
        "access": str(event.access),
        "accreditation": event.accreditation,
        "accreditation_deadline": deadline.isoformat(timespec="minutes") if deadline else None,
        "accreditation_contact": event.accreditation_contact,
        "press_card": event.press_card,
        "cancelled": event.cancelled,
    }


def read_calendar(reader: FieldReader, value: object, where: str) -> CalendarStamp | None:
    if not reader.keys(value, where, CALENDAR_KEYS, 'objet { "fingerprint": …, "sequence": … }'):
        return None
    assert isinstance(value, dict)
    fingerprint, sequence = value.get("fingerprint"), value.get("sequence")
    ok = True
    if not isinstance(fingerprint, str) or not _SHA256.fullmatch(fingerprint):
        reader.fail(
            f"{where}.fingerprint", "empreinte SHA-256 attendue (64 chiffres hexadécimaux)."
        )
        ok = False
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 0 <= sequence < 2**31:
        reader.fail(f"{where}.sequence", "numéro de séquence attendu (entier positif ou nul).")
        ok = False
    if not ok:
        return None
    assert isinstance(fingerprint, str) and isinstance(sequence, int)
    return CalendarStamp(fingerprint, sequence)


def write_calendar(stamp: CalendarStamp) -> dict[str, Any]:
    return {"fingerprint": stamp.fingerprint, "sequence": stamp.sequence}


EVENT = Section("event", "event", read_event, write_event)
CALENDAR = Section("calendar", "calendar", read_calendar, write_calendar, bookkeeping=True)
