"""The ODT (OpenDocument text), with odfpy: the format the RGI recommends for editable documents.

The same prepared content and house style as the PDF and the DOCX, in named paragraph styles a
user can restyle (« Titre du communiqué », « Texte du communiqué »…), text in French (fr-FR in
the default style; addresses in no language, so nothing hyphenates them), the bloc-marque as a
picture (SVG, with a PNG fallback) with its alternative text in ``svg:title`` and ``svg:desc``,
live links, bullets as a real list, ``n / N`` page numbers, the headline as a level-1 heading.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from desktop.core.header_width import MM_PER_PT
from desktop.render import house_style
from desktop.render.balance import balanced_headline
from desktop.render.content import (
    CONTACT_SEPARATOR,
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
    STYLE_CHAPTER,
    STYLE_CONTACT,
    STYLE_CONTACTS_HEADING,
    STYLE_DATELINE,
    STYLE_DRAFT_MARK,
    STYLE_EMBARGO,
    STYLE_FOOTER,
    STYLE_HEADLINE,
    STYLE_KIND,
    STYLE_LIST,
    STYLE_NUMBER,
    STYLE_SECTION,
    STYLE_TABLE_CELL,
    HouseStyle,
)
from desktop.render.markup import run_link, xml_text

# Styles only the ODT has (the shared names: house_style).
STYLE_LINK = "Lien"
STYLE_BULLETS = "Puces du communiqué"
BRAND_NAME = "Bloc-marque"


def style_name(display: str) -> str:
    """An XML name for a style shown as ``display`` (LibreOffice's own way: ``_20_`` for a
    space)."""
    return re.sub(r"[^\w.-]", lambda m: f"_{ord(m.group(0)):x}_", display)


def render_odt(
    prepared: PreparedRelease,
    brand_png: bytes,
    brand_svg: bytes,
    *,
    created: datetime | None = None,
) -> bytes:
    """The release as ODT bytes; the pictures are ``pdf.render_brand_png`` and
    ``pdf.render_brand_svg``'s."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H

    style = house_style.HOUSE_STYLE
    document = OpenDocumentText()
    writer = _Writer(document, prepared, style)

    brand = writer.brand(brand_png, brand_svg, prepared.brand_alt)
    if prepared.embargo:  # the notice takes the place of the space under the bloc-marque
        writer.space_after(brand, 0)
        writer.paragraph(STYLE_EMBARGO, parts_runs(prepared.embargo_runs))
    if prepared.kind:
        writer.paragraph(STYLE_KIND, parts_runs(prepared.kind_runs))
    headline = H(stylename=writer.styles[STYLE_HEADLINE], outlinelevel=1)
    writer.add_runs(headline, balanced_headline(prepared) or [TextRun(prepared.title)])
    document.text.addElement(headline)
    meta_lines = []
    if prepared.dateline:
        meta_lines.append(writer.dateline(prepared.dateline_runs))
    if prepared.number:
        meta_lines.append(writer.paragraph(STYLE_NUMBER, [TextRun(prepared.number)]))
    if meta_lines:
        writer.space_after(meta_lines[-1], style.meta_after)
    _kind_parts(writer, prepared)
    for block in prepared.body:
        _block(writer, document, block, style)
    for section in prepared.sections:  # a kind's details (an invitation's event…)
        if section.heading:
            _heading(writer, document, section.heading)
        for block in section.blocks:
            _block(writer, document, block, style)
    if prepared.contacts:
        _heading(writer, document, prepared.contacts_heading)
        for group in prepared.contact_groups:  # no page break inside a group
            for i, contact in enumerate(group):
                paragraph = writer.paragraph(STYLE_CONTACT, _contact_runs(contact))
                if i < len(group) - 1:
                    writer.keep_with_next(paragraph)

    _metadata(document, prepared, created or datetime.now(UTC))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _kind_parts(writer: _Writer, prepared: PreparedRelease) -> None:
    """A speech's speaker, occasion and delivery mention; a press kit's subtitle, cover image
    and contents (``text:table-of-content`` over outline levels 2 and 3)."""
    speech, kit = prepared.speech, prepared.press_kit
    if speech is not None:
        for text in (speech.speaker, speech.occasion):
            if text:
                writer.paragraph(STYLE_KIND, [TextRun(text, bold=text == speech.speaker)])
        writer.paragraph(STYLE_EMBARGO, [TextRun(speech.delivery)])
    if kit is None:
        return
    if kit.subtitle:
        writer.paragraph(STYLE_KIND, [TextRun(kit.subtitle, bold=True)])
    if kit.cover is not None:
        writer.figure(PreparedBlock("figure", (), image=kit.cover, alt=kit.cover_alt))
    entries = table_of_contents(prepared)
    if entries:
        from desktop.render.pdf import heading_pages

        writer.contents(kit.contents_heading, entries, heading_pages(prepared))


