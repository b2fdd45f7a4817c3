"""*Fichier › Publier dans l’espace presse…*: the window's way to ``communique publish``.

The same use case (``usecases.publish``: the page, its PDF and ODT, the index and the Atom feed,
through the gate), for the draft on screen, saved first. The press room's folder is asked once
and remembered. What the gate refuses (errors, a release not approved, a foreign index) is its
French sentence in a dialog; a release under embargo waits for its embargo to pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop.core.fonts import FontChoice
from desktop.gui import dialogs, settings
from desktop.gui.document import Document
from desktop.services import paths


def tr(text: str) -> str:
    return QCoreApplication.translate("publishing", text)


def choose_press_room(parent: QWidget, folder: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, tr("Dossier de l’espace presse"), folder or str(paths.home_dir())
    )
    return Path(name) if name else None


@dataclass(frozen=True)
class Hooks:
    """What publishing needs of the window, and nothing more."""

    save: Callable[[], bool]
    """Save the draft (asking where for a new one); False when the user backed out."""
    may_export: Callable[[], bool]
    """False, after saying why, when the release has errors."""
    font: Callable[[], FontChoice]
    after: Callable[[], None]
    """The register's state moved (*diffusé*): show it."""
    say: Callable[[str], None]


class Publishing(QObject):
    """The action, and the publication of the release on screen."""

    def __init__(
        self, document: Document, store: settings.Settings, parent: QWidget, hooks: Hooks
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self.parent_widget = parent
        self.hooks = hooks

    def install(self, menu: QMenu, after: QAction) -> QAction:
        action = QAction(tr("Publier dans l’espa&ce presse…"), self)
        action.setStatusTip(
            tr(
                "Écrit la page HTML du communiqué, son PDF et son ODT dans le dossier de "
                "l’espace presse, avec la page d’accueil et le flux Atom"
            )
        )
        action.triggered.connect(lambda _checked=False: self.publish())
        menu.insertAction(after, action)
        return action

    def publish(self, folder: Path | None = None) -> Path | None:
        """Publish the release on screen into ``folder`` (asked when None); the page's path, or
        None when nothing was written. Raises the gate's ``CommuniqueError`` (the window says
        it)."""
        from desktop.services.files import FileError, describe_os_error
        from desktop.usecases.publish import UnderEmbargo, prepare_page, publish

        if (self.document.path is None or self.document.is_modified()) and not self.hooks.save():
            return None
        draft = self.document.path
        if draft is None or not self.hooks.may_export():
            return None
        if folder is None:
            folder = choose_press_room(self.parent_widget, self.store.get(settings.PRESS_ROOM_DIR))
            if folder is None:
                return None
        try:
            page = prepare_page(
                self.document.release,
                draft,
                folder,
                modified=datetime.now(UTC),
                font=self.hooks.font(),
            )
        except UnderEmbargo:
            dialogs.show_error(
                self.parent_widget,
                tr("Publication refusée"),
                tr(
                    "Ce communiqué est encore sous embargo\u00a0: il ne peut être publié dans "
                    "l’espace presse qu’une fois l’embargo levé."
                ),
            )
            return None
        try:
            done = publish([page], folder, url=None, drafts=[draft])
        except OSError as exc:
            raise FileError(describe_os_error(exc, exc.filename or folder)) from exc
        self.store.set(settings.PRESS_ROOM_DIR, str(folder))
        self.hooks.after()
        text = tr("Publié dans l’espace presse\u00a0: {page}").format(page=done.pages[0].name)
        self.hooks.say(text)
        dialogs.show_info(
            self.parent_widget,
            tr("Communiqué publié"),
            text,
            "\n".join((*map(str, (*done.pages, done.index, done.feed)), *done.warnings)),
        )
        return done.pages[0]
