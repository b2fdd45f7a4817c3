"""The *Préférences* dialog: the folder holding the Marianne font, where it is not installed,
or *Installer Marianne…* from the State design system's package.

Marianne cannot be shipped (its licence), so an office often keeps it in a shared folder. The
choice is made by ``desktop.core.fonts.choose_font``; this dialog names the folder, says at
once whether Marianne is found there, and the window applies it to the preview, the checks, the
exports and the status bar without a restart. *Installer Marianne…* runs what
``communique fonts install-marianne`` runs, on a worker thread (``gui.marianne_install``), and
the window uses the font as soon as it is installed.

*Envoi des courriels* sets the SMTP server, its port and security, the login and the office's
sender (``services.mail_settings``, kept in ``envoi.json``, 0600): checked on *OK*, which stays
open with the reason in French; the password is typed masked and never shown back.
*Tester la connexion* connects and logs in on a worker thread (``gui.background``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CommuniqueError
from desktop.core.findings import sentence as _sentence
from desktop.core.fonts import choose_font
from desktop.gui.background import OffThread
from desktop.gui.marianne_install import DOWNLOAD, MarianneInstaller, PackageSource
from desktop.services import mail_settings, paths
from desktop.services.mail_settings import MailSettings, MailSettingsError
from desktop.services.smtp_send import SendError

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"


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
        layout.addWidget(self._build_mail_section())
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.folder.textChanged.connect(self._show_status)
        self._show_status()
        self.setMinimumSize(520, 480)
        self.resize(660, 560)

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

    def _build_mail_section(self) -> QGroupBox:
        """*Envoi des courriels*: server, port, security, login, password, sender, and
        *Tester la connexion*."""
        kept = mail_settings.load()
        box = QGroupBox(self.tr("Envoi des courriels"))
        self.smtp_host = QLineEdit(kept.host)
        self.smtp_host.setPlaceholderText(self.tr("smtp.exemple.gouv.fr"))
        self.smtp_host.setAccessibleName(self.tr("Serveur d’envoi"))
        self.smtp_port = QLineEdit(str(kept.port) if kept.host else "")
        self.smtp_port.setPlaceholderText(self.tr("587"))
        self.smtp_port.setAccessibleName(self.tr("Port du serveur"))
        self.smtp_port.setMaximumWidth(90)
        self.smtp_security = QComboBox()
        self.smtp_security.setAccessibleName(self.tr("Sécurité de la connexion"))
        self.smtp_security.addItem(self.tr("STARTTLS (port 587)"), mail_settings.STARTTLS)
        self.smtp_security.addItem(self.tr("TLS dès la connexion (port 465)"), mail_settings.TLS)
        self.smtp_security.setCurrentIndex(max(0, self.smtp_security.findData(kept.security)))
        self.smtp_security.currentIndexChanged.connect(self._security_changed)
        self.smtp_user = QLineEdit(kept.user)
        self.smtp_user.setAccessibleName(self.tr("Identifiant de connexion"))
        self.smtp_user.setPlaceholderText(self.tr("Aucun\u00a0: serveur sans identification"))
        self.smtp_password = QLineEdit()
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setAccessibleName(self.tr("Mot de passe"))
        self.smtp_password.setPlaceholderText(
            self.tr("Enregistré\u00a0: laisser vide pour le garder")
            if mail_settings.has_password()
            else self.tr("Gardé dans le trousseau du système")
        )
        self.smtp_sender = QLineEdit(kept.sender)
        self.smtp_sender.setAccessibleName(self.tr("Expéditeur"))
        self.smtp_sender.setPlaceholderText(self.tr("Service de presse <presse@exemple.gouv.fr>"))
        self.test_button = QPushButton(self.tr("Tester la connexion"))
        self.test_button.setToolTip(
            self.tr("Se connecte au serveur et s’identifie, sans rien envoyer.")
        )
        self.test_button.clicked.connect(self.test_connection)
        self.test_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.mail_status = QLabel()
        self.mail_status.setWordWrap(True)
        self.mail_status.setTextFormat(Qt.TextFormat.PlainText)
        self.tester = OffThread("smtp-test", self)
        self.tester.finished.connect(self._tested)
        self.tester.failed.connect(self._test_failed)
        server_row = QHBoxLayout()
        server_row.addWidget(self.smtp_host, 1)
        server_row.addWidget(QLabel(self.tr("Port\u00a0:")))
        server_row.addWidget(self.smtp_port)
        form = QFormLayout(box)
        form.addRow(self.tr("Serveur SMTP\u00a0:"), server_row)
        form.addRow(self.tr("Sécurité\u00a0:"), self.smtp_security)
        form.addRow(self.tr("Identifiant\u00a0:"), self.smtp_user)
        form.addRow(self.tr("Mot de passe\u00a0:"), self.smtp_password)
        form.addRow(self.tr("Expéditeur\u00a0:"), self.smtp_sender)
        form.addRow("", self.test_button)
        form.addRow("", self.mail_status)
        return box

    def _security_changed(self) -> None:
        """The port follows the security while it is one of the usual two."""
        if self.smtp_port.text().strip() in ("", *map(str, mail_settings.DEFAULT_PORTS.values())):
            port = mail_settings.DEFAULT_PORTS[self.smtp_security.currentData()]
            self.smtp_port.setText(str(port) if self.smtp_host.text().strip() else "")

    def mail_form(self) -> MailSettings:
        """The section's values as settings; ``MailSettingsError`` when one is wrong."""
        return mail_settings.check(
            self.smtp_host.text(),
            self.smtp_port.text(),
            str(self.smtp_security.currentData()),
            self.smtp_user.text(),
            self.smtp_sender.text(),
            password=self.smtp_password.text(),
        )

    def _say(self, text: str, style: str) -> None:
        self.mail_status.setText(text)
        self.mail_status.setStyleSheet(style)

    def test_connection(self) -> None:
        """Connect and log in on a worker thread; the result is said under the button."""
        if self.tester.busy:
            return
        try:
            settings = self.mail_form()
        except MailSettingsError as exc:
            self._say(_sentence(str(exc)), ERROR_STYLE)
            return
        password = self.smtp_password.text()
        self.test_button.setEnabled(False)
        self._say(self.tr("Connexion au serveur…"), "")
        self.tester.start(lambda: mail_settings.try_connection(settings, password))

    def _tested(self, message: object) -> None:
        self.test_button.setEnabled(True)
        self._say("✓ " + _sentence(str(message)), OK_STYLE)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        if not isinstance(exc, CommuniqueError):
            exc = SendError(f"erreur inattendue ({type(exc).__name__})")
        self._say(_sentence(str(exc)), ERROR_STYLE)

    def accept(self) -> None:
        """Keep the e-mail settings, or stay open saying what is wrong."""
        try:
            mail_settings.save(self.mail_form(), self.smtp_password.text() or None)
        except MailSettingsError as exc:
            self._say(_sentence(str(exc)), ERROR_STYLE)
            return
        except OSError as exc:
            from desktop.services.files import describe_os_error

            reason = describe_os_error(exc, mail_settings.settings_path())
            self._say(_sentence(f"réglages d’envoi non enregistrés\u00a0: {reason}"), ERROR_STYLE)
            return
        super().accept()

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
        self.install_status.setStyleSheet(OK_STYLE)
        self._show_status()
        if self._on_installed is not None:
            self._on_installed()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.install_status.setText(
            self.tr("Marianne n’a pas été installée\u00a0: {message}").format(message=message)
        )
        self.install_status.setStyleSheet(ERROR_STYLE)

    def reject(self) -> None:
        if (
            not self.installer.busy and not self.tester.busy
        ):  # Échap waits for the installation to end
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
