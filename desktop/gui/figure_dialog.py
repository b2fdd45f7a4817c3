"""*Insérer une image…*: the image file, what it shows (its alternative text, required) and its
caption, each field reached by the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

IMAGE_FILTER = "Images PNG ou JPEG (*.png *.jpg *.jpeg)"


class FigureDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insérer une image"))
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Fichier de l’image"))
        browse = QPushButton(self.tr("&Parcourir…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        self.alt_edit = QLineEdit(self)
        self.alt_edit.setAccessibleName(self.tr("Texte de remplacement"))
        self.alt_edit.setPlaceholderText(self.tr("Ce que montre l’image, pour qui ne la voit pas"))
        self.caption_edit = QLineEdit(self)
        self.caption_edit.setAccessibleName(self.tr("Légende"))
        form = QFormLayout(self)
        file_label = QLabel(self.tr("&Fichier\u00a0:"), self)
        file_label.setBuddy(self.path_edit)  # beside a layout, a label gets no buddy by itself
        form.addRow(file_label, row)
        form.addRow(self.tr("&Texte de remplacement\u00a0:"), self.alt_edit)
        form.addRow(self.tr("&Légende (facultative)\u00a0:"), self.caption_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for edit in (self.path_edit, self.alt_edit):
            edit.textChanged.connect(self._sync)
        self._sync()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Image"), "", self.tr(IMAGE_FILTER))
        if name:
            self.path_edit.setText(name)

    def _sync(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip() and self.alt_edit.text().strip()))

    @property
    def answer(self) -> tuple[Path, str, str]:
        return (
            Path(self.path_edit.text().strip()),
            self.alt_edit.text().strip(),
            self.caption_edit.text().strip(),
        )
