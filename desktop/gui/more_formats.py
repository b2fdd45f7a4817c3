"""*Édition › Copier le texte* (the *Exporter en …* entries come from the format registry:
``gui.actions``).

Copier le texte goes through the gate as every output does (``gate.COPY``: refused while the
release has errors, the *PROJET* mark on the text until approval), then puts the release on the clipboard twice: as plain text (what ``--txt`` writes)
and as rich text (HTML: bold, italic, links, lists), so that pasting into a web editor or an
e-mail keeps them, and pasting into a plain field still gives clean text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from desktop.render.content import PreparedRelease


def install(
    menus: dict[str, QMenu], copy: Callable[[], object], owner: QObject
) -> dict[str, QAction]:
    """Add *Copier le texte* to *Édition*; returns the action by name."""
    tr = owner.tr
    action = QAction(tr("Copier le &texte"), owner)
    action.setShortcut(QKeySequence("Ctrl+Shift+C"))
    action.setStatusTip(
        tr("Copie le communiqué dans le presse-papiers, en texte et en texte mis en forme")
    )
    action.triggered.connect(lambda _checked=False: copy())
    menus["edit"].addSeparator()
    menus["edit"].addAction(action)
    return {"copy": action}


def copy_text(prepared: PreparedRelease) -> QMimeData:
    """The release on the clipboard, as plain text and as HTML: ``prepared`` is the gate's
    (``Clearance.prepared``), so the text carries the same mark as an export."""
    from desktop.render.html import render_fragment
    from desktop.render.text import render_text

    data = QMimeData()
    data.setText(render_text(prepared))
    data.setHtml(render_fragment(prepared))
    QGuiApplication.clipboard().setMimeData(data)
    _release_clipboard_at_exit(data)
    return data


_ON_CLIPBOARD: list[QMimeData] = []


def _release_clipboard_at_exit(data: QMimeData) -> None:
    """Qt deletes the clipboard's data from its own exit handlers, after Python has finished,
    and a QMimeData made in Python then crashes the process (a segmentation fault on quitting,
    seen offscreen and on X11 with PySide6 6.11 and 6.12). So, before Python finishes, the copy
    still on the clipboard is replaced by its plain text, which Qt makes itself."""
    if not _ON_CLIPBOARD:
        import atexit

        atexit.register(_release)
    _ON_CLIPBOARD[:] = [data]


def _release() -> None:
    import shiboken6

    if QGuiApplication.instance() is None or not _ON_CLIPBOARD:
        return
    ours = _ON_CLIPBOARD.pop()
    clipboard = QGuiApplication.clipboard()
    if shiboken6.isValid(ours) and clipboard.mimeData() is ours:
        clipboard.setText(clipboard.text())
