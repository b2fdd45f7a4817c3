"""Dates and times as a French person types them: ``29/03/2026``, ``29 mars 2026``, ``10 h 30``.

The form's date fields are plain text fields read by these functions, so that typing a date
whole works, whatever its punctuation, and the field shows it back in full (``29 mars 2026``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time

from desktop.core.embargo import PARIS

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _plain(text: str) -> str:
    """Lower case without accents: « Février » and « fevrier » are the same month."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_MONTH_WORDS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _plain_name = _plain(_name)
    _MONTH_WORDS[_plain_name] = _number
    for _length in range(3, len(_plain_name)):
        # Abbreviations: janv, févr, sept, déc… (« ju » and « ma » are ambiguous: 3 letters).
        _MONTH_WORDS.setdefault(_plain_name[:_length], _number)
for _ambiguous in ("jui", "mar", "ma"):
    _MONTH_WORDS.pop(_ambiguous, None)
_MONTH_WORDS["mar"] = 3  # as French calendars abbreviate it
_WEEKDAYS = {_plain(day) for day in WEEKDAYS} | {_plain(day)[:3] for day in WEEKDAYS}

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*(?:er)?\.?\s+([a-z]+)\.?(?:\s+(\d{2}|\d{4}))?$")
_TIME = re.compile(r"^(\d{1,2})\s*(?:(?:h|:|\.)\s*(\d{2})?)?\s*(?:min)?$")


def _year(text: str | None, default: int) -> int:
    if text is None:
        return default
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def parse_date(text: str, *, default_year: int | None = None) -> date | None:
    """The date ``text`` names, or None. Accepted: ``29/03/2026``, ``29-3-26``, ``29.03.2026``,
    ``29 03 2026``, ``29032026``, ``2026-03-29``, ``29 mars 2026``, ``1er avril 2026``,
    ``dimanche 29 mars 2026``, ``29 mars`` and ``29/03`` (in ``default_year``)."""
    plain = " ".join(_plain(text).replace(",", " ").split())
    words = plain.split(" ")
    if words and words[0].rstrip(".") in _WEEKDAYS:
        plain = " ".join(words[1:])
    year_default = default_year if default_year is not None else date.today().year
    parts: tuple[int, int, int] | None = None
    if match := _ISO.match(plain):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _COMPACT.match(plain):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif match := _NUMERIC.match(plain):
        parts = (_year(match[3], year_default), int(match[2]), int(match[1]))
    elif (match := _WORDS.match(plain)) and match[2] in _MONTH_WORDS:
        parts = (_year(match[3], year_default), _MONTH_WORDS[match[2]], int(match[1]))
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def format_date(value: date) -> str:
    """``29 mars 2026``, ``1er avril 2026``: as the field shows a date."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def parse_time(text: str) -> time | None:
    """``10:30``, ``10 h 30``, ``10h30``, ``10 h``, ``10``: the time, or None."""
    match = _TIME.match(_plain(text).strip())
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def format_time(value: time) -> str:
    """``10:30``: as the field shows a time."""
    return f"{value.hour:02d}:{value.minute:02d}"


def format_moment(moment: datetime) -> str:
    """``3 novembre 2020 à 14 h 05`` (``1er avril 2021 à 9 h``) in Paris time: when something
    happened, as a message says it. A moment without a zone is taken as UTC (the register's)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(PARIS)
    day = "1er" if local.day == 1 else str(local.day)
    hour = f"{local.hour}\u00a0h" + (f"\u00a0{local.minute:02d}" if local.minute else "")
    return f"{day}\u00a0{MONTHS[local.month - 1]} {local.year} à {hour}"


def format_moment_text(text: str) -> str:
    """An ISO 8601 moment (``2020-11-03T13:05:00+00:00``, as stored) as ``format_moment`` says
    it; text that is not one is returned as it is."""
    try:
        return format_moment(datetime.fromisoformat(text))
    except ValueError:
        return text
