"""One press contact's four fields, checked by the core before *OK* is taken."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.addresses import international_warning
from desktop.store.directory import ContactError, PressContact, validate_contact


class ContactDialog(QDialog):
    """One contact's four fields; *OK* only once the core accepts them."""

    def __init__(self, contact: PressContact | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Modifier le contact") if contact and contact.id else self.tr("Nouveau contact")
        )
        self._id = contact.id if contact else None
        self._warned = ""
        """The address whose SMTPUTF8 warning was shown: a second OK keeps it."""
        self.contact: PressContact | None = None
        start = contact or PressContact()
        self.name = QLineEdit(start.name)
        self.organisation = QLineEdit(start.organisation)
        self.phone = QLineEdit(start.phone)
        self.email = QLineEdit(start.email)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a4161a;")
        self.problems.hide()
        form = QFormLayout()
        for label, edit in (
            (self.tr("Nom\u00a0:"), self.name),
            (self.tr("Organisation\u00a0:"), self.organisation),
            (self.tr("Téléphone\u00a0:"), self.phone),
            (self.tr("Courriel\u00a0:"), self.email),
        ):
            edit.setAccessibleName(label.rstrip("\u00a0:"))
            form.addRow(label, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def accept(self) -> None:
        try:
            self.contact = validate_contact(
                self.name.text(),
                self.organisation.text(),
                self.phone.text(),
                self.email.text(),
                id=self._id,
            )
        except ContactError as exc:
            self.problems.setText("\n".join(f"• {p.sentence}" for p in exc.problems))
            self.problems.show()
            return
        warning = international_warning(self.contact.email)
        if warning and self._warned != self.contact.email:
            self._warned = self.contact.email
            self.problems.setText(
                warning + " " + self.tr("Validez de nouveau pour garder cette adresse.")
            )
            self.problems.show()
            self.contact = None
            return
        super().accept()
