"""The *Préférences* dialog: the folder holding the Marianne font, where it is not installed,
or *Installer Marianne…* from the State design system's package.

Marianne cannot be shipped (its licence), so an office often keeps it in a shared folder. The
choice is made by ``desktop.core.fonts.choose_font``; this dialog names the folder, says at
once whether Marianne is found there, and the window applies it to the preview, the checks, the
exports and the status bar without a restart. *Installer Marianne…* runs what
``communique fonts install-marianne`` runs, on a worker thread (``gui.marianne_install``), and
the window uses the font as soon as it is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fonts import choose_font
from desktop.gui.marianne_install import DOWNLOAD, MarianneInstaller, PackageSource
from desktop.services import paths


class PreferencesDialog(QDialog):
    """*Dossier de la police Marianne*, and *Installer Marianne…*."""

    def __init__(
        self,
        font_dir: str,
        parent: QWidget | None = None,
        *,
        ask_package: Callable[[QWidget, str], PackageSource] | None = None,
        on_installed: Callable[[], None] | None = None,
    ) -> None:
        """``ask_package`` is ``dialogs.ask_dsfr_package`` (which opens this dialog: passed in,
        so the two modules do not import each other); ``on_installed`` applies the font."""
        super().__init__(parent)
        self._ask_package = ask_package
        self._on_installed = on_installed
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
        explanation = QLabel(
            self.tr(
                "La police Marianne ne peut pas être fournie avec Communiqué. Si elle n’est pas "
                "installée sur cet ordinateur, indiquez le dossier qui la contient (fichiers .ttf "
                "ou .otf). Sans elle, l’aperçu et les exports utilisent Liberation Sans."
            )
        )
        explanation.setWordWrap(True)
        install_row = self._build_install_row()
        form = QFormLayout()
        form.addRow(self.tr("Dossier de la police Marianne\u00a0:"), row)
        form.addRow("", self.status)
        form.addRow(self.tr("Ou, avec le paquet du DSFR\u00a0:"), install_row)
        form.addRow("", self.install_status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.folder.textChanged.connect(self._show_status)
        self._show_status()
        self.setMinimumSize(520, 240)
        self.resize(640, 280)

    def _build_install_row(self) -> QHBoxLayout:
        """*Installer Marianne…*, its busy bar, its installer and the label saying the result."""
        self.install_button = QPushButton(self.tr("Installer Marianne…"))
        self.install_button.setToolTip(
            self.tr(
                "Installe Marianne depuis le paquet npm @gouvfr/dsfr (un fichier .tgz, ou le "
                "registre npm), comme «\u00a0communique fonts install-marianne\u00a0»."
            )
        )
        self.install_button.clicked.connect(self.install_marianne)
        self.install_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no measure of progress: a busy indicator
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(12)
        self.busy.setAccessibleName(self.tr("Installation de Marianne en cours"))
        self.busy.hide()
        self.install_status = QLabel()
        self.install_status.setWordWrap(True)
        self.install_status.setTextFormat(Qt.TextFormat.PlainText)
        self.install_status.hide()
        install_row = QHBoxLayout()
        install_row.addWidget(self.install_button)
        install_row.addWidget(self.busy, 1)
        install_row.addStretch(0)
        self.installer = MarianneInstaller(self)
        self.installer.installed.connect(self._installed)
        self.installer.failed.connect(self._failed)
        return install_row

    def font_dir(self) -> str:
        return self.folder.text().strip()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier de la police Marianne"), self.font_dir()
        )
        if chosen:
            self.folder.setText(chosen)

    def install_marianne(self) -> None:
        """Ask for the package (or the registry), then install it without freezing the window."""
        if self.installer.busy or self._ask_package is None:
            return
        source = self._ask_package(self, str(paths.home_dir()))
        if source is None:
            return
        package = None if source == DOWNLOAD else Path(source)
        self._set_busy(True)
        self.install_status.setStyleSheet("")
        self.install_status.setText(
            self.tr("Téléchargement du paquet @gouvfr/dsfr depuis le registre npm…")
            if package is None
            else self.tr("Installation de Marianne depuis «\u00a0{name}\u00a0»…").format(
                name=package.name
            )
        )
        self.install_status.show()
        self.installer.start(package)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.install_button.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def _installed(self, written: list[Path]) -> None:
        self._set_busy(False)
        folder = written[0].parent if written else ""
        self.install_status.setText(
            self.tr(
                "✓ Marianne installée ({count} fichiers dans {folder})\u00a0: elle est utilisée dès "
                "maintenant."
            ).format(count=len(written), folder=folder)
        )
        self.install_status.setStyleSheet("color: #1b5e20;")
        self._show_status()
        if self._on_installed is not None:
            self._on_installed()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.install_status.setText(
            self.tr("Marianne n’a pas été installée\u00a0: {message}").format(message=message)
        )
        self.install_status.setStyleSheet("color: #b00020;")

    def reject(self) -> None:
        if not self.installer.busy:  # Échap waits for the installation to end
            super().reject()

    def _show_status(self) -> None:
        font = choose_font(self.font_dir() or None)
        if font.is_marianne:
            where = font.folders[0]
            self.status.setText(self.tr("✓ Marianne trouvée ({folder}).").format(folder=where))
            self.status.setStyleSheet("color: #1b5e20;")
        else:
            self.status.setText(
                self.tr("Marianne introuvable\u00a0: Liberation Sans la remplacera.")
            )
            self.status.setStyleSheet("color: #8a4b00;")
