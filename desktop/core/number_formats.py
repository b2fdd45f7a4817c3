"""The display formats a press office picks its numbers' form from, and the check of a format
typed in Python's syntax (the advanced option).

``check_display_format`` is the one place that says whether a format may be used: the register's
own rules (``register.check_format``: only ``{n}`` and ``{year}``, a short text, two numbers
never shown alike), then that every number is printed whole, in decimal digits (``{n:x}``,
``{n:e}``, ``{n:c}`` or ``N°1{n}`` would print another number than the one given).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.register import RegisterRefused, check_format, label_shows

SAMPLE_NUMBERS = (1, 7, 42, 352, 2026, 123_456, 999_999_999)
SAMPLE_YEARS = (2026, 2099)


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
    """The format, cleaned, or ``RegisterRefused`` saying in French what is wrong with it."""
    fmt = check_format(fmt)
    for year in SAMPLE_YEARS:
        for number in SAMPLE_NUMBERS:
            shown = fmt.format(n=number, year=year)
            if not label_shows(shown, number):
                raise RegisterRefused(
                    f"Format «\u00a0{fmt}\u00a0»\u00a0: le numéro {number} s’y afficherait "
                    f"«\u00a0{shown}\u00a0»\u202f; le numéro doit y figurer en entier, en "
                    "chiffres.")
    return fmt
