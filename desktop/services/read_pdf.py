"""A PDF with text (as LibreOffice, Word or Typst export them) read into the neutral ``Extracted``
shape with pypdf: the text pieces with their position, size and font, set back into lines, then
paragraphs where the gap between lines is wider than the text's own spacing. A larger size makes
a title; a bold or italic font makes bold or italic runs; a link annotation over a piece makes a
link. Lines repeated on several pages at the same height are the page's header or footer.

A scanned PDF (pictures of pages, no text) gives no lines: the import says so.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from desktop.core.extracted import Align, Extracted, Line, Place
from desktop.core.model import Run

MAX_PAGES = 60


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    italic: bool
    link: str | None = None


@dataclass
class _Row:
    page: int
    y: float
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces).strip()

    @property
    def text_raw(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def size(self) -> float:
        sizes = [p.size for p in self.pieces if p.text.strip()]
        return max(sizes) if sizes else 0.0

    @property
    def x(self) -> float:
        return min((p.x for p in self.pieces if p.text.strip()), default=0.0)


def _font_flags(font: Any) -> tuple[bool, bool]:
    name = ""
    try:
        name = str(font.get("/BaseFont", "")) if font else ""
    except Exception:
        name = ""
    lowered = name.casefold()
    return ("bold" in lowered or "black" in lowered or "heavy" in lowered), (
        "italic" in lowered or "oblique" in lowered
    )


def _links(page: Any) -> list[tuple[tuple[float, float, float, float], str]]:
    out = []
    for annotation in page.get("/Annots") or []:
        try:
            obj = annotation.get_object()
            if obj.get("/Subtype") != "/Link":
                continue
            uri = str((obj.get("/A") or {}).get("/URI", ""))
            x1, y1, x2, y2 = (float(v) for v in obj["/Rect"])
        except Exception:
            continue
        if uri.startswith(("https://", "http://", "mailto:")):
            out.append(((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)), uri))
    return out


def _rows(page: Any, number: int) -> list[_Row]:
    """The page's lines, top to bottom; pieces far apart on one line (a table's cells side by
    side) make rows of their own at the same height."""
    pieces: list[_Piece] = []
    links = _links(page)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip(" \n") and text != " ":
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0)
        bold, italic = _font_flags(font)
        link = next(
            (u for (x1, y1, x2, y2), u in links if x1 - 1 <= x <= x2 + 1 and y1 - 2 <= y <= y2 + 2),
            None,
        )
        for part in text.split("\n"):
            if part:
                pieces.append(_Piece(part, x, y, size * scale, bold, italic, link))

    page.extract_text(visitor_text=visit)
    lines: list[list[_Piece]] = []
    for piece in pieces:
        line = next((ln for ln in reversed(lines[-3:]) if abs(ln[0].y - piece.y) < 2.0), None)
        if line is None:
            lines.append([piece])
        else:
            line.append(piece)
    rows: list[_Row] = []
    for line in lines:
        line.sort(key=lambda p: p.x)
        row = _Row(number, line[0].y)
        for piece in line:
            if row.pieces:
                last = row.pieces[-1]
                end = last.x + len(last.text) * last.size * 0.62
                if piece.x - end > 2.5 * max(piece.size, 1.0) and last.text.strip():
                    rows.append(row)
                    row = _Row(number, line[0].y)
            row.pieces.append(piece)
        rows.append(row)
    return [r for r in sorted(rows, key=lambda r: (-round(r.y, 0), r.x)) if r.text]


def _runs(row: _Row) -> tuple[Run, ...]:
    return tuple(
        Run(p.text.replace("\u00ad", ""), p.bold, p.italic, p.link) for p in row.pieces if p.text
    )


def _tables(rows: list[_Row]) -> dict[int, tuple[int, int, int]]:
    """Rows that stand side by side with others (a table's cells), each with its cell: the
    table, its row (by height) and its column (left or right of the gap)."""
    heights: dict[tuple[int, float], list[int]] = {}
    for i, row in enumerate(rows):
        heights.setdefault((row.page, round(row.y, 0)), []).append(i)
    side_by_side = [ids for ids in heights.values() if len(ids) >= 2]
    cells: dict[int, tuple[int, int, int]] = {}
    table = 0
    previous_last = -10
    boundary = 0.0
    for ids in side_by_side:
        if ids[0] - previous_last > 6:
            table += 1
            boundary = min(rows[i].x for i in ids[1:]) - 5
            first_row = ids[0]
        else:
            for j in range(previous_last + 1, ids[0]):
                cells[j] = (table, j - first_row, int(rows[j].x >= boundary))
        for i in ids:
            cells[i] = (table, ids[0] - first_row, int(rows[i].x >= boundary))
        previous_last = ids[-1]
        j = previous_last + 1
        while j < len(rows) and rows[j].page == rows[previous_last].page:
            column = int(rows[j].x >= boundary)
            above = next(
                rows[k] for k in range(j - 1, -1, -1) if cells.get(k, (0, 0, column))[2] == column
            )
            close = above.y - rows[j].y < 1.6 * max(rows[j].size, above.size, 1.0)
            if not (rows[j].x >= boundary or (close and _continues(above.text_raw))):
                break
            cells[j] = (table, j - first_row, int(rows[j].x >= boundary))
            j += 1
    return cells


def _continues(raw: str) -> bool:
    """Whether a line goes on on the next one: LibreOffice and Word keep the space where they
    wrapped a line, and a word cut at its hyphen ends with it."""
    return raw.endswith((" ", "\u00a0")) or bool(re.search(r"\w-$", raw))


def _cut_word(raw: str, following: str) -> bool:
    """An address too long for its cell, cut anywhere (« communication.jg@coh » « esion-… »)."""
    last = raw.rsplit(" ", 1)[-1]
    return (
        "@" in last
        and bool(following)
        and " " not in following.strip()
        and (following[:1].isalnum())
    )


def _margin_texts(rows: list[_Row], pages: int, height: float) -> set[str]:
    if pages < 2:
        return set()
    seen: Counter[str] = Counter()
    for row in rows:
        if row.y > height * 0.85 or row.y < height * 0.12:
            seen[re.sub(r"\d+", "#", row.text)] += 1
    return {text for text, count in seen.items() if count >= 2}


def _in_reading_order(rows: list[_Row], cells: dict[int, tuple[int, int, int]]) -> list[int]:
    """Row indexes, each table's cells read column by column where the table starts."""
    out: list[int] = []
    done: set[int] = set()
    for i in range(len(rows)):
        if i in done:
            continue
        if i in cells:
            table = cells[i][0]
            members = sorted(
                (j for j, c in cells.items() if c[0] == table), key=lambda j: (cells[j][2], j)
            )
            out += members
            done.update(members)
        else:
            out.append(i)
    return out


def _paragraph_ends(previous: _Row, row: _Row, full: int) -> bool:
    """Whether ``row`` starts a paragraph after ``previous``: the line before kept no space
    where it would have wrapped and looks finished, or a wider gap, or another size."""
    punctuated = previous.text.rstrip().endswith((".", "!", "?", ":", "»", ")"))
    ended = (
        not _continues(previous.text_raw) and (punctuated or len(previous.text) < 0.9 * full)
    ) or (len(previous.text) < 0.8 * full and punctuated)
    return (
        ended
        or previous.y - row.y > 1.6 * max(row.size, previous.size, 1.0)
        or abs(row.size - previous.size) > 1.0
    )


def _opens_without_password(reader: Any) -> bool:
    """Whether an encrypted PDF opens with the empty password (an owner's lock only)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown cipher: a locked file too
        return False


def read_pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _opens_without_password(reader):
        from desktop.services.import_base import ImportRefused

        raise ImportRefused(
            f"«\u00a0{name}\u00a0» est protégé par un mot de passe\u00a0: ouvrez-le, "
            "enregistrez-le sans protection (ou copiez son texte), puis importez-le."
        )
    pages = reader.pages[:MAX_PAGES]
    rows: list[_Row] = []
    height = width = 0.0
    for number, page in enumerate(pages):
        box = page.mediabox
        height, width = float(box.height), float(box.width)
        rows += _rows(page, number)
    sizes = Counter(round(r.size) for r in rows for _ in range(len(r.text)))
    body_size = sizes.most_common(1)[0][0] if sizes else 11
    margins = _margin_texts(rows, len(pages), height)
    cells = _tables(rows)
    ordered = _in_reading_order(rows, cells)
    lengths = sorted(len(r.text) for i, r in enumerate(rows) if i not in cells)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80
    lines: list[Line] = []
    previous: _Row | None = None
    previous_index = -1
    said: set[str] = set()
    for i in ordered:
        row = rows[i]
        key = re.sub(r"\d+", "#", row.text)
        place = Place.BODY
        if key in margins:
            if key in said:
                continue
            said.add(key)
            place = Place.HEADER if row.y > height / 2 else Place.FOOTER
        elif row.y < height * 0.06:
            place = Place.FOOTER
        same_cell = (
            previous is not None
            and cells.get(i, (0, 0, -1))[::2] == cells.get(previous_index, (0, 0, -2))[::2]
        )
        if previous is not None and lines and same_cell and _cut_word(previous.text_raw, row.text):
            last = lines[-1]
            lines[-1] = Line(
                (*last.runs, *_runs(row)),
                last.place,
                last.align,
                last.bullet,
                last.heading,
                last.gap_before,
                last.cell,
            )
            previous, previous_index = row, i
            continue
        gap = (
            previous is None
            or previous.page != row.page
            or place is not Place.BODY
            or (i in cells and not same_cell)
            or _paragraph_ends(previous, row, full)
        )
        short = len(row.text) < 70
        align = Align.RIGHT if short and row.x > width * 0.4 else Align.LEFT
        lines.append(
            Line(
                _runs(row),
                place=place,
                align=align,
                heading=row.size >= body_size * 1.2,
                gap_before=gap,
                cell=cells.get(i),
            )
        )
        if place is Place.BODY:
            previous, previous_index = row, i
    title = ""
    try:
        metadata: Any = reader.metadata or {}
        title = str(metadata.get("/Title", "") or "")
    except Exception:
        title = ""
    return Extracted(tuple(lines), source=name, kind="PDF", metadata_title=title)
