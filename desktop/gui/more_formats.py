"""*Fichier › Exporter en ODT…*, *Exporter en HTML…* and *Édition › Copier le texte*.

Copier le texte puts the release on the clipboard twice: as plain text (what ``--txt`` writes)
and as rich text (HTML: bold, italic, links, lists), so that pasting into a web editor or an
e-mail keeps them, and pasting into a plain field still gives clean text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from desktop.core import document
from desktop.gui import dialogs, settings

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

ODT_FILTER = "Documents OpenDocument (*.odt)"
HTML_FILTER = "Pages web (*.html)"
FORMATS = {"odt": ("Exporter en ODT", ".odt", ODT_FILTER),
           "html": ("Exporter en HTML", ".html", HTML_FILTER)}


def install(window: MainWindow) -> dict[str, QAction]:
    """Add the actions to the window's *Fichier* (after the other exports) and *Édition*
    menus; returns them by name."""
    tr = window.tr
    file_menu = window.actions_.menus["file"]
    entries = file_menu.actions()
    after_exports = entries[entries.index(window.actions_.export_both) + 1]
    found: dict[str, QAction] = {}
    for name, text, shortcut in (("odt", tr("Exporter en &ODT…"), None),
                                 ("html", tr("Exporter en &HTML…"), None)):
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, kind=name: export_as(window, kind))
        file_menu.insertAction(after_exports, action)
        found[name] = action
    copy = QAction(tr("Copier le &texte"), window)
    copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
    copy.setStatusTip(tr("Copie le communiqué dans le presse-papiers, en texte et en texte mis "
                         "en forme"))
    copy.triggered.connect(lambda _checked=False: copy_text(window))
    window.actions_.menus["edit"].addSeparator()
    window.actions_.menus["edit"].addAction(copy)
    found["copy"] = copy
    return found


def export_as(window: MainWindow, kind: str) -> bool:
    """Ask where, then export the release as ODT or HTML (refused, like every export, while
    the release has errors)."""
    title, suffix, name_filter = FORMATS[kind]
    if not window._may_export():
        return False
    folder = Path(window.settings.get(settings.LAST_EXPORT_DIR) or (
        window.path.parent if window.path else Path.home()))
    stem = document.suggested_stem(window.path, window.release())
    chosen = dialogs.save_path(window, window.tr(title), folder / (stem + suffix), name_filter)
    if chosen is None:
        return False
    return window.export_to(**{kind: document.with_suffix(chosen, suffix)})


def copy_text(window: MainWindow) -> QMimeData:
    """The release on the clipboard, as plain text and as HTML."""
    from desktop.render.content import prepare
    from desktop.render.html import render_fragment
    from desktop.render.text import render_text

    prepared = prepare(window.release(), font=window.font_choice)
    data = QMimeData()
    data.setText(render_text(prepared))
    data.setHtml(render_fragment(prepared))
    QGuiApplication.clipboard().setMimeData(data)
    window.statusBar().showMessage(window.tr("Communiqué copié dans le presse-papiers"), 5_000)
    return data
