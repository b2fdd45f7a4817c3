"""The body between a QTextDocument and the model's blocks, keeping only what a draft can hold.

Paragraphs and bulleted lists; in them bold, italic, links (https, http, mailto) and a passage's language (a user property
of the character format, shown tinted); headings
of two levels (a block's heading level), tables of plain text (a ``QTextTable``, its first row
the header, its caption a property of the table's format) and figures (an image in a paragraph
of its own, its bytes, alternative text and caption properties of its format). Everything else
that Qt can hold (fonts, colours, images from elsewhere) is dropped, which is also how text
pasted from Word or a web page is cleaned: read into a scratch document, then rebuilt.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from desktop.core.draft import LINK_SCHEMES
from desktop.core.images import ImageRefused, read_picture
from desktop.core.model import (
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Run,
    Table,
    passage_label,
)
from desktop.core.text import clean_text

LINE_SEPARATOR = "\u2028"
"""Qt's soft line break inside a paragraph (Shift+Entrée); a run's ``\\n``."""
OBJECT_REPLACEMENT = "\ufffc"
_BOLD_FROM = 600
CAPTION = QTextFormat.Property.UserProperty + 1
ALT = QTextFormat.Property.UserProperty + 2
IMAGE_DATA = QTextFormat.Property.UserProperty + 3
HEADING_SIZES = {1: 15.0, 2: 13.0}
"""Point sizes of the headings on screen (the draft holds only their level)."""
LANGUAGE_PROPERTY = QTextFormat.Property.UserProperty + 4
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


def _figure_in(block: QTextBlock) -> Figure | None:
    """The figure a block holds: an image with its bytes (one this codec wrote)."""
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        fmt = fragment.charFormat()
        if fragment.isValid() and fmt.isImageFormat():
            data = fmt.property(IMAGE_DATA)
            if not isinstance(data, QByteArray | bytes):
                continue
            try:
                picture = read_picture(bytes(data.data()) if isinstance(data, QByteArray) else data)
            except ImageRefused:
                continue
            alt, caption = fmt.property(ALT), fmt.property(CAPTION)
            return Figure(
                picture,
                clean_text(alt if isinstance(alt, str) else "", multiline=False),
                clean_text(caption if isinstance(caption, str) else "", multiline=False),
            )
    return None


def _table_of(table: QTextTable) -> Table | None:
    def cell(row: int, column: int) -> str:
        cursor = table.cellAt(row, column).firstCursorPosition()
        last = table.cellAt(row, column).lastCursorPosition()
        cursor.setPosition(last.position(), QTextCursor.MoveMode.KeepAnchor)
        return clean_text(cursor.selectedText().replace(LINE_SEPARATOR, "\n"))

    rows = [tuple(cell(r, c) for c in range(table.columns())) for r in range(table.rows())]
    if not rows or not table.columns():
        return None
    caption = table.format().property(CAPTION)
    return Table(rows[0], tuple(rows[1:]), clean_text(caption if isinstance(caption, str) else ""))


def document_blocks(document: QTextDocument) -> tuple[Block, ...]:
    """The model's blocks; empty paragraphs and empty list items are left out."""
    blocks: list[Block] = []
    items: list[tuple[Run, ...]] = []
    current_list: object = None
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        structured: Block | None = None
        if table is not None:
            structured = _table_of(table)
            block = document.findBlock(table.lastPosition() + 1)
        elif block.blockFormat().headingLevel() in HEADING_SIZES:
            text = clean_text(block.text().replace(LINE_SEPARATOR, " "), multiline=False)
            structured = Heading(block.blockFormat().headingLevel(), text) if text.strip() else None
            block = block.next()
        elif (figure := _figure_in(block)) is not None:
            structured, block = figure, block.next()
        if table is not None or structured is not None:
            if items:
                blocks.append(BulletList(tuple(items)))
            items, current_list = [], None
            if structured is not None:
                blocks.append(structured)
            continue
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
    """Replace the document's content by ``blocks``, in one edit: the document is laid out and
    says it changed once, not at each cell of a table (100 rows of 12 cells took 68 s)."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        _fill(cursor, blocks)
    finally:
        cursor.endEditBlock()


def _fill(cursor: QTextCursor, blocks: tuple[Block, ...]) -> None:
    cursor.setBlockFormat(paragraph_format())
    first = True
    for block in blocks:
        if isinstance(block, Paragraph):
            if not first:
                cursor.insertBlock(paragraph_format(), QTextCharFormat())
            _write_runs(cursor, block.runs)
            first = False
            continue
        if not isinstance(block, BulletList):
            if not first:
                cursor.insertBlock(paragraph_format(), QTextCharFormat())
            write_structured(cursor, block)
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


def heading_format(level: int) -> tuple[QTextBlockFormat, QTextCharFormat]:
    block = paragraph_format()
    block.setHeadingLevel(level)
    block.setTopMargin(PARAGRAPH_GAP)
    char = QTextCharFormat()
    char.setFontWeight(QFont.Weight.Bold)
    char.setFontPointSize(HEADING_SIZES[level])
    return block, char


def write_structured(cursor: QTextCursor, block: Heading | Table | Figure) -> None:
    """A heading, a table or a figure at the cursor, in an empty paragraph; the cursor ends
    in the paragraph after a table, else at the end of the block written."""
    if isinstance(block, Heading):
        block_format, char = heading_format(block.level)
        cursor.setBlockFormat(block_format)
        cursor.insertText(block.text, char)
        cursor.setCharFormat(QTextCharFormat())
        return
    if isinstance(block, Table):
        table_format = QTextTableFormat()
        table_format.setHeaderRowCount(1)
        table_format.setBorder(0.5)
        table_format.setCellPadding(3)
        table_format.setCellSpacing(0)
        table_format.setProperty(CAPTION, block.caption)
        rows = (block.header, *block.rows)
        table = cursor.insertTable(len(rows), len(block.header), table_format)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cellAt(r, c).firstCursorPosition()
                cell.insertText(
                    text.replace("\n", LINE_SEPARATOR), bold if r == 0 else QTextCharFormat()
                )
        cursor.setPosition(table.lastPosition() + 1)
        return
    name = f"figure-{id(block.image):x}"
    image = QImage.fromData(block.image.data)
    cursor.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    fmt = QTextImageFormat()
    fmt.setName(name)
    width = min(image.width(), 480)
    fmt.setWidth(width)
    fmt.setHeight(width * image.height() / max(image.width(), 1))
    fmt.setProperty(IMAGE_DATA, QByteArray(block.image.data))
    fmt.setProperty(ALT, block.alt)
    fmt.setProperty(CAPTION, block.caption)
    cursor.insertImage(fmt)
