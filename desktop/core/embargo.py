"""Embargo times, always in Paris time, right across the changes to and from summer time.

On the last Sunday of March, 02:00 to 02:59 does not exist in Paris; on the last Sunday of
October, 02:00 to 02:59 happens twice. A draft's embargo written without an offset is Paris
wall-clock time: a time that does not exist is an error, one that exists twice is taken as the
first (summer time) and the checks say so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from desktop.core.typography import NBSP, long_date

PARIS = ZoneInfo("Europe/Paris")


class WallTime(Enum):
    NORMAL = "normal"
    MISSING = "missing"
    """Skipped by the change to summer time."""
    AMBIGUOUS = "ambiguous"
    """Repeated by the change to winter time."""


def wall_time(moment: datetime) -> WallTime:
    """How ``moment``'s Paris wall-clock reading fares on the day of a time change."""
    local = moment.astimezone(PARIS) if moment.tzinfo not in (None, PARIS) else moment
    naive = local.replace(tzinfo=None)
    first = naive.replace(tzinfo=PARIS, fold=0)
    second = naive.replace(tzinfo=PARIS, fold=1)
    if first.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None) != naive:
        return WallTime.MISSING
    if first.utcoffset() != second.utcoffset():
        return WallTime.AMBIGUOUS
    return WallTime.NORMAL


def in_paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS) if moment.tzinfo is not None else moment.replace(tzinfo=PARIS)


def clock_text(moment: datetime) -> str:
    """``10 h``, ``10 h 30``: the French way to write a time."""
    hours = f"{moment.hour}{NBSP}h"
    return hours if moment.minute == 0 else f"{hours}{NBSP}{moment.minute:02d}"


def embargo_line(moment: datetime | None) -> str:
    """``SOUS EMBARGO jusqu’au jeudi 5 novembre 2020 à 10 h`` (Paris time), or ``""``."""
    if moment is None:
        return ""
    local = in_paris(moment)
    return (
        f"SOUS EMBARGO jusqu’au {long_date(local.date(), weekday=True)} "
        f"à {clock_text(local)} (heure de Paris)"
    )


def is_past(moment: datetime, now: datetime | None = None) -> bool:
    return in_paris(moment) <= (now or datetime.now(UTC))
