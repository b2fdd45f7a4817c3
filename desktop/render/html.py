"""An accessible HTML page: the release as a ministry's press room publishes it.

One self-contained file: UTF-8, styles inline, the bloc-marque as inline SVG with its title, no
request to anywhere. The page is built as a tree (lxml) and serialised, so user text is always
text: nothing typed can become markup. Class names follow the State design system (DSFR)
where one fits (``fr-container``, ``fr-logo``…), and ``fr-communique__*`` otherwise, so a DSFR
site can host the page as it is.

Sizes, colours and spacing come from the house style, as for the PDF and the DOCX: on screen the
body text is the reader's own size and everything else is scaled from it; in print the page is
the PDF's A4 with its margins.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from desktop.core.header_width import MM_PER_PT
from desktop.render import house_style
from desktop.render.content import (
    CONTACT_SEPARATOR,
    LANGUAGE,
    PreparedBlock,
    PreparedContact,
    PreparedRelease,
    TextRun,
    address_pieces,
    parts_runs,
    table_of_contents,
)
from desktop.render.house_style import HouseStyle
from desktop.render.markup import run_link, safe_link, xml_text
from desktop.render.text import runs_text

SCREEN_LINE_HEIGHT = 1.5
"""On screen, at least WCAG 1.4.12's line height; print keeps the house style's."""
MEASURE_EM = 42
"""The longest line on screen, in ems of body text (about 80 characters)."""
DESCRIPTION_LENGTH = 200
BRAND_TITLE_ID = "bloc-marque-titre"
CONTACTS_ID = "contacts-presse"
CONTENTS_ID = "sommaire"
FONT_STACK = 'Marianne, "Liberation Sans", Arial, sans-serif'
TEXT_COLOUR = "#161616"
"""The DSFR's main text colour."""
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def render_html(
    prepared: PreparedRelease,
    brand_svg: bytes,
    *,
    modified: datetime | None = None,
    links: dict[str, str] | None = None,
    metadata: dict[str, Any] | None = None,
) -> bytes:
    """The release as one HTML page (UTF-8 bytes). ``brand_svg`` is ``pdf.render_brand_svg``'s
    bloc-marque; ``modified`` the moment of this version (now by default). For a press room's
    page, ``links`` are the other files of the release and the index, by label
    (``{"Version PDF": "x.pdf"}``), and ``metadata`` is added to the JSON-LD."""
    root = etree.Element("html", lang="fr", dir="ltr")
    _head(etree.SubElement(root, "head"), prepared, modified or datetime.now(UTC), metadata)
    body = etree.SubElement(root, "body")
    main = etree.SubElement(body, "main", {"class": "fr-container fr-communique"})
    article = _article(main, prepared, brand_svg)
    if links:
        files = etree.SubElement(article, "ul", {"class": "fr-communique__files"})
        for label, href in links.items():
            attributes = {"href": href} | ({} if href.endswith(".html") else {"download": ""})
            _text(etree.SubElement(files, "li"), "a", label, attributes)

    page: bytes = lxml_html.tostring(
        root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"
    )
    return page.replace(VOID_WBR.encode(), b"<wbr>") + b"\n"


def render_fragment(prepared: PreparedRelease) -> str:
    """The release as an HTML fragment for the clipboard's rich text: headings, paragraphs,
    bold, italic, links and lists, no picture and no style, so that it pastes into a web
    editor or an e-mail as the editor's own text."""
    holder = etree.Element("div")
    article = _article(holder, prepared, None)
    fragment: str = lxml_html.tostring(article, encoding="unicode", method="html")
    return fragment.replace(VOID_WBR, "<wbr>")


def _article(parent: Any, prepared: PreparedRelease, brand_svg: bytes | None) -> Any:
    article = etree.SubElement(parent, "article")
    _header(
        etree.SubElement(article, "header", {"class": "fr-communique__header"}), prepared, brand_svg
    )

    _kind_parts(article, prepared, embed=brand_svg is not None)
    text = etree.SubElement(article, "div", {"class": "fr-communique__body"})
    for block in prepared.body:
        _block(text, block, embed=brand_svg is not None)
    for i, part in enumerate(prepared.sections):  # a kind's details (an invitation's event…)
        holder = etree.SubElement(article, "section", {"class": "fr-communique__details"})
        if part.heading:
            holder.set("aria-labelledby", f"details-{i}")
            _text(holder, "h2", part.heading, {"id": f"details-{i}"})
        for block in part.blocks:
            _block(holder, block, embed=brand_svg is not None)

    if prepared.contacts:
        section = etree.SubElement(
            article, "section", {"class": "fr-communique__contacts", "aria-labelledby": CONTACTS_ID}
        )
        _text(section, "h2", prepared.contacts_heading, {"id": CONTACTS_ID})
        address = etree.SubElement(section, "address")
        for contact in prepared.contacts:
            _contact(etree.SubElement(address, "p"), contact)
    return article


