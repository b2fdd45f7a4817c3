"""The press contacts: one row per contact (name or service, phone, e-mail), added, removed, moved.

Rows are plain line edits so a later contact directory can attach a completer to them
(``ContactRow.name``) and a check can point at one field (``focus_field``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Contact
from desktop.core.text import clean_text

FIELDS = ("name", "phone", "email")


class ContactRow(QWidget):
    """One contact's three fields and its buttons."""

    edited = Signal(str)
    """One of the fields changed: "name", "phone" or "email"."""
    move_requested = Signal(object, int)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Nom ou service"))
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(self.tr("Téléphone"))
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("Courriel"))
        self.up = self._button(
            "↑",
            self.tr("Monter ce contact"),
            self.tr("Alt+Haut"),
            QKeySequence("Alt+Up"),
            lambda: self.move_requested.emit(self, -1),
        )
        self.down = self._button(
            "↓",
            self.tr("Descendre ce contact"),
            self.tr("Alt+Bas"),
            QKeySequence("Alt+Down"),
            lambda: self.move_requested.emit(self, 1),
        )
        self.remove = self._button(
            "✕",
            self.tr("Supprimer ce contact"),
            self.tr("Ctrl+Maj+Suppr"),
            QKeySequence("Ctrl+Shift+Delete"),
            lambda: self.remove_requested.emit(self),
        )
        # Two lines, so a long service name or address is read whole: name and buttons, then
        # phone and e-mail.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.name, 0, 0, 1, 2)
        layout.addWidget(self.phone, 1, 0)
        layout.addWidget(self.email, 1, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        layout.addLayout(buttons, 0, 2)
        self._tools = QHBoxLayout()
        self._tools.setSpacing(2)
        layout.addLayout(self._tools, 1, 2)
        self._tab_chain: list[QWidget] = [self.name, self.phone, self.email]
        """The row's Tab stops in reading order: its three fields, and nothing between them.
        The buttons are off the Tab path (Tab then typed text used to press them: a space
        deleted the contact); their keys work from any field of the row."""
        for edit, field in zip(self.edits(), FIELDS, strict=True):
            edit.setAccessibleName(edit.placeholderText())
            edit.setAccessibleDescription(
                self.tr("Alt+Haut, Alt+Bas : déplacer le contact ; Ctrl+Maj+Suppr : le supprimer")
            )
            # A bound method per field (a lambda there caught the text as its field).
            edit.textChanged.connect(partial(self._field_edited, field))

    def _field_edited(self, field: str, _text: str) -> None:
        self.edited.emit(field)

    def _button(
        self, text: str, tip: str, keys: str, shortcut: QKeySequence, slot: Callable[[], None]
    ) -> QToolButton:
        """A row button for the mouse, and its action for the keyboard: ``shortcut`` from any
        field of the row (``keys`` is how the tooltip writes it, in French)."""
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(f"{tip} ({keys})")
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        self.add_shortcut(shortcut, slot)
        return button

    def add_shortcut(self, shortcut: QKeySequence, slot: Callable[[], object]) -> QAction:
        """A key that acts on this row from any of its fields."""
        action = QAction(self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def add_tool(self, widget: QWidget) -> None:
        """A button of a later feature (the directory's *Ajouter à l’annuaire*), under the
        row's own buttons; off the Tab path like them (give it a key with ``add_shortcut``)."""
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._tools.addWidget(widget)

    def tab_chain(self) -> tuple[QWidget, ...]:
        return tuple(self._tab_chain)

    def edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return (self.name, self.phone, self.email)

    def contact(self) -> Contact:
        return Contact(
            name=clean_text(self.name.text(), multiline=False),
            phone=clean_text(self.phone.text(), multiline=False),
            email=clean_text(self.email.text(), multiline=False).strip(),
        )

    def set_contact(self, contact: Contact) -> None:
        for edit, value in zip(
            self.edits(), (contact.name, contact.phone, contact.email), strict=True
        ):
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)  # show the start of a long address


class ContactsEditor(QWidget):
    """The list of contacts. ``edited`` says what changed: one field of one contact
    ("contacts[2].phone", typing) or a structural change ("contacts.add", "contacts.remove", "contacts.move") that undo keeps separate."""

    edited = Signal(str)
    row_added = Signal(object)
    """The author added a ``ContactRow`` (*Ajouter un contact*): the window scrolls to it."""
    row_created = Signal(object)
    """A new ``ContactRow`` (the form installs its shortcuts on it; a directory, its completer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.rows: list[ContactRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(4)
        self.add_button = QPushButton(self.tr("Ajouter un contact"), self)
        self.add_button.clicked.connect(self.add_contact)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addLayout(bottom)

    def contacts(self) -> tuple[Contact, ...]:
        return tuple(row.contact() for row in self.rows)

    def set_contacts(self, contacts: tuple[Contact, ...]) -> None:
        self._loading = True
        try:
            while len(self.rows) > len(contacts):
                self._drop_row(self.rows[-1])
            while len(self.rows) < len(contacts):
                self._new_row()
            for row, contact in zip(self.rows, contacts, strict=True):
                row.set_contact(contact)
        finally:
            self._loading = False
        self._sync_buttons()

    def add_contact(self) -> None:
        row = self._new_row()
        self._sync_buttons()
        row.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit("contacts.add")
        self.row_added.emit(row)

    def remove_contact(self, index: int) -> None:
        """Remove the ``index``-th contact at once (Annuler brings it back; the window says
        so). The focus, if it was in the row, goes to the same field of the row that takes its
        place, else of the row above, else to *Ajouter un contact*."""
        row = self.rows[index]
        focused = next((e for e in row.edits() if e.hasFocus()), None)
        field = row.edits().index(focused) if focused is not None else None
        self._drop_row(row)
        self._sync_buttons()
        if field is not None:
            if self.rows:
                self.rows[min(index, len(self.rows) - 1)].edits()[field].setFocus(
                    Qt.FocusReason.OtherFocusReason
                )
            else:
                self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit("contacts.remove")

    def move_contact(self, index: int, delta: int) -> None:
        target = index + delta
        if not 0 <= target < len(self.rows):
            return
        values = list(self.contacts())
        values[index], values[target] = values[target], values[index]
        self.set_contacts(tuple(values))
        self.rows[target].edits()[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit("contacts.move")

    def focus_field(self, index: int, field: str = "name") -> bool:
        if not 0 <= index < len(self.rows):
            return False
        edit = self.rows[index].edits()[FIELDS.index(field) if field in FIELDS else 0]
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.selectAll()
        return True

    def _new_row(self) -> ContactRow:
        row = ContactRow(self)
        row.edited.connect(partial(self._row_edited, row))
        row.move_requested.connect(lambda r, d: self.move_contact(self.rows.index(r), d))
        row.remove_requested.connect(lambda r: self.remove_contact(self.rows.index(r)))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        # Shown now, not on the layout's next pass: a Tab pressed at once (keys typed ahead)
        # skips a hidden field, and went from the new name to *Ajouter un contact*.
        if self.isVisible():
            row.show()
        # A new row's fields come last in the window's Tab order (after the preview): put them
        # where they are read, after the rows above and before *Ajouter un contact*. Anchored on
        # leaf widgets: Qt places a widget after a container's whole subtree.
        previous: QWidget = self.add_button
        for widget in row.tab_chain():
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.add_button)
        self.row_created.emit(row)
        return row

    def _drop_row(self, row: ContactRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _row_edited(self, row: ContactRow, field: str) -> None:
        if not self._loading and row in self.rows:
            self.edited.emit(f"contacts[{self.rows.index(row)}].{field}")

    def _sync_buttons(self) -> None:
        for index, row in enumerate(self.rows):
            row.up.setEnabled(index > 0)
            row.down.setEnabled(index < len(self.rows) - 1)
