"""What every output shows, prepared once from the release: the one source for PDF, DOCX, preview.

Each rule of presentation lives here (the header in capitals, the dateline, the number's format,
the contact line, the typography), so the renderers only place what they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from desktop.core.addresses import ADDRESS_IN_TEXT
from desktop.core.blocks import Block, BulletList, Figure, Heading, Paragraph, Picture, Run, Table
from desktop.core.embargo import embargo_line
from desktop.core.fonts import FontChoice, choose_font
from desktop.core.kinds import DocumentKind
from desktop.core.model import DEFAULT_KIND, Release
from desktop.core.numbers import printed_number
from desktop.core.typography import (
    NBSP,
    dateline,
    format_phone,
    french,
    french_runs,
    ordinal_parts,
    phone_uri,
)
from desktop.render.calendar_content import PreparedCalendar, prepare_calendar
from desktop.render.kind_content import kind_sections
from desktop.render.markup import link_address, run_link, safe_link
from desktop.render.speech_kit_content import (
    PreparedPressKit,
    PreparedSpeech,
    annex_blocks,
    prepare_press_kit,
    prepare_speech,
)

MOTTO = ("Liberté", "Égalité", "Fraternité")
CONTACTS_HEADING = f"Contacts presse{NBSP}:"
CONTACT_HEADING = f"Contact presse{NBSP}:"
CONTACT_SEPARATOR = " – "
LANGUAGE = "fr-FR"
CONTACTS_TOGETHER = 12
"""Up to this many contacts are kept on one page with their heading."""
DRAFT_MARK = "PROJET"


# Web and e-mail addresses in running text: printed exactly as typed, never hyphenated.
_ADDRESS = ADDRESS_IN_TEXT
_TRAILING = ".,;:!?)»’\u00a0\u202f"
"""Sentence punctuation that ends a typed address is not part of it."""


@dataclass(frozen=True)
class TextRun(Run):
    """A run as the outputs place it; ``address`` marks a web or e-mail address or a phone
    number: set exactly as typed, never hyphenated, broken only after ``ADDRESS_BREAKS``.
    ``superscript`` marks an ordinal's ending (the ``er`` of ``1er``)."""

    address: bool = False
    superscript: bool = False
    whole: bool = False
    """A capitalised word or a number: never hyphenated (``France Relance``, not ``Re-lance``)."""


def split_addresses(run: Run) -> list[TextRun]:
    """The run cut so that each address it holds is a run of its own. A link's text is an
    address when it is one (``www.…`` typed and linked), else words that break as words."""
    if run.link:
        whole = _ADDRESS.fullmatch(run.text.strip())
        return [TextRun(run.text, run.bold, run.italic, run.link, run.lang, address=bool(whole))]
    parts: list[TextRun] = []
    start = 0
    for match in _ADDRESS.finditer(run.text):
        address = match.group(0).rstrip(_TRAILING)
        if not address:
            continue
        end = match.start() + len(address)
        if match.start() > start:
            parts.append(
                TextRun(run.text[start : match.start()], run.bold, run.italic, None, run.lang)
            )
        parts.append(TextRun(address, run.bold, run.italic, address=True))
        start = end
    if start < len(run.text) or not parts:
        parts.append(TextRun(run.text[start:], run.bold, run.italic, None, run.lang))
    return parts


ADDRESS_BREAKS = "/.@?&="
"""An address may break after these (never after its hyphens: a reader cannot tell a hyphen
that ends a line from hyphenation, and pdftotext drops it)."""
LONGEST_PIECE = 80
"""A piece of an address longer than this (no break character for a line's length, about 85
characters) may also break inside, with no character added: the page must not overflow."""


def address_pieces(text: str) -> list[str]:
    """The address cut where a line may end; joined, the pieces are the address exactly."""
    pieces: list[str] = []
    current = ""
    for i, ch in enumerate(text):
        current += ch
        scheme = text[i : i + 2] == "//" or text[max(0, i - 2) : i + 1] == "://"
        if (ch in ADDRESS_BREAKS and not scheme) or (len(current) >= LONGEST_PIECE and ch != "-"):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


FIRST_BREAKS = "?"
"""Where an address breaks first, when the part before fits on the line: the one place inside
an address where LibreOffice and Word end a line too (its hyphens are held), so that every
format breaks it alike."""


def address_segments(text: str) -> list[list[str]]:
    """The address cut after ``FIRST_BREAKS``, each part in ``address_pieces``: a part moves
    whole to the next line when it fits on one (the template measures it), and only a part
    longer than a line breaks at its pieces."""
    segments: list[str] = []
    current = ""
    for ch in text:
        current += ch
        if ch in FIRST_BREAKS:
            segments.append(current)
            current = ""
    if current:
        segments.append(current)
    return [address_pieces(segment) for segment in segments]