def _block(parent: Any, block: PreparedBlock, *, embed: bool) -> None:
    """One block; ``embed``: a page, which carries its images (a fragment shows their
    alternative text)."""
    if block.kind == "list":
        items = etree.SubElement(parent, "ul")
        for item in block.items:
            _runs(etree.SubElement(items, "li"), item)
    elif block.kind == "heading":
        # Under the page's h1 (the headline): a chapter is h2, a section h3.
        tag = f"h{block.level + 1}"
        _runs(etree.SubElement(parent, tag, {"id": block.anchor}), block.items[0])
    elif block.kind == "table":
        _table(parent, block)
    elif block.kind == "figure":
        _figure(parent, block, embed=embed)
    else:
        for item in block.items:
            _runs(etree.SubElement(parent, "p"), item)


def _head(
    head: Any, prepared: PreparedRelease, modified: datetime, metadata: dict[str, Any] | None
) -> None:
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _text(head, "title", prepared.title)
    description = summary(prepared)
    if description:
        etree.SubElement(head, "meta", name="description", content=xml_text(description))
    etree.SubElement(head, "meta", name="author", content=xml_text(prepared.author))
    etree.SubElement(head, "meta", name="generator", content="Communiqué")
    if prepared.status_metadata:
        etree.SubElement(head, "meta", name="status", content=xml_text(prepared.status_metadata))
    script = etree.SubElement(head, "script", type="application/ld+json")
    script.text = json_ld(prepared, modified, metadata)
    _text(head, "style", stylesheet(house_style.HOUSE_STYLE))


def _header(header: Any, prepared: PreparedRelease, brand_svg: bytes | None) -> None:
    """Bloc-marque (its words when there is no picture), embargo, kind, headline, dateline and
    number."""
    # An embargo notice takes the place of the space under the bloc-marque, as in the PDF.
    spaced = " fr-communique__brand--embargo" if prepared.embargo else ""
    brand = etree.SubElement(header, "div", {"class": f"fr-communique__brand{spaced} fr-logo"})
    if brand_svg is not None:
        brand.append(inline_brand(brand_svg, prepared.brand_alt))
    else:
        _text(brand, "p", " ".join(prepared.header))
    if prepared.draft_notice:
        # On screen a note of its own kind (bleu France, dashed: never the embargo's red box);
        # in print the PDF's light diagonal word, repeated on every page.
        _text(
            header, "p", prepared.draft_notice, {"class": "fr-communique__projet", "role": "note"}
        )
    if prepared.draft_mark and brand_svg is not None:  # a page, not a fragment to paste
        _text(
            header,
            "div",
            prepared.draft_mark,
            {"class": "fr-communique__filigrane", "aria-hidden": "true"},
        )
    if prepared.embargo:
        embargo = etree.SubElement(header, "p", {"class": "fr-communique__embargo", "role": "note"})
        _runs(embargo, parts_runs(prepared.embargo_runs))
    if prepared.kind:
        kind = etree.SubElement(header, "p", {"class": "fr-communique__kind"})
        _runs(kind, parts_runs(prepared.kind_runs))
    headline = etree.SubElement(header, "h1", {"class": "fr-communique__headline"})
    runs = parts_runs(prepared.headline_runs) or (TextRun(prepared.title),)
    if brand_svg is None:  # the clipboard's and the e-mail's text: the reader's own lines
        _runs(headline, runs)
    else:
        _balanced_headline(headline, prepared, runs)
    if prepared.dateline:
        dateline = etree.SubElement(header, "p", {"class": "fr-communique__dateline"})
        holder = dateline
        if prepared.issued is not None:
            holder = etree.SubElement(dateline, "time", datetime=prepared.issued.isoformat())
        for text, superscript in prepared.dateline_runs:
            if superscript:
                _text(holder, "sup", text)
            else:
                _append_text(holder, text)
    if prepared.number:
        _text(header, "p", prepared.number, {"class": "fr-communique__number"})


