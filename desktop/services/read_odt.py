"""A LibreOffice document (.odt) read into the neutral ``Extracted`` shape from its XML (lxml,
no entity expansion, no network): the master page's header and footer, then the text in order
(paragraphs, headings, lists, tables cell by cell, text boxes in frames), each span's bold,
italic and link from the automatic styles, the alignment, and the pictures."""

from __future__ import annotations

import zipfile
from typing import Any

from desktop.core.extracted import Align, Extracted, Line, Picture, Place
from desktop.core.model import Run
from desktop.services.import_base import ImportRefused, member

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XLINK = "http://www.w3.org/1999/xlink"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _t(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


class _Styles:
    """What each named style says: bold, italic, alignment, a title's parent; followed through
    ``style:parent-style-name``."""

    def __init__(self, *roots: Any) -> None:
        self.styles: dict[str, Any] = {}
        for root in roots:
            for style in root.iter(_t(STYLE, "style")):
                self.styles.setdefault(style.get(_t(STYLE, "name"), ""), style)

    def _chain(self, name: str) -> list[Any]:
        out: list[Any] = []
        while name and name in self.styles and len(out) < 20:
            style = self.styles[name]
            out.append(style)
            name = style.get(_t(STYLE, "parent-style-name"), "")
        return out

    def prop(self, name: str, kind: str, attribute: str) -> str:
        for style in self._chain(name):
            props = style.find(_t(STYLE, kind))
            if props is not None and props.get(attribute):
                return str(props.get(attribute))
        return ""

    def names(self, name: str) -> list[str]:
        return [
            (s.get(_t(STYLE, "display-name")) or s.get(_t(STYLE, "name")) or "").casefold()
            for s in self._chain(name)
        ]


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.lines: list[Line] = []
        self.pictures: list[Picture] = []
        self.tables = 0
        self.body_text_seen = False

    def container(self, element: Any, place: Place, *, bullet: bool = False) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag in (_t(TEXT, "p"), _t(TEXT, "h")):
                self.paragraph(child, place, None, bullet=bullet)
            elif tag == _t(TEXT, "list"):
                for item in child.iterchildren(_t(TEXT, "list-item"), _t(TEXT, "list-header")):
                    self.container(item, place, bullet=True)
            elif tag == _t(TABLE, "table"):
                self.table(child, place)
            elif tag == _t(TEXT, "section"):
                self.container(child, place, bullet=bullet)

    def table(self, element: Any, place: Place) -> None:
        index = self.tables
        self.tables += 1
        for r, row in enumerate(element.iter(_t(TABLE, "table-row"))):
            for c, cell in enumerate(row.iterchildren(_t(TABLE, "table-cell"))):
                for child in cell.iterchildren():
                    if child.tag in (_t(TEXT, "p"), _t(TEXT, "h")):
                        self.paragraph(child, place, (index, r, c))
                    elif child.tag == _t(TEXT, "list"):
                        self.container(child, place)

    def paragraph(
        self, p: Any, place: Place, cell: tuple[int, int, int] | None, *, bullet: bool = False
    ) -> None:
        for frame in p.iter(_t(DRAW, "frame")):
            box = frame.find(_t(DRAW, "text-box"))
            if box is not None:
                self.container(box, Place.TEXT_BOX if place is Place.BODY else place)
            elif frame.find(_t(DRAW, "image")) is not None:
                title = frame.findtext(_t(SVG, "title")) or frame.findtext(_t(SVG, "desc"))
                name = (title or frame.get(_t(DRAW, "name")) or "image").strip()
                self.pictures.append(
                    Picture(name, place, at_top=place is Place.BODY and not self.body_text_seen)
                )
        style = p.get(_t(TEXT, "style-name"), "")
        runs = self.runs(p, bold=False, italic=False, link=None, style=style)
        if not "".join(r.text for r in runs).strip():
            return
        if place is Place.BODY and cell is None:
            self.body_text_seen = True
        align = self.styles.prop(style, "paragraph-properties", _t(FO, "text-align"))
        names = self.styles.names(style)
        heading = p.tag == _t(TEXT, "h") or any(
            n.startswith(("title", "titre", "heading", "subtitle")) for n in names
        )
        self.lines.append(
            Line(
                tuple(runs),
                place=Place.TABLE if cell is not None and place is Place.BODY else place,
                align=Align.RIGHT
                if align in ("end", "right")
                else Align.CENTER
                if align == "center"
                else Align.LEFT,
                bullet=bullet or any("list" in n or "liste" in n for n in names),
                heading=heading,
                cell=cell,
            )
        )

    def _look(self, style: str, bold: bool, italic: bool) -> tuple[bool, bool]:
        weight = self.styles.prop(style, "text-properties", _t(FO, "font-weight"))
        slant = self.styles.prop(style, "text-properties", _t(FO, "font-style"))
        return (bold or weight in ("bold", "700", "800", "900"), italic or slant == "italic")

    def runs(
        self, element: Any, *, bold: bool, italic: bool, link: str | None, style: str
    ) -> list[Run]:
        bold, italic = self._look(style, bold, italic)
        out: list[Run] = []
        if element.text:
            out.append(Run(element.text, bold, italic, link))
        for child in element.iterchildren():
            tag = child.tag
            if tag == _t(TEXT, "span"):
                out += self.runs(
                    child,
                    bold=bold,
                    italic=italic,
                    link=link,
                    style=child.get(_t(TEXT, "style-name"), ""),
                )
            elif tag == _t(TEXT, "a"):
                href = child.get(_t(XLINK, "href"), "")
                target = href if href.startswith(("https://", "http://", "mailto:")) else None
                out += self.runs(child, bold=bold, italic=italic, link=target, style="")
            elif tag == _t(TEXT, "s"):
                out.append(Run(" " * int(child.get(_t(TEXT, "c"), "1") or 1), bold, italic, link))
            elif tag == _t(TEXT, "tab"):
                out.append(Run("\t", bold, italic, link))
            elif tag == _t(TEXT, "line-break"):
                out.append(Run("\n", bold, italic, link))
            if child.tail:
                out.append(Run(child.tail, bold, italic, link))
        return out


def read_odt(archive: zipfile.ZipFile, name: str) -> Extracted:
    content = member(archive, "content.xml")
    if content is None:
        raise ImportRefused(f"«\u00a0{name}\u00a0» n’est pas un document LibreOffice valide.")
    styles_data = member(archive, "styles.xml")
    root = _parse(content)
    styles_root = _parse(styles_data) if styles_data else None
    styles = _Styles(root, *(r for r in (styles_root,) if r is not None))
    reader = _Reader(styles)
    margins: list[tuple[Any, Place]] = []
    if styles_root is not None:
        for page in styles_root.iter(_t(STYLE, "master-page")):
            for tag, place in (("header", Place.HEADER), ("footer", Place.FOOTER)):
                found = page.find(_t(STYLE, tag))
                if found is not None:
                    margins.append((found, place))
            break
    for element, place in margins:
        if place is Place.HEADER:
            reader.container(element, place)
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if text is not None:
        reader.container(text, Place.BODY)
    for element, place in margins:
        if place is Place.FOOTER:
            reader.container(element, place)
    title = ""
    meta = member(archive, "meta.xml")
    if meta:
        title = _parse(meta).findtext(".//{http://purl.org/dc/elements/1.1/}title") or ""
    return Extracted(
        tuple(reader.lines),
        tuple(reader.pictures),
        source=name,
        kind="LibreOffice",
        metadata_title=title,
    )