def _metadata(document: Any, prepared: PreparedRelease, created: datetime) -> None:
    from odf import dc, meta

    moment = created.astimezone(UTC).replace(tzinfo=None)
    stamp = moment.isoformat(timespec="seconds")
    document.meta.addElement(dc.Title(text=xml_text(prepared.title)))
    if prepared.kind:
        document.meta.addElement(dc.Subject(text=xml_text(prepared.kind)))
    document.meta.addElement(meta.InitialCreator(text=xml_text(prepared.author)))
    document.meta.addElement(dc.Creator(text=xml_text(prepared.author)))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))
    document.meta.addElement(dc.Language(text="fr-FR"))
    if prepared.state:  # as the PDF's keywords and the DOCX's status say it
        document.meta.addElement(meta.Keyword(text=xml_text(f"état : {prepared.state}")))
        state = meta.UserDefined(name="État", valuetype="string")
        state.addText(xml_text(prepared.state))
        document.meta.addElement(state)


def _heading(writer: _Writer, document: Any, text: str) -> None:
    from odf.text import H

    heading = H(stylename=writer.styles[STYLE_CONTACTS_HEADING], outlinelevel=2)
    writer.add_runs(heading, [TextRun(text)])
    document.text.addElement(heading)


def _block(writer: _Writer, document: Any, block: PreparedBlock, style: HouseStyle) -> None:
    from odf.text import H, List, ListItem

    if block.kind == "list":
        bullets = List(stylename=writer.styles[STYLE_BULLETS])
        last = None
        for item in block.items:
            entry = ListItem()
            last = writer.paragraph(STYLE_LIST, item, add=False)
            entry.addElement(last)
            bullets.addElement(entry)
        if last is not None:
            writer.space_after(last, style.list_after)
        document.text.addElement(bullets)
    elif block.kind == "heading":
        # Under the headline (level 1): a chapter is level 2, a section level 3.
        display = STYLE_CHAPTER if block.level == 1 else STYLE_SECTION
        heading = H(stylename=writer.styles[display], outlinelevel=block.level + 1)
        writer.add_runs(heading, block.items[0])
        document.text.addElement(heading)
    elif block.kind == "table":
        writer.table(block)
    elif block.kind == "figure":
        writer.figure(block)
    else:
        for item in block.items:
            writer.paragraph(STYLE_BODY, item)


def _contact_runs(contact: PreparedContact) -> list[TextRun]:
    runs = [TextRun(contact.lead)] if contact.lead else []
    if contact.phone:
        runs.append(TextRun(contact.phone, link=contact.phone_uri, address=True))
    if contact.phone and contact.email:
        runs.append(TextRun(CONTACT_SEPARATOR))
    if contact.email:
        runs.append(TextRun(contact.email, link=contact.mailto, address=True))
    return runs


def _pt(value: float) -> str:
    return f"{value:.4g}pt"


def _mm(value: float) -> str:
    return f"{value:.4g}mm"


