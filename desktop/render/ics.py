"""The calendar file (.ics, RFC 5545) of an invitation or an agenda, with ``icalendar``: times
in ``TZID=Europe/Paris`` with the zone's ``VTIMEZONE``, a UID per event that every export
keeps, and a ``SEQUENCE`` one more at each change (``render/calendar_content.py``). A cancelled
event is ``METHOD:CANCEL`` and ``STATUS:CANCELLED``; anything else ``METHOD:PUBLISH``, which a
calendar adds, or updates when it holds the UID with a lower sequence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop import __version__
from desktop.render.content import PreparedRelease

PRODUCT = f"-//Communiqué//Communiqué {__version__}//FR"


def render_ics(prepared: PreparedRelease, *, created: datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    calendar = prepared.calendar
    if calendar is None:  # the format registry offers it only to a document that has one
        raise ValueError(f"no calendar file for this document: {prepared.document}")
    stamp = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    ical = Calendar()
    ical.add("prodid", PRODUCT)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "CANCEL" if calendar.cancelled else "PUBLISH")
    ical.add("x-wr-calname", prepared.title)
    days: list[date] = []
    draft = bool(prepared.draft_mark)
    for item in calendar.events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", calendar.sequence)
        # Not approved: the file says so wherever a calendar shows the event (no page to mark).
        event.add("summary", f"{prepared.draft_mark} – {item.summary}" if draft else item.summary)
        event.add("dtstart", item.start)
        if item.end is not None:
            event.add("dtend", item.end)
        elif not isinstance(item.start, datetime):
            event.add("dtend", item.start + timedelta(days=1))
        if item.location:
            event.add("location", item.location)
        event.add(
            "description",
            f"{prepared.draft_notice}\n\n{item.description}" if draft else item.description,
        )
        status = "TENTATIVE" if draft else "CONFIRMED"
        event.add("status", "CANCELLED" if item.cancelled else status)
        event.add("transp", "OPAQUE")
        ical.add_component(event)
        days.append(item.start.date() if isinstance(item.start, datetime) else item.start)
    # The zone's rules from a year before the first event to a year after the last one.
    ical.add_missing_timezones(
        first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
    )
    for zone in ical.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)  # icalendar's note, in English, on the range it covers
    return bytes(ical.to_ical())
