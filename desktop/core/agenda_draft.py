"""An agenda in the draft file (key ``agenda``): ``{"days": [{"day": "2026-03-23", "entries":
[{"at": "09:30", "what": …, "where": …, "access": "ouvert", "note": …}]}]}``."""

from __future__ import annotations

from typing import Any

from desktop.core.agenda import Agenda, AgendaDay, AgendaEntry
from desktop.core.draft_sections import FieldReader, Section
from desktop.core.event import PressAccess
from desktop.core.event_draft import clock_json, read_access

AGENDA_KEYS = frozenset({"days"})
DAY_KEYS = frozenset({"day", "entries"})
ENTRY_KEYS = frozenset({"at", "what", "where", "access", "note"})


def read_agenda(reader: FieldReader, value: object, where: str) -> Agenda | None:
    if not reader.keys(value, where, AGENDA_KEYS, 'agenda { "days": […] }'):
        return None
    assert isinstance(value, dict)
    days: list[AgendaDay] = []
    for i, item in enumerate(reader.items(value.get("days", []), f"{where}.days", "de jours")):
        at = f"{where}.days[{i}]"
        if not reader.keys(item, at, DAY_KEYS, 'jour { "day": …, "entries": […] }'):
            continue
        assert isinstance(item, dict)
        day = reader.date(item.get("day"), f"{at}.day")
        if day is None:
            if item.get("day") in (None, ""):
                reader.fail(f"{at}.day", "date du jour attendue (AAAA-MM-JJ).")
            continue
        entries = [
            entry
            for j, raw in enumerate(
                reader.items(item.get("entries", []), f"{at}.entries", "de rendez-vous")
            )
            if (entry := _entry(reader, raw, f"{at}.entries[{j}]")) is not None
        ]
        days.append(AgendaDay(day, tuple(entries)))
    return Agenda(tuple(days))


def _entry(reader: FieldReader, value: object, where: str) -> AgendaEntry | None:
    if not reader.keys(value, where, ENTRY_KEYS, 'rendez-vous { "at": …, "what": … }'):
        return None
    assert isinstance(value, dict)
    return AgendaEntry(
        at=reader.clock(value.get("at"), f"{where}.at"),
        what=reader.string(value.get("what", ""), f"{where}.what"),
        where=reader.string(value.get("where", ""), f"{where}.where"),
        access=read_access(reader, value.get("access", str(PressAccess.OPEN)), f"{where}.access"),
        note=reader.string(value.get("note", ""), f"{where}.note"),
    )


def write_agenda(agenda: Agenda) -> dict[str, Any]:
    return {
        "days": [
            {
                "day": day.day.isoformat(),
                "entries": [
                    {
                        "at": clock_json(entry.at),
                        "what": entry.what,
                        "where": entry.where,
                        "access": str(entry.access),
                        "note": entry.note,
                    }
                    for entry in day.entries
                ],
            }
            for day in agenda.days
        ]
    }


AGENDA = Section("agenda", "agenda", read_agenda, write_agenda)
