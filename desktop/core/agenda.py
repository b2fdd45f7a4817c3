"""An *agenda prévisionnel*: the minister's days (a week, or any range), each with its timed
entries: when, what, where, and how the press is received."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from desktop.core.event import PressAccess


@dataclass(frozen=True)
class AgendaEntry:
    at: time | None
    """When (none: a whole-day or untimed entry)."""
    what: str
    where: str = ""
    access: PressAccess = PressAccess.OPEN
    note: str = ""
    """More on the press arrangements (« accréditation avant mercredi 12 h »)."""


@dataclass(frozen=True)
class AgendaDay:
    day: date
    entries: tuple[AgendaEntry, ...] = ()


@dataclass(frozen=True)
class Agenda:
    days: tuple[AgendaDay, ...] = ()

    @property
    def first(self) -> date | None:
        return min((d.day for d in self.days), default=None)

    @property
    def last(self) -> date | None:
        return max((d.day for d in self.days), default=None)
