"""The body's blocks as plain, immutable data: paragraphs and bulleted lists of runs, headings of
two levels, tables of plain text and figures (``model`` gathers them into a release).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A stretch of body text with one look: plain, bold, italic, or a link; ``lang`` marks a
    passage in another language than French (a BCP 47 tag: ``en``, ``de``, ``en-GB``)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    lang: str | None = None


PASSAGE_LANGUAGES = {"en": "anglais", "de": "allemand", "es": "espagnol", "it": "italien"}
"""The languages the form offers for a passage (*Langue du passage…*), with their French names;
any other well-formed tag may be typed (*autre (code)*)."""
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?")
"""A BCP 47 tag as the outputs need it: a language (``en``), with a region or a script at most
(``en-GB``, ``sr-Latn``). Tags are short and their case fixed, so a typo shows."""


def language_tag(value: str) -> str | None:
    """``value`` as a passage's language tag, or None when it is not one, or is French (the
    release's own language: no mark needed)."""
    tag = value.strip()
    if not _LANGUAGE_TAG.fullmatch(tag) or tag.split("-")[0] == "fr":
        return None
    return tag


def passage_label(tag: str) -> str:
    """How the form names a passage in ``tag``: « Passage en anglais (en) »."""
    name = PASSAGE_LANGUAGES.get(tag.split("-", maxsplit=1)[0])
    return f"Passage en {name} ({tag})" if name else f"Passage en langue «\u00a0{tag}\u00a0»"


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


@dataclass(frozen=True)
class Heading:
    """A chapter's title inside the body (a speech's parts, a press kit's chapters): level 1 for
    a chapter, 2 for a section of it. The press kit's table of contents is made of them."""

    level: int
    text: str


@dataclass(frozen=True)
class Table:
    """A table of plain text: one header row (marked as such in every format), its rows, and an
    optional caption."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    @property
    def text(self) -> str:
        lines = [self.caption, " ".join(self.header), *(" ".join(row) for row in self.rows)]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Picture:
    """A PNG or JPEG image as the draft holds it, checked when read (``core.images``)."""

    data: bytes
    media_type: str
    """``image/png`` or ``image/jpeg``."""
    width: int
    height: int
    """Its size in pixels, read from the image itself."""

    @property
    def suffix(self) -> str:
        return ".png" if self.media_type == "image/png" else ".jpg"


@dataclass(frozen=True)
class Figure:
    """An image in the body with its alternative text (what it shows, for a reader who cannot
    see it) and an optional caption printed under it."""

    image: Picture
    alt: str
    caption: str = ""

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.alt, self.caption) if part)


Block = Paragraph | BulletList | Heading | Table | Figure
HEADING_LEVELS = (1, 2)


def block_runs(block: Block) -> tuple[tuple[Run, ...], ...]:
    """The runs of text a block holds: a paragraph's, each bullet's; none for a heading, a table
    or a figure, whose texts are plain."""
    if isinstance(block, Paragraph):
        return (block.runs,)
    if isinstance(block, BulletList):
        return block.items
    return ()


def table_cells(table: Table, where: str) -> Iterator[tuple[str, str]]:
    """Every cell of ``table`` with its place (``body[3].table.rows[1][0]``), caption first."""
    yield f"{where}.caption", table.caption
    for j, cell in enumerate(table.header):
        yield f"{where}.header[{j}]", cell
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            yield f"{where}.rows[{i}][{j}]", cell
