"""What every output shows, prepared once from the release: the one source for PDF, DOCX, preview.

Each rule of presentation lives here (the header in capitals, the dateline, the number's format,
the contact line, the typography), so the renderers only place what they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from desktop.core.embargo import embargo_line
from desktop.core.fonts import FontChoice, choose_font
from desktop.core.model import DEFAULT_KIND, BulletList, Paragraph, Release, Run
from desktop.core.numbers import printed_number
from desktop.core.typography import (
    NBSP,
    dateline,
    format_phone,
    french,
    french_runs,
    phone_uri,
)

MOTTO = ("Liberté", "Égalité", "Fraternité")
CONTACTS_HEADING = f"Contacts presse{NBSP}:"
CONTACT_HEADING = f"Contact presse{NBSP}:"
CONTACT_SEPARATOR = " – "
LANGUAGE = "fr-FR"
DRAFT_MARK = "PROJET"


# Web and e-mail addresses in running text: printed exactly as typed, never hyphenated.
_ADDRESS = re.compile(
    r"\b(?:https?|ftp)://[^\s<>«»\"]+"
    r"|\bwww\.[^\s<>«»\"]+"
    r"|\bmailto:[^\s<>«»\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_TRAILING = ".,;:!?)»’\u00a0\u202f"
"""Sentence punctuation that ends a typed address is not part of it."""


@dataclass(frozen=True)
class TextRun(Run):
    """A run as the outputs place it; ``address`` marks a web or e-mail address, a phone number
    or a link's text: set exactly as typed, never hyphenated."""

    address: bool = False


def split_addresses(run: Run) -> list[TextRun]:
    """The run cut so that each address it holds is a run of its own."""
    if run.link:
        return [TextRun(run.text, run.bold, run.italic, run.link, address=True)]
    parts: list[TextRun] = []
    start = 0
    for match in _ADDRESS.finditer(run.text):
        address = match.group(0).rstrip(_TRAILING)
        if not address:
            continue
        end = match.start() + len(address)
        if match.start() > start:
            parts.append(TextRun(run.text[start : match.start()], run.bold, run.italic))
        parts.append(TextRun(address, run.bold, run.italic, address=True))
        start = end
    if start < len(run.text) or not parts:
        parts.append(TextRun(run.text[start:], run.bold, run.italic))
    return parts


ADDRESS_BREAKS = "/.@?"
"""An address may break after these (never after its hyphens: a reader cannot tell a hyphen
that ends a line from hyphenation, and pdftotext drops it)."""
LONGEST_PIECE = 40
"""A piece of an address longer than this may also break inside, with no character added."""


def address_pieces(text: str) -> list[str]:
    """The address cut where a line may end; joined, the pieces are the address exactly."""
    pieces: list[str] = []
    current = ""
    for ch in text:
        current += ch
        if ch in ADDRESS_BREAKS or (len(current) >= LONGEST_PIECE and ch != "-"):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


_SHORT_WORD = re.compile(r"(?<![\w’'-])(\w{1,2}) (?=\w)")


def bind_short_words(text: str) -> str:
    """A headline's short words (``à``, ``de``, ``la``) stay with the word after them, so a line
    never ends with one."""
    return _SHORT_WORD.sub(lambda m: m.group(1) + NBSP, text)


@dataclass(frozen=True)
class PreparedContact:
    name: str
    phone: str
    phone_uri: str | None
    email: str

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None

    @property
    def lead(self) -> str:
        """The text before the links: ``Cabinet J. Gourault : ``."""
        return f"{self.name}{NBSP}: " if self.name and (self.phone or self.email) else self.name


@dataclass(frozen=True)
class PreparedBlock:
    kind: str  # "paragraph" or "list"
    items: tuple[tuple[TextRun, ...], ...]
    """One item for a paragraph; one per bullet for a list."""


