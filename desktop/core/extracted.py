"""A foreign document as the readers hand it to the recogniser: paragraphs with their runs and
where they stood (the body, a page header, a table cell, a text box), and the pictures.

Every reader (``services.import_readers``: Word, LibreOffice, PDF, text, e-mail) produces this
one neutral shape, so that recognising the parts of a release (``core.recognise``) is written
once, as pure functions, and is tested without any file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.model import Run


class Place(Enum):
    """Where a paragraph stood in its document."""

    BODY = "corps"
    HEADER = "en-tête de page"
    FOOTER = "pied de page"
    TABLE = "tableau"
    TEXT_BOX = "zone de texte"


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Line:
    """One paragraph of the foreign document (a line of a pasted text)."""

    runs: tuple[Run, ...]
    place: Place = Place.BODY
    align: Align = Align.LEFT
    bullet: bool = False
    heading: bool = False
    """Styled as a title or a heading by its author (Word's « Titre », a larger font in a PDF)."""
    gap_before: bool = True
    """Separated from the line before (always, but in a pasted text or a PDF where a single
    line break may only wrap a paragraph)."""
    cell: tuple[int, int, int] | None = None
    """For a table's paragraph: the table, the row and the column (from 0)."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Picture:
    """A picture of the document: its name or description, where it stood, and whether it came
    before any text of the body (a bloc-marque is at the top of the first page)."""

    name: str
    place: Place = Place.BODY
    at_top: bool = False


@dataclass(frozen=True)
class Extracted:
    """What a reader found in one file."""

    lines: tuple[Line, ...]
    pictures: tuple[Picture, ...] = ()
    source: str = ""
    """The file's name, as reports name it."""
    kind: str = ""
    """What the file was (« Word », « LibreOffice », « PDF », « texte », « e-mail »)."""
    metadata_title: str = ""
    """The document's title in its properties, when it had one."""


def plain_line(text: str, **kwargs: object) -> Line:
    return Line((Run(text),), **kwargs)  # type: ignore[arg-type]
