"""New documents, one template per kind (*Fichier › Nouveau*): the kind, its printed line, the
date of the day, and the kind's details ready to fill in (``DETAILS``, one entry per kind that
has details of its own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.core.kinds import DocumentKind, default_line
from desktop.core.model import Release

DETAILS: dict[DocumentKind, Callable[[date], dict[str, Any]]] = {}
"""For a kind with details of its own: the ``Release`` fields of a new document of that kind,
made on the given day."""


def new_document(
    kind: DocumentKind = DocumentKind.COMMUNIQUE, today: date | None = None
) -> Release:
    """A new document of ``kind``, dated ``today`` (documents go out the day they are written)."""
    day = today or date.today()
    details = DETAILS.get(kind)
    return Release(
        document=kind,
        kind=default_line(kind),
        date=day,
        **(details(day) if details else {}),
    )
