"""The contact directory inside the form: completion on a contact's name, *Ajouter à l’annuaire*.

Press contacts come back release after release; typing a few letters of a name or a service
offers the directory's entries, and picking one fills name, phone and e-mail as the directory
holds them (validated, so no typo comes in). The directory is opened on first use and kept open
(it is a small SQLite file); while no register file exists, completion offers nothing rather than
creating one behind the author's back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QToolButton

from desktop.gui import dialogs
from desktop.gui.contacts import ContactRow
from desktop.services.paths import register_exists

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from desktop.gui.contacts import ContactsEditor
    from desktop.gui.document import Document
    from desktop.store.directory import Directory, PressContact

# The store (and SQLite) is imported when the directory is first searched or added to, not while
# the window is being built.

MIN_TYPED = 2
"""Letters typed before the directory is offered (one letter matches nearly everything)."""
MAX_OFFERED = 12
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def offer_text(contact: PressContact) -> str:
    """One line of the completion list: « Nom (Organisation) — 01 44 49 89 40 — courriel »."""
    return " — ".join(part for part in (contact.label, contact.phone, contact.email) if part)


class DirectoryLink(QObject):
    """Attaches the directory to every contact row of the form's contacts."""

    def __init__(
        self,
        editor: ContactsEditor,
        document: Document,
        parent: QWidget,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.document = document
        self._say = say
        self._directory: Directory | None = None
        self._offered: dict[int, PressContact] = {}
        editor.row_created.connect(self.attach)
        for row in editor.rows:
            self.attach(row)

    # ------------------------------------------------------------ the directory

    def directory(self, *, create: bool = False) -> Directory | None:
        """The open directory; None when there is no register file yet (unless ``create``)."""
        if self._directory is None:
            if not create and not register_exists():
                return None
            from desktop.store.directory import Directory

            self._directory = Directory.open()
        return self._directory

    def close(self) -> None:
        if self._directory is not None:
            self._directory.close()
            self._directory = None

    def search(self, text: str) -> list[PressContact]:
        if len(text.strip()) < MIN_TYPED:
            return []
        from desktop.store.database import RegisterError

        try:
            directory = self.directory()
            return directory.search(text, limit=MAX_OFFERED) if directory else []
        except RegisterError as exc:
            log.info("no completion from the directory: %s", exc)
            return []  # a busy or damaged register: typing goes on without completion

    # ------------------------------------------------------------ one contact row

    def attach(self, row: ContactRow) -> None:
        model = QStandardItemModel(row)
        completer = QCompleter(model, row)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(MAX_OFFERED)
        row.name.setCompleter(completer)
        row.completer = completer  # type: ignore[attr-defined]
        row.name.textEdited.connect(lambda text: self._offer(model, text))
        completer.activated[QModelIndex].connect(  # type: ignore[index]
            lambda index: self._pick(row, index)
        )
        button = QToolButton(row)
        button.setText(self.tr("+ Annuaire"))
        button.setAutoRaise(True)
        button.setToolTip(self.tr("Ajouter ce contact à l’annuaire (Ctrl+Maj+A)"))
        button.setAccessibleName(self.tr("Ajouter ce contact à l’annuaire"))
        button.clicked.connect(lambda: self.add_to_directory(row))
        row.add_tool(button)  # off the Tab path, between two contacts' fields: a key instead
        row.add_shortcut(QKeySequence("Ctrl+Shift+A"), lambda: self.add_to_directory(row))
        row.directory_button = button  # type: ignore[attr-defined]

    def _offer(self, model: QStandardItemModel, text: str) -> None:
        model.clear()
        for contact in self.search(text):
            item = QStandardItem(offer_text(contact))
            item.setData(contact.to_contact().name, NAME_ROLE)
            item.setData(contact.id, ID_ROLE)
            item.setToolTip(offer_text(contact))
            item.setEditable(False)
            model.appendRow(item)
            if contact.id is not None:
                self._offered[contact.id] = contact

    def _pick(self, row: ContactRow, index: QModelIndex) -> None:
        contact = self._offered.get(index.data(ID_ROLE))
        if contact is not None:
            row.set_contact(contact.to_contact())

    def add_to_directory(self, row: ContactRow) -> PressContact | None:
        """*Ajouter à l’annuaire*: the row's contact, validated, stored; problems said in French."""
        from desktop.store.directory import ContactError, contact_from_release

        title = self.tr("Ajout à l’annuaire impossible")
        ministries = self.document.release.ministries
        organisation = ministries[0] if len(ministries) == 1 else ""
        try:
            contact = contact_from_release(row.contact(), organisation)
            directory = self.directory(create=True)
            assert directory is not None
            added = directory.add(contact)
        except ContactError as exc:
            dialogs.show_error(
                self.parent_widget,
                title,
                self.tr("Ce contact ne peut pas être ajouté à l’annuaire\u00a0:"),
                "\n".join(f"• {problem.sentence}" for problem in exc.problems),
            )
            return None
        self._say(self.tr("«\u00a0{label}\u00a0» ajouté à l’annuaire").format(label=added.label))
        return added