WORD_JOINER = "\u2060"


ZERO_WIDTH_SPACE = "\u200b"
LONG_ADDRESS = 90
"""A segment of an address longer than this never moves whole: it breaks between its pieces,
in every format (a line holds some 85 to 95 characters of an address)."""


def held_hyphens(address: str) -> str:
    """For the word processors (DOCX, ODT), the address broken where the PDF breaks it: a word
    joiner after each hyphen, which LibreOffice and Word would otherwise end a line at
    (« demarches- »), and in a segment too long for a line, a zero-width space between its
    pieces (else they cut it anywhere, « accompagnem | ent »)."""
    parts = []
    for pieces in address_segments(address):
        separator = ZERO_WIDTH_SPACE if len("".join(pieces)) > LONG_ADDRESS else ""
        parts.append(separator.join(pieces))
    return "".join(parts).replace("-", "-" + WORD_JOINER)


_SHORT_WORD = re.compile(r"(?<![\w’'-])(\w{1,2}) (?=\w)")


def bind_short_words(text: str) -> str:
    """A headline's short words (``à``, ``de``, ``la``) stay with the word after them, so a line
    never ends with one."""
    return _SHORT_WORD.sub(lambda m: m.group(1) + NBSP, text)


def parts_runs(parts: tuple[tuple[str, bool], ...], *, bold: bool = False) -> tuple[TextRun, ...]:
    """(text, superscript) parts as runs (a headline's, a dateline's)."""
    return tuple(TextRun(text, bold, superscript=sup) for text, sup in parts if text)


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
    kind: str  # "paragraph", "list", "heading", "table" or "figure"
    items: tuple[tuple[TextRun, ...], ...]
    """One item for a paragraph and a heading; one per bullet for a list; none for a table or a
    figure."""
    level: int = 0
    """A heading's level as nested: 1 a chapter, 2 a section (a section before any chapter is
    set as a chapter, so that headings never skip a level)."""
    anchor: str = ""
    """A heading's identifier, unique in the release (``chapitre-3``): the table of contents
    and the HTML page link to it."""
    rows: tuple[tuple[tuple[TextRun, ...], ...], ...] = ()
    """A table's rows of cells, its header row first."""
    caption: str = ""
    image: Picture | None = None
    alt: str = ""

    @property
    def text(self) -> str:
        """A heading's words (the table of contents' entry)."""
        return "".join(run.text for item in self.items for run in item)


@dataclass(frozen=True)
class PreparedSection:
    """A part of a kind's details (``render/kind_content.py``) as every output shows it: a
    level-2 heading (empty: none) and its blocks, prepared as the body's."""

    heading: str
    blocks: tuple[PreparedBlock, ...]


RECTIFICATIF = "Rectificatif"


