"""An old release, written by another tool, recognised: which line is the bloc-marque, the kind,
the dateline, the number, the embargo, the headline, the body and the contacts, wherever the old
template put them (the body, a page header, a table, a text box).

Pure: from the neutral ``Extracted`` document (``core.extracted``) to a ``Release`` and a report
of what went where and what could not be placed. The lines are read in order; before the
headline, each line is tried as a piece of the top of a release (``core.recognise_parts``); the
first line that is none of them is the headline (a line styled as a title, a little further,
wins); then come the body and, after a « Contacts presse » line or at the first line made of
names, phones and addresses, the contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.core.extracted import Extracted, Line, Place
from desktop.core.findings import Finding, warning
from desktop.core.kinds import kind_of_line
from desktop.core.model import (
    DEFAULT_KIND,
    DEFAULT_PLACE,
    GOVERNMENT,
    Block,
    BulletList,
    Contact,
    ImportNote,
    Numbering,
    Paragraph,
    Release,
    Run,
)
from desktop.core.numbers import imported_numbering
from desktop.core.plurals import plural
from desktop.core.recognise_parts import (
    EMAIL,
    PHONE,
    FoundNumber,
    contacts_of,
    dateline_of,
    embargo_of,
    has_contact_details,
    is_contacts_mark,
    is_decoration,
    is_header_start,
    is_upper,
    kind_of,
    number_of,
)
from desktop.core.text import clean_text

MAX_HEADLINE = 400
"""A longer first line is a paragraph of the body, not a headline."""
_BULLET = re.compile(r"^[\s]*(?:[•·▪◦○■□►▸‣⁃*–—-][\s\u00a0]+|[\uf000-\uf0ff][\s\u00a0]*)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}\s*(?:/|sur)\s*\d{1,3}$|^\d{1,3}$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[–—|]\s+|\s+-\s+|\t")


@dataclass(frozen=True)
class Placed:
    """One piece of the release and where it was found (« en-tête de page », « tableau »)."""

    field: str
    where: str
    text: str


@dataclass(frozen=True)
class Recognised:
    release: Release
    placed: tuple[Placed, ...]
    unplaced: tuple[str, ...]
    findings: tuple[Finding, ...]


@dataclass
class _State:
    header: list[str] = field(default_factory=list)
    kind: str | None = None
    place: str | None = None
    date: date | None = None
    number: FoundNumber | None = None
    embargo: datetime | None = None
    headline: str | None = None
    body: list[Line] = field(default_factory=list)
    contact_chunks: list[tuple[str, tuple[int, int, int] | None]] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    in_contacts: bool = False
    last_raw: str = ""
    contacts_table: int | None = None

    def put(self, name: str, line: Line, text: str) -> None:
        self.placed.append(Placed(name, line.place.value, text))


def _tidy(text: str) -> str:
    return " ".join(clean_text(text, multiline=False).split())


def _tidy_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs with their spaces collapsed, the empty ones dropped, neighbours of one look merged,
    and no space at either end."""
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"\s+", " ", clean_text(run.text, multiline=False))
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].link) == (run.bold, run.italic, run.link):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic, run.link)
        else:
            out.append(Run(text, run.bold, run.italic, run.link))
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic, out[0].link)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic, out[-1].link)
    return tuple(r for r in out if r.text)


def _drop_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(Run(run.text[count:], run.bold, run.italic, run.link))
        count = 0
    return tuple(out)


def _split_lines(lines: tuple[Line, ...]) -> list[Line]:
    """Each line break inside a paragraph makes a line of its own (a bloc-marque typed with
    Shift+Enter, a pasted block), the next ones joined to it (``gap_before=False``)."""
    out: list[Line] = []
    for line in lines:
        if "\n" not in line.text:
            out.append(line)
            continue
        current: list[Run] = []
        first = True
        for run in line.runs:
            parts = run.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    out.append(_with_runs(line, tuple(current), gap=line.gap_before and first))
                    first = False
                    current = []
                if part:
                    current.append(Run(part, run.bold, run.italic, run.link))
        out.append(_with_runs(line, tuple(current), gap=line.gap_before and first))
    return out


def _with_runs(line: Line, runs: tuple[Run, ...], *, gap: bool) -> Line:
    return Line(runs, line.place, line.align, line.bullet, line.heading, gap, line.cell)


