"""What the register commands share: the exit code and the French line for a register error."""

from __future__ import annotations

import sys

from desktop.commands import EXIT_INVALID, EXIT_IO


def fail(exc: Exception) -> int:
    """Print ``exc`` as an error line and return the exit code it calls for.

    A register that cannot be used (locked, damaged, read-only) or a draft that could not be
    written is 1; a request the register refuses is 2.
    """
    from desktop.store.database import RegisterRefused
    from desktop.store.register import NeedsNew

    message = str(exc)
    if isinstance(exc, NeedsNew):
        message += " Relancez avec --new pour lui attribuer un nouveau numéro du registre."
    print(f"erreur : {message}", file=sys.stderr)
    return EXIT_INVALID if isinstance(exc, RegisterRefused) else EXIT_IO
