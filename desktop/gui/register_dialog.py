"""*Registre des numéros*: every number given, searchable; a number cancelled; the policy.

Everything shown or changed goes through ``desktop.store.register``: the search is the register's
(number, words of the headline, date, user), the display format, chosen from examples or typed,
is checked by ``check_display_format`` and the next number by ``set_next``, so the dialog and
``communique register`` cannot disagree.
The register stays open while the dialog is; it is a window of its own (not modal), so an officer
can keep it beside the draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.embargo import PARIS
from desktop.core.kinds import DocumentKind, french_name
from desktop.core.plurals import plural
from desktop.gui import dialogs
from desktop.gui.number_format import FormatChooser
from desktop.gui.tables import list_table, selected_key
from desktop.store.database import DEFAULT_SERIES
from desktop.store.number_formats import check_display_format
from desktop.store.register import MAX_NUMBER, Entry, Register, RegisterError

COLUMNS = ("Numéro", "Date", "Titre", "Attribué par", "Attribué le", "État")
CANCELLED_COLOUR = QColor("#6b6b6b")


def _day(entry: Entry) -> str:
    return entry.release_date.strftime("%d/%m/%Y") if entry.release_date else "—"


class RegisterDialog(QDialog):
    """Two tabs: *Numéros* (the table, its search, *Annuler le numéro…*) and *Numérotation*."""

    def __init__(self, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.entries: list[Entry] = []
        self.setWindowTitle(self.tr("Registre des numéros"))
        tabs = QTabWidget()
        tabs.addTab(self._build_numbers(), self.tr("Numéros"))
        tabs.addTab(self._build_policy(), self.tr("Numérotation"))
        tabs.addTab(self._build_kinds(), self.tr("Genres de documents"))
        self.tabs = tabs
        where = QLabel(self.tr("Registre\u00a0: {path}").format(path=register.location))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(where, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        # An explicit minimum keeps the layout from changing a shown window's limits (which
        # the offscreen platform reports as a warning).
        self.setMinimumSize(720, 380)
        self.resize(940, 520)
        self.finished.connect(lambda _r: self.register.close())
        self.refresh()
        self._show_policy()

    # ------------------------------------------------------------ Numéros

    def _build_numbers(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Rechercher\u00a0: numéro, mots du titre, date (03/11/2026), auteur…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher dans le registre"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Année"))
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = list_table([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Numéros attribués"))
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.count = QLabel()
        self.cancel_button = QPushButton(self.tr("Annuler le numéro…"))
        self.cancel_button.setToolTip(
            self.tr(
                "Le numéro reste pris et ne sera jamais réattribué\u202f; l’annulation est consignée."
            )
        )
        self.cancel_button.clicked.connect(self.cancel_selected)
        top = QHBoxLayout()
        year_label = QLabel(self.tr("&Année\u00a0:"))
        year_label.setBuddy(self.year)  # read with the combo box, which says only its value
        top.addWidget(self.search, 1)
        top.addWidget(year_label)
        top.addWidget(self.year)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.cancel_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return page

    def _fill_years(self) -> None:
        years = sorted({e.year for e in self.register.entries()}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("Toutes les années"), None)
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(current)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)

    def refresh(self) -> None:
        """Show the entries matching the search and the year, as the register finds them."""
        if self.year.count() == 0:
            self._fill_years()
        try:
            self.entries = self.register.entries(
                search=self.search.text(), year=self.year.currentData()
            )
        except RegisterError as exc:
            self.count.setText(str(exc))
            return
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(reversed(self.entries)):  # newest first
            issued = entry.issued_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
            values = (
                entry.label,
                _day(entry),
                entry.headline,
                entry.issued_by,
                issued,
                entry.state_label,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if entry.cancelled:
                    item.setForeground(CANCELLED_COLOUR)
                    font = QFont(item.font())
                    font.setItalic(True)
                    item.setFont(font)
                    item.setToolTip(
                        self.tr("Annulé le {when} par {who}\u00a0: {why}").format(
                            when=entry.cancelled_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
                            if entry.cancelled_at
                            else "—",
                            who=entry.cancelled_by or "—",
                            why=entry.cancel_reason or self.tr("sans motif"),
                        )
                    )
                elif column == 2:
                    item.setToolTip(entry.headline)
                self.table.setItem(row, column, item)
        total = len(self.entries)
        self.count.setText(
            plural(total, self.tr("numéro"), self.tr("numéros"))
            if total
            else self.tr("Aucun numéro ne correspond.")
            if self.search.text()
            else self.tr("Aucun numéro attribué pour l’instant.")
        )
        self._sync_buttons()

    def selected(self) -> Entry | None:
        wanted = selected_key(self.table)
        return next((e for e in self.entries if e.id == wanted), None)

    def _sync_buttons(self) -> None:
        entry = self.selected()
        self.cancel_button.setEnabled(entry is not None and not entry.cancelled)

    def cancel_selected(self) -> bool:
        """*Annuler le numéro…*: confirmed with a reason; the number stays taken."""
        entry = self.selected()
        if entry is None or entry.cancelled:
            return False
        reason = dialogs.ask_cancel_reason(self, entry.label)
        if reason is None:
            return False
        self.register.cancel_entry(entry.id, reason=reason)  # a refusal: the window says it
        self.refresh()
        return True

    # ------------------------------------------------------------ Numérotation

    def _build_policy(self) -> QWidget:
        self.continuous = QRadioButton(
            self.tr("Suite continue (N°350, N°351, … d’une année sur l’autre)")
        )
        self.yearly = QRadioButton(self.tr("Reprise à 1 chaque année"))
        group = QButtonGroup(self)
        group.addButton(self.continuous)
        group.addButton(self.yearly)
        self.format_chooser = FormatChooser()
        self.format = self.format_chooser.edit
        """The format in Python syntax (shown for *Format personnalisé…*)."""
        self.example = self.format_chooser.example
        self.format_chooser.changed.connect(self._show_example)
        self.next = QSpinBox()
        self.next.setRange(1, MAX_NUMBER)
        self.next.setAccessibleName(self.tr("Prochain numéro"))
        self.next.valueChanged.connect(
            lambda value: self.format_chooser.set_sample(value, self.register.current_year())
        )
        self.next.setMaximumWidth(160)
        self.apply_button = QPushButton(self.tr("Appliquer"))
        self.apply_button.clicked.connect(self.apply_policy)
        self.policy_message = QLabel()
        self.policy_message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Numérotation\u00a0:"), self.continuous)
        form.addRow("", self.yearly)
        form.addRow(
            self.format_chooser.labelled(self.tr("&Forme du numéro\u00a0:")), self.format_chooser
        )
        form.addRow(self.tr("Prochain numéro\u00a0:"), self.next)
        note = QLabel(
            self.tr(
                "Dans le format, {n} est le numéro et {year} l’année\u202f; {n:03d} l’écrit sur "
                "trois chiffres (007). Un nouveau format s’applique aux numéros attribués à partir "
                "de maintenant\u00a0: les numéros déjà attribués gardent la forme sous laquelle ils "
                "ont été imprimés. Le prochain numéro permet de reprendre une suite tenue ailleurs "
                "(351 après le N°350)\u202f; il ne peut pas revenir sur un numéro déjà attribué."
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.policy_message, 1)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _show_policy(self) -> None:
        try:
            policy = self.register.policy(DEFAULT_SERIES)
            upcoming = self.register.next_number(DEFAULT_SERIES)
        except RegisterError as exc:
            self.policy_message.setText(str(exc))
            return
        (self.yearly if policy.yearly else self.continuous).setChecked(True)
        self.next.setValue(upcoming)
        self.format_chooser.set_sample(upcoming, self.register.current_year())
        self.format_chooser.set_format(policy.format)
        self._upcoming = upcoming

    def _show_example(self) -> None:
        """The chooser shows the example, or why the format typed cannot be used."""
        self.apply_button.setEnabled(self.format_chooser.is_valid())

    def apply_policy(self) -> bool:
        """Save the policy; the register refuses (and says why) a next number already given."""
        try:
            before = self.register.policy(DEFAULT_SERIES).format
            policy = self.register.set_policy(
                DEFAULT_SERIES,
                yearly=self.yearly.isChecked(),
                fmt=check_display_format(self.format.text()),
            )
            if self.next.value() != self.register.next_number(DEFAULT_SERIES):
                self.register.set_next(self.next.value(), series=DEFAULT_SERIES)
        except RegisterError as exc:
            self.policy_message.setText(str(exc))
            self.policy_message.setStyleSheet("color: #a4161a;")
            return False
        message = self.tr("Numérotation enregistrée.")
        if policy.format != before:
            message += " " + self.tr(
                "Le nouveau format s’applique aux numéros attribués à "
                "partir de maintenant\u202f; les numéros déjà attribués "
                "gardent leur forme."
            )
        self.policy_message.setText(message)
        self.policy_message.setStyleSheet("color: #1b5e20;")
        self._show_policy()
        self.refresh()
        return True

    # ------------------------------------------------------------ Genres de documents

    def _build_kinds(self) -> QWidget:
        """Which series numbers each kind of document (none: not numbered), set at once."""
        page = QWidget()
        form = QFormLayout(page)
        self.kind_series: dict[DocumentKind, QComboBox] = {}
        for kind in DocumentKind:
            choice = QComboBox()
            choice.setAccessibleName(
                self.tr("Série des documents «\u00a0{kind}\u00a0»").format(kind=french_name(kind))
            )
            form.addRow(self.tr("{kind}\u00a0:").format(kind=french_name(kind)), choice)
            self.kind_series[kind] = choice
        self.kinds_message = QLabel()
        self.kinds_message.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Par défaut, seuls les communiqués sont numérotés (série CP)\u202f; une série "
                "se crée avec «\u00a0communique register policy --series SÉRIE --create\u00a0»."
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow("", self.kinds_message)
        self._show_kinds()
        for kind, choice in self.kind_series.items():
            choice.currentIndexChanged.connect(lambda _i, k=kind: self.set_kind_series(k))
        return page

    def _show_kinds(self) -> None:
        try:
            names = [policy.series for policy in self.register.series()]
            chosen = {kind: self.register.kind_series(kind) for kind in DocumentKind}
        except RegisterError as exc:
            self.kinds_message.setText(str(exc))
            return
        for kind, choice in self.kind_series.items():
            choice.blockSignals(True)
            choice.clear()
            choice.addItem(self.tr("Non numéroté"), "")
            for name in names:
                choice.addItem(self.tr("Série «\u00a0{name}\u00a0»").format(name=name), name)
            choice.setCurrentIndex(max(0, choice.findData(chosen[kind] or "")))
            choice.blockSignals(False)

    def set_kind_series(self, kind: DocumentKind) -> bool:
        series = str(self.kind_series[kind].currentData() or "") or None
        try:
            self.register.set_kind_series(kind, series)
        except RegisterError as exc:
            self.kinds_message.setText(str(exc))
            self._show_kinds()
            return False
        self.kinds_message.setText(
            self.tr("Les documents «\u00a0{kind}\u00a0» sont désormais {how}.").format(
                kind=french_name(kind),
                how=self.tr("numérotés dans la série «\u00a0{s}\u00a0»").format(s=series)
                if series
                else self.tr("non numérotés"),
            )
        )
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.register.close()
        super().closeEvent(event)


def show_register(window: QWidget) -> RegisterDialog:
    """Open the register beside the window; a register that cannot be opened raises its
    ``RegisterError``, which the window says in French."""
    dialog = RegisterDialog(Register.open(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
