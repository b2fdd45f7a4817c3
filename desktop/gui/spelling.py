"""Spelling in the form: unknown words underlined as they are typed, suggestions on right-click.

Nothing slow runs on the GUI thread. Loading the dictionary and the office's words (about
0.15 s) and looking words up happen on one worker thread; the GUI thread only splits the edited
field's paragraphs into words (a regular expression, skipped for a paragraph already seen) and
underlines the words already known to be unknown. A word seen for the first time is sent to the
worker, and the field is underlined again when the answer comes back (a few milliseconds later).

The underline is an *extra selection* of the field: a decoration of the view that changes
nothing in the document (a QSyntaxHighlighter changes the document's formats, which says
``textChanged`` and would make an edit, an undo step and a new preview of each underline).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QMessageBox, QPlainTextEdit, QTextEdit, QWidget

from desktop.gui.body_codec import foreign_spans

if TYPE_CHECKING:
    from desktop.services.spelling import Speller

# The engine's module (its word patterns) is imported when the dictionary loads, after start-up.

log = logging.getLogger(__name__)

Field = QPlainTextEdit | QTextEdit
NEIGHBOURHOOD = 100
"""Characters on each side of an edit whose words are looked at again."""

_jobs: queue.Queue[Callable[[], None]] = queue.Queue()
_thread_lock = threading.Lock()
_threads: list[threading.Thread] = []


def _work() -> None:
    while True:
        job = _jobs.get()
        try:
            job()
        except Exception:  # a failed job must not stop spelling for the rest of the session
            log.exception("spelling job failed")


LOAD_AFTER_MS = 400
"""Delay between the form's creation and the dictionary's loading (start-up comes first)."""


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """The words worth checking (``desktop.services.spelling.words``)."""
    from desktop.services.spelling import words as engine_words

    return engine_words(text)


def submit(job: Callable[[], None]) -> None:
    """Run ``job`` on the one spelling thread (a daemon: it never holds the app open)."""
    with _thread_lock:
        if not _threads:
            thread = threading.Thread(target=_work, name="spelling", daemon=True)
            thread.start()
            _threads.append(thread)
    _jobs.put(job)


def load_for_form() -> tuple[Speller | None, str]:
    """The shared speller with the office's words, or None and the French reason (worker)."""
    from desktop.services.spelling import SpellingUnavailable, shared_speller
    from desktop.store.office_dictionary import office_vocabulary

    try:
        speller = shared_speller()
    except SpellingUnavailable as exc:
        return None, str(exc)
    speller.set_office_words(office_vocabulary())
    return speller, ""


def _prepend(menu: QMenu, actions: list[QAction]) -> None:
    """Put ``actions`` and a separator before the menu's usual entries."""
    existing = menu.actions()
    if not existing:
        menu.addActions(actions)
        return
    menu.insertActions(existing[0], actions)
    menu.insertSeparator(existing[0])


def add_to_office_dictionary(word: str) -> None:
    """Store ``word`` in the register's office dictionary (raises with a French message)."""
    from desktop.store.office_dictionary import OfficeDictionary

    with OfficeDictionary.open() as office:
        office.add(word)


class _Relay(QObject):
    """Brings the worker's answers to the GUI thread. One for the process, made on the GUI
    thread and never deleted, so the worker never signals through an object a closed window
    took with it; the answer goes to its form only if the form still exists."""

    delivered = Signal(object, object)
    instance: _Relay | None = None

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self._deliver)

    @classmethod
    def ensure(cls) -> None:
        if cls.instance is None:
            cls.instance = cls()

    @classmethod
    def send(cls, to: weakref.WeakMethod[Any], payload: object) -> None:
        if cls.instance is not None:
            cls.instance.delivered.emit(to, payload)

    @staticmethod
    def _deliver(to: weakref.WeakMethod[Any], payload: object) -> None:
        method = to()
        if method is None:
            return
        with contextlib.suppress(RuntimeError):  # its widgets were deleted with the window
            method(payload)


class _Unknown:
    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word


