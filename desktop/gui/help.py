"""*Aide*: the user guide shipped with the app (``resources/guide/guide.md``, read offline) and
*À propos*, with the installed version."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import __version__
from desktop.resources import resource


def tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def version() -> str:
    """The installed distribution's version (package metadata), else the source's."""
    try:
        return metadata.version("communique")
    except metadata.PackageNotFoundError:
        return __version__


def about_text() -> str:
    return tr(
        "<b>Communiqué</b> {version}<br>Rédiger les communiqués de presse des ministères "
        "et les exporter en DOCX et en PDF accessible.<br><br>"
        "Aide\u00a0: <i>Aide › Guide d’utilisation</i> (F1)."
    ).format(version=version())


class GuideDialog(QDialog):
    """The guide, in a window of its own that stays open beside the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Guide d’utilisation de Communiqué"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the guide is offline: nothing to follow
        self.browser.setAccessibleName(tr("Guide d’utilisation"))
        self.browser.setSearchPaths([str(resource("guide"))])  # its pictures, beside it
        self.browser.setMarkdown(resource("guide", "guide.md").read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Fermer"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setMinimumSize(480, 400)
        self.resize(720, 640)