def summary(prepared: PreparedRelease) -> str:
    """The first paragraph, cut at a word before ``DESCRIPTION_LENGTH`` characters."""
    for block in prepared.body:
        for item in block.items:
            text = re.sub(r"\s+", " ", runs_text(item)).strip()
            if not text:
                continue
            if len(text) <= DESCRIPTION_LENGTH:
                return text
            cut = text[: DESCRIPTION_LENGTH - 1]
            return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
    return prepared.headline


def json_ld(
    prepared: PreparedRelease, modified: datetime, metadata: dict[str, Any] | None = None
) -> str:
    """The schema.org ``NewsArticle``, as JSON that is safe inside ``<script>``: ``<``, ``>`` and
    ``&`` are escaped as JSON escapes, so no text can close the element."""
    publisher = {"@type": "Organization", "name": prepared.author}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": prepared.title,
        "inLanguage": LANGUAGE,
        "publisher": publisher,
        "author": publisher,
        "dateModified": modified.astimezone(UTC).isoformat(timespec="seconds"),
    }
    if prepared.kind:
        data["genre"] = prepared.kind
    if prepared.issued is not None:
        data["datePublished"] = prepared.issued.isoformat()
    if prepared.number:
        data["identifier"] = prepared.number
    description = summary(prepared)
    if description:
        data["description"] = description
    data |= metadata or {}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = xml_text(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def inline_brand(svg: bytes, alt: str) -> Any:
    """The bloc-marque's SVG made an image for assistive technologies: ``role="img"``, its
    alternative text as ``<title>``. Namespaces are dropped (the HTML parser puts ``<svg>`` in
    the SVG namespace itself) and ``xlink:href`` becomes SVG 2's ``href``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    tree = etree.fromstring(svg, parser)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        element.tag = etree.QName(element).localname
        for name in list(element.attrib):
            if name == f"{XLINK}href":
                element.set("href", element.attrib.pop(name))
            elif name.startswith("{"):
                del element.attrib[name]
    etree.cleanup_namespaces(tree)
    width = tree.attrib.pop("width", "")
    tree.attrib.pop("height", None)
    if width.endswith("pt"):  # Typst's size in points: the same size as in the PDF
        points = float(width[:-2])
        tree.set("style", f"width:{points / house_style.HOUSE_STYLE.body.size:.4g}rem")
    tree.set("role", "img")
    tree.set("aria-labelledby", BRAND_TITLE_ID)
    tree.set("focusable", "false")
    title = etree.Element("title", id=BRAND_TITLE_ID)
    title.text = xml_text(alt)
    tree.insert(0, title)
    return tree


def stylesheet(style: HouseStyle) -> str:
    """The page's CSS, from the house style."""
    base = style.body.size

    def em(points: float, size: float = base) -> str:
        return f"{points / size:.3g}em"

    def block(name: str, spec: house_style.Paragraph) -> str:
        return (
            f"{name}{{font-size:{spec.size / base:.3g}rem;"
            f"font-weight:{'700' if spec.bold else '400'};"
            f"margin:{em(spec.before, spec.size)} 0 {em(spec.after, spec.size)}}}"
        )

    page, box, mark = style.page, style.embargo, style.draft_mark
    tint = _rgba(mark.colour, mark.opacity)
    headline_measure = page.text_width / MM_PER_PT / style.headline.size
    # the PDF's text width in the headline's ems
    decoration = "underline" if style.link_underline else "none"
    return "".join(
        (
            f"html{{font-family:{FONT_STACK};color:{TEXT_COLOUR};background:#fff;"
            f"line-height:{max(SCREEN_LINE_HEIGHT, style.line_height)};"
            "-webkit-text-size-adjust:100%;text-size-adjust:100%}",
            "body{margin:0}",
            f".fr-container{{box-sizing:border-box;max-width:{MEASURE_EM}rem;margin:0 auto;"
            "padding:1.5rem 1rem 3rem}",
            ".fr-communique{overflow-wrap:break-word}",
            f".fr-communique__brand{{margin:0 0 {em(style.brand_after)}}}",
            # At the PDF's scale on every screen: the symbol's height never follows the width.
            ".fr-communique__brand svg{display:block;max-width:none;height:auto}",
            block(".fr-communique__embargo", style.embargo_text),
            ".fr-communique__brand--embargo{margin-bottom:0}",
            f".fr-communique__embargo{{color:{box.colour};border:{box.stroke}pt solid {box.colour};"
            f"padding:{em(box.inset_y)} {em(box.inset_x)}}}",
            block(".fr-communique__projet", style.embargo_text),
            f".fr-communique__projet{{color:{mark.colour};border:{box.stroke}pt dashed "
            f"{mark.colour};padding:{em(box.inset_y)} {em(box.inset_x)};letter-spacing:.02em}}",
            ".fr-communique__filigrane{display:none}",
            block(".fr-communique__kind", style.kind),
            block(".fr-communique__headline", style.headline),
            f".fr-communique__headline{{line-height:{style.line_height}}}",
            # The headline's lines are the PDF's (``render.balance``): on a screen wide enough
            # for the whole column, the headline is set to the PDF's measure (the column as
            # many of its ems wide as the PDF's text is), and breaks where the PDF does; on a
            # narrow one, its own lines, balanced by the browser.
            f"@media screen and (min-width:{MEASURE_EM}rem){{.fr-communique__headline"
            f"{{font-size:calc({MEASURE_EM - 2}rem / {headline_measure:.4g})}}}}",
            f"@media screen and (max-width:{MEASURE_EM - 0.01}rem){{.{BREAK}{{display:none}}"
            ".fr-communique__headline{text-wrap:balance}}",
            block(".fr-communique__dateline", style.dateline),
            block(".fr-communique__number", style.number),
            f".fr-communique__header>p:last-child{{margin-bottom:{em(style.meta_after)}}}",
            block(".fr-communique__body p,.fr-communique__details p", style.body),
            block(".fr-communique__body li,.fr-communique__details li", style.list_item),
            f".fr-communique__body ul,.fr-communique__details ul{{margin:0 0 "
            f"{em(style.list_after)};padding-left:{em(style.list_body_indent)};"
            f"list-style-type:'{style.bullet}  '}}",
            block(".fr-communique__contacts h2,.fr-communique__details h2", style.contacts_heading),
            block(".fr-communique__body h2", style.chapter),
            block(".fr-communique__speaker", style.section),
            block(".fr-communique__subtitle", style.chapter),
            f".fr-communique__subtitle{{color:{style.link_colour}}}",
            block(".fr-communique__delivery", style.delivery),
            f".fr-communique__delivery{{color:{style.link_colour};border:1pt solid "
            f"{style.link_colour};padding:{em(box.inset_y)} {em(box.inset_x)}}}",
            f".fr-communique__body h2{{color:{style.link_colour}}}",
            block(".fr-communique__body h3", style.section),
            ".fr-communique__table{border-collapse:collapse;width:100%;"
            f"margin:0 0 {em(style.table_after)}}}",
            f".fr-communique__table th,.fr-communique__table td{{border:1px solid "
            f"{style.table_rule};padding:.3em .5em;text-align:left;vertical-align:top;"
            f"font-size:{style.table_cell.size / base:.3g}rem}}",
            f".fr-communique__table th{{background:{style.table_header_fill}}}",
            f".fr-communique__table caption{{caption-side:bottom;color:{style.caption_colour};"
            f"font-size:{style.caption.size / base:.3g}rem;padding-top:.4em}}",
            f".fr-communique__figure{{margin:{em(style.caption.before)} 0 "
            f"{em(style.caption.after)};text-align:center}}",
            f".fr-communique__figure img{{max-width:{style.figure_width * 100:g}%;height:auto}}",
            f".fr-communique__figure figcaption{{color:{style.caption_colour};"
            f"font-size:{style.caption.size / base:.3g}rem}}",
            "address{font-style:normal}",
            "sup{line-height:0}",
            block("address p", style.contact),
            f"a{{color:{style.link_colour};text-decoration:{decoration};overflow-wrap:anywhere}}",
            "a:focus-visible{outline:2px solid currentColor;outline-offset:2px}",
            f".{NO_BREAK}{{white-space:nowrap}}",
            ".fr-communique__files{margin-top:2em}",
            f"@page{{size:A4;margin:{page.top}mm {page.right}mm {page.bottom}mm {page.left}mm;"
            f"@bottom-right{{content:counter(page) ' / ' counter(pages);"
            f"font-size:{page.footer_size}pt;color:{page.footer_colour}}}}}",
            f"@media print{{html{{font-size:{base}pt;line-height:{style.line_height}}}"
            ".fr-container{max-width:none;padding:0}"
            ".fr-communique__body p,.fr-communique__body li{text-align:justify;hyphens:auto}"
            ".fr-communique__header,.fr-communique__contacts h2{break-after:avoid}"
            # The contacts on one page with their heading, as in the PDF.
            ".fr-communique__contacts{break-inside:avoid}"
            ".fr-communique__files{display:none}"
            ".fr-communique__projet{display:none}"
            ".fr-communique__filigrane{display:block;position:fixed;top:50%;left:50%;"
            f"transform:translate(-50%,-50%) rotate(-45deg);font-size:{mark.size}pt;"
            f"font-weight:700;color:{tint};z-index:-1;pointer-events:none}}}}",
        )
    )


def _rgba(colour: str, opacity: float) -> str:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{opacity:g})"