@dataclass(frozen=True)
class PreparedRelease:
    header: tuple[str, ...]
    kind: str
    headline: str
    dateline: str
    number: str
    embargo: str
    body: tuple[PreparedBlock, ...]
    """The body's blocks, then a press kit's annexes."""
    contacts_heading: str
    contacts: tuple[PreparedContact, ...]
    font: FontChoice
    issued: date | None = None
    """The release's date, for machine-readable metadata (HTML's JSON-LD, the Atom feed)."""
    state: str = ""
    """The sign-off state (``brouillon``, ``soumis``, ``validé``, ``diffusé``); empty when
    sign-off does not apply. Until ``validé``, the outputs carry the *PROJET* mark."""
    corrects: str = ""
    """For a rectificatif, the number it cancels and replaces (``N°350``, or ``un communiqué``
    when it was not printed): its title says « Rectificatif » so that it is never taken for
    the release it replaces (subject, PDF and HTML titles, the press room's index and feed)."""
    policy_note: str = ""
    """While the office turned sign-off off: who did and when (« validation désactivée par … le
    … »), written in the outputs' metadata where the state would be."""
    page_total: int = 0
    """The page count the footer prints, when the pages compiled are only the first ones of a
    longer whole (the preview's quick pass: ``preview_pages``); 0: the pages compiled."""
    speech: PreparedSpeech | None = None
    """A speech's or a statement's speaker, occasion and delivery mention (``speech_kit_content``)."""
    press_kit: PreparedPressKit | None = None
    """A press kit's cover, contents and annexes (``speech_kit_content``)."""
    document: DocumentKind = DocumentKind.COMMUNIQUE
    sections: tuple[PreparedSection, ...] = ()
    """The kind's own details (an invitation's event…), after the body, before the contacts:
    ``render/kind_content.py``."""
    calendar: PreparedCalendar | None = None
    """The calendar file's events (an invitation, an agenda): ``render/calendar_content.py``."""

    @property
    def status_metadata(self) -> str:
        """What the metadata say of sign-off: the state, else who turned it off, else nothing."""
        return self.state or self.policy_note

    @property
    def contact_groups(self) -> tuple[tuple[PreparedContact, ...], ...]:
        """The contacts in the groups no page break may split: all of them with their heading
        (no contact alone on a page), or, for a list too long for a page, the heading with the
        first three, the last two together, and the others free."""
        contacts = self.contacts
        if len(contacts) <= CONTACTS_TOGETHER:
            return (contacts,) if contacts else ()
        middle = tuple((c,) for c in contacts[3:-2])
        return (contacts[:3], *middle, contacts[-2:])

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
        return tuple(ordinal_parts(self.dateline)) if self.dateline else ()

    @property
    def headline_runs(self) -> tuple[tuple[str, bool], ...]:
        """The headline as printed, as (text, superscript) parts (``Le 1er ministre``)."""
        return tuple(ordinal_parts(self.headline_display))

    @property
    def kind_runs(self) -> tuple[tuple[str, bool], ...]:
        return tuple(ordinal_parts(self.kind))

    @property
    def embargo_runs(self) -> tuple[tuple[str, bool], ...]:
        """``SOUS EMBARGO jusqu’au jeudi 1er avril…``, the ``er`` superior."""
        return tuple(ordinal_parts(self.embargo))

    @property
    def title(self) -> str:
        """The document title (PDF/UA requires one): the headline, else the kind; for a
        rectificatif, « Rectificatif du N°350\u00a0: » before it."""
        title = self.headline or self.kind or DEFAULT_KIND
        if self.corrects and not title.lower().startswith(RECTIFICATIF.lower()):
            return f"{RECTIFICATIF} du {self.corrects}\u00a0: {title}"
        return title

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
    body = prepare_body(release.body + annex_blocks(release))
    speech = prepare_speech(release)
    place_and_date = dateline(release.place, release.date)
    if speech is not None and speech.time and place_and_date:
        place_and_date = f"{place_and_date}, {speech.time}"
    return PreparedRelease(
        header=tuple(french(line.strip()).upper() for line in release.header if line.strip()),
        kind=french(release.kind.strip()),
        headline=french(release.headline.strip()),
        dateline=place_and_date,
        number=printed_number(release) if number is None else number,
        embargo=embargo_line(release.embargo),
        body=body,
        contacts_heading=CONTACT_HEADING if len(contacts) == 1 else CONTACTS_HEADING,
        contacts=contacts,
        font=font or choose_font(),
        issued=release.date,
        state=state,
        corrects=(release.replaces.label or "communiqué") if release.replaces else "",
        policy_note=policy_note,
        speech=speech,
        press_kit=prepare_press_kit(release),
        document=release.document,
        sections=tuple(
            PreparedSection(
                french(section.heading.strip()),
                prepare_body(section.blocks),
            )
            for section in kind_sections(release)
        ),
        calendar=prepare_calendar(release),
    )


@lru_cache(maxsize=4096)
def _prepare_runs(runs: tuple[Run, ...]) -> tuple[TextRun, ...]:
    """A paragraph's (or a bullet's) runs with French typography, addresses cut out. Kept per
    paragraph: as the author types, the preview prepares the release again at each pause, and
    every paragraph but the one being typed is the same as before (frozen runs in, frozen runs
    out: nothing shared can change)."""
    texts = french_runs([run.text.replace("\t", " ") for run in runs])
    parts = [
        part
        for run, text in zip(runs, texts, strict=True)
        if text
        for part in split_addresses(
            Run(
                foreign_text(run.text.replace("\t", " ")) if run.lang else text,
                run.bold,
                run.italic,
                run.link,
                run.lang,
            )
        )
    ]
    return tuple(_whole_words(_ordinals(_with_addresses(parts))))


def _with_addresses(runs: list[TextRun]) -> list[TextRun]:
    """Every format shows the same links: an address typed in the text becomes a link, and a
    link whose words do not show its address is followed by it in brackets, so that a printed
    page says where the link leads (``le site du ministère (https://…)``)."""
    runs = [
        replace(run, link=run_link(run.text, None, True)) if run.address and not run.link else run
        for run in runs
    ]
    out: list[TextRun] = []
    words = ""
    for i, run in enumerate(runs):
        out.append(run)
        if not run.link:
            words = ""
            continue
        words += run.text
        following = runs[i + 1] if i + 1 < len(runs) else None
        if following is not None and following.link == run.link:
            continue  # the link goes on in the next run (bold, italic…)
        target = safe_link(run.link)
        shown = link_address(target) if target else ""
        if shown and not _shows(words, shown):
            out += [TextRun(" ("), TextRun(shown, link=run.link, address=True), TextRun(")")]
        words = ""
    return out


