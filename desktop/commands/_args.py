"""Argument types the commands share: bounded numbers and trimmed names, each refused in French
(argparse then exits 2 with the message) rather than failing later in the register."""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_YEAR = 9999
MAX_ID = 2**63 - 1
"""The largest integer SQLite stores: a larger one names nothing."""


def bounded(low: int, high: int, what: str) -> Callable[[str], int]:
    """A parser for an integer between ``low`` and ``high``; ``what`` names it in French."""

    def parse(text: str) -> int:
        value: int | None
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            shown = text if len(text) <= 30 else text[:27] + "…"
            raise argparse.ArgumentTypeError(
                f"«\u00a0{shown}\u00a0»\u00a0: il faut un nombre entier de {low} à {high} ({what})"
            )
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


release_number = bounded(1, 999_999_999, "numéro")
"""A release number as the register takes it (``register set-next``, ``issue --start``)."""


def year(text: str) -> int:
    return bounded(1, MAX_YEAR, "année")(text)


def series_name(text: str) -> str:
    """A series' name as typed, without the spaces around it."""
    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("nom de série vide")
    return name