def _text(parent: Any, tag: str, text: str, attributes: dict[str, str] | None = None) -> Any:
    element = etree.SubElement(parent, tag, attributes or {})
    element.text = xml_text(text)
    return element


def _append_text(parent: Any, text: str) -> None:
    """Text after ``parent``'s last child (or as its text when it has none)."""
    text = xml_text(text)
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _runs(parent: Any, runs: tuple[TextRun, ...]) -> None:
    for run in runs:
        target = parent
        if run.lang:  # a passage in another language: read, hyphenated and spelt in it
            target = etree.SubElement(target, "span", {"lang": run.lang})
        if run.bold:
            target = etree.SubElement(target, "strong")
        if run.italic:
            target = etree.SubElement(target, "em")
        if run.superscript:
            target = etree.SubElement(target, "sup")
        href = run_link(run.text, run.link, run.address)
        if href and run.address:
            _address(etree.SubElement(target, "a", {"href": href}), run.text)
        elif href:
            _text(target, "a", run.text, {"href": href})
        elif run.address:
            _address(target, run.text)
        else:
            _append_text(target, run.text)


def _kind_parts(article: Any, prepared: PreparedRelease, *, embed: bool) -> None:
    """A speech's speaker, occasion and delivery mention; a press kit's subtitle, cover image
    and contents (links to the headings)."""
    header = article[0]
    speech, kit = prepared.speech, prepared.press_kit
    if speech is not None:
        headline = header.find("h1")
        at = list(header).index(headline) + 1
        for text, css in ((speech.speaker, "speaker"), (speech.occasion, "occasion")):
            if text:
                element = etree.Element("p", {"class": f"fr-communique__{css}"})
                element.text = xml_text(text)
                header.insert(at, element)
                at += 1
        _text(header, "p", speech.delivery, {"class": "fr-communique__delivery", "role": "note"})
    if kit is None:
        return
    if kit.subtitle:
        headline = header.find("h1")
        subtitle = etree.Element("p", {"class": "fr-communique__subtitle"})
        subtitle.text = xml_text(kit.subtitle)
        header.insert(list(header).index(headline) + 1, subtitle)
    if kit.cover is not None:
        _figure(
            article,
            PreparedBlock("figure", (), image=kit.cover, alt=kit.cover_alt),
            embed=embed,
        )
    entries = table_of_contents(prepared)
    if entries:
        nav = etree.SubElement(article, "nav", {"aria-labelledby": CONTENTS_ID})
        _text(nav, "h2", kit.contents_heading, {"id": CONTENTS_ID})
        chapters = etree.SubElement(nav, "ol")
        item: Any = None
        sections: Any = None
        for entry in entries:
            if entry.level == 1 or item is None:
                item = parent = etree.SubElement(chapters, "li")
                sections = None
            else:
                if sections is None:
                    sections = etree.SubElement(item, "ol")
                parent = etree.SubElement(sections, "li")
            _text(parent, "a", entry.text, {"href": f"#{entry.anchor}"})


