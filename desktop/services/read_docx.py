"""A Word document (.docx) read into the neutral ``Extracted`` shape, through python-docx's XML:
the page headers and footers, then the body in order (paragraphs, tables cell by cell, text
boxes where they are anchored), each paragraph's runs with bold, italic and links, its
alignment, whether it is a list item or styled as a title, and the pictures."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from desktop.core.extracted import Align, Extracted, Line, Picture, Place
from desktop.core.model import Run
from desktop.services.import_base import member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
_TITLE_STYLES = ("title", "titre", "heading", "subtitle")
_LIST_STYLES = ("list", "liste")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.lines: list[Line] = []
        self.pictures: list[Picture] = []
        self.tables = 0
        self.body_text_seen = False

    def part_lines(self, element: Any, part: Any, place: Place) -> None:
        for child in element.iterchildren():
            if child.tag == _w("p"):
                self.paragraph(child, part, place, None)
            elif child.tag == _w("tbl"):
                self.table(child, part, place)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.part_lines(content, part, place)

    def table(self, element: Any, part: Any, place: Place) -> None:
        index = self.tables
        self.tables += 1
        for r, row in enumerate(element.iter(_w("tr"))):
            if row.getparent() is not element:
                continue
            for c, cell in enumerate(row.findall(_w("tc"))):
                for child in cell.iterchildren():
                    if child.tag == _w("p"):
                        self.paragraph(child, part, place, (index, r, c))
                    elif child.tag == _w("tbl"):
                        self.table(child, part, place)

    def paragraph(self, p: Any, part: Any, place: Place, cell: tuple[int, int, int] | None) -> None:
        for box in self._text_boxes(p):
            for inner in box.findall(_w("p")):
                self.paragraph(inner, part, Place.TEXT_BOX if place is Place.BODY else place, None)
        for drawing in p.iter(f"{{{WP}}}docPr"):
            name = (
                drawing.get("descr") or drawing.get("title") or drawing.get("name") or ""
            ).strip()
            if self._in_text_box(drawing):
                continue
            self.pictures.append(
                Picture(
                    name or "image", place, at_top=place is Place.BODY and not self.body_text_seen
                )
            )
        runs = tuple(self._runs(p, part))
        if not "".join(r.text for r in runs).strip():
            return
        if place in (Place.BODY, Place.TABLE) or cell is not None:
            self.body_text_seen = self.body_text_seen or (place is Place.BODY and cell is None)
        style = self._style_name(p)
        ppr = p.find(_w("pPr"))
        bullet = ppr is not None and ppr.find(_w("numPr")) is not None
        bullet = bullet or any(s in style for s in _LIST_STYLES)
        heading = any(style.startswith(s) for s in _TITLE_STYLES)
        self.lines.append(
            Line(
                runs,
                place=Place.TABLE if cell is not None and place is Place.BODY else place,
                align=self._align(p),
                bullet=bullet,
                heading=heading,
                cell=cell,
            )
        )

    def _text_boxes(self, p: Any) -> list[Any]:
        boxes = []
        for box in p.iter(_w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            if any(a.tag == _w("txbxContent") for a in box.iterancestors()):
                continue
            boxes.append(box)
        return boxes

    @staticmethod
    def _in_text_box(element: Any) -> bool:
        return any(a.tag == _w("txbxContent") for a in element.iterancestors())

    def _style_name(self, p: Any) -> str:
        ppr = p.find(_w("pPr"))
        style = ppr.find(_w("pStyle")) if ppr is not None else None
        if style is None:
            return ""
        style_id = style.get(_w("val")) or ""
        try:
            name = self.document.styles.element.get_by_id(style_id)
            return str(name.name_val if name is not None else style_id).casefold()
        except (AttributeError, KeyError):
            return style_id.casefold()

    @staticmethod
    def _align(p: Any) -> Align:
        ppr = p.find(_w("pPr"))
        jc = ppr.find(_w("jc")) if ppr is not None else None
        value = jc.get(_w("val")) if jc is not None else ""
        if value in ("right", "end"):
            return Align.RIGHT
        if value == "center":
            return Align.CENTER
        return Align.LEFT

    def _runs(self, p: Any, part: Any) -> list[Run]:
        out: list[Run] = []
        for child in p.iterchildren():
            if child.tag == _w("r"):
                out.extend(self._run(child, None))
            elif child.tag == _w("hyperlink"):
                link = self._target(child, part)
                for r in child.iter(_w("r")):
                    out.extend(self._run(r, link))
            elif child.tag in (_w("ins"), _w("smartTag"), _w("fldSimple")):
                for r in child.iter(_w("r")):
                    out.extend(self._run(r, None))
        return out

    @staticmethod
    def _target(link: Any, part: Any) -> str | None:
        rid = link.get(f"{{{R}}}id")
        if not rid:
            return None
        try:
            rel = part.rels[rid]
        except KeyError:
            return None
        target = str(rel.target_ref)
        return target if target.startswith(("https://", "http://", "mailto:")) else None

    @staticmethod
    def _flag(rpr: Any, tag: str) -> bool:
        element = rpr.find(_w(tag)) if rpr is not None else None
        if element is None:
            return False
        return element.get(_w("val"), "true") not in ("0", "false", "off")

    def _run(self, r: Any, link: str | None) -> list[Run]:
        rpr = r.find(_w("rPr"))
        bold, italic = self._flag(rpr, "b"), self._flag(rpr, "i")
        text: list[str] = []
        for child in r.iterchildren():
            if child.tag == _w("t"):
                text.append(child.text or "")
            elif child.tag == _w("tab"):
                text.append("\t")
            elif child.tag in (_w("br"), _w("cr")):
                text.append("\n")
        joined = "".join(text)
        return [Run(joined, bold, italic, link)] if joined else []


def read_docx(archive: zipfile.ZipFile, name: str) -> Extracted:
    import docx

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as copy:  # python-docx reads a file: give it the checked zip
        for info in archive.infolist():
            copy.writestr(info, member(archive, info.filename) or b"")
    buffer.seek(0)
    document = docx.Document(buffer)
    reader = _Reader(document)
    seen: set[int] = set()
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            if header.is_linked_to_previous or id(header.part) in seen:
                continue
            seen.add(id(header.part))
            reader.part_lines(header._element, header.part, Place.HEADER)
    reader.part_lines(document.element.body, document.part, Place.BODY)
    for section in document.sections[:1]:
        footer = section.footer
        if not footer.is_linked_to_previous:
            reader.part_lines(footer._element, footer.part, Place.FOOTER)
    title = str(document.core_properties.title or "")
    return Extracted(
        tuple(reader.lines),
        tuple(reader.pictures),
        source=name,
        kind="Word",
        metadata_title=title,
    )
