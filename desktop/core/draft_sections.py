"""A kind's section of the draft file: the key it owns, the ``Release`` field it fills, and how
it is read and written. Each kind's details are (de)serialised in a module of their own
(``event_draft.py``, ``agenda_draft.py``…), which ``core/draft.py`` lists in ``SECTIONS``.

A section's reader is given the draft reader's checks (``FieldReader``) so that its problems
are reported like any other, each with its place (``event.start : …``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from desktop.core.model import Block, Contact


class FieldReader(Protocol):
    """What ``core/draft.py``'s reader lends a section: its checks, each reporting its problem
    at ``where`` and returning a harmless value."""

    def fail(self, location: str, message: str) -> None: ...

    def string(self, value: object, where: str, *, multiline: bool = False) -> str: ...

    def lines(self, value: object, where: str) -> tuple[str, ...]: ...

    def date(self, value: object, where: str) -> date | None: ...

    def wall_clock(self, value: object, where: str) -> datetime | None: ...

    def clock(self, value: object, where: str) -> time | None: ...

    def items(self, value: object, where: str, shape: str) -> list[object]: ...

    def contacts(self, value: object, where: str) -> tuple[Contact, ...]: ...

    def flag(self, value: object, where: str) -> bool: ...

    def keys(self, value: object, where: str, known: frozenset[str], shape: str) -> bool: ...

    def body(self, value: object, where: str) -> tuple[Block, ...]: ...


@dataclass(frozen=True)
class Section:
    key: str
    """The draft's top-level key (``"event"``)."""
    field: str
    """The ``Release`` field it fills (``"event"``)."""
    read: Callable[[FieldReader, object, str], Any]
    """Reads the key's value (never None: an absent key leaves the field None)."""
    write: Callable[[Any], object]
    """The field's value (never None) as JSON."""
    bookkeeping: bool = False
    """What the file says about the document rather than what it says (like the number
    stamp): left out of what an approval vouches for."""
