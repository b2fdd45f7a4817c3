"""One undo history for the whole form, the contact list included.

Every change is recorded as the release before and after it (releases are small immutable values),
so undoing puts the whole form back as it was, whatever the widget. Typing in one field merges into
one step until a pause or another field (each field of each contact is a field of its own:
``contacts[2].phone``); adding, removing or moving a contact is a step of its own. A change the
release does not hold (a blank line in the header) is a step of its own field too: the command
then carries the field's text before and after (``FieldText``), and only that field is put back.
The widgets' own histories are switched off and their Ctrl+Z handed to the window (``WindowKeys``),
their right-click menus' *Annuler*/*Rétablir* too (``WindowKeys.follow_history``).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QMenu

from desktop.core.model import Release

MERGE_PAUSE = 2.0
"""Seconds of pause after which typing in the same field starts a new undo step."""

LABELS = {
    "header": "la saisie de l’en-tête",
    "header.preset": "le choix d’un modèle d’en-tête",
    "ministries": "le choix des ministères signataires",
    "document": "le changement de genre de document",
    "kind": "le changement de type de document",
    "headline": "la saisie du titre",
    "place": "la saisie du lieu",
    "date": "le changement de date",
    "embargo": "le changement d’embargo",
    "body": "la saisie du texte",
    "contacts": "la saisie d’un contact",
    "contacts.add": "l’ajout d’un contact",
    "contacts.remove": "la suppression d’un contact",
    "contacts.move": "le déplacement d’un contact",
}
_MERGEABLE = {"header", "kind", "headline", "place", "date", "embargo", "body", "contacts"}


def base_field(field: str) -> str:
    """``contacts[2].phone`` → ``contacts``: the kind of field, for labels and merging."""
    return field.split("[", 1)[0]


@dataclass(frozen=True)
class FieldText:
    """A field's text as typed, before and after a change, where the release keeps less of it
    (the header drops blank lines): undo and redo put that text back in that field only."""

    before: str
    after: str
    restore: Callable[[str], None]


class EditCommand(QUndoCommand):
    """A change of the form from ``before`` to ``after``; ``apply`` puts a release on screen."""

    def __init__(
        self,
        field: str,
        before: Release,
        after: Release,
        apply: Callable[[Release], None],
        *,
        text: str | None = None,
        field_text: FieldText | None = None,
    ) -> None:
        super().__init__(text or LABELS.get(base_field(field), "la modification"))
        self.field = field
        self.before = before
        self.after = after
        self.field_text = field_text
        self._apply = apply
        self._done = True  # the form already shows ``after`` when the command is pushed
        self._at = time.monotonic()

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.field != self.field:
            return False
        if base_field(self.field) not in _MERGEABLE or other._at - self._at > MERGE_PAUSE:
            return False
        self.after = other.after
        self._at = other._at
        if self.field_text is not None or other.field_text is not None:
            first = self.field_text or other.field_text
            last = other.field_text or self.field_text
            assert first is not None and last is not None
            self.field_text = FieldText(first.before, last.after, last.restore)
        if self.after == self.before and (
            self.field_text is None or self.field_text.before == self.field_text.after
        ):
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after)
        if self.field_text is not None:
            self.field_text.restore(self.field_text.after)

    def undo(self) -> None:
        self._apply(self.before)
        if self.field_text is not None:
            self.field_text.restore(self.field_text.before)


def run_menu(menu: QMenu, at: QPoint) -> None:
    """Show a right-click menu until it is closed (tests record it instead)."""
    menu.exec(at)


class WindowKeys(QObject):
    """Lets the window's shortcuts reach its actions from inside any field of the form.

    A field claims some keys for itself before the window's shortcuts see them (Qt's
    ShortcutOverride): a line edit takes Ctrl+E (end of line), Ctrl+N, Ctrl+P…, a text field
    Ctrl+Z (its own history, switched off here). For each key that one of the window's actions
    has as its shortcut, the claim is refused, so the key goes on to the action
    (*Exporter les deux*, *Annuler*…). The field's other keys are left alone.
    """

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._watched: weakref.WeakSet[QObject] = weakref.WeakSet()
        self._history: tuple[QAction, QAction] | None = None

    def set_history(self, undo: QAction, redo: QAction) -> None:
        """The window's *Annuler* and *Rétablir*, which right-click menus then show."""
        self._history = (undo, redo)

    def follow_history(self, menu: QMenu) -> None:
        """Put the window's *Annuler* and *Rétablir* in a field's standard menu in place of the
        field's own (switched off, so always greyed): the menu then undoes what Ctrl+Z does."""
        if self._history is None:
            return
        for name, ours in zip(("edit-undo", "edit-redo"), self._history, strict=True):
            theirs = next((a for a in menu.actions() if a.objectName() == name), None)
            if theirs is not None:
                menu.insertAction(theirs, ours)
                menu.removeAction(theirs)

    def watch(self, widget: QObject) -> None:
        """Hand the window's shortcuts on from ``widget`` (a field of the form)."""
        if widget not in self._watched:
            widget.installEventFilter(self)
            self._watched.add(widget)

    def watches(self, widget: QObject) -> bool:
        return widget in self._watched

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ContextMenu
            and isinstance(watched, QLineEdit)
            and isinstance(event, QContextMenuEvent)
            and watched.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu
        ):
            menu = watched.createStandardContextMenu()
            self.follow_history(menu)
            run_menu(menu, event.globalPos())
            menu.deleteLater()
            return True
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            return True  # swallowed without being accepted: the window's Annuler/Rétablir
        if not event.modifiers() & _SHORTCUT_MODIFIERS:
            return False  # plain typing: no window shortcut is a bare key
        return self._is_window_shortcut(event)

    def _is_window_shortcut(self, event: QKeyEvent) -> bool:
        window = self.parent()
        if window is None:
            return False
        pressed = event.keyCombination()
        for action in window.findChildren(QAction):
            if action.parent() is not window or not action.isEnabled():
                continue
            for sequence in action.shortcuts():
                if sequence.count() == 1 and sequence[0] == pressed:  # type: ignore[index]
                    return True
        return False


_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
