"""The open document: its file, the release as saved and as on screen, its edit history, and the
number as the outputs print it. The window shows it; features (numbering, the directory,
printing…) receive it rather than the window.

Every change goes through here, and says so:
- ``changed(release)``: the release on screen changed (typing, undo, redo, a command);
- ``saved(path)``: the file now holds the release on screen (saved, or written by the register);
- ``replaced()``: another document is open (Nouveau, Ouvrir, a restored copy);
- ``state_changed()``: its sign-off state may have changed (the register was written).

The release on screen is what the view holds: ``present`` puts a release on the form and returns
the form's own reading of it, so that an untouched draft is never "modified". Every field of the
release counts, its identity, what it replaces and its sends included: a change of any is a
change ("modified"). What it replaces is part of what it says, undone and redone like the text;
its identity and its sends are facts about its file that only writing a file changes (a submit,
*Enregistrer sous…*, a send): no edit, undo or redo changes them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.model import Release, as_new_release
from desktop.gui.undo import EditCommand, FieldText
from desktop.services.drafts import save_draft

if TYPE_CHECKING:
    from desktop.store.signoff import Facts

log = logging.getLogger(__name__)


def _as_is(release: Release) -> Release:
    return release


class Document(QObject):
    changed = Signal(object)
    """The release on screen changed: the new ``Release``."""
    saved = Signal(object)
    """The file (a ``Path``) holds the release on screen."""
    replaced = Signal()
    """Another document is open."""
    state_changed = Signal()
    """The register's sign-off facts changed (a number, a submit, an approval, an export): what
    the outputs show (the *PROJET* mark) is to be looked up and drawn again."""

    def __init__(self, release: Release, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._saved = release
        self._current = release
        self._number: tuple[tuple[int | None, object], str] | None = None
        self._signoff: tuple[str | None, Facts | None] | None = None
        self.undo_stack = QUndoStack(self)
        self.present: Callable[[Release], Release] = _as_is
        """Shows a release and returns it as the view holds it (set by the window)."""

    # ------------------------------------------------------------ reading

    @property
    def release(self) -> Release:
        """The release on screen."""
        return self._current

    @property
    def saved_release(self) -> Release:
        return self._saved

    def is_modified(self) -> bool:
        return self._current != self._saved

    def number_label(self, release: Release | None = None) -> str:
        """The number of ``release`` (the one on screen by default) as the outputs print it:
        the label the register recorded, else the series' display format. Worked out once per
        number (it may read the register), then handed to ``prepare``, which never opens a
        database."""
        from desktop.usecases.number_lookup import look_up_printed_number

        release = self._current if release is None else release
        key = (release.number, release.numbering)
        if self._number is None or self._number[0] != key:
            self._number = (key, look_up_printed_number(release))
        return self._number[1]

    def signoff_state(self, release: Release | None = None) -> str:
        """The sign-off state the outputs show for ``release`` (the one on screen by default):
        empty when sign-off does not apply. The register is read once per release (and again
        after ``forget_state``: a submit, an approval); as the text changes, the state is worked
        out from the content's SHA-256, without asking the register at each keystroke."""
        from desktop.usecases.number_lookup import look_up_signoff

        release = self._current if release is None else release
        key = release.identity
        if self._signoff is None or self._signoff[0] != key:
            self._signoff = (key, look_up_signoff(release))
        facts = self._signoff[1]
        return facts.state_of(release) if facts is not None else ""

    def signoff_policy_note(self) -> str:
        """While the office turned sign-off off: who did and when (empty otherwise)."""
        self.signoff_state()
        assert self._signoff is not None
        facts = self._signoff[1]
        return facts.policy_note if facts is not None else ""

    def recheck_state(self) -> bool:
        """Ask the register again for the release on screen (another desk may have approved,
        published or sent it since): True, and ``state_changed``, when the state moved."""
        from desktop.usecases.number_lookup import look_up_signoff

        before = self.signoff_state()
        release = self._current
        self._signoff = (release.identity, look_up_signoff(release))
        if self.signoff_state() == before:
            return False
        self.state_changed.emit()
        return True

    def forget_state(self) -> None:
        """The register's versions changed (a submit, an approval, a number, an export): look
        the state up again, and say so (``state_changed``: the preview redraws its mark)."""
        self._signoff = None
        self.state_changed.emit()

    # ------------------------------------------------------------ changes

    def edit(self, after: Release, field: str, field_text: FieldText | None = None) -> None:
        """The author changed ``field`` on the form, which now shows ``after``; ``field_text``
        is the field's text as typed when the release keeps less of it (a blank line in the
        header): a change of that text alone is a step too."""
        if after == self._current and (field_text is None or field_text.before == field_text.after):
            return
        before, self._current = self._current, after
        self.undo_stack.push(EditCommand(field, before, after, self._apply, field_text=field_text))
        self.changed.emit(after)

    def replace_release(self, release: Release, label: str) -> None:
        """An undoable change made by a command rather than typing (a header preset…)."""
        before = self._current
        self._current = self.present(self._with_file_facts(release))
        self.undo_stack.push(EditCommand("replace", before, self._current, self._apply, text=label))
        self.changed.emit(self._current)

    def _apply(self, release: Release) -> None:
        """Undo and redo. What the world outside holds of this file stays: a number the register
        gave (it cannot take it back), the identity under which the register keeps the versions
        of the release (undoing an edit made before *Enregistrer sous…* must not hand the copy
        the original's identity back), and the sends that went out. No step of the history
        removes them."""
        current = self._current
        if current.numbering is not None:
            release = replace(release, number=current.number, numbering=current.numbering)
        self._current = self.present(self._with_file_facts(release))
        self.changed.emit(self._current)

    def _with_file_facts(self, release: Release) -> Release:
        """``release`` with the identity and the sends of the release on screen."""
        current = self._current
        return replace(release, identity=current.identity, sends=current.sends)

    def adopt_saved(self, release: Release) -> None:
        """``release`` is what the file now holds (a number written into the draft by the
        register): show it as saved, keeping the undo history."""
        self._current = self.present(release)
        self._saved = self._current
        self.undo_stack.setClean()
        self.changed.emit(self._current)
        if self.path is not None:
            self.saved.emit(self.path)

    def open(self, release: Release, path: Path | None, *, saved: Release | None = None) -> None:
        """Make ``release`` the document (Nouveau, Ouvrir, restore). ``saved`` is what the file
        holds when it differs from ``release`` (a restored copy)."""
        shown = self.present(release)
        self.path = path
        self._saved = shown if saved is None else saved
        self._current = shown
        self.undo_stack.clear()
        self.replaced.emit()
        self.changed.emit(shown)

    def save_to(self, path: Path) -> None:
        """Write the release on screen to ``path`` atomically; raises ``OSError`` (the document
        is then unchanged)."""
        try:
            save_draft(self._current, path)
        except OSError as exc:
            log.info("draft not saved to %s: %s", path, exc)
            raise
        self.path = path.absolute()
        self._saved = self._current
        self.undo_stack.setClean()
        log.info("draft saved: %s", self.path)
        self.saved.emit(self.path)

    def save_as(self, path: Path) -> None:
        """*Enregistrer sous…*: write the release on screen to ``path`` as a release of its own
        (``as_new_release``: a new identity, no sends), which becomes the document; the file it
        came from keeps its identity and its sign-off state. Saving under the document's own
        name, or of a document that has no file yet, is a plain save. Raises ``OSError`` (the
        document is then unchanged)."""
        if self.path is None or _same_file(path, self.path):
            self.save_to(path)
            return
        release = as_new_release(self._current)
        try:
            save_draft(release, path)
        except OSError as exc:
            log.info("draft not saved to %s: %s", path, exc)
            raise
        self.path = path.absolute()
        self._current = self.present(release)
        self._saved = self._current
        self.undo_stack.setClean()
        log.info("draft saved as a new release: %s", self.path)
        self.changed.emit(self._current)
        self.saved.emit(self.path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False
