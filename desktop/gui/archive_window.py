"""*Outils › Archives…*: search every release issued or imported as one types, with filters
(dates, kind, ministry, contact); a result opens read-only beside the list, its matching words
highlighted; *Utiliser comme modèle* makes a new draft of it (a new identity, no number), and
the results export as CSV through the gate."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.archive_text import Query, highlight, parse_query
from desktop.core.errors import CommuniqueError
from desktop.core.french_dates import parse_date
from desktop.core.model import BulletList, Release
from desktop.core.plurals import plural
from desktop.core.typography import long_date
from desktop.gui import dialogs
from desktop.services import paths
from desktop.store.archive import Archive, Filters, Hit

SEARCH_DELAY_MS = 120
"""Typing goes on: the search waits this long after the last key."""


def tr(text: str) -> str:
    return QCoreApplication.translate("ArchiveWindow", text)


def _marked(text: str, query: Query) -> str:
    return "".join(
        f"<span style='background-color:#ffe066'>{html.escape(piece)}</span>"
        if found
        else html.escape(piece)
        for piece, found in highlight(text, query)
    )


def release_html(release: Release, hit: Hit, query: Query) -> str:
    """The release as the read-only view shows it, the words found highlighted."""
    parts = [f"<p style='color:#555'>{html.escape(' · '.join(release.header))}</p>"]
    when = long_date(release.date) if release.date else tr("sans date")
    number = f" — {html.escape(hit.number)}" if hit.number else ""
    parts.append(f"<p>{html.escape(release.kind)} — {html.escape(when)}{number}</p>")
    parts.append(f"<h2>{_marked(release.headline, query)}</h2>")
    for block in release.body:
        if isinstance(block, BulletList):
            items = "".join(
                f"<li>{_marked(''.join(r.text for r in item), query)}</li>" for item in block.items
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{_marked(block.text, query)}</p>")
    if release.contacts:
        parts.append(f"<h3>{tr('Contacts presse')}</h3>")
        for contact in release.contacts:
            line = " · ".join(p for p in (contact.name, contact.phone, contact.email) if p)
            parts.append(f"<p>{_marked(line, query)}</p>")
    if hit.source:
        where = html.escape(tr("Fichier\u00a0: ") + hit.source)
        parts.append(f"<p style='color:#555'>{where}</p>")
    return "\n".join(parts)


class ArchiveWindow(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        use_release: Callable[[Release], None],
        archive: Archive | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Archives des communiqués"))
        self.use_release = use_release
        self._archive = archive
        self.hits: list[Hit] = []
        self.query = parse_query("")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search)
        self._build()
        # explicit, as RegisterDialog: the offscreen platform warns when the layout resizes
        self.setMinimumSize(900, 560)
        self.resize(1100, 700)

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = Archive.open()
        return self._archive

    def _field(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(lambda _text: self.timer.start())
        return edit

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.words = self._field(
            tr("Mots cherchés (accents, majuscules, pluriels et conjugaisons indifférents)"),
            tr("Mots cherchés"),
        )
        layout.addWidget(self.words)
        filters = QFormLayout()
        row = QHBoxLayout()
        self.start = self._field(tr("jj/mm/aaaa"), tr("Du"))
        self.end = self._field(tr("jj/mm/aaaa"), tr("Au"))
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.setAccessibleName(tr("Genre"))
        self.kind.currentTextChanged.connect(lambda _text: self.timer.start())
        self.ministry = self._field(tr("Ministère"), tr("Ministère"))
        self.contact = self._field(tr("Nom, téléphone ou adresse"), tr("Contact"))
        for label, widget in (
            (tr("&Du"), self.start),
            (tr("&Au"), self.end),
            (tr("&Genre"), self.kind),
            (tr("&Ministère"), self.ministry),
            (tr("&Contact"), self.contact),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget, 1)
        filters.addRow(row)
        layout.addLayout(filters)
        layout.addWidget(self._build_results(), 1)
        self._build_buttons(layout)

    def _build_results(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Date"), tr("Numéro"), tr("Genre"), tr("Titre")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(tr("Résultats"))
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(tr("Communiqué (lecture seule)"))
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        splitter.setSizes([520, 580])
        return splitter

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.model_button = QPushButton(tr("&Utiliser comme modèle"))
        self.model_button.clicked.connect(lambda _=False: self.use_as_model())
        self.remove_button = QPushButton(tr("&Retirer des archives…"))
        self.remove_button.clicked.connect(lambda _=False: self.remove_selected())
        self.csv_button = QPushButton(tr("&Exporter en CSV…"))
        self.csv_button.clicked.connect(lambda _=False: self.export_csv())
        close = QPushButton(tr("&Fermer"))
        close.clicked.connect(self.close)
        bottom.addWidget(self.count_label, 1)
        for button in (self.model_button, self.remove_button, self.csv_button, close):
            bottom.addWidget(button)
        layout.addLayout(bottom)
        self.model_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._fill_kinds()
        self.search()

    def _fill_kinds(self) -> None:
        try:
            kinds = self.archive.kinds()
        except CommuniqueError:
            kinds = []
        current = self.kind.currentText()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItems(["", *kinds])
        self.kind.setCurrentText(current)
        self.kind.blockSignals(False)

    def filters(self) -> Filters | None:
        """The filters typed; None (said under the list) while a date cannot be read."""
        dates = []
        for edit in (self.start, self.end):
            text = edit.text().strip()
            value = parse_date(text) if text else None
            if text and value is None:
                self.count_label.setText(
                    tr("Date illisible\u00a0: «\u00a0{0}\u00a0».").format(text)
                )
                return None
            dates.append(value)
        return Filters(
            dates[0], dates[1], self.kind.currentText(), self.ministry.text(), self.contact.text()
        )

    def search(self) -> None:
        filters = self.filters()
        if filters is None:
            return
        self.query = parse_query(self.words.text())
        try:
            self.hits = self.archive.search(self.words.text(), filters, limit=200)
        except CommuniqueError as exc:
            self.hits = []
            self.count_label.setText(str(exc))
        else:
            count = len(self.hits)
            self.count_label.setText(
                tr("Aucun communiqué trouvé.")
                if not count
                else plural(count, tr("communiqué"), tr("communiqués")) + "."
            )
        self.table.setRowCount(len(self.hits))
        for row, hit in enumerate(self.hits):
            when = long_date(hit.date) if hit.date else ""
            for column, text in enumerate((when, hit.number, hit.kind, hit.headline)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.clearSelection()
        if self.hits:
            self.table.selectRow(0)
        self.show_selected()

    def selected(self) -> Hit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.hits[rows[0].row()] if rows and rows[0].row() < len(self.hits) else None

    def show_selected(self) -> None:
        hit = self.selected()
        self.model_button.setEnabled(hit is not None)
        self.remove_button.setEnabled(hit is not None)
        if hit is None:
            self.view.clear()
            return
        release = self.archive.release(hit.key)
        if release is not None:
            self.view.setHtml(release_html(release, hit, self.query))

    def use_as_model(self) -> bool:
        from desktop.usecases.archive import model_of

        hit = self.selected()
        if hit is None:
            return False
        try:
            release = model_of(self.archive, hit.key)
        except CommuniqueError as exc:
            dialogs.show_error(self, tr("Modèle impossible"), str(exc))
            return False
        self.use_release(release)
        return True

    def remove_selected(self) -> bool:
        """*Retirer des archives*: an imported release, after a confirmation; a release the
        office issued is refused with the reason (``usecases.archive.removal_refusal``)."""
        from desktop.usecases.archive import removal_refusal, remove_from_archive

        hit = self.selected()
        if hit is None:
            return False
        try:
            reason = removal_refusal(hit, self.archive.release(hit.key))
            if reason is not None:
                dialogs.show_error(self, tr("Retrait impossible"), reason)
                return False
            if not dialogs.confirm_archive_removal(self, hit.headline or tr("sans titre")):
                return False
            remove_from_archive(self.archive, [hit.key])
        except CommuniqueError as exc:
            dialogs.show_error(self, tr("Retrait impossible"), str(exc))
            return False
        self._fill_kinds()
        self.search()
        return True

    def export_csv(self) -> Path | None:
        from desktop.usecases.archive import export_csv

        path = dialogs.save_path(
            self, tr("Exporter les résultats"), paths.home_dir() / "archives.csv", "CSV (*.csv)"
        )
        if path is None:
            return None
        try:
            return export_csv(self.hits, path)
        except (CommuniqueError, OSError) as exc:
            dialogs.show_error(self, tr("Export impossible"), str(exc))
            return None

    def closeEvent(self, event: object) -> None:
        self.timer.stop()
        if self._archive is not None:
            self._archive.close()
            self._archive = None
        super().closeEvent(event)  # type: ignore[arg-type]
