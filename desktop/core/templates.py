"""New documents, one template per kind (*Fichier › Nouveau*): the kind, its printed line, the
date of the day, and the kind's details ready to fill in (``DETAILS``, one entry per kind that
has details of its own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

from desktop.core.agenda import Agenda, AgendaDay
from desktop.core.event import Event, Step
from desktop.core.kinds import DocumentKind, default_line
from desktop.core.model import Release


def _invitation(today: date) -> dict[str, Any]:
    """An event a week ahead, 10 h to 11 h 30, the press at 9 h 30, open to the press."""
    return {
        "event": Event(
            day=today + timedelta(days=7),
            start=time(10),
            end=time(11, 30),
            press_arrival=time(9, 30),
            programme=(Step(time(10), ""), Step(time(11), "")),
        )
    }


def _agenda(today: date) -> dict[str, Any]:
    """Next week, Monday to Friday, each day without entries yet."""
    monday = today + timedelta(days=7 - today.weekday())
    return {"agenda": Agenda(tuple(AgendaDay(monday + timedelta(days=n)) for n in range(5)))}


DETAILS: dict[DocumentKind, Callable[[date], dict[str, Any]]] = {
    DocumentKind.INVITATION: _invitation,
    DocumentKind.AGENDA: _agenda,
}
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
