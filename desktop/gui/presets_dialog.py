"""*Modèles › Gérer les modèles…*: the header presets a press office adds for itself.

They are kept in the user's data folder (``desktop.store.presets``), not in the installed package,
so an upgrade keeps them; the shipped ministries are listed in *Modèles* above them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import sentence
from desktop.core.header import HeaderPreset
from desktop.store.presets import PresetsError, load_presets, save_presets, validate


class PresetsDialog(QDialog):
    """The user's presets: a list, the selected one's name and lines, Ajouter and Supprimer.
    Nothing is written until *Enregistrer*."""

    def __init__(self, current_header: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gérer les modèles d’en-tête"))
        self._current_header = current_header
        self._loading = False
        self.message = QLabel()
        self.message.setWordWrap(True)
        try:
            self.presets = list(load_presets())
        except PresetsError as exc:
            self.presets = []
            self._say(str(exc))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Mes modèles"))
        self.list.currentRowChanged.connect(self._show_selected)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Nom du modèle"))
        self.name.textEdited.connect(self._edited)
        self.lines = QPlainTextEdit()
        self.lines.setAccessibleName(self.tr("Lignes de l’en-tête"))
        self.lines.setTabChangesFocus(True)
        self.lines.textChanged.connect(self._edited)
        self.add_button = QPushButton(self.tr("&Ajouter"))
        self.add_button.setToolTip(self.tr("Un nouveau modèle, à partir de l’en-tête affiché."))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Supprimer"))
        self.remove_button.clicked.connect(self.remove)
        self._lay_out()
        for preset in self.presets:
            self.list.addItem(preset.name)
        self.list.setCurrentRow(0 if self.presets else -1)
        self._sync()

    def _lay_out(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "Vos modèles s’ajoutent aux ministères livrés avec Communiqué dans le menu "
                "«\u00a0Modèles\u00a0». Une ligne par ligne imprimée, en capitales accentuées."
            )
        )
        note.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        form = QFormLayout()
        form.addRow(self.tr("Nom\u00a0:"), self.name)
        form.addRow(self.tr("Lignes\u00a0:"), self.lines)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumSize(480, 420)

    def add(self) -> None:
        lines = self._current_header or ("MINISTÈRE",)
        preset = HeaderPreset(self._unused_name(), tuple(lines))
        self.presets.append(preset)
        self.list.addItem(preset.name)
        self.list.setCurrentRow(len(self.presets) - 1)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()
        self._sync()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self.presets[row]
        self.list.takeItem(row)
        self._sync()

    def accept(self) -> None:
        try:
            presets = [validate(p.name, p.lines) for p in self.presets]
            save_presets(presets)
        except PresetsError as exc:
            self._say(str(exc))
            return
        except OSError as exc:
            from desktop.services.files import describe_os_error
            from desktop.store.presets import presets_path

            self._say(describe_os_error(exc, presets_path()))
            return
        super().accept()

    def _unused_name(self) -> str:
        taken = {p.name.casefold() for p in self.presets}
        base = self.tr("Nouveau modèle")
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def _show_selected(self, row: int) -> None:
        self._loading = True
        try:
            if 0 <= row < len(self.presets):
                self.name.setText(self.presets[row].name)
                self.lines.setPlainText("\n".join(self.presets[row].lines))
            else:
                self.name.clear()
                self.lines.clear()
        finally:
            self._loading = False
        self._sync()

    def _edited(self, *_args: object) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.presets):
            return
        lines = tuple(self.lines.document().toRawText().replace("\u2029", "\n").split("\n"))
        self.presets[row] = replace(self.presets[row], name=self.name.text(), lines=lines)
        item = self.list.item(row)
        if item is not None:
            item.setText(self.name.text())
        self._say("")

    def _sync(self) -> None:
        has = 0 <= self.list.currentRow() < len(self.presets)
        for widget in (self.name, self.lines, self.remove_button):
            widget.setEnabled(has)

    def _say(self, text: str) -> None:
        self.message.setText(sentence(text))
        self.message.setStyleSheet("color: #a4161a;" if text else "")