def _top_piece(state: _State, line: Line, text: str) -> bool:
    """Place ``text`` (a line, or a piece of one between dashes) among the top parts."""
    if is_decoration(text):
        state.put("bloc-marque", line, text)
        return True
    if state.kind is None and (kind := kind_of(text)):
        state.kind = kind
        state.put("kind", line, text)
        return True
    if state.embargo is None and (moment := embargo_of(text)):
        state.embargo = moment
        state.put("embargo", line, text)
        return True
    if state.date is None and (found := dateline_of(text, alone=True)):
        state.date, state.place = found.date, found.place or None
        state.put("date", line, text)
        return True
    if state.number is None and len(text) <= 60 and (number := number_of(text)):
        rest = number.rest
        if not rest or kind_of(rest) or _top_piece(state, line, rest):
            state.number = number
            if state.kind is None and (kind := kind_of(rest)):  # « DÉCLARATION – N°350 »
                state.kind = kind
            state.put("number", line, text)
            return True
    if state.kind is None and state.date is None and state.headline is None:
        starts = is_header_start(text)
        follows = bool(state.header) and is_upper(text) and len(text) <= 140
        if starts or follows:
            state.header.append(text)
            state.put("header", line, text)
            return True
    return False


def _top_line(state: _State, line: Line, text: str) -> bool:
    if _top_piece(state, line, text):
        return True
    pieces = [p for p in _SEPARATORS.split(text) if p.strip()]
    if len(pieces) < 2:
        return False
    trial = _State(**{**state.__dict__, "header": list(state.header), "placed": []})
    if all(_top_piece(trial, line, p.strip()) for p in pieces):
        state.__dict__.update({**trial.__dict__, "placed": state.placed + trial.placed})
        return True
    return False


def _margin_line(state: _State, line: Line, text: str) -> None:
    """A page header's or footer's line: a top part, a page number, or left unplaced."""
    if _top_line(state, line, text) or _PAGE_NUMBER.match(text):
        return
    if line.place is Place.HEADER and state.headline is None and is_upper(text):
        state.header.append(text)
        state.put("header", line, text)
        return
    state.unplaced.append(text)


def _looks_like_contacts(text: str) -> bool:
    """A line made of names, phones and addresses, not a sentence that quotes a number."""
    if not has_contact_details(text) or len(text) > 240:
        return False
    rest = PHONE.sub(" ", EMAIL.sub(" ", text))
    words = [w for w in re.split(r"[\s,;:|/–—•()\-]+", rest) if w]
    return len(words) <= 8 * max(1, len(EMAIL.findall(text)) + len(PHONE.findall(text)))


def _headline_wins(lines: list[Line], i: int) -> bool:
    """Whether a line styled as a title comes within the next few lines, where line ``i`` is
    not one: then line ``i`` (an address, a tagline) is not the headline."""
    if lines[i].heading:
        return False
    return any(
        line.heading and line.text.strip() and not kind_of(line.text)
        for line in lines[i + 1 : i + 4]
    )


