"""The DOCX, with python-docx: the PDF's layout, from the same house style, in named styles a user
can restyle.

The bloc-marque is one vector picture (SVG, with a PNG fallback for Word before 2016) with an
alternative text; the rest is live text. Word and LibreOffice read the text as French (``w:lang``
in the document defaults) and hyphenate it (``w:autoHyphenation``), except addresses, whose runs
have no language (``zxx``): nothing hyphenates them.

Paragraphs are appended to the body directly (python-docx's ``add_paragraph`` looks for the
section properties from the first child on, which makes a long release quadratic), and link
relationships get their ids here for the same reason.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import struct
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.model import Run
from desktop.render import house_style
from desktop.render.balance import balanced_headline
from desktop.render.content import (
    CONTACT_SEPARATOR,
    LANGUAGE,
    PreparedBlock,
    PreparedContact,
    PreparedRelease,
    TextRun,
    held_hyphens,
    parts_runs,
    table_of_contents,
)
from desktop.render.house_style import (
    NO_LANGUAGE,
    STYLE_BODY,
    STYLE_BRAND,
    STYLE_CAPTION,
    STYLE_CONTACT,
    STYLE_CONTACTS_HEADING,
    STYLE_DATELINE,
    STYLE_EMBARGO,
    STYLE_FOOTER,
    STYLE_HEADLINE,
    STYLE_KIND,
    STYLE_LIST,
    STYLE_NUMBER,
    STYLE_TABLE_CELL,
    HouseStyle,
)
from desktop.services import paths
from desktop.services.files import atomic_write

log = logging.getLogger(__name__)

BRAND_PPI = 600
APPLICATION = "Communiqué"
STYLE_CHAPTER = "Heading 2"
STYLE_SECTION = "Heading 3"
"""Word's own heading styles for the body's chapters and sections (the headline is level 1)."""

# Word's own name for the link character style (the other names: house_style).
STYLE_HYPERLINK = "Hyperlink"

SVG_BLIP_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"

# The order of w:settings' children in ISO/IEC 29500 (CT_Settings), up to autoHyphenation's
# neighbours: autoHyphenation goes before the first of these the template has.
_AFTER_AUTO_HYPHENATION = (
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
)

_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def prepare_base(prepared: PreparedRelease) -> None:
    """Import python-docx and make the base document ready, before the pictures are."""
    _base_document(prepared.font.docx_family, house_style.HOUSE_STYLE)


def render_docx(
    prepared: PreparedRelease,
    brand_png: bytes,
    *,
    brand_svg: bytes | None = None,
    created: datetime | None = None,
) -> bytes:
    """The release as DOCX bytes; ``brand_png`` (and ``brand_svg``) is the bloc-marque from
    ``pdf.render_brand_png`` (``pdf.render_brand_svg``)."""
    from docx import Document

    style = house_style.HOUSE_STYLE
    base, style_ids = _base_document(prepared.font.docx_family, style)
    document = Document(io.BytesIO(base))
    body = _Writer(document, style_ids, _spacing(style))

    body.brand(brand_png, brand_svg, prepared.brand_alt)
    if prepared.embargo:
        body.space_after(0)
        body.paragraph(STYLE_EMBARGO, parts_runs(prepared.embargo_runs))
    if prepared.kind:
        body.paragraph(STYLE_KIND, parts_runs(prepared.kind_runs))
    body.paragraph(STYLE_HEADLINE, balanced_headline(prepared))
    meta = []
    if prepared.dateline:
        meta.append(body.dateline(prepared.dateline_runs))
    if prepared.number:
        meta.append(body.paragraph(STYLE_NUMBER, [Run(prepared.number)]))
    if meta:
        body.space_after(style.meta_after)
    _kind_parts(body, prepared)
    for block in prepared.body:
        _block(body, block, style)
    for section in prepared.sections:  # a kind's details (an invitation's event…)
        if section.heading:
            body.paragraph(STYLE_CONTACTS_HEADING, [Run(section.heading)])
        for block in section.blocks:
            _block(body, block, style)
    if prepared.contacts:
        body.paragraph(STYLE_CONTACTS_HEADING, [Run(prepared.contacts_heading)])
        for group in prepared.contact_groups:  # no page break inside a group
            for i, contact in enumerate(group):
                paragraph = body.paragraph(STYLE_CONTACT, _contact_runs(contact))
                paragraph.paragraph_format.keep_with_next = i < len(group) - 1 or None

    props = document.core_properties
    props.title = _property(prepared.title)
    props.subject = _property(prepared.kind)
    props.author = _property(prepared.author)
    props.comments = ""
    props.last_modified_by = ""
    if prepared.status_metadata:
        props.content_status = _property(prepared.status_metadata)
    if prepared.draft_mark:
        _draft_mark(document, prepared.draft_mark, prepared.font.docx_family)
    props.language = LANGUAGE
    props.created = props.modified = (created or datetime.now(UTC)).replace(tzinfo=None)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _kind_parts(body: _Writer, prepared: PreparedRelease) -> None:
    """A speech's speaker, occasion and delivery mention; a press kit's subtitle, cover image
    and contents (a TOC field of the body's headings, which Word updates on opening)."""
    speech, kit = prepared.speech, prepared.press_kit
    if speech is not None:
        for text in (speech.speaker, speech.occasion):
            if text:
                body.paragraph(STYLE_KIND, [Run(text, bold=text == speech.speaker)])
        body.paragraph(STYLE_EMBARGO, [Run(speech.delivery)])
    if kit is None:
        return
    if kit.subtitle:
        body.paragraph(STYLE_KIND, [Run(kit.subtitle, bold=True)])
    if kit.cover is not None:
        body.figure(PreparedBlock("figure", (), image=kit.cover, alt=kit.cover_alt))
    entries = table_of_contents(prepared)
    if entries:
        from desktop.render.pdf import heading_pages

        body.contents(kit.contents_heading, entries, heading_pages(prepared))


MAX_PROPERTY = 255
"""python-docx (and Word) keep at most 255 characters in a core property such as the title."""


def _property(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1].rstrip() + "…"


def _spacing(house: HouseStyle) -> dict[str, tuple[float, float]]:
    """Each style's space before and after, pt."""
    specs = {
        STYLE_BRAND: house_style.Paragraph(1, after=house.brand_after),
        STYLE_EMBARGO: house.embargo_text,
        STYLE_KIND: house.kind,
        STYLE_HEADLINE: house.headline,
        STYLE_DATELINE: house.dateline,
        STYLE_NUMBER: house.number,
        STYLE_BODY: house.body,
        STYLE_LIST: house.list_item,
        STYLE_CONTACTS_HEADING: house.contacts_heading,
        STYLE_CONTACT: house.contact,
        STYLE_CHAPTER: house.chapter,
        STYLE_SECTION: house.section,
        STYLE_CAPTION: house.caption,
    }
    return {name: (spec.before, spec.after) for name, spec in specs.items()}


def _block(body: _Writer, block: PreparedBlock, style: HouseStyle) -> None:
    if block.kind == "list":
        for item in block.items:
            body.paragraph(STYLE_LIST, item)
        if block.items:
            body.space_after(style.list_after)
    elif block.kind == "heading":
        body.paragraph(STYLE_CHAPTER if block.level == 1 else STYLE_SECTION, block.items[0])
    elif block.kind == "table":
        body.table(block)
    elif block.kind == "figure":
        body.figure(block)
    else:
        for item in block.items:
            body.paragraph(STYLE_BODY, item)


def _contact_runs(contact: PreparedContact) -> list[Run]:
    runs: list[Run] = [Run(contact.lead)] if contact.lead else []
    if contact.phone:
        runs.append(TextRun(contact.phone, link=contact.phone_uri, address=True))
    if contact.phone and contact.email:
        runs.append(Run(CONTACT_SEPARATOR))
    if contact.email:
        runs.append(TextRun(contact.email, link=contact.mailto, address=True))
    return runs


@lru_cache(maxsize=4)
def _base_document(font_family: str, style: HouseStyle) -> tuple[bytes, dict[str, str]]:
    """The empty document with its page, defaults, styles and footer, built once per typeface
    and house style, and kept in the cache folder so that the next process (a command line
    export) reads it instead of building it again.

    Looking styles up by name is slow in python-docx (a scan of some 160 styles each time), so
    this also returns each style's id, and the writer sets ids directly.
    """
    cached = _base_cache_path(font_family, style)
    try:
        with zipfile.ZipFile(cached) as archive:
            ids = json.loads(archive.comment.decode("utf-8"))
        if isinstance(ids, dict) and all(isinstance(v, str) for v in ids.values()):
            return cached.read_bytes(), ids
    except (OSError, ValueError, zipfile.BadZipFile):
        pass  # absent or damaged: build it again
    base, ids = _build_base_document(font_family, style)
    try:
        labelled = io.BytesIO(base)
        with zipfile.ZipFile(labelled, "a") as archive:
            archive.comment = json.dumps(ids).encode("utf-8")
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, labelled.getvalue())
    except OSError as exc:
        log.info("DOCX base document not cached in %s: %s", cached, exc)
    return base, ids