class _Writer:
    """Builds the styles once, then appends paragraphs to the document's text."""

    def __init__(self, document: Any, prepared: PreparedRelease, style: HouseStyle) -> None:
        self.document = document
        self.house = style
        self.styles: dict[str, Any] = {}
        self.run_styles: dict[tuple[bool, bool, bool, bool, bool, str | None], Any] = {}
        self.spaced: list[Any] = []
        self.tables: list[Any] = []
        self.figures: list[Any] = []
        self.figure_styles: tuple[Any, Any] = (None, None)
        self.kept: Any = None
        self._fonts(prepared.font.docx_family)
        self._page(prepared.draft_notice)
        self._paragraph_styles()
        self._list_style()

    # ------------------------------------------------------------------ styles
    def _fonts(self, family: str) -> None:
        from odf.style import DefaultStyle, FontFace, ParagraphProperties, TextProperties

        self.font = family
        self.document.fontfacedecls.addElement(
            FontFace(
                name=family,
                fontfamily=f"'{family}'",
                fontfamilygeneric="swiss",
                fontpitch="variable",
            )
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(ParagraphProperties(writingmode="lr-tb"))
        default.addElement(
            TextProperties(
                fontname=family,
                fontsize=_pt(self.house.body.size),
                language="fr",
                country="FR",
                hyphenate="false",
            )
        )
        self.document.styles.addElement(default)

    def _page(self, draft_notice: str) -> None:
        """A4 with the PDF's margins, ``n / N`` in the footer; until approval, the *PROJET*
        notice in the header of every page, inside the top margin (the text starts where the
        PDF's does)."""
        from odf.style import (
            Footer,
            FooterStyle,
            Header,
            HeaderFooterProperties,
            HeaderStyle,
            MasterPage,
            PageLayout,
            PageLayoutProperties,
            ParagraphProperties,
            Style,
            TextProperties,
        )
        from odf.text import P, PageCount, PageNumber

        page, house = self.house.page, self.house
        footer_line_mm = page.footer_size * house.line_height * MM_PER_PT
        # The footer's bottom edge sits a descent below its baseline (``footer_distance``).
        footer_bottom = page.footer_distance - page.footer_size * house.descent * MM_PER_PT
        mark = house.draft_mark
        header_line_mm = page.footer_size * house.line_height * MM_PER_PT
        header_gap_mm = page.top / 4
        top = page.top - header_line_mm - header_gap_mm if draft_notice else page.top
        layout = PageLayout(name="Page_20_A4")
        layout.addElement(
            PageLayoutProperties(
                pagewidth=_mm(page.width),
                pageheight=_mm(page.height),
                printorientation="portrait",
                margintop=_mm(top),
                marginbottom=_mm(footer_bottom),
                marginleft=_mm(page.left),
                marginright=_mm(page.right),
            )
        )
        footer_style = FooterStyle()
        footer_style.addElement(
            HeaderFooterProperties(
                minheight="0mm", margintop=_mm(page.bottom - footer_bottom - footer_line_mm)
            )
        )
        layout.addElement(footer_style)
        if draft_notice:
            header_style = HeaderStyle()
            header_style.addElement(
                HeaderFooterProperties(
                    minheight=_mm(header_line_mm), marginbottom=_mm(header_gap_mm)
                )
            )
            layout.addElement(header_style)
        self.document.automaticstyles.addElement(layout)

        footer_paragraph = Style(
            name=style_name(STYLE_FOOTER), displayname=STYLE_FOOTER, family="paragraph"
        )
        # The footer's line exactly as tall as the layout above reckons it (LibreOffice's own
        # line would be shorter, and the text above it a line longer than the PDF's).
        footer_paragraph.addElement(
            ParagraphProperties(
                textalign="end", lineheight=_pt(page.footer_size * house.line_height)
            )
        )
        footer_paragraph.addElement(
            TextProperties(fontsize=_pt(page.footer_size), color=page.footer_colour)
        )
        self.document.styles.addElement(footer_paragraph)

        master = MasterPage(name="Standard", pagelayoutname=layout)
        footer = Footer()
        numbers = P(stylename=footer_paragraph)
        current, count = PageNumber(selectpage="current"), PageCount()
        current.addText("1")
        count.addText("1")
        numbers.addElement(current)
        numbers.addText(" / ")
        numbers.addElement(count)
        footer.addElement(numbers)
        if draft_notice:
            mark_paragraph = Style(
                name=style_name(STYLE_DRAFT_MARK), displayname=STYLE_DRAFT_MARK, family="paragraph"
            )
            mark_paragraph.addElement(
                ParagraphProperties(textalign="center", lineheight=_mm(header_line_mm))
            )
            mark_paragraph.addElement(
                TextProperties(
                    fontsize=_pt(page.footer_size),
                    fontweight="bold",
                    color=mark.colour,
                    letterspacing="0.5pt",
                )
            )
            self.document.styles.addElement(mark_paragraph)
            header = Header()
            header.addElement(P(stylename=mark_paragraph, text=xml_text(draft_notice)))
            master.addElement(header)
        master.addElement(footer)
        self.document.masterstyles.addElement(master)

    def _paragraph_styles(self) -> None:
        from odf.style import ParagraphProperties, Style, TextProperties

        house = self.house
        specs: list[tuple[str, house_style.Paragraph, bool]] = [
            (STYLE_BRAND, house_style.Paragraph(1, after=house.brand_after), True),
            (STYLE_EMBARGO, house.embargo_text, True),
            (STYLE_KIND, house.kind, True),
            (STYLE_HEADLINE, house.headline, True),
            (STYLE_DATELINE, house.dateline, True),
            (STYLE_NUMBER, house.number, True),
            (STYLE_BODY, house.body, False),
            (STYLE_LIST, house.list_item, False),
            (STYLE_CONTACTS_HEADING, house.contacts_heading, True),
            (STYLE_CONTACT, house.contact, False),
            (STYLE_CHAPTER, house.chapter, True),
            (STYLE_SECTION, house.section, True),
            (STYLE_TABLE_CELL, house.table_cell, False),
            (STYLE_CAPTION, house.caption, False),
        ]
        for display, spec, keep in specs:
            style = Style(name=style_name(display), displayname=display, family="paragraph")
            if display == STYLE_HEADLINE:
                style.setAttribute("defaultoutlinelevel", "1")
            if display in (STYLE_CHAPTER, STYLE_SECTION):
                style.setAttribute("defaultoutlinelevel", "2" if display == STYLE_CHAPTER else "3")
            paragraph: dict[str, str] = {
                "margintop": _pt(spec.before),
                "marginbottom": _pt(spec.after),
                "textalign": "justify"
                if spec.justify
                else "center"
                if display == STYLE_CAPTION
                else "start",
                "orphans": "2",
                "widows": "2",
            }
            if display == STYLE_BRAND:
                paragraph["lineheight"] = "100%"
            else:
                paragraph["lineheightatleast"] = _pt(house.line(spec))
            if keep:
                paragraph["keepwithnext"] = "always"
            if display == STYLE_EMBARGO:
                box = house.embargo
                paragraph |= {
                    "border": f"{_pt(box.stroke)} solid {box.colour}",
                    "paddingtop": _pt(box.inset_y),
                    "paddingbottom": _pt(box.inset_y),
                    "paddingleft": _pt(box.inset_x),
                    "paddingright": _pt(box.inset_x),
                }
            if display == STYLE_LIST:
                paragraph["marginleft"] = "0pt"
            style.addElement(ParagraphProperties(**paragraph))
            text: dict[str, str] = {"fontsize": _pt(spec.size)}
            if spec.bold:
                text |= {"fontweight": "bold", "fontweightcomplex": "bold"}
            if display == STYLE_EMBARGO:
                text["color"] = house.embargo.colour
            if display == STYLE_CHAPTER:
                text["color"] = house.link_colour
            if display == STYLE_CAPTION:
                text["color"] = house.caption_colour
            if spec.justify:  # as in the PDF, only justified text is hyphenated
                text |= {
                    "hyphenate": "true",
                    "hyphenationremaincharcount": "2",
                    "hyphenationpushcharcount": "2",
                }
            style.addElement(TextProperties(**text))
            self.document.styles.addElement(style)
            self.styles[display] = style

        link = Style(name=style_name(STYLE_LINK), displayname=STYLE_LINK, family="text")
        underline = (
            {
                "textunderlinestyle": "solid",
                "textunderlinewidth": "auto",
                "textunderlinecolor": "font-color",
            }
            if house.link_underline
            else {}
        )
        link.addElement(TextProperties(color=house.link_colour, **underline))
        self.document.styles.addElement(link)
        self.styles[STYLE_LINK] = link

    def _list_style(self) -> None:
        from odf.style import ListLevelLabelAlignment, ListLevelProperties
        from odf.text import ListLevelStyleBullet, ListStyle

        house = self.house
        bullets = ListStyle(name=style_name(STYLE_BULLETS), displayname=STYLE_BULLETS)
        level = ListLevelStyleBullet(level=1, bulletchar=house.bullet)
        properties = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        properties.addElement(
            ListLevelLabelAlignment(
                labelfollowedby="listtab",
                listtabstopposition=_pt(house.list_body_indent),
                textindent=_pt(house.list_indent - house.list_body_indent),
                marginleft=_pt(house.list_body_indent),
            )
        )
        level.addElement(properties)
        bullets.addElement(level)
        self.document.styles.addElement(bullets)
        self.styles[STYLE_BULLETS] = bullets

    def _run_style(
        self,
        bold: bool,
        italic: bool,
        address: bool,
        superscript: bool,
        whole: bool,
        *,
        lang: str | None = None,
    ) -> Any:
        from odf.style import Style, TextProperties

        key = (bold, italic, address, superscript, whole, lang)
        if key not in self.run_styles:
            text: dict[str, str] = {}
            if bold:
                text |= {"fontweight": "bold", "fontweightcomplex": "bold"}
            if italic:
                text |= {"fontstyle": "italic", "fontstylecomplex": "italic"}
            if address:
                text |= {"language": NO_LANGUAGE, "country": "none", "hyphenate": "false"}
            if superscript:
                text |= {"textposition": "super 58%"}
            if whole:  # a capitalised word: no language, so never hyphenated (LibreOffice
                # reads no fo:hyphenate on a span)
                text |= {"language": NO_LANGUAGE, "country": "none", "hyphenate": "false"}
            if lang and not (address or whole):  # a passage in another language
                language, _, country = lang.partition("-")
                text |= {"language": language, "country": country or "none"}
            style = Style(name=f"T{len(self.run_styles) + 1}", family="text")
            style.addElement(TextProperties(**text))
            self.document.automaticstyles.addElement(style)
            self.run_styles[key] = style
        return self.run_styles[key]

    # ------------------------------------------------------------------ content
    def paragraph(
        self, display: str, runs: list[TextRun] | tuple[TextRun, ...], *, add: bool = True
    ) -> Any:
        from odf.text import P

        paragraph = P(stylename=self.styles[display])
        self.add_runs(paragraph, runs)
        if add:
            self.document.text.addElement(paragraph)
        return paragraph

    def add_runs(self, parent: Any, runs: list[TextRun] | tuple[TextRun, ...]) -> None:
        from odf.teletype import addTextToElement
        from odf.text import A, Span

        for run in runs:
            text = xml_text(held_hyphens(run.text) if run.address else run.text)
            if not text:
                continue
            target = parent
            href = run_link(run.text, run.link, run.address)
            if href:
                link = self.styles[STYLE_LINK]
                target = A(href=href, type="simple", stylename=link, visitedstylename=link)
                parent.addElement(target)
            if run.bold or run.italic or run.address or run.superscript or run.whole or run.lang:
                key = (run.bold, run.italic, run.address, run.superscript, run.whole)
                span = Span(stylename=self._run_style(*key, lang=run.lang))
                target.addElement(span)
                target = span
            addTextToElement(target, text)

    def keep_with_next(self, paragraph: Any) -> None:
        """Keep one paragraph on the page of the next, through a shared automatic style."""
        from odf.style import ParagraphProperties, Style

        if self.kept is None:
            named = paragraph.getAttribute("stylename")
            self.kept = Style(name="Pkept", family="paragraph", parentstylename=named)
            self.kept.addElement(ParagraphProperties(keepwithnext="always"))
            self.document.automaticstyles.addElement(self.kept)
        paragraph.setAttribute("stylename", self.kept)

    def space_after(self, paragraph: Any, points: float) -> None:
        """Give one paragraph more space after it than its style has (the last line of the
        dateline and number, a list's last item), through an automatic style."""
        from odf.style import ParagraphProperties, Style

        named = paragraph.getAttribute("stylename")
        style = Style(name=f"P{len(self.spaced) + 1}", family="paragraph", parentstylename=named)
        style.addElement(ParagraphProperties(marginbottom=_pt(points)))
        self.document.automaticstyles.addElement(style)
        self.spaced.append(style)
        paragraph.setAttribute("stylename", style)

    def dateline(self, parts: tuple[tuple[str, bool], ...]) -> Any:
        return self.paragraph(STYLE_DATELINE, parts_runs(parts))

    def table(self, block: PreparedBlock) -> None:
        """A table whose first row is its header (``table:table-header-rows``: repeated on
        each page, read as column headers), its caption under it."""
        from odf.style import Style, TableCellProperties, TableProperties
        from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow

        house = self.house
        count = len(self.tables) + 1
        layout = Style(name=f"Tableau{count}", family="table")
        layout.addElement(TableProperties(width=_mm(house.page.text_width), align="margins"))
        self.document.automaticstyles.addElement(layout)
        cells = {}
        for role, fill in (("th", house.table_header_fill), ("td", "transparent")):
            cell = Style(name=f"Tableau{count}.{role}", family="table-cell")
            cell.addElement(
                TableCellProperties(
                    border=f"0.5pt solid {house.table_rule}",
                    padding="1mm",
                    backgroundcolor=fill,
                )
            )
            self.document.automaticstyles.addElement(cell)
            cells[role] = cell
        table = Table(name=f"Tableau{count}", stylename=layout)
        self.tables.append(table)
        table.addElement(TableColumn(numbercolumnsrepeated=len(block.rows[0])))
        header, *rows = block.rows
        holder = TableHeaderRows()
        table.addElement(holder)
        for parent, row, role in ((holder, header, "th"), *((table, r, "td") for r in rows)):
            line = TableRow()
            for runs in row:
                cell = TableCell(valuetype="string", stylename=cells[role])
                bold = [replace(r, bold=True) for r in runs]
                cell.addElement(
                    self.paragraph(STYLE_TABLE_CELL, bold if role == "th" else runs, add=False)
                )
                line.addElement(cell)
            parent.addElement(line)
        self.document.text.addElement(table)
        if block.caption:
            self.paragraph(STYLE_CAPTION, [TextRun(block.caption)])

    def contents(
        self, heading: str, entries: tuple[PreparedBlock, ...], pages: dict[str, int]
    ) -> None:
        """The contents on a page of their own: an index of the outline's levels 2 and 3
        (the headline is level 1), its entries written in with the PDF's page numbers after a
        dotted tab (LibreOffice recounts them when the index is updated)."""
        from odf.style import ParagraphProperties, Style, TabStop, TabStops
        from odf.text import (
            IndexBody,
            IndexTitle,
            P,
            TableOfContent,
            TableOfContentSource,
        )

        breaking = Style(
            name="Psommaire",
            family="paragraph",
            parentstylename=self.styles[STYLE_CONTACTS_HEADING],
        )
        breaking.addElement(ParagraphProperties(breakbefore="page"))
        self.document.automaticstyles.addElement(breaking)
        entry_styles: dict[tuple[int, bool], Any] = {}
        for level in (1, 2):
            for last in (False, True):
                style = Style(
                    name=f"Psommaire{level}{'fin' if last else ''}",
                    family="paragraph",
                    parentstylename=self.styles[STYLE_BODY],
                )
                properties = ParagraphProperties(
                    marginleft=_pt(self.house.list_body_indent * (level - 1)),
                    marginbottom="0pt",
                    textalign="start",
                    **({"breakafter": "page"} if last else {}),
                )
                stops = TabStops()
                stops.addElement(
                    TabStop(
                        position=_mm(
                            self.house.page.text_width
                            - self.house.list_body_indent * (level - 1) * MM_PER_PT
                        ),
                        type="right",
                        leaderstyle="dotted",
                        leadertext=".",
                    )
                )
                properties.addElement(stops)
                style.addElement(properties)
                self.document.automaticstyles.addElement(style)
                entry_styles[level, last] = style
        toc = TableOfContent(name="Sommaire", protected="true")
        toc.addElement(TableOfContentSource(outlinelevel=3, useoutlinelevel="true"))
        body = IndexBody()
        title = IndexTitle(name="Sommaire_titre")
        heading_p = P(stylename=breaking)
        self.add_runs(heading_p, [TextRun(heading, bold=True)])
        title.addElement(heading_p)
        body.addElement(title)
        for i, entry in enumerate(entries):
            line = P(stylename=entry_styles[entry.level, i == len(entries) - 1])
            page = pages.get(entry.anchor)
            self.add_runs(line, [TextRun(entry.text + (f"\t{page}" if page else ""))])
            body.addElement(line)
        toc.addElement(body)
        self.document.text.addElement(toc)

    def figure(self, block: PreparedBlock) -> None:
        """The image as a character in its own paragraph, its alternative text in
        ``svg:title``, its caption under it."""
        from odf.draw import Frame, Image
        from odf.style import GraphicProperties, ParagraphProperties, Style
        from odf.svg import Title
        from odf.text import P

        from desktop.render.pdf import picture_width

        picture = block.image
        if picture is None:
            return
        count = len(self.figures) + 1
        if not self.figures:
            graphic = Style(name="Image_20_du_20_communiqué", family="graphic")
            graphic.addElement(GraphicProperties(verticalpos="top", verticalrel="baseline"))
            self.document.automaticstyles.addElement(graphic)
            centred = Style(
                name="Pfigure", family="paragraph", parentstylename=self.styles[STYLE_CAPTION]
            )
            centred.addElement(ParagraphProperties(textalign="center", keepwithnext="always"))
            self.document.automaticstyles.addElement(centred)
            self.figure_styles = (graphic, centred)
        graphic, centred = self.figure_styles
        width = picture_width(picture, self.house)
        height = width * picture.height / max(picture.width, 1)
        frame = Frame(
            stylename=graphic,
            name=f"Image{count}",
            anchortype="as-char",
            width=_mm(width),
            height=_mm(height),
        )
        href = self.document.addPicture(
            f"Pictures/image{count}{picture.suffix}", picture.media_type, picture.data
        )
        frame.addElement(Image(href=href, type="simple", show="embed", actuate="onLoad"))
        frame.addElement(Title(text=xml_text(block.alt)))
        self.figures.append(frame)
        paragraph = P(stylename=centred)
        paragraph.addElement(frame)
        self.document.text.addElement(paragraph)
        if block.caption:
            self.paragraph(STYLE_CAPTION, [TextRun(block.caption)])

    def brand(self, png: bytes, svg: bytes, alt: str) -> Any:
        """The bloc-marque, as a character in its own paragraph, at the PDF's size."""
        from odf.draw import Frame, Image
        from odf.style import GraphicProperties, Style
        from odf.svg import Title
        from odf.text import P

        width, height = _svg_size(svg)
        graphic = Style(name="Image_20_bloc-marque", family="graphic")
        graphic.addElement(
            GraphicProperties(
                verticalpos="top",
                verticalrel="baseline",
                wrap="none",
                padding="0pt",
                border="none",
                marginleft="0pt",
                marginright="0pt",
                margintop="0pt",
                marginbottom="0pt",
            )
        )
        self.document.automaticstyles.addElement(graphic)
        frame = Frame(
            stylename=graphic,
            name=BRAND_NAME,
            anchortype="as-char",
            width=_pt(width),
            height=_pt(height),
        )
        svg_href = self.document.addPicture("Pictures/bloc-marque.svg", "image/svg+xml", svg)
        png_href = self.document.addPicture("Pictures/bloc-marque.png", "image/png", png)
        frame.addElement(Image(href=svg_href, type="simple", show="embed", actuate="onLoad"))
        frame.addElement(Image(href=png_href, type="simple", show="embed", actuate="onLoad"))
        # The alternative text once: LibreOffice's tagged PDF joins a title and a description
        # (« X - X »).
        frame.addElement(Title(text=xml_text(alt)))
        paragraph = P(stylename=self.styles[STYLE_BRAND])
        paragraph.addElement(frame)
        self.document.text.addElement(paragraph)
        return paragraph


def _svg_size(svg: bytes) -> tuple[float, float]:
    """The picture's size in points, from Typst's ``width="…pt" height="…pt"``."""
    head = svg[:1000].decode("utf-8", "replace")
    found = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if found is None:
        raise ValueError("bloc-marque SVG without a size in points")
    return float(found.group(1)), float(found.group(2))
