"""Kept for the commands that still catch the register's errors themselves (``contacts``,
``dictionary``, ``lists``, ``mail``): they are to let them propagate to ``desktop.cli`` instead."""

from __future__ import annotations

from desktop.core.errors import CommuniqueError


def fail(exc: CommuniqueError) -> int:
    """Print ``exc`` as its « erreur : » line; the exit code it calls for."""
    from desktop.commands._errors import report

    return report(exc)
