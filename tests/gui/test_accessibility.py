"""Keyboard and screen reader: every window and dialog of the app, walked as a keyboard and
screen-reader user meets them.

The dialogs are found as a person finds them, not listed here: every entry of the menu bar is
triggered (except *Quitter*), and in every window so reached each button whose text ends with
« … » (the convention for « opens a dialog ») is clicked. Each dialog that shows is audited
(``tests/gui/accessibility.py``) and then closed; Qt's own file and print dialogs are closed
unaudited (on a desktop they are the system's). A dialog added later is audited with no change
here, as long as a menu entry or a « … » button opens it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QToolButton,
    QWidget,
)

from desktop.app import build_window, configure_application
from desktop.gui import dialogs, settings
from desktop.gui.contrast import contrast_ratio, readable_palette
from desktop.gui.main_window import MainWindow
from desktop.store.directory import Directory, validate_contact
from desktop.store.register import Register, issue_draft
from tests.gui.accessibility import (
    Audit,
    audit,
    palette_problems,
    press_tab,
    spoken_name,
    tab_stops,
    tab_walk,
)

pytestmark = pytest.mark.qt_log_ignore(
    # The offscreen platform says so each time a dialog is shown and sized: not the app's fault.
    "This plugin does not support propagateSizeHints"
)

QT_OWN_DIALOGS = ("QFileDialog", "QPrintDialog", "QPageSetupDialog", "QPrintPreviewDialog")


class DialogWalker(QObject):
    """Audits each dialog when it shows (modal ones from inside their own event loop), opens
    the dialogs its « … » buttons lead to, then closes it."""

    def __init__(self, qtbot: Any) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.audits: list[Audit] = []
        self.skipped: list[str] = []
        self._seen: set[tuple[str, str]] = set()
        self._pending: list[QDialog] = []
        """Shown, not yet audited."""
        self._handling: list[QDialog] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and watched not in [*self._pending, *self._handling]
        ):
            self._pending.append(watched)
            QTimer.singleShot(0, lambda d=watched: self._handle(d))
        return False

    def idle(self) -> bool:
        return not self._pending

    def _handle(self, dialog: QDialog) -> None:
        self._pending.remove(dialog)
        self._handling.append(dialog)
        try:
            kind = type(dialog).__name__
            key = (kind, dialog.windowTitle())
            if any(cls.__name__ in QT_OWN_DIALOGS for cls in type(dialog).__mro__):
                self.skipped.append(f"{kind} «{dialog.windowTitle()}»")
            elif key not in self._seen:
                self._seen.add(key)
                self.visit(dialog)
        finally:
            dialog.reject()
            dialog.close()
            self._handling.remove(dialog)

    def visit(self, window: QWidget) -> None:
        """Audit ``window``, then open what its « … » buttons open, and the « … » entries of
        the menus its buttons carry (*Modèles*)."""
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        for table in window.findChildren(QTableWidget):
            if table.rowCount():
                table.selectRow(0)  # Modifier…, Annuler le numéro… need a selected row
        self.audits.append(audit(window))
        for button in list(window.findChildren(QAbstractButton)):
            if (
                button.window() is window
                and button.isVisible()
                and button.isEnabled()
                and button.text().rstrip().endswith("…")
            ):
                button.click()
                self.qtbot.waitUntil(self.idle)
        for button in list(window.findChildren(QAbstractButton)):
            menu = button.menu() if isinstance(button, QPushButton | QToolButton) else None
            if menu is None or not button.isVisible() or not button.isEnabled():
                continue
            menu.aboutToShow.emit()
            for action in menu.actions():
                if action.isEnabled() and action.text().rstrip().endswith("…"):
                    action.trigger()
                    self.qtbot.waitUntil(self.idle)
        QCoreApplication.processEvents()


def menu_actions(window: QMainWindow) -> list[QAction]:
    found = []
    pending = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while pending:
        menu: QMenu = pending.pop(0)
        menu.aboutToShow.emit()
        for action in menu.actions():
            if action.menu() is not None:
                pending.append(action.menu())
            elif not action.isSeparator() and action.isEnabled():
                found.append(action)
    return found


@pytest.fixture
def app_window(
    qapp: QApplication,
    qtbot: Any,
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    """The window on a draft with two contacts, a register holding a number and a directory
    holding a contact (so tables have rows, menus their recent files)."""
    configure_application(qapp)
    draft = tmp_path / "seed.communique"
    shutil.copy(example_path, draft)
    numbered = tmp_path / "numbered.communique"
    shutil.copy(example_path, numbered)
    with Register.open() as register:
        issue_draft(numbered, register=register, new=True)
    with Directory.open() as directory:
        directory.add(
            validate_contact("Cabinet", "Ministère", "01 44 49 89 40", "cabinet@example.gouv.fr")
        )
    # Ten recent drafts (the most the menu holds), the last ones gone from the disk.
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)  # no browser in tests
    window = build_window(draft)
    window.settings.set(
        settings.RECENT_FILES,
        [str(draft), *(str(tmp_path / f"ancien-{n}.communique") for n in range(9))],
    )
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Choice.DISCARD)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    window.close()
    window.preview.shutdown()
    window.deleteLater()
    QCoreApplication.processEvents()


@pytest.fixture
def audits(app_window: MainWindow, qtbot: Any) -> list[Audit]:
    return audit_app(app_window, qtbot)


def audit_app(app_window: MainWindow, qtbot: Any) -> list[Audit]:
    """The main window and every dialog reached from its menus and « … » buttons, audited."""
    walker = DialogWalker(qtbot)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(walker)
    try:
        walker.visit(app_window)
        for action in menu_actions(app_window):
            if action is app_window.actions_.quit:
                continue
            action.trigger()
            qtbot.waitUntil(walker.idle)
            app_window.activateWindow()
            qtbot.waitUntil(app_window.isActiveWindow)
    finally:
        app.removeEventFilter(walker)
    titles = [a.title for a in walker.audits]
    for expected in (
        "Annuaire des contacts",
        "Registre des numéros",
        "Préférences",
        "Ministères signataires",
        "Modifier le contact",
        "Nouveau contact",
    ):
        assert expected in titles, f"{expected} not reached; reached {titles}"
    return walker.audits


def _report(audits: list[Audit], kind: str) -> list[str]:
    return [problem for one in audits for problem in getattr(one, kind)]


def test_every_interactive_widget_has_a_spoken_name(audits: list[Audit]) -> None:
    assert _report(audits, "names") == []


def test_tab_reaches_every_field_in_reading_order_and_leaves_every_table(
    audits: list[Audit],
) -> None:
    assert _report(audits, "tabbing") == []


def test_no_mnemonic_clash_in_any_menu(audits: list[Audit]) -> None:
    assert _report(audits, "mnemonics") == []


def test_text_colours_reach_wcag_contrast(audits: list[Audit]) -> None:
    assert _report(audits, "contrast") == []


# ---------------------------------------------------------------- the points of the issue


def test_tables_let_tab_go_on(app_window: MainWindow, qtbot: Any) -> None:
    """*Annuaire* and *Registre des numéros* with a row: Tab from the table goes on to the next
    field instead of cycling through the cells."""
    from desktop.gui.directory_dialog import show_directory
    from desktop.gui.register_dialog import show_register

    for show in (show_directory, show_register):
        dialog = (
            show(app_window, app_window.directory, app_window.settings)
            if show is show_directory
            else show(app_window)
        )
        assert dialog is not None
        qtbot.waitUntil(dialog.isActiveWindow)
        table = dialog.findChild(QTableWidget)
        assert table.rowCount() >= 1
        table.setFocus()
        table.selectRow(0)
        stops = tab_stops(dialog)
        assert press_tab(dialog) is stops[stops.index(table) + 1]
        result = Audit(dialog.windowTitle())
        tab_walk(dialog, result)
        assert result.tabbing == [], result.tab_stops
        dialog.close()


def test_contact_rows_come_before_the_preview(app_window: MainWindow) -> None:
    """Tab goes through the form, each contact row, *Ajouter un contact*, then the checks
    and the preview."""
    stops = tab_stops(app_window)
    contacts = app_window.form.contacts
    result = Audit("main")
    tab_walk(app_window, result)
    assert result.tabbing == [], result.tab_stops
    first_row = contacts.rows[0].name
    assert (
        stops.index(first_row)
        < stops.index(contacts.add_button)
        < stops.index(app_window.findings.list)
        < stops.index(app_window.preview.scroll_area)
    )
    contacts.add_contact()  # a new row, then one removed and brought back by Annuler
    contacts.remove_contact(0)
    app_window.undo_stack.undo()
    QCoreApplication.processEvents()
    assert len(contacts.rows) == 3
    result = Audit("main")
    tab_walk(app_window, result)
    assert result.tabbing == [], result.tab_stops
    stops = tab_stops(app_window)
    assert stops.index(contacts.rows[-1].name) < stops.index(contacts.add_button)


def test_named_where_the_issue_found_no_name(app_window: MainWindow, qtbot: Any) -> None:
    from desktop.gui.ministries import MinistriesDialog
    from desktop.gui.register_dialog import show_register

    window = app_window
    assert window.form_scroll not in tab_stops(window) or spoken_name(window.form_scroll)
    assert spoken_name(window.preview.scroll_area)
    ministries = MinistriesDialog((), window)
    assert spoken_name(ministries.filter)
    dialog = show_register(window)
    assert dialog is not None
    assert spoken_name(dialog.table)
    assert "Année" in spoken_name(dialog.year)
    assert dialog.year.currentText() == "Toutes les années"
    dialog.close()
    ministries.deleteLater()


def test_selection_and_placeholder_reach_four_and_a_half(qapp: QApplication) -> None:
    configure_application(qapp)
    palette = qapp.palette()
    assert palette_problems("application", palette) == []
    selected = contrast_ratio(
        palette.color(QPalette.ColorRole.HighlightedText),
        palette.color(QPalette.ColorRole.Highlight),
    )
    placeholder = contrast_ratio(
        palette.color(QPalette.ColorRole.PlaceholderText), palette.color(QPalette.ColorRole.Base)
    )
    assert selected >= 4.5
    assert placeholder >= 4.5


def test_placeholder_readable_in_a_dark_theme_too() -> None:
    """The placeholder is worked out from the theme's own text and background."""
    from PySide6.QtGui import QColor

    dark = QPalette(QColor("#353535"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#2a2a2a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor(240, 240, 240, 80))
    readable = readable_palette(dark)
    placeholder = readable.color(QPalette.ColorRole.PlaceholderText)
    ground = readable.color(QPalette.ColorRole.Base)
    assert (
        4.5
        <= contrast_ratio(placeholder, ground)
        < contrast_ratio(readable.color(QPalette.ColorRole.Text), ground)
    )  # readable, still dimmer than text
    assert (
        palette_problems(
            "sombre",
            readable,
            ((QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),),
        )
        == []
    )


def test_contrast_of_qt_defaults_is_measured_as_the_issue_says() -> None:
    """The measure itself: white on #308cc6 is 3.69:1, half-transparent black on white 4.0:1."""
    from PySide6.QtGui import QColor

    assert round(contrast_ratio(QColor("#ffffff"), QColor("#308cc6")), 2) == 3.69
    assert round(contrast_ratio(QColor(0, 0, 0, 128), QColor("#ffffff")), 1) == 4.0
    assert round(contrast_ratio(QColor("#000000"), QColor("#ffffff")), 1) == 21.0


def test_the_walk_finds_a_dialog_added_later(app_window: MainWindow, qtbot: Any) -> None:
    """The walk is generic: a dialog a later feature opens from a menu entry
    « … » is reached and its faults reported (a nameless field, a table that keeps Tab)."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    def later_dialog() -> None:
        dialog = QDialog(app_window)
        dialog.setWindowTitle("Un dialogue venu plus tard")
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLineEdit())
        table = QTableWidget(2, 2)
        table.setAccessibleName("Modèles")
        layout.addWidget(table)
        layout.addWidget(QPushButton("Fermer"))
        dialog.exec()

    menu = app_window.actions_.menus["tools"]  # (the presets menu is rebuilt as it opens)
    menu.addAction("Un dialogue venu plus tard…").triggered.connect(later_dialog)
    audits = {one.title: one for one in audit_app(app_window, qtbot)}
    found = audits["Un dialogue venu plus tard"]
    assert len(found.names) == 1 and "QLineEdit" in found.names[0]
    assert any("piégé" in problem for problem in found.tabbing)