def _base_cache_path(font_family: str, style: HouseStyle) -> Path:
    """Named after everything the base document is built from, so a change makes a new one."""
    import docx

    library = getattr(docx, "__version__", "?")
    source = _own_source()
    key = hashlib.sha256(
        repr((__version__, library, font_family, style)).encode("utf-8") + source
    ).hexdigest()[:20]
    return paths.cache_dir() / f"docx-base-{key}.docx"


def _own_source() -> bytes:
    """This module's source; in a frozen program (PyInstaller), which ships no source, the
    program's own build: a new build is a new program file."""
    try:
        return Path(__file__).read_bytes()
    except OSError:
        import sys

        try:
            return f"{sys.executable}:{Path(sys.executable).stat().st_mtime_ns}".encode()
        except OSError:
            return sys.executable.encode()


def _build_base_document(font_family: str, style: HouseStyle) -> tuple[bytes, dict[str, str]]:
    from docx import Document

    document = Document()
    _set_up_document(document, font_family, style)
    _add_styles(document, style)
    _set_up_list(document, style)
    _add_footer(document)
    _set_application(document)
    ids = {s.name: s.style_id for s in document.styles}
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), ids


def _set_up_document(document: Any, font_family: str, style: HouseStyle) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    page = style.page
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.header_distance = Mm(page.top / 2)
    # The footer paragraph's bottom edge: its baseline at footer_distance from the page's edge.
    section.footer_distance = Mm(page.footer_distance) - Pt(page.footer_size * style.descent)

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
    normal.font.size = Pt(style.body.size)

    _turn_on_hyphenation(document.settings.element)


