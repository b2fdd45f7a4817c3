"""A table pasted with tabs into the body: *Vérifications* says the alignment is lost, and where."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData

from desktop.gui.main_window import MainWindow


def test_a_pasted_table_is_warned_about_in_the_checks_panel(window: MainWindow, qtbot: Any) -> None:
    mime = QMimeData()
    mime.setText("Région\tMontant\nBretagne\t12 M€")
    window.form.body.text_edit.insertFromMimeData(mime)
    qtbot.waitUntil(
        lambda: any("tabulations" in f.message for f in window.findings.findings), timeout=5000
    )
    found = [f for f in window.findings.findings if "tabulations" in f.message]
    assert [f.field for f in found] == ["body[0]", "body[1]"]  # one paragraph per line
    assert "«\u00a0Bretagne → 12 M€\u00a0»" in found[1].message
    listing = window.findings.list
    shown = [listing.item(i).text() for i in range(listing.count())]
    assert any("tabulations" in text and "liste à puces" in text for text in shown)
