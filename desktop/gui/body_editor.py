"""The body of the release: a rich text field limited to what the draft format holds.

Its own undo history is off: the window's single history (``undo.py``) covers it with the rest of
the form. Pasted text goes through ``body_codec`` so Word's fonts, colours and control characters
never reach the draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextTable,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolBar, QToolButton, QVBoxLayout, QWidget

from desktop.core.draft import SUFFIX
from desktop.core.images import MAX_IMAGE_BYTES, ImageRefused, read_picture
from desktop.core.model import Block, Figure, Run, Table
from desktop.gui.body_codec import (
    clean_document,
    document_blocks,
    fill_document,
    heading_format,
    language_of,
    list_format,
    paragraph_format,
    run_format,
    set_language,
    usable_link,
    write_structured,
)
from desktop.gui.contrast import show_focus


def _address_in(selected: str) -> str:
    """The selected text when it is itself an address (``https://…``, ``www.…``, a bare
    domain such as ``culture.gouv.fr``, an e-mail address), to offer as the link; else
    nothing."""
    text = selected.strip()
    if not text or any(c.isspace() for c in text):
        return ""
    if _EMAIL.match(text.removeprefix("mailto:")):
        href = text if text.startswith("mailto:") else f"mailto:{text}"
    elif _WEB.match(text):
        href = text if "://" in text else f"https://{text}"
    else:
        return ""
    return text if usable_link(href) is not None else ""


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_WEB = re.compile(
    r"^(?:https?://[^/\s.]+\.\S+|www\.[^/\s.]+\.\S+"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?)$",  # a bare domain: culture.gouv.fr
    re.IGNORECASE,
)


class BodyTextEdit(QTextEdit):
    """A QTextEdit that cleans what is pasted or dropped into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        show_focus(self)  # Fusion draws no focus mark on a text field
        QTextCursor(self.document()).setBlockFormat(paragraph_format())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter at the end of a heading starts a paragraph, not another heading."""
        cursor = self.textCursor()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and cursor.blockFormat().headingLevel()
            and cursor.atBlockEnd()
        ):
            cursor.insertBlock(paragraph_format(), QTextCharFormat())
            self.setTextCursor(cursor)
            self.setCurrentCharFormat(QTextCharFormat())
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if source.hasUrls() and any(url.toLocalFile().endswith(SUFFIX) for url in source.urls()):
            return False  # a draft dropped here is for the window to open
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        scratch = QTextDocument()
        if source.hasHtml():
            scratch.setHtml(source.html())
        elif source.hasText():
            scratch.setPlainText(source.text())
        else:
            return
        clean = clean_document(scratch)
        if clean.isEmpty():
            return
        from PySide6.QtGui import QTextDocumentFragment

        self.textCursor().insertFragment(QTextDocumentFragment(clean))
        self.ensureCursorVisible()


class BodyEditor(QWidget):
    """The body field with its formatting bar (Gras, Italique, Lien…, Liste à puces)."""

    edited = Signal()

    def __init__(
        self,
        ask_link: Callable[[QWidget, str], str | None],
        parent: QWidget | None = None,
        *,
        ask_language: Callable[[QWidget, str | None], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ask_link = ask_link
        self._ask_language = ask_language
        self._loading = False
        self.text_edit = BodyTextEdit(self)
        self.text_edit.setAccessibleName(self.tr("Texte du communiqué"))
        # Qt draws a placeholder on one line, neither wrapped nor broken at a newline: short.
        self.text_edit.setPlaceholderText(
            self.tr("Entrée\u00a0: nouveau paragraphe\u00a0; Maj+Entrée\u00a0: retour à la ligne")
        )
        self.text_edit.setMinimumHeight(260)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bold_action = self._action(
            self.tr("Gras"), QKeySequence.StandardKey.Bold, self.toggle_bold, checkable=True
        )
        font = self.bold_action.font()
        font.setBold(True)
        self.bold_action.setFont(font)
        self.italic_action = self._action(
            self.tr("Italique"), QKeySequence.StandardKey.Italic, self.toggle_italic, checkable=True
        )
        font = self.italic_action.font()
        font.setItalic(True)
        self.italic_action.setFont(font)
        self.link_action = self._action(self.tr("Lien…"), QKeySequence("Ctrl+K"), self.edit_link)
        self.list_action = self._action(
            self.tr("Liste à puces"), QKeySequence("Ctrl+Shift+L"), self.toggle_list, checkable=True
        )
        self.chapter_action = self._action(
            self.tr("Intertitre"),
            QKeySequence("Ctrl+Alt+1"),
            lambda: self.toggle_heading(1),
            checkable=True,
            in_bar=False,
        )
        self.section_action = self._action(
            self.tr("Sous-intertitre"),
            QKeySequence("Ctrl+Alt+2"),
            lambda: self.toggle_heading(2),
            checkable=True,
            in_bar=False,
        )
        self.table_action = self._action(
            self.tr("Tableau"), QKeySequence("Ctrl+Alt+T"), self.insert_table, in_bar=False
        )
        self.row_action = self._action(
            self.tr("Ligne de tableau"),
            QKeySequence("Ctrl+Alt+L"),
            self.add_table_row,
            in_bar=False,
        )
        self.figure_action = self._action(
            self.tr("Image…"), QKeySequence("Ctrl+Alt+I"), self.insert_figure, in_bar=False
        )
        self.language_action = self._action(
            self.tr("Langue du passage…"), QKeySequence("Ctrl+Shift+G"), self.edit_language
        )
        self.insert_button = self._insert_menu()
        # A click on Gras, Italique or Liste à puces gives the focus to the first parent that
        # takes a click (Qt walks up from the button): make that this editor, which hands it to
        # the text (``focusInEvent``), so that the next keys land in the body and not in the
        # form's scroll area. Not a focus proxy: Tab then jumps from the field before straight
        # to the text, past the bar.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text_edit)
        # Tab in reading order: the bar above the text (Gras … Liste à puces), then the text.
        QWidget.setTabOrder(self.insert_button, self.text_edit)
        self.text_edit.textChanged.connect(self._changed)
        self.text_edit.currentCharFormatChanged.connect(self._sync_actions)
        self.text_edit.cursorPositionChanged.connect(self._sync_actions)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.text_edit.setFocus(event.reason())

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], None],
        *,
        checkable: bool = False,
        in_bar: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        if not in_bar:
            return action
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        if button is not None:  # a Tab stop, in reading order: the bar, then the text
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            show_focus(button)  # Fusion's mark on a toolbar button is 2.4:1
        return action

    def _insert_menu(self) -> QToolButton:
        """*Insérer*: one button of the bar (one Tab stop) opening the headings, the table and
        the image, each with its shortcut."""
        menu = QMenu(self)
        for action in (
            self.chapter_action,
            self.section_action,
            self.table_action,
            self.row_action,
            self.figure_action,
        ):
            menu.addAction(action)
        button = QToolButton(self)
        button.setText(self.tr("Insérer"))
        button.setAccessibleName(self.tr("Insérer un intertitre, un tableau ou une image"))
        button.setToolTip(button.accessibleName())
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        show_focus(button)
        self.toolbar.addWidget(button)
        return button

    # ------------------------------------------------------------ value

    def blocks(self) -> tuple[Block, ...]:
        return document_blocks(self.text_edit.document())

    def set_blocks(self, blocks: tuple[Block, ...]) -> None:
        """Show ``blocks``, keeping the cursor where it was as far as the text allows."""
        if blocks == self.blocks():
            return
        position = self.text_edit.textCursor().position()
        self._loading = True
        try:
            fill_document(self.text_edit.document(), blocks)
        finally:
            self._loading = False
        cursor = self.text_edit.textCursor()
        cursor.setPosition(min(position, self.text_edit.document().characterCount() - 1))
        self.text_edit.setTextCursor(cursor)

    def _changed(self) -> None:
        if not self._loading:
            self._keep_paragraph_gaps()
            self.edited.emit()

    def _keep_paragraph_gaps(self) -> None:
        """Every paragraph and list item with the space under it that a body drawn from the
        draft has (``fill_document``): Qt takes it off a list item when Enter starts the next
        one, and the paragraph typed after the list then lacked its space until a redraw."""
        gap = paragraph_format().bottomMargin()
        block = self.text_edit.document().begin()
        while block.isValid():
            if block.blockFormat().bottomMargin() != gap:
                fmt = block.blockFormat()
                fmt.setBottomMargin(gap)
                self._loading = True
                try:
                    QTextCursor(block).setBlockFormat(fmt)
                finally:
                    self._loading = False
            block = block.next()

    def focus_block(self, index: int) -> None:
        """Put the cursor at the start of the ``index``-th block of the model (``body[index]``)."""
        document = self.text_edit.document()
        block = document.begin()
        seen, previous_list = -1, None
        while block.isValid():
            table = QTextCursor(block).currentTable()
            if table is not None:  # a table is one block of the model, whatever its cells
                seen, previous_list = seen + 1, None
                if seen == index:
                    break
                block = document.findBlock(table.lastPosition() + 1)
                continue
            if block.text().strip():
                text_list = block.textList()
                if text_list is None or text_list != previous_list:
                    seen += 1
                previous_list = text_list
                if seen == index:
                    break
            block = block.next()
        cursor = QTextCursor(block if block.isValid() else document.lastBlock())
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ formatting

    def _merge(self, fmt: QTextCharFormat) -> None:
        """Format the selection, or what is typed next when nothing is selected."""
        self.text_edit.mergeCurrentCharFormat(fmt)
        self._sync_actions()

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.text_edit.fontWeight() < QFont.Weight.DemiBold.value
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.text_edit.fontItalic())
        self._merge(fmt)

    def toggle_list(self) -> None:
        cursor = self.text_edit.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is None:
            cursor.createList(list_format())
        else:
            block = cursor.block()
            current.remove(block)
            fmt = block.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
        self._sync_actions()

    def toggle_heading(self, level: int) -> None:
        """The paragraph under the cursor as a heading of ``level`` (1 a chapter, 2 a section),
        or back to a paragraph when it is one already."""
        cursor = self.text_edit.textCursor()
        if cursor.currentTable() is not None:
            return
        current = cursor.blockFormat().headingLevel()
        cursor.beginEditBlock()
        if cursor.currentList() is not None:
            cursor.currentList().remove(cursor.block())
        block_format, char = heading_format(level)
        if current == level:
            block_format, char = paragraph_format(), QTextCharFormat()
            char.setFontWeight(QFont.Weight.Normal)
            char.setFontPointSize(self.text_edit.document().defaultFont().pointSizeF())
        cursor.setBlockFormat(block_format)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        whole = QTextCursor(cursor.block())
        whole.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        whole.mergeCharFormat(char)
        cursor.endEditBlock()
        self.text_edit.setCurrentCharFormat(char)
        self._sync_actions()

    def insert_table(self) -> None:
        """A table of three columns, its header row and one row, in a paragraph of its own;
        the cursor in its first cell (the arrows move from cell to cell, *Ligne de tableau*
        adds a row)."""
        cursor = self.text_edit.textCursor()
        if cursor.currentTable() is not None:
            return
        cursor.beginEditBlock()
        if cursor.block().length() > 1:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(paragraph_format(), QTextCharFormat())
        write_structured(cursor, Table(("", "", ""), (("", "", ""),)))
        cursor.endEditBlock()
        table = cursor.currentTable() or self._table_before(cursor)
        if table is not None:
            self.text_edit.setTextCursor(table.cellAt(0, 0).firstCursorPosition())
        self.edited.emit()

    def _table_before(self, cursor: QTextCursor) -> QTextTable | None:
        probe = QTextCursor(cursor)
        probe.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        return probe.currentTable()

    def add_table_row(self) -> None:
        cursor = self.text_edit.textCursor()
        table = cursor.currentTable()
        if table is None:
            return
        table.appendRows(1)
        self.text_edit.setTextCursor(table.cellAt(table.rows() - 1, 0).firstCursorPosition())

    def insert_figure(self) -> None:
        """*Image…*: a PNG or JPEG with what it shows and its caption, checked before it is
        placed (an image the draft cannot hold is refused, with the reason)."""
        from desktop.gui import dialogs

        answer = dialogs.ask_figure(self)
        if answer is None:
            return
        path, alt, caption = answer
        try:
            with path.open("rb") as file:
                data = file.read(MAX_IMAGE_BYTES + 1)
            picture = read_picture(data)
        except OSError as exc:
            dialogs.show_error(self, self.tr("Image"), self.tr("Image illisible."), str(exc))
            return
        except ImageRefused as exc:
            dialogs.show_error(self, self.tr("Image"), self.tr("Image refusée."), str(exc))
            return
        cursor = self.text_edit.textCursor()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock(paragraph_format(), QTextCharFormat())
        write_structured(cursor, Figure(picture, alt, caption))
        cursor.insertBlock(paragraph_format(), QTextCharFormat())
        cursor.endEditBlock()
        self.text_edit.setTextCursor(cursor)
        self.edited.emit()

    def edit_link(self) -> None:
        cursor = self.text_edit.textCursor()
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        if not cursor.hasSelection() and current:
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if not current and cursor.hasSelection():
            current = _address_in(cursor.selectedText())
        answer = self._ask_link(self, current)
        if answer is None:
            return
        href = answer.strip()
        if href and "://" not in href and not href.startswith("mailto:"):
            href = f"mailto:{href}" if "@" in href else f"https://{href}"
        link = usable_link(href) if href else None
        if href and link is None:
            return
        if link is None:  # an empty answer removes the link
            fmt = QTextCharFormat()
            fmt.setAnchor(False)
            fmt.setAnchorHref("")
            fmt.setFontUnderline(False)
            fmt.clearForeground()
            cursor.mergeCharFormat(fmt)
            return
        fmt = run_format(Run("", link=link))
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            shown = answer.strip().removeprefix("mailto:")  # as typed: "education.gouv.fr"
            cursor.insertText(shown, fmt)
            cursor.setCharFormat(QTextCharFormat())
            self.text_edit.setTextCursor(cursor)
            self.text_edit.setCurrentCharFormat(QTextCharFormat())

    def edit_language(self) -> None:
        """*Langue du passage…*: mark the selection (or the word under the cursor) as a passage
        in another language than French, or take the mark off."""
        cursor = self.text_edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if not cursor.hasSelection():
            return
        if self._ask_language is None:
            from desktop.gui.language_dialog import ask_language

            self._ask_language = ask_language
        answer = self._ask_language(self, language_of(cursor.charFormat()))
        if answer is None:
            return
        fmt = QTextCharFormat()
        set_language(fmt, answer or None)
        cursor.mergeCharFormat(fmt)
        self.text_edit.setTextCursor(cursor)

    def _sync_actions(self) -> None:
        fmt = self.text_edit.currentCharFormat()
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold.value)
        self.italic_action.setChecked(fmt.fontItalic())
        self.list_action.setChecked(self.text_edit.textCursor().currentList() is not None)
        level = self.text_edit.textCursor().blockFormat().headingLevel()
        self.chapter_action.setChecked(level == 1)
        self.section_action.setChecked(level == 2)