class FlaggedWords:
    """The speller the *Vérifications* panel hands the checks: the words the spelling thread
    has already found unknown. It never looks a word up itself, so checking never makes typing
    wait; a word not answered yet shows once the answer comes (``FormSpelling.underlined``).
    No suggestions: Enchant takes some 75 ms for each (the right-click menu offers them)."""

    def __init__(self, flagged: dict[str, bool]) -> None:
        self._flagged = flagged

    def misspellings(self, text: str) -> list[_Unknown]:
        return [_Unknown(word) for _, _, word in words(text) if self._flagged.get(word)]

    def suggest(self, word: str) -> list[str]:
        return []


class FormSpelling(QObject):
    """Spelling for some text fields of the form (header, headline, body)."""

    ready = Signal()
    unavailable = Signal(str)
    """The French reason, when the engine or the dictionary cannot be loaded."""
    underlined = Signal()
    """New words were found unknown and underlined (tests wait on it)."""
    verdicts_changed = Signal()
    """Which words count as unknown changed (an answer of the worker, *Ignorer*, a word added
    to the office's dictionary): the *Vérifications* panel checks again."""

    def __init__(
        self,
        fields: list[Field],
        parent: QObject | None = None,
        *,
        load: Callable[[], tuple[Speller | None, str]] | None = None,
        add_word: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        load = load or load_for_form
        self._add_word = add_word or add_to_office_dictionary
        self._speller: Speller | None = None
        self.reason = ""
        """Empty while loading or once ready; else why spelling is unavailable (French)."""
        self._flagged: dict[str, bool] = {}
        self._pending: set[str] = set()
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor("#ce0500"))  # the DSFR's error red
        self._fields = fields
        self.menu_hook: Callable[[QMenu], None] | None = None
        """Applied to every menu of the fields (the window puts its *Annuler* in it)."""
        self._paragraphs: dict[str, list[tuple[int, int, str]]] = {}
        self._marks: dict[Field, list[QTextEdit.ExtraSelection]] = {}
        self._typing: dict[Field, tuple[int, int]] = {}
        """Per field, the word being typed (paragraph, end), left alone until the cursor goes."""
        for field in fields:
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            field.customContextMenuRequested.connect(partial(self._show_menu, field))
            field.document().contentsChange.connect(partial(self._edited, field))
            field.cursorPositionChanged.connect(partial(self._cursor_moved, field))
        _Relay.ensure()
        self._load = load
        # Once the window is up and its first page drawn: the dictionary's 150 ms of loading on
        # the worker would otherwise compete with the start-up for the interpreter.
        QTimer.singleShot(LOAD_AFTER_MS, self, self._start_loading)

    def _start_loading(self) -> None:
        on_loaded = weakref.WeakMethod(self._on_loaded)
        load = self._load
        submit(lambda: _Relay.send(on_loaded, load()))

    @property
    def is_ready(self) -> bool:
        return self._speller is not None and self._enabled

    def checker(self) -> FlaggedWords | None:
        """For the checks: the words found unknown so far (None when spelling is off)."""
        return FlaggedWords(self._flagged) if self.is_ready else None

    _enabled = True

    def set_enabled(self, on: bool) -> None:
        """Turn the underlining on or off (off: no underline, nothing looked up)."""
        self._enabled = on
        for field in self._fields:
            if on:
                self.underline(field)
            else:
                self._marks[field] = []
                field.setExtraSelections([])

    # ------------------------------------------------------------------ underlining

    def _words_of(self, paragraph: str) -> list[tuple[int, int, str]]:
        found = self._paragraphs.get(paragraph)
        if found is None:
            if len(self._paragraphs) > 5_000:
                self._paragraphs.clear()
            found = self._paragraphs[paragraph] = list(words(paragraph))
        return found

    def underline(self, field: Field) -> None:
        """Underline the unknown words of the whole of ``field`` (after a load, an answer of
        the worker, *Ignorer*); typing goes through ``_edited``, which looks only at the
        paragraphs the edit touched."""
        if self._speller is None or not self._enabled:
            return
        document = field.document()
        self._marks[field] = self._marks_between(field, document.begin(), document.end())
        self._show(field)

    def _edited(self, field: Field, position: int, _removed: int, added: int) -> None:
        """Look again at the paragraphs an edit touched; the other underlines follow the text
        by themselves (their cursors move with it)."""
        if self._speller is None or not self._enabled:
            return
        document = field.document()
        first = document.findBlock(position)
        last = document.findBlock(position + added)
        if not first.isValid():
            return
        if first == last:
            # Typing: only the words around the edit (cut at spaces) are looked at again, so a
            # key costs the same in a long paragraph as in a short one.
            text = first.text()
            at = position - first.position()
            low = text.rfind(" ", 0, max(0, at - NEIGHBOURHOOD)) + 1
            high = text.find(" ", min(len(text), at + added + NEIGHBOURHOOD))
            high = len(text) if high < 0 else high
            low_abs, high_abs = first.position() + low, first.position() + high
            fresh = self._marks_in(field, first, low, text[low:high])
        else:
            low_abs = first.position()
            high_abs = (
                (last.position() + last.length()) if last.isValid() else document.characterCount()
            )
            after = last.next() if last.isValid() else document.end()
            fresh = self._marks_between(field, first, after)
        old = self._marks.get(field, [])
        before = [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in old]
        kept = [
            m
            for m in old
            if not low_abs <= m.cursor.selectionStart() <= high_abs
            and m.cursor.selectionStart() != m.cursor.selectionEnd()
        ]
        marks = sorted(kept + fresh, key=lambda m: m.cursor.selectionStart())
        self._marks[field] = marks
        if before != [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks]:
            self._show(field)

    def _cursor_moved(self, field: Field) -> None:
        """The word being typed is left alone; once the cursor leaves it, it is looked at."""
        waiting = self._typing.get(field)
        if waiting is None:
            return
        cursor = field.textCursor()
        if cursor.block().blockNumber() == waiting[0] and cursor.positionInBlock() == waiting[1]:
            return
        del self._typing[field]
        block = field.document().findBlockByNumber(waiting[0])
        if block.isValid():
            self._edited(field, block.position(), 0, 0)

    def _marks_between(
        self, field: Field, block: QTextBlock, stop: QTextBlock
    ) -> list[QTextEdit.ExtraSelection]:
        marks: list[QTextEdit.ExtraSelection] = []
        while block.isValid() and block != stop:
            marks += self._marks_in(field, block, 0, block.text())
            block = block.next()
        return marks

    def _marks_in(
        self, field: Field, block: QTextBlock, offset: int, text: str
    ) -> list[QTextEdit.ExtraSelection]:
        """Underlines for the unknown words of ``text``, found at ``offset`` in ``block``."""
        marks: list[QTextEdit.ExtraSelection] = []
        new: list[str] = []
        cursor = field.textCursor()
        typing_at = (
            (cursor.block().blockNumber(), cursor.positionInBlock())
            if field.hasFocus() and not cursor.hasSelection()
            else None
        )
        number = block.blockNumber()
        base = block.position() + offset
        foreign = foreign_spans(block)  # a passage in another language is not French to check
        for start, end, word in self._words_of(text):
            if any(low <= offset + start < high for low, high in foreign):
                continue
            if typing_at == (number, offset + end):
                self._typing[field] = typing_at  # not judged while it is being typed
                continue
            flagged = self._flagged.get(word)
            if flagged:
                mark = QTextEdit.ExtraSelection()
                selection = QTextCursor(block)
                selection.setPosition(base + start)
                selection.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
                mark.cursor = selection
                mark.format = self._format
                marks.append(mark)
            elif flagged is None and word not in self._pending:
                new.append(word)
        if new:
            self._ask(new)
        return marks

    def _ask(self, new: list[str]) -> None:
        if self._speller is None:
            return
        batch = list(dict.fromkeys(new))
        self._pending.update(batch)
        speller, on_checked = self._speller, weakref.WeakMethod(self._on_checked)
        submit(lambda: _Relay.send(on_checked, {w: not speller.is_known(w) for w in batch}))

    def _show(self, field: Field) -> None:
        field.setExtraSelections(self._marks.get(field, []))

    def _on_loaded(self, loaded: tuple[Speller | None, str]) -> None:
        speller, reason = loaded
        if speller is None:
            self.reason = reason
            log.warning("spelling unavailable in the form: %s", reason)
            self.unavailable.emit(reason)
            return
        self._speller = speller
        self._rehighlight()
        self.ready.emit()

    def _on_checked(self, verdicts: dict[str, bool]) -> None:
        self._pending.difference_update(verdicts)
        self._flagged.update(verdicts)
        if any(verdicts.values()):
            self.verdicts_changed.emit()
        if any(verdicts.values()):
            self._rehighlight()
            self.underlined.emit()

    def _rehighlight(self) -> None:
        for field in self._fields:
            self.underline(field)

    def unknown_words(self, field: Field) -> list[str]:
        """The words underlined in ``field`` now (for tests and for the accessibility text)."""
        found: list[str] = []
        block = field.document().begin()
        while block.isValid():
            foreign = foreign_spans(block)
            found += [
                w
                for start, _, w in words(block.text())
                if self._flagged.get(w) and not any(a <= start < b for a, b in foreign)
            ]
            block = block.next()
        return found

    # ------------------------------------------------------------------ the menu

    def word_at(self, field: Field, pos: QPoint) -> tuple[QTextCursor, str] | None:
        """The unknown word under ``pos`` (viewport coordinates), selected in a cursor."""
        cursor = field.cursorForPosition(pos)
        block = cursor.block()
        offset = cursor.positionInBlock()
        for start, end, word in words(block.text()):
            if start <= offset <= end and self._flagged.get(word):
                selection = QTextCursor(block)
                selection.setPosition(block.position() + start)
                selection.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                return selection, word
        return None

    def menu_for(self, field: Field, pos: QPoint) -> QMenu:
        """The field's usual menu, with suggestions, *Ignorer* and *Ajouter au dictionnaire du
        service* first when ``pos`` is on an unknown word."""
        menu = field.createStandardContextMenu(pos)
        if self.menu_hook is not None:
            self.menu_hook(menu)
        if self._speller is None:
            if self.reason:
                note = QAction(self.tr("Orthographe indisponible"), menu)
                note.setEnabled(False)
                note.setToolTip(self.reason)
                note.setStatusTip(self.reason)
                _prepend(menu, [note])
            return menu
        found = self.word_at(field, pos)
        if found is None:
            return menu
        selection, word = found
        ours: list[QAction] = []
        from desktop.services.spelling import MAX_SUGGESTIONS

        suggestions = self._speller.suggest(word)[:MAX_SUGGESTIONS]
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(partial(self._replace, field, selection, suggestion))
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            ours.append(action)
        if not suggestions:
            none = QAction(self.tr("Aucune suggestion"), menu)
            none.setEnabled(False)
            ours.append(none)
        ignore = QAction(self.tr("Ignorer"), menu)
        ignore.triggered.connect(partial(self.ignore, word))
        add = QAction(self.tr("Ajouter au dictionnaire du service"), menu)
        add.triggered.connect(partial(self.add_to_office, word, field))
        ours += [ignore, add]
        _prepend(menu, ours)
        return menu

    def _show_menu(self, field: Field, pos: QPoint) -> None:
        menu = self.menu_for(field, pos)
        menu.exec(field.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _replace(self, field: Field, selection: QTextCursor, text: str) -> None:
        selection.insertText(text)
        field.setTextCursor(selection)

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the app is closed."""
        if self._speller is not None:
            self._speller.ignore(word)
        self._flagged[word] = False
        self._rehighlight()
        self.verdicts_changed.emit()

    def add_to_office(self, word: str, parent: QWidget | None = None) -> bool:
        """Store ``word`` in the register for the whole office; say why in French if not."""
        from desktop.store.database import RegisterError
        from desktop.store.office_dictionary import OfficeWordError

        try:
            self._add_word(word)
        except (RegisterError, OfficeWordError) as exc:
            QMessageBox.warning(
                parent,
                self.tr("Dictionnaire du service"),
                self.tr("«\u00a0%1\u00a0» n’a pas été ajouté\u00a0: %2")
                .replace("%1", word)
                .replace("%2", str(exc)),
            )
            return False
        if self._speller is not None:
            self._speller.add_office_word(word)
        self._flagged.clear()  # near misses of the new entry become unknown: look again
        self._rehighlight()
        self.verdicts_changed.emit()
        return True
