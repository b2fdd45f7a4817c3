"""The display formats a press office picks its numbers' form from, and the check of a format
typed in Python's syntax (the advanced option).

``check_display_format`` says whether a format may be used, by the register's own rule
(``register.check_format``: only ``{n}`` and ``{year}``, a short text, every number printed whole
in decimal digits, two numbers never shown alike: ``{n:x}``, ``{n:e}``, ``{n:c}`` or ``N°1{n}``
are refused).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store.register import check_format


@dataclass(frozen=True)
class FormatExample:
    format: str
    note: str = ""
    """What the example alone does not show (``sur trois chiffres : 007``)."""

    def shown(self, number: int, year: int) -> str:
        return self.format.format(n=number, year=year)


EXAMPLES = (
    FormatExample("N°{n}"),
    FormatExample("N° {n}"),
    FormatExample("CP n° {n}"),
    FormatExample("CP n° {year}-{n}"),
    FormatExample("CP n° {year}-{n:03d}", "sur trois chiffres au moins\u00a0: 007"),
    FormatExample("{year}/{n}"),
    FormatExample("{n}/{year}"),
)
"""The forms offered in the app, the seed's first."""


def check_display_format(fmt: str) -> str:
    """The format, cleaned, or ``RegisterRefused`` saying in French what is wrong with it: the
    register's one rule (``register.check_format``), so the app and the command line agree."""
    return check_format(fmt)