@dataclass(frozen=True)
class PreparedRelease:
    header: tuple[str, ...]
    kind: str
    headline: str
    dateline: str
    number: str
    embargo: str
    body: tuple[PreparedBlock, ...]
    contacts_heading: str
    contacts: tuple[PreparedContact, ...]
    font: FontChoice
    issued: date | None = None
    """The release's date, for machine-readable metadata (HTML's JSON-LD, the Atom feed)."""
    state: str = ""
    """The sign-off state (``brouillon``, ``soumis``, ``validé``, ``diffusé``); empty when
    sign-off does not apply. Until ``validé``, the outputs carry the *PROJET* mark."""
    policy_note: str = ""
    """While the office turned sign-off off: who did and when (« validation désactivée par … le
    … »), written in the outputs' metadata where the state would be."""

    @property
    def status_metadata(self) -> str:
        """What the metadata say of sign-off: the state, else who turned it off, else nothing."""
        return self.state or self.policy_note

    @property
    def draft_mark(self) -> str:
        """``PROJET`` while the release is not approved, else empty."""
        return DRAFT_MARK if self.state in ("brouillon", "soumis") else ""

    @property
    def draft_notice(self) -> str:
        """The mark as a line of text, for the outputs that have no page to write across
        (text, HTML, ODT): ``PROJET – communiqué non validé (brouillon)``."""
        if not self.draft_mark:
            return ""
        return f"{DRAFT_MARK} – communiqué non validé ({self.state})"

    @property
    def headline_display(self) -> str:
        """The headline as printed: its short words bound to the next one."""
        return bind_short_words(self.headline)

    @property
    def dateline_runs(self) -> tuple[tuple[str, bool], ...]:
        """The dateline as (text, superscript) parts: the ``er`` of ``1er`` is set superior."""
        parts = re.split(r"(?<=\b1)(er)\b", self.dateline)
        return tuple((part, i % 2 == 1) for i, part in enumerate(parts) if part)

    @property
    def title(self) -> str:
        """The document title (PDF/UA requires one): the headline, else the kind."""
        return self.headline or self.kind or DEFAULT_KIND

    @property
    def author(self) -> str:
        return " ".join(self.header) or "Communiqué"

    @property
    def brand_alt(self) -> str:
        """Alternative text of the bloc-marque: what it says, in reading order."""
        return " – ".join(
            ("Marianne", *(" ".join(self.header),) * bool(self.header), ", ".join(MOTTO))
        )


def prepare(
    release: Release,
    *,
    font: FontChoice | None = None,
    number: str | None = None,
    state: str = "",
    policy_note: str = "",
) -> PreparedRelease:
    """Everything the outputs show. Pure: it reads no file and no database.

    ``number`` is the number as printed, worked out by whoever holds the register when the
    draft is opened or numbered (``register.number_label``); without it, the form the draft
    records, else the default one (``numbers.printed_number``). ``state``, the sign-off state
    looked up the same way (``store.signoff.printed_signoff``), puts the *PROJET* mark on;
    ``policy_note`` (who turned sign-off off) goes into the metadata.
    """
    contacts = tuple(
        PreparedContact(
            name=french(c.name.strip()),
            phone=format_phone(c.phone),
            phone_uri=phone_uri(c.phone),
            email=c.email.strip(),
        )
        for c in release.contacts
        if c.name.strip() or c.phone.strip() or c.email.strip()
    )
    return PreparedRelease(
        header=tuple(french(line.strip()).upper() for line in release.header if line.strip()),
        kind=french(release.kind.strip()),
        headline=french(release.headline.strip()),
        dateline=dateline(release.place, release.date),
        number=printed_number(release) if number is None else number,
        embargo=embargo_line(release.embargo),
        body=tuple(_prepare_block(block) for block in release.body if block.text.strip()),
        contacts_heading=CONTACT_HEADING if len(contacts) == 1 else CONTACTS_HEADING,
        contacts=contacts,
        font=font or choose_font(),
        issued=release.date,
        state=state,
        policy_note=policy_note,
    )


@lru_cache(maxsize=4096)
def _prepare_runs(runs: tuple[Run, ...]) -> tuple[TextRun, ...]:
    """A paragraph's (or a bullet's) runs with French typography, addresses cut out. Kept per
    paragraph: as the author types, the preview prepares the release again at each pause, and
    every paragraph but the one being typed is the same as before (frozen runs in, frozen runs
    out: nothing shared can change)."""
    texts = french_runs([run.text for run in runs])
    return tuple(
        part
        for run, text in zip(runs, texts, strict=True)
        if text
        for part in split_addresses(Run(text, run.bold, run.italic, run.link))
    )


def _prepare_block(block: Paragraph | BulletList) -> PreparedBlock:
    if isinstance(block, Paragraph):
        return PreparedBlock("paragraph", (_prepare_runs(block.runs),))
    items = tuple(_prepare_runs(item) for item in block.items)
    return PreparedBlock("list", tuple(item for item in items if item))