def _turn_on_hyphenation(settings: Any) -> None:
    """``w:autoHyphenation`` in its place in the schema's sequence (Word rejects it elsewhere)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if settings.find(qn("w:autoHyphenation")) is not None:
        return
    element = OxmlElement("w:autoHyphenation")
    later = {qn(f"w:{name}") for name in _AFTER_AUTO_HYPHENATION}
    for child in settings:
        if child.tag in later or not child.tag.startswith("{" + _W_NAMESPACE):
            child.addprevious(element)
            return
    settings.append(element)


_AFTER_SUPPRESS = (
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
"""What follows ``w:suppressAutoHyphens`` in CT_PPr's sequence."""
_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_styles(document: Any, house: HouseStyle) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles

    def paragraph_style(
        name: str, spec: house_style.Paragraph, *, keep_next: bool = False, base: str = "Normal"
    ) -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(spec.size)
        style.font.bold = spec.bold
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(house.line(spec))
        fmt.keep_with_next = keep_next
        fmt.widow_control = True
        if not spec.justify:  # as in the PDF, only justified text is hyphenated
            pPr = style.element.get_or_add_pPr()
            pPr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if spec.justify else WD_ALIGN_PARAGRAPH.LEFT
        return style

    brand = paragraph_style(
        STYLE_BRAND, house_style.Paragraph(1, after=house.brand_after), keep_next=True
    )
    brand.paragraph_format.line_spacing = Pt(0)
    embargo = paragraph_style(STYLE_EMBARGO, house.embargo_text, keep_next=True)
    _box(embargo, house)
    embargo.font.color.rgb = RGBColor.from_string(house.embargo.colour.lstrip("#"))
    paragraph_style(STYLE_KIND, house.kind, keep_next=True)
    headline = paragraph_style(STYLE_HEADLINE, house.headline, keep_next=True)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")  # a level-1 heading: navigation pane, screen readers
    headline.element.get_or_add_pPr().append(outline)
    paragraph_style(STYLE_DATELINE, house.dateline, keep_next=True)
    paragraph_style(STYLE_NUMBER, house.number, keep_next=True)
    paragraph_style(STYLE_BODY, house.body)
    paragraph_style(STYLE_LIST, house.list_item, base="List Bullet")
    contacts = paragraph_style(STYLE_CONTACTS_HEADING, house.contacts_heading, keep_next=True)
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")  # a level-2 heading, as in every format
    contacts.element.get_or_add_pPr().append(level)
    paragraph_style(STYLE_CONTACT, house.contact)
    _heading_styles(styles, house)
    paragraph_style(STYLE_TABLE_CELL, house.table_cell)
    _caption_style(paragraph_style(STYLE_CAPTION, house.caption), house)
    footer = paragraph_style(
        STYLE_FOOTER, house_style.Paragraph(house.page.footer_size), base="Normal"
    )
    footer.font.color.rgb = RGBColor.from_string(house.page.footer_colour.lstrip("#"))
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    _link_style(styles, house)


