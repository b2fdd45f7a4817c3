"""The DOCX, with python-docx: the same layout as the PDF, in named styles a user can restyle.

The bloc-marque is one picture (rendered by Typst from the same vector sources, 600 ppi) with an
alternative text; the rest is live text. Word and LibreOffice read the text as French
(``w:lang`` in the document defaults) and hyphenate it (``w:autoHyphenation``).
"""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from desktop.core.model import Run
from desktop.render.content import (
    CONTACT_SEPARATOR,
    LANGUAGE,
    PreparedContact,
    PreparedRelease,
)

BRAND_PPI = 600
BRAND_BLUE = "000091"
EMBARGO_RED = "E1000F"

# Paragraph styles, by role; the names are what a user sees in Word's style list.
STYLE_EMBARGO = "Embargo"
STYLE_KIND = "Type de communiqué"
STYLE_HEADLINE = "Titre du communiqué"
STYLE_DATELINE = "Lieu et date"
STYLE_NUMBER = "Numéro du communiqué"
STYLE_BODY = "Texte du communiqué"
STYLE_LIST = "Liste du communiqué"
STYLE_CONTACTS_HEADING = "Titre des contacts presse"
STYLE_CONTACT = "Contact presse"
STYLE_HYPERLINK = "Hyperlink"


def render_docx(prepared: PreparedRelease, brand_png: bytes, *,
                created: datetime | None = None) -> bytes:
    """The release as DOCX bytes; ``brand_png`` is the bloc-marque from ``pdf.render_brand_png``."""
    from docx import Document

    base, style_ids = _base_document(prepared.font.docx_family)
    document = Document(io.BytesIO(base))
    body = _Writer(document, style_ids)

    if prepared.embargo:
        body.paragraph(STYLE_EMBARGO, [Run(prepared.embargo)])
    body.brand(brand_png, prepared.brand_alt)
    if prepared.kind:
        body.paragraph(STYLE_KIND, [Run(prepared.kind)])
    body.paragraph(STYLE_HEADLINE, [Run(prepared.headline)])
    if prepared.dateline:
        body.paragraph(STYLE_DATELINE, [Run(prepared.dateline)])
    if prepared.number:
        body.paragraph(STYLE_NUMBER, [Run(prepared.number)])
    for block in prepared.body:
        style = STYLE_LIST if block.kind == "list" else STYLE_BODY
        for item in block.items:
            body.paragraph(style, item)
    if prepared.contacts:
        body.paragraph(STYLE_CONTACTS_HEADING, [Run(prepared.contacts_heading)])
        for contact in prepared.contacts:
            body.paragraph(STYLE_CONTACT, _contact_runs(contact))

    props = document.core_properties
    props.title = _property(prepared.title)
    props.subject = _property(prepared.kind)
    props.author = _property(prepared.author)
    props.last_modified_by = ""
    props.language = LANGUAGE
    props.created = props.modified = (created or datetime.now(UTC)).replace(tzinfo=None)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


MAX_PROPERTY = 255
"""python-docx (and Word) keep at most 255 characters in a core property such as the title."""


def _property(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY else text[:MAX_PROPERTY - 1].rstrip() + "…"


def _contact_runs(contact: PreparedContact) -> list[Run]:
    runs = [Run(contact.lead)] if contact.lead else []
    if contact.phone:
        runs.append(Run(contact.phone, link=contact.phone_uri))
    if contact.phone and contact.email:
        runs.append(Run(CONTACT_SEPARATOR))
    if contact.email:
        runs.append(Run(contact.email, link=contact.mailto))
    return runs


@lru_cache(maxsize=4)
def _base_document(font_family: str) -> tuple[bytes, dict[str, str]]:
    """The empty document with its page, defaults and styles, built once per typeface.

    Looking styles up by name is slow in python-docx (a scan of some 160 styles each time), so
    this also returns each style's id, and the writer sets ids directly.
    """
    from docx import Document

    document = Document()
    _set_up_document(document, font_family)
    _add_styles(document)
    ids = {style.name: style.style_id for style in document.styles}
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), ids


def _set_up_document(document: Any, font_family: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(2)
    section.left_margin = section.right_margin = Cm(2.2)

    # Document defaults: the typeface and French, for every style that does not say otherwise.
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font_family)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)

    normal = document.styles["Normal"]
    normal.font.name = font_family
    normal.font.size = Pt(11)

    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        settings.append(OxmlElement("w:autoHyphenation"))


def _add_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles = document.styles

    def paragraph_style(name: str, *, size: float = 11, bold: bool = False,
                        before: float = 0, after: float = 0, justify: bool = False,
                        keep_next: bool = False, base: str = "Normal") -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing = 1.15
        fmt.keep_with_next = keep_next
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else WD_ALIGN_PARAGRAPH.LEFT
        return style

    embargo = paragraph_style(STYLE_EMBARGO, bold=True, after=12)
    embargo.font.color.rgb = RGBColor.from_string(EMBARGO_RED)
    paragraph_style(STYLE_KIND, size=12, before=28, after=6, keep_next=True)
    paragraph_style(STYLE_HEADLINE, size=14, bold=True, after=16, keep_next=True)
    paragraph_style(STYLE_DATELINE, keep_next=True)
    paragraph_style(STYLE_NUMBER, keep_next=True)
    paragraph_style(STYLE_BODY, after=8, justify=True)
    styles[STYLE_BODY].paragraph_format.widow_control = True
    paragraph_style(STYLE_LIST, after=4, justify=True, base="List Bullet")
    paragraph_style(STYLE_CONTACTS_HEADING, bold=True, before=18, after=6, keep_next=True)
    paragraph_style(STYLE_CONTACT, after=2, keep_next=True)
    # The last paragraph before the body gets room after it.
    styles[STYLE_NUMBER].paragraph_format.space_after = Pt(16)

    link = styles.add_style(STYLE_HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(BRAND_BLUE)
    link.font.underline = True
    link.unhide_when_used = True


class _Writer:
    def __init__(self, document: Any, style_ids: dict[str, str]) -> None:
        self.document = document
        self.style_ids = style_ids

    def _new_paragraph(self, style: str) -> Any:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def paragraph(self, style: str, runs: list[Run] | tuple[Run, ...]) -> Any:
        paragraph = self._new_paragraph(style)
        for run in runs:
            if run.link:
                _add_hyperlink(paragraph, run, self.style_ids[STYLE_HYPERLINK])
            else:
                target = paragraph.add_run(run.text)
                target.bold = run.bold or None
                target.italic = run.italic or None
        return paragraph

    def brand(self, png: bytes, alt: str) -> None:
        from docx.shared import Inches

        paragraph = self._new_paragraph("Normal")
        width_px, height_px = _png_size(png)
        picture = paragraph.add_run().add_picture(
            io.BytesIO(png), width=Inches(width_px / BRAND_PPI),
            height=Inches(height_px / BRAND_PPI))
        doc_pr = picture._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", "Bloc-marque")
        doc_pr.set("name", "Bloc-marque")


def _add_hyperlink(paragraph: Any, run: Run, style_id: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    assert run.link is not None
    rel_id = paragraph.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    hyperlink.set(qn("w:history"), "1")
    inner = paragraph.add_run(run.text)
    inner._r.style = style_id
    inner.bold = run.bold or None
    inner.italic = run.italic or None
    # Move the run python-docx appended into the hyperlink element.
    hyperlink.append(inner._r)
    paragraph._p.append(hyperlink)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)
