"""The press release as plain, immutable data.

A release is built from a draft file (``draft.py``) or from the form; both go through
``clean_text`` there, so the values held here are already safe for every renderer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from desktop.core.agenda import Agenda
from desktop.core.blocks import (
    HEADING_LEVELS,
    PASSAGE_LANGUAGES,
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Picture,
    Run,
    Table,
    block_runs,
    language_tag,
    passage_label,
    table_cells,
)
from desktop.core.event import CalendarStamp, Event
from desktop.core.kinds import DocumentKind
from desktop.core.press_kit import PressKit
from desktop.core.speech import Speech

DEFAULT_KIND = "Communiqué de presse"
DEFAULT_PLACE = "Paris"
GOVERNMENT = "GOUVERNEMENT"

# The body's blocks live in ``blocks`` and are named from here too.
__all__ = [
    "HEADING_LEVELS",
    "PASSAGE_LANGUAGES",
    "Block",
    "BulletList",
    "Figure",
    "Heading",
    "Paragraph",
    "Picture",
    "Run",
    "Table",
    "block_runs",
    "language_tag",
    "passage_label",
    "table_cells",
]


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
class Replacement:
    """What a *rectificatif* cancels and replaces: a numbered release of a register (written by
    ``correct``). The register records the link when the rectificatif is numbered."""

    register: str
    """The register's identifier (a UUID), as in ``Numbering.register``."""
    entry: str
    """The identifier of the register's entry of the release replaced."""
    label: str = ""
    """Its number as printed (``N°350``)."""
    date: date | None = None
    """Its date, when it had one (the line « … du 3 novembre 2020 » says it)."""


@dataclass(frozen=True)
class SendRecord:
    """One finished e-mail send of the release, as its draft records it (the send log in the
    register holds who received it)."""

    at: datetime
    """When it finished (with its offset from UTC)."""
    send: str | None = None
    """The send log's identifier of that send (a UUID)."""
    recipients: int | None = None
    """How many addresses received it."""
    pdf_sha256: str = ""
    """The SHA-256 of the PDF attached, in lowercase hexadecimal."""


@dataclass(frozen=True)
class ImportNote:
    """Where an imported release came from, kept in its draft: the file, its whole text as read,
    and what the import could not place (the form lists it among the findings)."""

    source: str
    original: str = ""
    unplaced: tuple[str, ...] = ()


class UnknownKeys(Mapping[str, object]):
    """The top-level keys of a draft that no version defines, read-only (and, unlike a
    ``MappingProxyType``, picklable: a release can go to a worker process)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, object] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> object:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"UnknownKeys({self._items!r})"

    def __reduce__(self) -> tuple[type[UnknownKeys], tuple[dict[str, object]]]:
        return (UnknownKeys, (self._items,))


@dataclass(frozen=True)
class Release:
    """Everything a press release says, as the author wrote it (typography is applied later)."""

    header: tuple[str, ...] = (GOVERNMENT,)
    document: DocumentKind = DocumentKind.COMMUNIQUE
    """What kind of document this is (``core/kinds.py``); its own details are in the optional
    field of that kind (``event`` for an invitation…), ``None`` for the others."""
    kind: str = DEFAULT_KIND
    """The kind line printed under the bloc-marque (« Avis aux rédactions » for an
    invitation…), as the author chose it."""
    headline: str = ""
    place: str = DEFAULT_PLACE
    date: date | None = None
    number: int | None = None
    embargo: datetime | None = None
    body: tuple[Block, ...] = ()
    contacts: tuple[Contact, ...] = ()
    ministries: tuple[str, ...] = ()
    numbering: Numbering | None = None
    """Set with ``number`` by the register (``store.register.issue_draft``); None for a number
    typed by hand or not yet given."""
    identity: str | None = None
    """Which release this is, for sign-off (a UUID): given at the first submit, or when the
    release is made from another (``as_new_release``), so that a copy never speaks for the
    original in the register."""
    replaces: Replacement | None = None
    """For a rectificatif, the numbered release it cancels and replaces."""
    sends: tuple[SendRecord, ...] = ()
    """The e-mail sends of this release, oldest first."""
    imported: ImportNote | None = None
    """For a release imported from an old document (``communique import``), where it came from
    and what could not be placed."""
    speech: Speech | None = None
    """For a speech or a statement: the speaker, the occasion, the time, the delivery mention."""
    press_kit: PressKit | None = None
    """For a press kit: the cover's subtitle and image, the annexes."""
    event: Event | None = None
    """An invitation's event (``core/event.py``)."""
    agenda: Agenda | None = None
    """An agenda's days and entries (``core/agenda.py``)."""
    calendar: CalendarStamp | None = None
    """The last calendar file (.ics) exported: its fingerprint and ``SEQUENCE`` (bookkeeping)."""
    extra: Mapping[str, object] = field(default_factory=UnknownKeys, hash=False)
    """Top-level keys of the draft file that no version of Communiqué defines (added by hand or
    by another tool): written back as they were, so a save does not lose them, and compared, so
    a change is a change. Read-only, and read by nothing but the draft writer: a feature of the
    program is a typed field, never a key in here."""

    def __post_init__(self) -> None:
        if not isinstance(self.extra, UnknownKeys):
            object.__setattr__(self, "extra", UnknownKeys(self.extra))


def plain_paragraph(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def with_text_of(release: Release, version: Release) -> Release:
    """``release`` showing what ``version`` (another version of it) says, its file's bookkeeping
    kept: the number the register gave, its identity, what it replaces, its sends, and the keys
    of other tools (*Restaurer cette version*)."""
    return replace(
        version,
        number=release.number,
        numbering=release.numbering,
        identity=release.identity,
        replaces=release.replaces,
        sends=release.sends,
        calendar=release.calendar,
        extra=release.extra,
    )


def new_identity() -> str:
    import uuid  # at first use: the window is built without it

    return str(uuid.uuid4())


def as_new_release(release: Release) -> Release:
    """A release made from ``release`` (*Enregistrer sous…*, a release used as a model, a copy
    submitted on its own): the same text under its own identity, never sent, and without the
    original's number, which belongs to the original: a copy printing it would be a second
    release under one number (in the press room, it took the original's page). It keeps what
    it replaces (the line « annule et remplace » above the body says it)."""
    return replace(
        release, identity=new_identity(), sends=(), number=None, numbering=None, calendar=None
    )