def recognise(doc: Extracted) -> Recognised:
    """The release in ``doc``, what went where, and what could not be placed."""
    state = _State()
    lines = _split_lines(doc.lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        text = _tidy(line.text)
        i += 1
        if not text:
            continue
        if line.place in (Place.HEADER, Place.FOOTER):
            _margin_line(state, line, text)
        elif _contacts_line(state, line, text):
            continue
        elif state.headline is None:
            i = _before_headline(state, lines, i, text)
        elif _body_top_part(state, line, text):
            continue
        elif _looks_like_contacts(text) and state.body and _ends_body(lines, i - 1):
            state.in_contacts = True
            state.contact_chunks.append((text, line.cell))
        else:
            state.body.append(line)
    return _result(doc, state)


def _contacts_line(state: _State, line: Line, text: str) -> bool:
    """Place ``line`` among the contacts when it is one of them (or their « Contacts presse »)."""
    if state.contacts_table is not None:
        if line.cell is not None and line.cell[0] == state.contacts_table:
            _add_chunk(state, line, text)
            return True
        state.contacts_table = None
        state.in_contacts = bool(state.body)
    if state.in_contacts:
        _add_chunk(state, line, text)
        return True
    after_mark = is_contacts_mark(text)
    if after_mark is not None and len(text) <= 120:
        state.put("contacts", line, text)
        if after_mark:
            state.contact_chunks.append((after_mark, line.cell))
        if line.cell is not None:
            state.contacts_table = line.cell[0]
        else:
            state.in_contacts = True
        return True
    if line.cell is not None and _looks_like_contacts(text):
        state.contact_chunks.append((text, line.cell))
        state.contacts_table = line.cell[0]
        return True
    return False


def _before_headline(state: _State, lines: list[Line], i: int, text: str) -> int:
    """Line ``i - 1``, before the headline: a top part, the headline (with the lines that
    wrap it), or a line left aside; returns the index of the next line to read."""
    line = lines[i - 1]
    if _top_line(state, line, text):
        return i
    if len(text) > MAX_HEADLINE or _BULLET.match(text) or line.bullet:
        state.body.append(line)
        state.headline = ""
        return i
    if _headline_wins(lines, i - 1):
        state.unplaced.append(text)
        return i
    parts = [text]
    while (
        i < len(lines)
        and not lines[i].gap_before
        and lines[i].place is line.place
        and lines[i].heading == line.heading
        and _tidy(lines[i].text)
        and not _top_piece(_State(), lines[i], _tidy(lines[i].text))
        and len(" ".join(parts)) < MAX_HEADLINE
    ):
        parts.append(_tidy(lines[i].text))
        i += 1
    state.headline = " ".join(parts)
    state.put("headline", line, state.headline)
    return i


def _add_chunk(state: _State, line: Line, text: str) -> None:
    last_cell = state.contact_chunks[-1][1] if state.contact_chunks else None
    same = (last_cell is None) == (line.cell is None) and (
        line.cell is None or (last_cell is not None and last_cell[::2] == line.cell[::2])
    )
    if not line.gap_before and state.contact_chunks and same:
        before, cell = state.contact_chunks[-1]
        state.contact_chunks[-1] = (before + joiner(state.last_raw) + text, cell)
    else:
        state.contact_chunks.append((text, line.cell))
    state.last_raw = line.text


def _ends_body(lines: list[Line], i: int) -> bool:
    """Whether what follows line ``i`` is contacts too, or nothing (the end of the body)."""
    for line in lines[i + 1 :]:
        text = _tidy(line.text)
        if not text or line.place in (Place.HEADER, Place.FOOTER):
            continue
        return _looks_like_contacts(text) or len(text) < 80
    return True


def _body_top_part(state: _State, line: Line, text: str) -> bool:
    """A dateline, number, embargo or kind found after the headline (a layout that puts them
    there), or a dateline that opens the first paragraph (« Paris, le 3 novembre 2020 – … »)."""
    if state.date is None:
        found = dateline_of(text, alone=False)
        if found is not None:
            state.date, state.place = found.date, found.place or None
            if not found.rest or (len(found.rest) <= 60 and _top_line(state, line, found.rest)):
                state.put("date", line, text)
                return True
            head = len(line.text) - len(line.text.lstrip()) + line.text.strip().find(found.rest)
            runs = _drop_prefix(line.runs, max(head, 0))
            state.put("date", line, text[: len(text) - len(found.rest)].strip())
            state.body.append(_with_runs(line, runs, gap=line.gap_before))
            return True
    return not state.body and len(text) <= 80 and _top_line(state, line, text)


def _blocks(lines: list[Line]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    items: list[tuple[Run, ...]] = []
    previous: Line | None = None
    raw = ""
    for line in lines:
        text = line.text
        bullet = line.bullet or bool(_BULLET.match(text))
        runs = line.runs
        if bullet and (marker := _BULLET.match(text)) and not line.bullet:
            runs = _drop_prefix(runs, marker.end())
        runs = _tidy_runs(runs)
        if not runs:
            continue
        if bullet:
            items.append(runs)
        elif previous is not None and not line.gap_before and not items and blocks:
            last = blocks[-1]
            assert isinstance(last, Paragraph)
            blocks[-1] = Paragraph(_tidy_runs((*last.runs, Run(joiner(raw)), *runs)))
        else:
            if items:
                blocks.append(BulletList(tuple(items)))
                items = []
            blocks.append(Paragraph(runs))
        previous = line
        raw = line.text
    if items:
        blocks.append(BulletList(tuple(items)))
    return tuple(blocks)


def joiner(raw: str) -> str:
    """What joins a wrapped line to the next: nothing after a word cut at its hyphen (a PDF
    keeps « Béthune- » at the end of a line), a space otherwise."""
    return "" if re.search(r"\w-\s*$", raw) and not raw.endswith(" ") else " "


def _ordered_chunks(chunks: list[tuple[str, tuple[int, int, int] | None]]) -> list[str]:
    """Contacts set side by side in a table (a row of names, a row of phones…) read column by
    column; otherwise in reading order."""
    tables: dict[int, list[tuple[str, tuple[int, int, int]]]] = {}
    for text, cell in chunks:
        if cell is not None:
            tables.setdefault(cell[0], []).append((text, cell))
    transposed: set[int] = set()
    for table, cells in tables.items():
        rows: dict[int, list[str]] = {}
        for text, (_, row, _) in cells:
            rows.setdefault(row, []).append(text)
        first = rows[min(rows)]
        names_first = len(first) >= 2 and not any(has_contact_details(t) for t in first)
        if names_first and any(
            len([t for t in r if has_contact_details(t)]) >= 2 for r in rows.values()
        ):
            transposed.add(table)
    out: list[str] = []
    done: set[int] = set()
    for text, cell in chunks:
        if cell is None or cell[0] not in transposed:
            out.append(text)
        elif cell[0] not in done:
            done.add(cell[0])
            cells = sorted(tables[cell[0]], key=lambda c: (c[1][2], c[1][1]))
            out.extend(t for t, _ in cells)
    return out


def _result(doc: Extracted, state: _State) -> Recognised:
    contacts, left = contacts_of(_ordered_chunks(state.contact_chunks))
    state.unplaced.extend(left)
    for contact in contacts:
        state.placed.append(Placed("contacts", "contacts", _contact_text(contact)))
    blocks = _blocks(state.body)
    if blocks:
        paragraphs = plural(len(blocks), "paragraphe")
        state.placed.append(Placed("body", Place.BODY.value, paragraphs))
    for picture in doc.pictures:
        if picture.at_top or picture.place is Place.HEADER:
            state.placed.append(
                Placed("bloc-marque", picture.place.value, f"image «\u00a0{picture.name}\u00a0»")
            )
        else:
            state.unplaced.append(f"image « {picture.name} » (non importée)")
    headline = state.headline or doc.metadata_title.strip()
    findings: list[Finding] = []
    if not headline:
        findings.append(warning("headline", "titre non reconnu à l’import"))
    if state.date is None:
        findings.append(warning("date", "date non reconnue à l’import"))
    if not contacts:
        findings.append(warning("contacts", "contacts non reconnus à l’import"))
    if not state.header:
        findings.append(
            warning("header", "bloc-marque non reconnu à l’import («\u00a0GOUVERNEMENT\u00a0» mis)")
        )
    unplaced = tuple(dict.fromkeys(u for u in state.unplaced if u))
    findings += [unplaced_finding(text) for text in unplaced]
    release = Release(
        header=tuple(state.header) or (GOVERNMENT,),
        document=kind_of_line(state.kind or DEFAULT_KIND),
        kind=state.kind or DEFAULT_KIND,
        headline=headline,
        place=state.place or DEFAULT_PLACE,
        date=state.date,
        number=state.number.value if state.number else None,
        numbering=_numbering(state.number, state.date),
        embargo=state.embargo,
        body=blocks,
        contacts=contacts,
        imported=ImportNote(doc.source, original_text(doc), unplaced),
    )
    return Recognised(release, tuple(state.placed), unplaced, tuple(findings))


def _numbering(number: FoundNumber | None, when: date | None) -> Numbering | None:
    """The number's printed form, kept as the old release printed it."""
    if number is None:
        return None
    year = number.year or (when.year if when else 0)
    return imported_numbering(number.label, year)


def unplaced_finding(text: str) -> Finding:
    shown = text if len(text) <= 80 else text[:79] + "…"
    return warning("", f"non placé à l’import\u00a0: «\u00a0{shown}\u00a0» (gardé dans la note)")


def _contact_text(contact: Contact) -> str:
    return " · ".join(part for part in (contact.name, contact.phone, contact.email) if part)


MAX_ORIGINAL_CHARS = 200_000
"""The original text kept in the note, at most (a draft must stay under its size limit)."""


def original_text(doc: Extracted) -> str:
    """The document's whole text as read, a line per paragraph, each margin's lines marked
    (cut at ``MAX_ORIGINAL_CHARS``)."""
    out: list[str] = []
    for line in doc.lines:
        text = clean_text(line.text).strip()
        if not text:
            continue
        out.append(f"[{line.place.value}] {text}" if line.place is not Place.BODY else text)
    whole = "\n".join(out)
    return whole if len(whole) <= MAX_ORIGINAL_CHARS else whole[: MAX_ORIGINAL_CHARS - 1] + "…"
