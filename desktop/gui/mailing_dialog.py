"""*Listes de diffusion*: the lists, their addresses with basis, source and date; CSV in and
out; erasure and objection (RGPD). The rules are the store's (``store.mailing_lists``); a change
it refuses (``RegisterError``, ``ContactError``) is said by the window's one catch
(``desktop.app.install_refusals``), over this dialog, and the dialog stays as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.legal_bases import DEFAULT_BASIS
from desktop.core.plurals import plural
from desktop.gui import dialogs
from desktop.gui.tables import list_table, selected_key
from desktop.store.contact_files import read_csv
from desktop.store.database import RegisterError
from desktop.store.mailing_lists import MailingLists, Member

COLUMNS = ("Adresse", "Nom", "Média", "Base légale", "Source", "Ajoutée le")


class MailingListsDialog(QDialog):
    def __init__(self, store: MailingLists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Listes de diffusion"))
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Liste de diffusion"))
        self.chooser.currentTextChanged.connect(lambda _t: self.refresh_members())
        chooser_label = QLabel(self.tr("&Liste\u00a0:"))
        chooser_label.setBuddy(self.chooser)
        self.new_list = QPushButton(self.tr("Nouvelle liste…"))
        self.new_list.clicked.connect(self.create_list)
        self.remove_list = QPushButton(self.tr("Supprimer la liste"))
        self.remove_list.clicked.connect(self.delete_list)
        self.table = list_table([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Adresses de la liste"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Ajouter une adresse…"))
        self.add_button.clicked.connect(self.add_address)
        self.import_button = QPushButton(self.tr("Importer CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        self.forget_button = QPushButton(self.tr("Effacer la personne"))
        self.forget_button.setToolTip(
            self.tr(
                "Droit à l’effacement\u00a0: l’adresse est "
                "retirée de toutes les listes et du journal"
            )
        )
        self.forget_button.clicked.connect(self.forget_selected)
        self.object_button = QPushButton(self.tr("Enregistrer une opposition"))
        self.object_button.setToolTip(
            self.tr(
                "L’adresse est effacée et ne recevra plus jamais rien, quelle que soit la liste"
            )
        )
        self.object_button.clicked.connect(self.object_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Fermer"))
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_list)
        top.addWidget(self.remove_list)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.import_button, self.forget_button, self.object_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumSize(720, 320)
        self.resize(900, 460)
        self.refresh_lists()

    # -- showing

    def current(self) -> str:
        return self.chooser.currentText()

    def refresh_lists(self, select: str | None = None) -> None:
        try:
            names = self.store.names()
        except RegisterError as exc:
            self.status.setText(str(exc))
            return
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItems(names)
        if select in names:
            self.chooser.setCurrentText(select)
        self.chooser.blockSignals(False)
        self.refresh_members()

    def refresh_members(self) -> None:
        name = self.current()
        members: list[Member] = []
        if name:
            try:
                members = self.store.members(name)
            except RegisterError as exc:
                self.status.setText(str(exc))
                return
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            for column, value in enumerate(
                (
                    member.address,
                    member.name,
                    member.outlet,
                    member.basis,
                    member.source,
                    member.added_at[:10],
                )
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, member.address)
                self.table.setItem(row, column, item)
        self.status.setText(
            plural(len(members), self.tr("adresse"), self.tr("adresses"))
            if name
            else self.tr("Aucune liste\u00a0: créez-en une avec «\u00a0Nouvelle liste…\u00a0».")
        )
        for button in (self.remove_list, self.add_button, self.import_button):
            button.setEnabled(bool(name))

    def selected_address(self) -> str | None:
        key = selected_key(self.table)
        return key if isinstance(key, str) else None

    # -- changing

    def create_list(self) -> None:
        name = dialogs.ask_text(self, self.tr("Nouvelle liste"), self.tr("Nom de la liste\u00a0:"))
        if name:
            self.store.create(name)
            self.refresh_lists(select=name)

    def delete_list(self) -> None:
        name = self.current()
        if name and dialogs.confirm(
            self,
            self.tr("Supprimer la liste\u202f?"),
            self.tr("Supprimer la liste «\u00a0{name}\u00a0» et ses adresses\u202f?").format(
                name=name
            ),
        ):
            self.store.remove(name)
            self.refresh_lists()

    def add_address(self) -> None:
        name = self.current()
        address = dialogs.ask_text(
            self, self.tr("Ajouter une adresse"), self.tr("Adresse e-mail\u00a0:")
        )
        if not name or not address:
            return
        source = self.tr("saisie dans l’application")
        member = Member(address, basis=DEFAULT_BASIS, source=source)
        report = self.store.add(name, [member])
        self.refresh_members()
        self._tell(report)

    def import_csv(self) -> None:
        name = self.current()
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importer des adresses"), "", self.tr("Fichiers CSV (*.csv)")
        )
        if not name or not chosen:
            return
        self.import_file(name, Path(chosen))

    def import_file(self, name: str, path: Path) -> bool:
        """Add the addresses of the CSV file ``path`` to the list ``name``: all, or none and the
        problems said (False). A file that cannot be read raises ``ContactFileError``."""
        reading = read_csv(path)
        problems = [
            *reading.problems,
            *(
                self.tr("«\u00a0{label}\u00a0»\u00a0: adresse e-mail manquante").format(
                    label=c.label
                )
                for c in reading.contacts
                if not c.email
            ),
        ]
        if problems:
            dialogs.show_error(
                self,
                self.tr("Import refusé"),
                self.tr("Aucune adresse n’a été importée."),
                "\n".join(problems),
            )
            return False
        members = [
            Member(c.email, c.name, c.organisation, DEFAULT_BASIS, path.name)
            for c in reading.contacts
        ]
        report = self.store.add(name, members)
        self.refresh_members()
        self._tell(report)
        return True

    def _tell(self, report: object) -> None:
        added = len(getattr(report, "added", ()))
        objected = len(getattr(report, "objected", ()))
        text = plural(added, self.tr("adresse ajoutée"), self.tr("adresses ajoutées")) + "."
        if objected:
            text += " " + self.tr("{refused}\u00a0: opposition enregistrée.").format(
                refused=plural(objected, self.tr("refusée"), self.tr("refusées"))
            )
        for warning in getattr(report, "warnings", ()):
            text += "\n" + warning
        self.status.setText(text)

    def forget_selected(self) -> None:
        address = self.selected_address()
        if address and dialogs.confirm(
            self,
            self.tr("Effacer la personne\u202f?"),
            self.tr(
                "Effacer {address} de toutes les listes, du journal des envois et de "
                "l’annuaire\u202f?"
            ).format(address=address),
        ):
            self.store.forget(address)
            self.refresh_members()

    def object_selected(self) -> None:
        address = self.selected_address()
        if address and dialogs.confirm(
            self,
            self.tr("Enregistrer une opposition\u202f?"),
            self.tr(
                "{address} sera effacée partout et ne recevra "
                "plus jamais rien\u202f; seule une empreinte de "
                "l’adresse est gardée."
            ).format(address=address),
        ):
            self.store.object(address)
            self.refresh_members()