def _shows(words: str, address: str) -> bool:
    """Whether a link's words already say its address (``www.x.fr`` for ``https://www.x.fr/``)."""
    bare = re.sub(r"^(?:https?://)?(.*?)/?$", r"\1", address.strip(), flags=re.IGNORECASE)
    return bare.lower() in words.lower()


_WHOLE_WORD = re.compile(r"(?<![\w’'-])[^\W\d_a-zà-ÿ][\w’'-]{3,}(?![\w’'-])")
"""A word that starts with a capital: never hyphenated, in any format (numbers have no
hyphenation points)."""


def _whole_words(runs: list[TextRun]) -> list[TextRun]:
    """Each capitalised word of ordinary text in a run of its own, never hyphenated."""
    out: list[TextRun] = []
    for run in runs:
        # A link stays one run (one link for a screen reader); its text is never hyphenated. A
        # passage in another language too: one span tagged with it, hyphenated by its rules.
        if run.link or run.address or run.superscript or run.whole or run.lang:
            out.append(run)
            continue
        if not _WHOLE_WORD.search(run.text):
            out.append(run)
            continue
        start = 0
        for match in _WHOLE_WORD.finditer(run.text):
            if match.start() > start:
                out.append(replace(run, text=run.text[start : match.start()]))
            out.append(replace(run, text=match.group(0), whole=True))
            start = match.end()
        if start < len(run.text):
            out.append(replace(run, text=run.text[start:]))
    return out


def foreign_text(text: str) -> str:
    """A passage in another language keeps its own spacing (no French spaces before ``: ; ! ?``,
    no « » for its quotes): only its apostrophes are set as ``’``."""
    return text.replace("'", "’")


def _ordinals(runs: list[TextRun]) -> list[TextRun]:
    """Each ordinal's ending in a run of its own, set superior (``1er``, ``XXIe``): in French
    text only."""
    out: list[TextRun] = []
    for run in runs:
        if run.link or run.address or run.superscript or run.lang:  # a link stays one run
            out.append(run)
            continue
        parts = ordinal_parts(run.text)
        if len(parts) == 1:
            out.append(run)
            continue
        out += [replace(run, text=text, superscript=sup) for text, sup in parts]
    return out


def prepare_body(blocks: tuple[Block, ...]) -> tuple[PreparedBlock, ...]:
    """The body's blocks as the outputs place them; empty paragraphs, lists and headings left
    out, headings nested and numbered for the table of contents."""
    out: list[PreparedBlock] = []
    chapter = False
    for block in blocks:
        if isinstance(block, Figure):
            out.append(_prepare_figure(block))
        elif not block.text.strip():
            continue
        elif isinstance(block, Heading):
            level = 2 if block.level == 2 and chapter else 1
            chapter = True
            anchor = f"titre-{sum(b.kind == 'heading' for b in out) + 1}"
            runs = _prepare_runs((Run(block.text.strip()),))
            out.append(PreparedBlock("heading", (runs,), level=level, anchor=anchor))
        elif isinstance(block, Table):
            out.append(_prepare_table(block))
        else:
            out.append(_prepare_block(block))
    return tuple(out)


def _prepare_table(table: Table) -> PreparedBlock:
    rows = tuple(
        tuple(_prepare_runs((Run(cell.strip()),)) if cell.strip() else () for cell in row)
        for row in (table.header, *table.rows)
    )
    return PreparedBlock("table", (), rows=rows, caption=french(table.caption.strip()))


def _prepare_figure(figure: Figure) -> PreparedBlock:
    return PreparedBlock(
        "figure",
        (),
        caption=french(figure.caption.strip()),
        image=figure.image,
        alt=french(figure.alt.strip()),
    )


def _prepare_block(block: Paragraph | BulletList) -> PreparedBlock:
    if isinstance(block, Paragraph):
        return PreparedBlock("paragraph", (_prepare_runs(block.runs),))
    items = tuple(_prepare_runs(item) for item in block.items)
    return PreparedBlock("list", tuple(item for item in items if item))


def table_of_contents(prepared: PreparedRelease) -> tuple[PreparedBlock, ...]:
    """The headings of the body and the annexes, in order: the press kit's table of
    contents."""
    return tuple(block for block in prepared.body if block.kind == "heading")
