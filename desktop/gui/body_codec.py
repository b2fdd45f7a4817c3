"""The body between a QTextDocument and the model's blocks, keeping only what a draft can hold.

Paragraphs and bulleted lists; in them bold, italic, links (https, http, mailto) and a passage's
language (a user property of the character format, shown tinted). Everything
else that Qt can hold (fonts, colours, tables, images, headings) is dropped, which is also how
text pasted from Word or a web page is cleaned: read into a scratch document, then rebuilt.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)

from desktop.core.draft import LINK_SCHEMES
from desktop.core.model import Block, BulletList, Paragraph, Run, passage_label
from desktop.core.text import clean_text

LINE_SEPARATOR = "\u2028"
"""Qt's soft line break inside a paragraph (Shift+Entrée); a run's ``\\n``."""
OBJECT_REPLACEMENT = "\ufffc"
_BOLD_FROM = 600
LANGUAGE_PROPERTY = QTextFormat.Property.UserProperty + 1
"""A passage's language tag (``en``) in its character format; absent for French."""
FOREIGN_TINT = "#d5dbff"
"""The background of a passage in another language on screen (a light bleu France)."""
PARAGRAPH_GAP = 6.0
"""Space under each paragraph on screen, near the PDF's (the draft does not hold it)."""


def link_colour() -> QColor:
    """Links on screen in the outputs' colour (``render.house_style``, imported when a first
    link is shown: its dataclasses cost start-up a few milliseconds)."""
    from desktop.render import house_style

    return QColor(house_style.HOUSE_STYLE.link_colour)


def paragraph_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(PARAGRAPH_GAP)
    return fmt


def usable_link(href: str) -> str | None:
    """The link if a draft can hold it, else None (relative links, javascript:, file:…)."""
    href = clean_text(href, multiline=False).strip()
    return href if href.startswith(LINK_SCHEMES) else None


def run_format(run: Run) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if run.italic:
        fmt.setFontItalic(True)
    if run.link:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.link)
        fmt.setForeground(link_colour())
        fmt.setFontUnderline(True)
    if run.lang:
        set_language(fmt, run.lang)
    return fmt


def set_language(fmt: QTextCharFormat, tag: str | None) -> None:
    """Mark (or, with None, unmark) a passage's language: tinted, named in a tooltip."""
    if tag:
        fmt.setProperty(LANGUAGE_PROPERTY, tag)
        fmt.setBackground(QColor(FOREIGN_TINT))
        fmt.setToolTip(passage_label(tag))
    else:
        fmt.setProperty(LANGUAGE_PROPERTY, "")
        fmt.setBackground(QBrush())  # an empty brush, so that merging takes the tint off
        fmt.setToolTip("")


def language_of(fmt: QTextCharFormat) -> str | None:
    tag = fmt.property(LANGUAGE_PROPERTY)
    return tag if isinstance(tag, str) and tag else None


def foreign_spans(block: QTextBlock) -> list[tuple[int, int]]:
    """Where in ``block`` (offsets in it) a passage in another language lies."""
    spans: list[tuple[int, int]] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        if fragment.isValid() and language_of(fragment.charFormat()):
            start = fragment.position() - block.position()
            spans.append((start, start + fragment.length()))
    return spans


def _block_runs(block: QTextBlock) -> tuple[Run, ...]:
    runs: list[Run] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        text = clean_text(fragment.text().replace(OBJECT_REPLACEMENT, ""), tabs=True)
        if not text:
            continue
        link = usable_link(fmt.anchorHref()) if fmt.isAnchor() else None
        run = Run(text, fmt.fontWeight() >= _BOLD_FROM, fmt.fontItalic(), link, language_of(fmt))
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].link, runs[-1].lang) == (
            run.bold,
            run.italic,
            run.link,
            run.lang,
        ):
            runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic, run.link, run.lang)
        else:
            runs.append(run)
    return tuple(runs)


def document_blocks(document: QTextDocument) -> tuple[Block, ...]:
    """The model's blocks; empty paragraphs and empty list items are left out."""
    blocks: list[Block] = []
    items: list[tuple[Run, ...]] = []
    current_list: object = None
    block = document.begin()
    while block.isValid():
        runs = _block_runs(block)
        text_list = block.textList()
        if text_list is not None and current_list is not None and text_list == current_list:
            if runs:
                items.append(runs)
        else:
            if items:
                blocks.append(BulletList(tuple(items)))
            items = []
            current_list = text_list
            if text_list is not None:
                if runs:
                    items.append(runs)
            elif runs:
                blocks.append(Paragraph(runs))
        block = block.next()
    if items:
        blocks.append(BulletList(tuple(items)))
    return tuple(blocks)


def _write_runs(cursor: QTextCursor, runs: tuple[Run, ...]) -> None:
    for run in runs:
        cursor.insertText(run.text.replace("\n", LINE_SEPARATOR), run_format(run))
    cursor.setCharFormat(QTextCharFormat())


def list_format() -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(QTextListFormat.Style.ListDisc)
    fmt.setIndent(1)
    return fmt


def fill_document(document: QTextDocument, blocks: tuple[Block, ...]) -> None:
    """Replace the document's content by ``blocks``."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.setBlockFormat(paragraph_format())
    first = True
    for block in blocks:
        if isinstance(block, Paragraph):
            if not first:
                cursor.insertBlock(paragraph_format(), QTextCharFormat())
            _write_runs(cursor, block.runs)
            first = False
            continue
        for index, item in enumerate(block.items):
            if index == 0:
                if not first:
                    cursor.insertBlock(paragraph_format(), QTextCharFormat())
                cursor.createList(list_format())
            else:
                cursor.insertBlock()
            _write_runs(cursor, item)
            first = False


def clean_document(source: QTextDocument) -> QTextDocument:
    """A new document holding only what ``source`` has that a draft can keep."""
    clean = QTextDocument()
    fill_document(clean, document_blocks(source))
    return clean