def _table(parent: Any, block: PreparedBlock) -> None:
    """A table whose header cells say they head their column (``<th scope="col">``)."""
    table = etree.SubElement(parent, "table", {"class": "fr-communique__table"})
    if block.caption:
        _text(table, "caption", block.caption)
    header, *rows = block.rows
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for cell in header:
        _runs(etree.SubElement(head, "th", {"scope": "col"}), cell)
    body = etree.SubElement(table, "tbody")
    for row in rows:
        line = etree.SubElement(body, "tr")
        for cell in row:
            _runs(etree.SubElement(line, "td"), cell)


def _figure(parent: Any, block: PreparedBlock, *, embed: bool) -> None:
    """An image with its alternative text and caption; in a fragment (the clipboard, the
    e-mail), which carries no picture, its alternative text in its place."""
    figure = etree.SubElement(parent, "figure", {"class": "fr-communique__figure"})
    picture = block.image
    if embed and picture is not None:
        import base64

        source = f"data:{picture.media_type};base64,{base64.b64encode(picture.data).decode()}"
        etree.SubElement(
            figure,
            "img",
            {
                "src": source,
                "alt": xml_text(block.alt),
                "width": str(picture.width),
                "height": str(picture.height),
            },
        )
    else:
        _text(figure, "p", f"[Image\u00a0: {block.alt}]")
    if block.caption:
        _text(figure, "figcaption", block.caption)


