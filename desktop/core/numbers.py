"""A release's number as printed (``N°352``, ``CP n° 2026-007``): pure rules, no register.

The register decides a number's printed form when it issues it and records it (in its entry and
in the draft's ``numbering.label``); ``register.number_label`` looks it up. Everything that only
prints a number (``render.content.prepare``) uses what is here and never opens a database.
"""

from __future__ import annotations

import re

from desktop.core.model import Numbering, Release

DEFAULT_FORMAT = "N°{n}"
"""The seed's form, and every series' until the office chooses another."""

IMPORTED_REGISTER = "00000000-0000-0000-0000-000000000000"
"""The register a number of an imported release comes from: none of the office's (the old
tool's), so no register takes it for one of its own entries; its printed form is kept."""
IMPORTED_SERIES = "import"

_DIGIT_RUN = re.compile(r"\d+(?:[ ,._'\u00a0\u202f]\d{3}(?!\d))*")


def format_label(fmt: str, number: int, year: int) -> str:
    """``number`` shown in the display format ``fmt`` (``N°{n}`` if ``fmt`` cannot show it)."""
    try:
        return fmt.format(n=number, year=year)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
        return DEFAULT_FORMAT.format(n=number, year=year)


def release_year(release: Release) -> int:
    """The year ``{year}`` shows: the one the number was given in, else the release's date.

    A number given as ``2026-012`` stays so if the date is later changed to January.
    """
    if release.numbering is not None:
        return release.numbering.year
    return release.date.year if release.date else 0


def label_shows(label: str, number: int) -> bool:
    """True when ``label`` shows ``number`` (``N°352``, ``CP n° 2026-007``, ``N° 1 234``): a
    label kept in a draft whose number was then edited by hand is not printed."""
    runs = _DIGIT_RUN.findall(label)
    return any(int(re.sub(r"\D", "", run)) == number for run in runs)


def recorded_label(release: Release) -> str | None:
    """The printed form the draft itself records, when it still shows the draft's number."""
    stamp = release.numbering
    if (
        release.number is not None
        and stamp is not None
        and stamp.label
        and label_shows(stamp.label, release.number)
    ):
        return stamp.label
    return None


def printed_number(release: Release) -> str:
    """The number as printed without asking the register: the recorded form, else the default
    one; empty without a number."""
    if release.number is None:
        return ""
    recorded = recorded_label(release)
    if recorded is not None:
        return recorded
    return format_label(DEFAULT_FORMAT, release.number, release_year(release))


def imported_numbering(label: str, year: int) -> Numbering:
    """The stamp of an imported release's number: its printed form kept as the old tool
    printed it (« CP n° 2023-141 »), from no register of the office's."""
    return Numbering(IMPORTED_REGISTER, IMPORTED_REGISTER, IMPORTED_SERIES, year or 1, label)


def is_imported(numbering: Numbering | None) -> bool:
    """True for the stamp of a number read from an imported release."""
    return numbering is not None and numbering.register == IMPORTED_REGISTER