def _link_style(styles: Any, house: HouseStyle) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    link = styles.add_style(STYLE_HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(house.link_colour.lstrip("#"))
    link.font.underline = house.link_underline
    link.unhide_when_used = True


def _caption_style(caption: Any, house: HouseStyle) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    caption.font.color.rgb = RGBColor.from_string(house.caption_colour.lstrip("#"))
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading_styles(styles: Any, house: HouseStyle) -> None:
    """The body's headings are Word's own "Heading 2" and "Heading 3" (the headline is the one
    level-1 heading): the navigation pane, the TOC field (``\\o "2-3"``) and LibreOffice know
    them."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, spec in ((STYLE_CHAPTER, house.chapter), (STYLE_SECTION, house.section)):
        heading = styles[name]
        heading.font.size = Pt(spec.size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.name = None
        heading.font.color.rgb = RGBColor.from_string(
            (house.link_colour if spec is house.chapter else "#161616").lstrip("#")
        )
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(house.line(spec))
        fmt.keep_with_next = True
        for theme in heading.element.rPr.findall(qn("w:rFonts")):
            heading.element.rPr.remove(theme)


def _box(style: Any, house: HouseStyle) -> None:
    """The embargo's frame, as the PDF draws it: a rule on every side, the text inset."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    box = house.embargo
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), str(round(box.stroke * 8)))  # eighths of a point
        vertical = side in ("top", "bottom")
        rule.set(qn("w:space"), str(round(box.inset_y if vertical else box.inset_x)))
        rule.set(qn("w:color"), box.colour.lstrip("#"))
        borders.append(rule)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", *_AFTER_SUPPRESS)
    indent = Pt(box.inset_x + box.stroke)
    style.paragraph_format.left_indent = style.paragraph_format.right_indent = indent


