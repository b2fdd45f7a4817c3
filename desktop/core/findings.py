"""One shape for a French message about a place: the draft reader's problems, the checks'
findings, the contact directory's refusals, all say a ``Finding``: a severity, a ``Location`` in
the draft (or what outside it the finding is about, such as the typeface) and a message.

Messages are written in lower case without a final full stop (« titre vide »), so that they fit
after a place (« erreur headline : titre vide ») and, through ``sentence``, stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.location import Location

TYPEFACE = "police"
"""What an environment finding about the typeface is about (said so by the command line)."""
WHOLE_DRAFT = "brouillon"
"""How the command line names the draft as a whole."""


class Severity(Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


def sentence(text: str) -> str:
    """A message as a sentence of its own: first letter capitalised, a final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


@dataclass(frozen=True)
class Finding:
    severity: Severity
    location: Location
    message: str
    about: str = ""
    """What outside the draft this is about (``TYPEFACE``); empty for a finding in the draft."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def in_draft(self) -> bool:
        return not self.about

    @property
    def field(self) -> str:
        """The place as written in messages: ``contacts[1].email``, or what it is about."""
        return self.about or str(self.location)

    @property
    def where(self) -> str:
        return self.field or WHOLE_DRAFT

    @property
    def placed(self) -> str:
        """« headline : titre vide », or the message alone for the whole draft."""
        return f"{self.field} : {self.message}" if self.field else self.message

    @property
    def sentence(self) -> str:
        return sentence(self.message)

    def __str__(self) -> str:
        return f"{self.severity.value} {self.where} : {self.message}"


def _location(where: str | Location) -> Location:
    return where if isinstance(where, Location) else Location.parse(where)


def error(where: str | Location, message: str) -> Finding:
    return Finding(Severity.ERROR, _location(where), message)


def warning(where: str | Location, message: str) -> Finding:
    return Finding(Severity.WARNING, _location(where), message)


def environment(severity: Severity, about: str, message: str) -> Finding:
    """A finding about what surrounds the draft (the typeface installed), not about the draft."""
    return Finding(severity, Location(), message, about=about)
