"""The press release as plain, immutable data.

A release is built from a draft file (``draft.py``) or from the form; both go through
``clean_text`` there, so the values held here are already safe for every renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

DEFAULT_KIND = "Communiqué de presse"
DEFAULT_PLACE = "Paris"
GOVERNMENT = "GOUVERNEMENT"


@dataclass(frozen=True)
class Run:
    """A stretch of body text with one look: plain, bold, italic, or a link."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]

    @property
    def text(self) -> str:
        return "\n".join("".join(run.text for run in item) for item in self.items)


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Contact:
    """A press contact: who, and how to reach them."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Numbering:
    """Which register gave ``Release.number``, so that issuing the draft again returns the same
    number, and a copy of a numbered draft can be told from the draft itself."""

    register: str
    """The register's identifier (a UUID kept in its database), not its path: the file may move."""
    entry: str
    """The identifier of the register's entry for this number."""
    series: str
    year: int
    """The year the number belongs to (the one ``{year}`` shows in the display format)."""
    label: str = ""
    """The number as printed when it was issued (``N°352``): a later change of the register's
    display format does not change it. Empty in drafts numbered before it was recorded."""


@dataclass(frozen=True)
class Release:
    """Everything a press release says, as the author wrote it (typography is applied later)."""

    header: tuple[str, ...] = (GOVERNMENT,)
    kind: str = DEFAULT_KIND
    headline: str = ""
    place: str = DEFAULT_PLACE
    date: date | None = None
    number: int | None = None
    embargo: datetime | None = None
    body: tuple[Block, ...] = ()
    contacts: tuple[Contact, ...] = ()
    ministries: tuple[str, ...] = ()
    numbering: Numbering | None = None
    """Set with ``number`` by the register (``core.register.issue_draft``); None for a number
    typed by hand or not yet given."""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    """Keys of the draft file this version does not know; kept so a save does not lose them."""


def plain_paragraph(text: str) -> Paragraph:
    return Paragraph((Run(text),))
