"""The read-only, row-selecting tables the register and the directory dialogs list things in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget


def list_table(columns: Sequence[str], parent: QWidget | None = None) -> QTableWidget:
    """A table of whole rows, one selected at a time, not editable in place. Tab leaves it for
    the next field (arrows move between rows): cell by cell, Tab would never get out."""
    table = QTableWidget(0, len(columns), parent)
    table.setTabKeyNavigation(False)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table


def selected_key(table: QTableWidget) -> object | None:
    """The key (``UserRole`` data of the row's first item) of the selected row, if any."""
    items = table.selectedItems()
    return items[0].data(Qt.ItemDataRole.UserRole) if items else None
