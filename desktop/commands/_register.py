"""What the register commands share: the exit code and the French line for a register error."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from desktop.commands import EXIT_INVALID, EXIT_IO

if TYPE_CHECKING:
    from desktop.core.model import Release


def fail(exc: Exception) -> int:
    """Print ``exc`` as an error line and return the exit code it calls for.

    A register that cannot be used (locked, damaged, read-only) or a draft that could not be
    written is 1; a request the register refuses is 2.
    """
    from desktop.core.database import RegisterRefused
    from desktop.core.register import NeedsNew

    message = str(exc)
    if isinstance(exc, NeedsNew):
        message += " Relancez avec --new pour lui attribuer un nouveau numéro du registre."
    print(f"erreur : {message}", file=sys.stderr)
    return EXIT_INVALID if isinstance(exc, RegisterRefused) else EXIT_IO


def printed_number(release: Release) -> str:
    """The draft's number as the outputs print it, for ``prepare``: the form the draft
    records, else the register's (its entry, or its series' display format), else the default;
    the register is opened only when it exists and the draft does not say."""
    from desktop.core import numbers, paths

    if release.number is None or numbers.recorded_label(release) is not None:
        return numbers.printed_number(release)
    if not paths.register_path().is_file():
        return numbers.printed_number(release)
    from desktop.core.register import number_label

    return number_label(release)