def _set_up_list(document: Any, house: HouseStyle) -> None:
    """The bullet list's first level: the house's bullet and indents (the template's level 0
    of "List Bullet" has its own)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["List Bullet"]
    num_pr = style.element.pPr.find(qn("w:numPr"))
    num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = next(lvl for lvl in abstract.findall(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0")
    level.find(qn("w:lvlText")).set(qn("w:val"), house.bullet)
    rpr = level.find(qn("w:rPr"))
    if rpr is not None:
        level.remove(rpr)  # the template's Symbol font: the bullet is in the text's typeface
    ind = level.find(qn("w:pPr")).find(qn("w:ind"))
    twips = round(house.list_body_indent * 20)
    ind.set(qn("w:left"), str(twips))
    ind.set(qn("w:hanging"), str(twips - round(house.list_indent * 20)))
    list_style = document.styles[STYLE_LIST]
    # "List Bullet" sets w:contextualSpacing, which drops the space between two items of the
    # same style: switched off, so items are spaced as in the PDF and the ODT.
    contextual = OxmlElement("w:contextualSpacing")
    contextual.set(qn("w:val"), "0")
    list_style.element.get_or_add_pPr().insert_element_before(
        contextual, *_AFTER_SUPPRESS[_AFTER_SUPPRESS.index("w:contextualSpacing") + 1 :]
    )
    list_style.paragraph_format.left_indent = Pt(house.list_body_indent)
    list_style.paragraph_format.first_line_indent = Pt(house.list_indent - house.list_body_indent)


class _Field:
    """A Word field: its instruction, made of text and nested fields, and the result shown until
    the application updates it."""

    def __init__(self, *instruction: str | _Field, shown: str = "") -> None:
        self.instruction = instruction
        self.shown = shown

    def write(self, paragraph: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        def run(child: Any) -> None:
            r = OxmlElement("w:r")
            r.append(child)
            paragraph._p.append(r)

        def char(kind: str) -> Any:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            return element

        run(char("begin"))
        for part in self.instruction:
            if isinstance(part, _Field):
                part.write(paragraph)
                continue
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = part
            run(text)
        run(char("separate"))
        if self.shown:
            shown = OxmlElement("w:t")
            shown.set(qn("xml:space"), "preserve")
            shown.text = self.shown
            run(shown)
        run(char("end"))


def _add_footer(document: Any) -> None:
    """Page numbers ``n / N`` at the bottom right, as in the PDF. (Only on releases of two pages
    or more would need ``IF NUMPAGES > 1``, which LibreOffice prints as ``212``.)"""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles[STYLE_FOOTER]
    _Field(" PAGE ", shown="1").write(paragraph)
    paragraph.add_run(" / ")
    _Field(" NUMPAGES ", shown="1").write(paragraph)


def _set_application(document: Any) -> None:
    """``docProps/app.xml`` names this application, not the template's author's."""
    for part in document.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.encode("utf-8")


class _Writer:
    """Appends paragraphs. Space before a paragraph is moved onto the one above it (as space
    after): Word adds the two, LibreOffice takes the larger, so only one of them is ever set."""

    def __init__(
        self, document: Any, style_ids: dict[str, str], spacing: dict[str, tuple[float, float]]
    ) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.style_ids = style_ids
        self.spacing = spacing
        self.body = document._body
        self.section = document.element.body.find(qn("w:sectPr"))
        self.links: dict[str, str] = {}
        self.previous: tuple[Any, float] | None = None

    def space_after(self, points: float) -> None:
        """Set the last paragraph's space after."""
        from docx.shared import Pt

        assert self.previous is not None
        paragraph, _after = self.previous
        paragraph.paragraph_format.space_after = Pt(points)
        self.previous = (paragraph, points)

    def _new_paragraph(self, style: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        self.section.addprevious(p)
        p.style = self.style_ids[style]
        paragraph = Paragraph(p, self.body)
        before, after = self.spacing.get(style, (0.0, 0.0))
        if before and self.previous is not None:
            self.space_after(self.previous[1] + before)
            paragraph.paragraph_format.space_before = Pt(0)
        self.previous = (paragraph, after)
        return paragraph

    def paragraph(self, style: str, runs: list[Run] | tuple[Run, ...]) -> Any:
        paragraph = self._new_paragraph(style)
        for run in runs:
            if run.link:
                self._hyperlink(paragraph, run)
            else:
                _styled_run(paragraph, run)
        return paragraph

    def dateline(self, parts: tuple[tuple[str, bool], ...]) -> Any:
        return self.paragraph(STYLE_DATELINE, parts_runs(parts))

    def brand(self, png: bytes, svg: bytes | None, alt: str) -> Any:
        from docx.shared import Inches

        paragraph = self._new_paragraph(STYLE_BRAND)
        width_px, height_px = _png_size(png)
        picture = paragraph.add_run().add_picture(
            io.BytesIO(png),
            width=Inches(width_px / BRAND_PPI),
            height=Inches(height_px / BRAND_PPI),
        )
        inline = picture._inline
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")
        doc_pr = inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", "Bloc-marque")
        doc_pr.set("name", "Bloc-marque")
        if svg is not None:
            _add_svg(self.document, inline, svg)
        return paragraph

    def table(self, block: PreparedBlock) -> None:
        """A grid whose first row is marked as the header (``w:tblHeader``: repeated on each
        page, read as column headers), its caption under it."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.oxml.table import CT_Tbl
        from docx.shared import Mm
        from docx.table import Table

        columns = len(block.rows[0])
        width = Mm(house_style.HOUSE_STYLE.page.text_width)
        element = CT_Tbl.new_tbl(len(block.rows), columns, width)
        self.section.addprevious(element)
        table = Table(element, self.body)
        table.style = self.document.styles["Table Grid"]
        for r, (row, cells) in enumerate(zip(table.rows, block.rows, strict=True)):
            if r == 0:
                header = OxmlElement("w:tblHeader")
                row._tr.get_or_add_trPr().append(header)
            for cell, runs in zip(row.cells, cells, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles[STYLE_TABLE_CELL]
                for run in runs:
                    styled = _styled_run(paragraph, run)
                    if r == 0:
                        styled.bold = True
                if r == 0:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), house_style.HOUSE_STYLE.table_header_fill[1:])
                    cell._tc.get_or_add_tcPr().append(shading)
        self.previous = None
        if block.caption:
            self.paragraph(STYLE_CAPTION, [Run(block.caption)])
        else:
            self._spacer(house_style.HOUSE_STYLE.table_after)

    def contents(
        self, heading: str, entries: tuple[PreparedBlock, ...], pages: dict[str, int]
    ) -> None:
        """The contents on a page of their own: a TOC field over Heading 2 and 3, its entries
        written in with the PDF's page numbers after a dotted tab (Word refreshes them on
        opening)."""
        from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Mm, Pt

        title = self.paragraph(STYLE_CONTACTS_HEADING, [Run(heading)])
        title.paragraph_format.page_break_before = True
        width = Mm(house_style.HOUSE_STYLE.page.text_width)
        lines = []
        for entry in entries:
            line = self.paragraph(STYLE_BODY, [])
            fmt = line.paragraph_format
            fmt.space_after = 0
            fmt.alignment = None
            fmt.left_indent = Pt(house_style.HOUSE_STYLE.list_body_indent * (entry.level - 1))
            fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            page = pages.get(entry.anchor)
            lines.append((line, entry.text + (f"\t{page}" if page else "")))
        # One field over the entries' paragraphs: begin and instruction in the first, its
        # result the entries, its end in the last.
        _field_char(lines[0][0], "begin")
        _field_instruction(lines[0][0], ' TOC \\o "2-3" \\h \\z ')
        _field_char(lines[0][0], "separate")
        for line, text in lines:
            line.add_run(text)
        _field_char(lines[-1][0], "end")
        self.paragraph(STYLE_BODY, []).add_run().add_break(WD_BREAK.PAGE)
        self.document.settings.element.append(_update_fields())

    def _spacer(self, points: float) -> None:
        """An empty paragraph of ``points`` after a table (Word has no space after a table)."""
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        paragraph = self._new_paragraph(STYLE_BODY)
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.line_spacing = Pt(0), Pt(points)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        self.previous = None

    def figure(self, block: PreparedBlock) -> None:
        """The image in a paragraph of its own, its alternative text in ``wp:docPr/@descr``."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        from desktop.render.pdf import picture_width

        picture = block.image
        if picture is None:
            return
        paragraph = self._new_paragraph(STYLE_CAPTION)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        width = picture_width(picture, house_style.HOUSE_STYLE)
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.data), width=Mm(width))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", block.alt)
        doc_pr.set("title", block.caption or block.alt[:80])
        if block.caption:
            self.paragraph(STYLE_CAPTION, [Run(block.caption)])

    def _hyperlink(self, paragraph: Any, run: Run) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        assert run.link is not None
        rel_id = self.links.get(run.link)
        if rel_id is None:
            rel_id = f"rIdLink{len(self.links) + 1}"
            paragraph.part.rels.add_relationship(RT.HYPERLINK, run.link, rel_id, is_external=True)
            self.links[run.link] = rel_id
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rel_id)
        hyperlink.set(qn("w:history"), "1")
        inner = _styled_run(paragraph, run)
        inner._r.style = self.style_ids[STYLE_HYPERLINK]
        # Move the run python-docx appended into the hyperlink element.
        hyperlink.append(inner._r)
        paragraph._p.append(hyperlink)


