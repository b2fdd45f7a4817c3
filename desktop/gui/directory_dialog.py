"""*Annuaire des contacts*: the directory listed, searched, edited; CSV in and out.

Validation is the core's (``validate_contact``: phone formatted, e-mail checked) and so are the
CSV files (``desktop.store.contact_files``: the French Excel dialect, lenient on the way in); the
dialog shows their French messages as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.plurals import plural
from desktop.gui import dialogs, settings
from desktop.gui.tables import list_table, selected_key
from desktop.services import paths
from desktop.services.files import describe_os_error
from desktop.store.contact_files import ContactFileError, contacts_csv_file, read_csv
from desktop.store.database import RegisterError
from desktop.store.directory import ContactError, Directory, PressContact
from desktop.usecases.gate import write_file

if TYPE_CHECKING:
    from desktop.gui.contact_directory import DirectoryLink

COLUMNS = ("Nom", "Organisation", "Téléphone", "Courriel")


class DirectoryDialog(QDialog):
    """The list with its search and its buttons."""

    def __init__(
        self,
        directory: Directory,
        store: settings.Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.store = store
        self.contacts: list[PressContact] = []
        self.setWindowTitle(self.tr("Annuaire des contacts"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Rechercher\u00a0: nom, organisation, téléphone, courriel…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher dans l’annuaire"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.table = list_table([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Contacts de l’annuaire"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.add_button = QPushButton(self.tr("Nouveau…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("Modifier…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Supprimer"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton(self.tr("Importer CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = QPushButton(self.tr("Exporter CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.count = QLabel()
        close = QPushButton(self.tr("Fermer"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.setMinimumSize(640, 320)  # explicit: see RegisterDialog
        self.resize(860, 460)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        try:
            self.contacts = self.directory.search(self.search.text())
        except RegisterError as exc:
            self.count.setText(str(exc))
            return
        self.table.setRowCount(len(self.contacts))
        for row, contact in enumerate(self.contacts):
            for column, value in enumerate(
                (contact.name, contact.organisation, contact.phone, contact.email)
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, contact.id)
                self.table.setItem(row, column, item)
            if select is not None and contact.id == select:
                self.table.selectRow(row)
        total = len(self.contacts)
        self.count.setText(
            plural(total, self.tr("contact"), self.tr("contacts"))
            if total
            else self.tr("Aucun contact ne correspond.")
            if self.search.text()
            else self.tr(
                "L’annuaire est vide\u00a0: ajoutez un contact, importez un "
                "fichier CSV, ou utilisez «\u00a0+ Annuaire\u00a0» dans le "
                "formulaire."
            )
        )
        self._sync_buttons()

    def selected(self) -> PressContact | None:
        wanted = selected_key(self.table)
        return next((c for c in self.contacts if c.id == wanted), None)

    def _sync_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self.contacts))

    def _fail(self, title: str, exc: Exception) -> None:
        if isinstance(exc, ContactError):
            dialogs.show_error(self, title, "\n".join(f"• {p.sentence}" for p in exc.problems))
        else:
            dialogs.show_error(self, title, str(exc))

    def add(self) -> PressContact | None:
        contact = dialogs.edit_contact(self, None)
        if contact is None:
            return None
        try:
            added = self.directory.add(contact)
        except (ContactError, RegisterError) as exc:
            self._fail(self.tr("Ajout impossible"), exc)
            return None
        self.refresh(select=added.id)
        return added

    def edit_selected(self) -> PressContact | None:
        current = self.selected()
        if current is None:
            return None
        changed = dialogs.edit_contact(self, current)
        if changed is None:
            return None
        try:
            saved = self.directory.update(changed)
        except (ContactError, RegisterError) as exc:
            self._fail(self.tr("Modification impossible"), exc)
            return None
        self.refresh(select=saved.id)
        return saved

    def delete_selected(self) -> bool:
        current = self.selected()
        if current is None or current.id is None:
            return False
        if not dialogs.confirm_delete_contact(self, current.label):
            return False
        try:
            self.directory.delete(current.id)
        except RegisterError as exc:
            self._fail(self.tr("Suppression impossible"), exc)
            return False
        self.refresh()
        return True

    def _folder(self) -> str:
        if self.store is None:
            return str(paths.home_dir())
        return self.store.get(settings.LAST_OPEN_DIR) or str(paths.home_dir())

    def import_csv(self) -> int:
        """Add the valid rows of a CSV file; the refused rows are listed with their line."""
        path = dialogs.open_csv_path(self, self._folder())
        if path is None:
            return 0
        title = self.tr("Import des contacts")
        try:
            reading = read_csv(path)
            report = self.directory.add_many(reading.contacts)
        except (ContactFileError, ContactError, RegisterError) as exc:
            self._fail(self.tr("Import impossible"), exc)
            return 0
        lines = [
            plural(len(report.added), self.tr("contact ajouté"), self.tr("contacts ajoutés")) + "."
        ]
        if report.duplicates:
            lines.append(
                plural(
                    report.duplicates,
                    self.tr("déjà présent, non ajouté"),
                    self.tr("déjà présents, non ajoutés"),
                )
                + "."
            )
        details = "\n".join([*report.warnings, *reading.notes, *reading.problems[:20]])
        if len(reading.problems) > 20:
            details += "\n" + self.tr("… et {n} autres lignes refusées.").format(
                n=len(reading.problems) - 20
            )
        dialogs.show_info(self, title, " ".join(lines), details)
        self.refresh()
        return len(report.added)

    def export_csv(self) -> Path | None:
        """Write the contacts shown (all of them, or those the search finds) as CSV."""
        start = Path(self._folder()) / "annuaire-presse.csv"
        path = dialogs.save_path(self, self.tr("Exporter l’annuaire"), start, dialogs.CSV_FILTER)
        if path is None:
            return None
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            write_file(path, contacts_csv_file(self.contacts), suffix=".csv")
        except OSError as exc:
            dialogs.show_error(self, self.tr("Export impossible"), describe_os_error(exc, path))
            return None
        dialogs.show_info(
            self,
            self.tr("Export de l’annuaire"),
            self.tr("{contacts} dans «\u00a0{name}\u00a0».").format(
                contacts=plural(
                    len(self.contacts),
                    self.tr("contact enregistré"),
                    self.tr("contacts enregistrés"),
                ),
                name=path.name,
            ),
        )
        return path


def show_directory(
    window: QWidget, link: DirectoryLink, store: settings.Settings
) -> DirectoryDialog:
    """Open the directory beside the window, sharing the form's open directory (``link``); a
    register that cannot be opened raises its ``RegisterError``, which the window says."""
    directory = link.directory(create=True)
    assert directory is not None
    dialog = DirectoryDialog(directory, store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
