"""An agenda prévisionnel as every output shows it, after the body: one section per day (its
date as the heading), one list item per entry: when, what, where, how the press is received."""

from __future__ import annotations

from desktop.core.agenda import AgendaEntry
from desktop.core.event import ACCESS_NAMES
from desktop.core.model import BulletList, Paragraph, Release, Run
from desktop.core.typography import NBSP, long_date
from desktop.render.event_content import clock
from desktop.render.sections import KindSection

NOTHING = "Pas de rendez-vous public."


def entry_runs(entry: AgendaEntry) -> tuple[Run, ...]:
    """``10 h : Conseil des ministres — Palais de l’Élysée (Pool ; accréditation…)``"""
    runs = [Run(f"{clock(entry.at)}{NBSP}: ", bold=True)] if entry.at is not None else []
    runs.append(Run(entry.what))
    if entry.where.strip():
        runs.append(Run(f" – {entry.where}"))
    press = ACCESS_NAMES[entry.access]
    if entry.note.strip():
        press = f"{press}{NBSP}; {entry.note}"
    runs.append(Run(f" ({press})", italic=True))
    return tuple(runs)


def agenda_sections(release: Release) -> tuple[KindSection, ...]:
    if release.agenda is None:
        return ()
    sections = []
    for day in release.agenda.days:
        heading = long_date(day.day, weekday=True)
        heading = heading[:1].upper() + heading[1:]
        entries = [e for e in day.entries if e.what.strip()]
        block = (
            BulletList(tuple(entry_runs(e) for e in entries))
            if entries
            else Paragraph((Run(NOTHING, italic=True),))
        )
        sections.append(KindSection(heading, (block,)))
    return tuple(sections)