def _styled_run(paragraph: Any, run: Run) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    address = isinstance(run, TextRun) and run.address
    target = paragraph.add_run(held_hyphens(run.text) if address else run.text)
    target.bold = run.bold or None
    target.italic = run.italic or None
    if isinstance(run, TextRun) and run.superscript:
        target.font.superscript = True
    if isinstance(run, TextRun) and run.whole:  # a capitalised word: no hyphenation
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), NO_LANGUAGE)
        target._r.get_or_add_rPr().append(lang)
    if isinstance(run, TextRun) and run.address:
        rpr = target._r.get_or_add_rPr()
        no_proof = OxmlElement("w:noProof")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), NO_LANGUAGE)
        rpr.append(no_proof)
        rpr.append(lang)
    elif run.lang:  # a passage in another language: Word's spelling and hyphenation follow it
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), run.lang)
        target._r.get_or_add_rPr().append(lang)
    return target


def _add_svg(document: Any, inline: Any, svg: bytes) -> None:
    """The SVG beside the PNG: ``a:blip``'s extension that Word 2016+ and LibreOffice read."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = Part(PackURI("/word/media/bloc-marque.svg"), "image/svg+xml", svg, document.part.package)
    rel_id = document.part.relate_to(part, RT.IMAGE)
    blip = inline.find(".//" + qn("a:blip"))
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_BLIP_EXTENSION)
    ext.append(
        parse_xml(f'<asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" {nsdecls("r")} r:embed="{rel_id}"/>')
    )
    ext_list.append(ext)
    blip.append(ext_list)


def _field_char(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)


def _field_instruction(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run.append(text)
    paragraph._p.append(run)


def _update_fields() -> Any:
    """``w:updateFields``: Word refreshes the fields (the contents' page numbers) on opening."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    return element


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


_DRAFT_MARK_XML = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    # The holding paragraph one point tall: the header must not push the text down.
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="CommuniqueDraftMark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;'
    "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="{colour}" '
    'stroked="f"><v:fill opacity="{opacity}"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold" '
    'string="{mark}"/></v:shape></w:pict></w:r></w:p>'
)


def _draft_mark(document: Any, mark: str, font: str) -> None:
    """Word's own watermark (the shape its *Filigrane* command makes): a light diagonal word
    behind the text of every page, in the section's header, outside the body's text."""
    from xml.sax.saxutils import quoteattr

    from docx.oxml import parse_xml

    header = document.sections[0].header
    header.is_linked_to_previous = False
    style = house_style.HOUSE_STYLE.draft_mark
    xml = (
        _DRAFT_MARK_XML.replace("{font}", quoteattr(font)[1:-1])
        .replace("{mark}", quoteattr(mark)[1:-1])
        .replace("{colour}", style.colour)
        .replace("{opacity}", f"{style.opacity:.4f}")
    )
    header._element.append(parse_xml(xml))
