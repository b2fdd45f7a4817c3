"""One undo history for the whole form, the contact list included.

Every change is recorded as the release before and after it (releases are small immutable values),
so undoing puts the whole form back as it was, whatever the widget. Typing in one field merges into
one step until a pause or another field; adding, removing or moving a contact is a step of its own.
The widgets' own histories are switched off and their Ctrl+Z handed to the window (``UndoKeys``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand

from desktop.core.model import Release

MERGE_PAUSE = 2.0
"""Seconds of pause after which typing in the same field starts a new undo step."""

LABELS = {
    "header": "la saisie de l’en-tête",
    "header.preset": "le choix d’un modèle d’en-tête",
    "ministries": "le choix des ministères signataires",
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
_MERGEABLE = {"header", "kind", "headline", "place", "body", "contacts"}


class EditCommand(QUndoCommand):
    """A change of the form from ``before`` to ``after``; ``apply`` puts a release on screen."""

    def __init__(self, field: str, before: Release, after: Release,
                 apply: Callable[[Release], None], text: str | None = None) -> None:
        super().__init__(text or LABELS.get(field, "la modification"))
        self.field = field
        self.before = before
        self.after = after
        self._apply = apply
        self._done = True  # the form already shows ``after`` when the command is pushed
        self._at = time.monotonic()

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.field != self.field:
            return False
        if self.field not in _MERGEABLE or other._at - self._at > MERGE_PAUSE:
            return False
        self.after = other.after
        self._at = other._at
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class UndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's Annuler/Rétablir from inside a text field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Swallowed without being accepted: the shortcut goes on to the window's action.
        return (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo)))
