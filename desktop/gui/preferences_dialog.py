"""The *Préférences* dialog: the folder holding the Marianne font, where it is not installed.

Marianne cannot be shipped (its licence), so an office often keeps it in a shared folder. The
choice is made by ``desktop.core.fonts.choose_font``; this dialog only names the folder, says at
once whether Marianne is found there, and the window applies it to the preview, the checks, the
exports and the status bar without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fonts import choose_font


class PreferencesDialog(QDialog):
    """One option for now: *Dossier de la police Marianne*."""

    def __init__(self, font_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Préférences"))
        self.folder = QLineEdit(font_dir)
        self.folder.setPlaceholderText(self.tr("Aucun\u00a0: dossiers de polices du système"))
        self.folder.setAccessibleName(self.tr("Dossier de la police Marianne"))
        self.folder.setClearButtonEnabled(True)
        browse = QPushButton(self.tr("Parcourir…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        explanation = QLabel(self.tr(
            "La police Marianne ne peut pas être fournie avec Communiqué. Si elle n’est pas "
            "installée sur cet ordinateur, indiquez le dossier qui la contient (fichiers .ttf "
            "ou .otf). Sans elle, l’aperçu et les exports utilisent Liberation Sans."))
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Dossier de la police Marianne\u00a0:"), row)
        form.addRow("", self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.folder.textChanged.connect(self._show_status)
        self._show_status()
        self.setMinimumSize(520, 200)
        self.resize(620, 220)

    def font_dir(self) -> str:
        return self.folder.text().strip()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier de la police Marianne"), self.font_dir())
        if chosen:
            self.folder.setText(chosen)

    def _show_status(self) -> None:
        font = choose_font(self.font_dir() or None)
        if font.is_marianne:
            where = font.folders[0]
            self.status.setText(self.tr("✓ Marianne trouvée ({folder}).").format(folder=where))
            self.status.setStyleSheet("color: #1b5e20;")
        else:
            self.status.setText(self.tr(
                "Marianne introuvable\u00a0: Liberation Sans la remplacera."))
            self.status.setStyleSheet("color: #8a4b00;")