VOID_WBR = "<wbr></wbr>"
"""How libxml2, which does not know HTML5's void ``wbr``, writes it."""
NO_BREAK = "fr-communique__nobreak"
"""A hyphen of an address with the character after it: no line ends there."""


def _address(parent: Any, text: str) -> None:
    """An address as the one line-breaking policy sets it (``content.address_pieces``): a
    ``<wbr>`` after each ``/ . @ ? & =`` where a line may end, and each hyphen held to the next
    character (a browser would end a line at « demarches- »). Nothing is added to the text:
    copied, it is the address."""
    pieces = address_pieces(text)
    for i, piece in enumerate(pieces):
        held = re.split(r"(-+.)", piece)
        for j, part in enumerate(held):
            if j % 2:
                _text(parent, "span", part, {"class": NO_BREAK})
            elif part:
                _append_text(parent, part)
        if i < len(pieces) - 1:
            etree.SubElement(parent, "wbr")


BREAK = "fr-communique__break"
"""A line break of the headline where the PDF ends a line (``render.balance``): shown on a wide
screen and in print, where the headline is as wide as the PDF's, hidden on a narrow one."""


def _balanced_headline(parent: Any, prepared: PreparedRelease, runs: tuple[TextRun, ...]) -> None:
    """The headline's runs with a ``<br>`` at each of the PDF's line ends: after the space
    there (which a narrow screen, with the break hidden, still needs), or after a hyphen."""
    from desktop.render.balance import balanced_breaks
    from desktop.render.balance import text_width as pdf_width

    text = "".join(run.text for run in runs)
    breaks = [
        offset + (text[offset : offset + 1] == " ")
        for offset in balanced_breaks(
            text, prepared.font, pdf_width(), house_style.HOUSE_STYLE.headline.size
        )
    ]
    start = 0
    for run in runs:
        end = start + len(run.text)
        cuts = [b - start for b in breaks if start < b <= end and b < len(text)]
        pieces, last = [], 0
        for cut in cuts:
            pieces.append(run.text[last:cut])
            last = cut
        pieces.append(run.text[last:])
        for i, piece in enumerate(pieces):
            if piece:
                _runs(parent, (replace(run, text=piece),))
            if i < len(pieces) - 1:
                etree.SubElement(parent, "br", {"class": BREAK})
        start = end


def _contact(parent: Any, contact: PreparedContact) -> None:
    _append_text(parent, contact.lead)
    if contact.phone:
        href = safe_link(contact.phone_uri)
        if href:
            _text(parent, "a", contact.phone, {"href": href})
        else:
            _append_text(parent, contact.phone)
    if contact.phone and contact.email:
        _append_text(parent, CONTACT_SEPARATOR)
    if contact.email:
        href = safe_link(contact.mailto)
        if href:
            _address(etree.SubElement(parent, "a", {"href": href}), contact.email)
        else:
            _address(parent, contact.email)
