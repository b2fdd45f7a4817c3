"""*Fichier › Importer…*, *Importer un dossier…*, *Importer un texte collé…* and *Outils ›
Archives…*: old releases made into drafts, on a worker thread with a progress bar and a cancel
button, and the archive's window.

The import is the use case ``usecases.importing.import_files`` run by a ``SendWorker`` (the
worker of long jobs: it touches no Qt object off the window's thread). The drafts written are
kept in the archive too; one draft alone is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CommuniqueError
from desktop.core.model import Release
from desktop.gui import dialogs
from desktop.gui.send_worker import SendWorker
from desktop.services import paths

IMPORT_FILTER = "Anciens communiqués (*.docx *.odt *.pdf *.txt *.eml);;Tous les fichiers (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("Importing", text)


# ---------------------------------------------------------------- seams (tests answer them)


def choose_files(parent: QWidget, folder: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, tr("Importer d’anciens communiqués"), folder, tr(IMPORT_FILTER)
    )
    return [Path(n) for n in names]


def choose_folder(parent: QWidget, title: str, folder: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(name) if name else None


def ask_pasted_text(parent: QWidget) -> str | None:
    """A text pasted by the user (from an e-mail, a web page), or None."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Importer un texte collé"))
    layout = QVBoxLayout(dialog)
    label = QLabel(tr("Collez ici le texte d’un ancien communiqué\u00a0:"))
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab goes on to « Importer », as in every other field
    label.setBuddy(edit)
    edit.setAccessibleName(tr("Texte du communiqué"))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Importer"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for widget in (label, edit, buttons):
        layout.addWidget(widget)
    dialog.resize(640, 480)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    text = edit.toPlainText()  # lines end in \n (the raw text's U+2029 reads as one line)
    return text if text.strip() else None


def count_sentence(written: int, refused: int, already: int = 0) -> str:
    """« 2 brouillons écrits. », « 1 brouillon écrit, 1 fichier non importé. », « 0 brouillon
    écrit, 1 déjà dans les archives. »"""
    text = (tr("{0} brouillon écrit") if written <= 1 else tr("{0} brouillons écrits")).format(
        written
    )
    if already:
        text += ", " + tr("{0} déjà dans les archives").format(already)
    if refused:
        text += ", " + (
            tr("{0} fichier non importé") if refused == 1 else tr("{0} fichiers non importés")
        ).format(refused)
    return text + "."


def progress_dialog(parent: QWidget) -> QProgressDialog:
    return dialogs.work_progress(parent, tr("Lecture des fichiers…"), tr("Annuler"), tr("Import"))


# ---------------------------------------------------------------- the feature


class Importing(QObject):
    """The menu entries, the import under way, and the archive's window."""

    def __init__(
        self,
        parent: QWidget,
        file_menu: QMenu,
        tools_menu: QMenu,
        *,
        before: QAction,
        open_draft: Callable[[Path], bool],
        use_release: Callable[[Release], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.open_draft = open_draft
        self.use_release = use_release
        self.say = say
        self.worker = SendWorker(self)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.progress: QProgressDialog | None = None
        self.archive_window: QDialog | None = None
        self.last_results: list[Any] = []
        self.archive_trouble = ""
        # Every letter of « Importer » and « Archives » is taken in their menus: their
        # shortcuts reach them (the accessibility test asks for one or the other).
        self.import_action = self._action(tr("Importer…"), self.import_files, "Ctrl+Shift+I")
        self.import_folder_action = self._action(tr("Importer &un dossier…"), self.import_folder)
        self.import_text_action = self._action(tr("Importer un texte co&llé…"), self.import_text)
        for action in (self.import_action, self.import_folder_action, self.import_text_action):
            file_menu.insertAction(before, action)
        file_menu.insertSeparator(before)
        tools_menu.addSeparator()
        self.archive_action = self._action(tr("Archives…"), self.show_archive, "Ctrl+Shift+F")
        tools_menu.addAction(self.archive_action)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        return action

    # -- importing

    def import_files(self) -> bool:
        files = choose_files(self.window, str(paths.home_dir()))
        return bool(files) and self._start(files)

    def import_folder(self) -> bool:
        folder = choose_folder(
            self.window, tr("Dossier d’anciens communiqués"), str(paths.home_dir())
        )
        return folder is not None and self._start([folder])

    def _start(self, sources: list[Path]) -> bool:
        first = sources[0] if sources[0].is_dir() else sources[0].parent
        output = choose_folder(self.window, tr("Dossier des brouillons importés"), str(first))
        if output is None or self.worker.busy:
            return False
        self.archive_trouble = ""
        self.progress = progress_dialog(self.window)
        self.progress.canceled.connect(self.worker.cancel)

        def job(progress: Callable[[int, int, str], None], cancel: Callable[[], bool]) -> Any:
            from desktop.store.archive import Archive
            from desktop.usecases.importing import import_files

            def said(done: int, total: int, path: Path) -> None:
                progress(done, total, path.name)

            try:
                archive = Archive.open()
            except CommuniqueError as exc:  # the drafts are written all the same
                self.archive_trouble = str(exc)
                return import_files(sources, output, progress=said, cancel=cancel)
            with archive:
                return import_files(sources, output, progress=said, cancel=cancel, archive=archive)

        self.worker.start(job)
        return True

    def import_text(self) -> bool:
        text = ask_pasted_text(self.window)
        if text is None:
            return False
        output = choose_folder(
            self.window, tr("Dossier du brouillon importé"), str(paths.home_dir())
        )
        if output is None:
            return False
        from desktop.store.archive import Archive
        from desktop.usecases.importing import import_text

        self.archive_trouble = ""
        try:
            try:
                archive = Archive.open()
            except CommuniqueError as exc:  # the draft is written all the same
                self.archive_trouble = str(exc)
                done = import_text(text, output)
            else:
                with archive:
                    done = import_text(text, output, archive=archive)
        except CommuniqueError as exc:
            dialogs.show_error(self.window, tr("Import impossible"), str(exc))
            return False
        self._finished([done], stopped=False)
        return True

    def _progressed(self, done: int, total: int, name: str) -> None:
        if self.progress is None:
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if done < total:
            self.progress.setLabelText(
                tr("Import de «\u00a0{0}\u00a0» ({1} sur {2})…").format(name, done + 1, total)
            )

    def _close_progress(self) -> None:
        if self.progress is not None:
            # closing a QProgressDialog says « canceled »: not the user's cancel
            self.progress.canceled.disconnect(self.worker.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, results: list[Any], *, stopped: bool | None = None) -> None:
        """Say what an import did; ``stopped``: the user pressed « Annuler » (by default, the
        worker's import was cancelled)."""
        from desktop.usecases.importing import report_lines

        self._close_progress()
        if stopped is None:
            stopped = self.worker.cancelled
        self.last_results = list(results)
        written = [r for r in results if r.draft is not None]
        refused = [r for r in results if r.refused]
        details = "\n".join(line for r in results for line in report_lines(r))
        already = sum(1 for r in results if r.already)
        text = count_sentence(len(written), len(refused), already)
        if stopped:
            text += " " + tr("Import arrêté avant la fin.")
        if self.archive_trouble:
            text += " " + tr("Non ajoutés aux archives\u00a0: {0}").format(self.archive_trouble)
        self.say(text)
        dialogs.show_info(self.window, tr("Import terminé"), text, details)
        if len(written) == 1 and written[0].draft is not None:
            self.open_draft(written[0].draft)

    def _failed(self, error: object) -> None:
        self._close_progress()
        dialogs.show_error(self.window, tr("Import impossible"), str(error))

    # -- the archive

    def show_archive(self) -> QDialog:
        from desktop.gui.archive_window import ArchiveWindow

        if self.archive_window is None:
            self.archive_window = ArchiveWindow(self.window, use_release=self.use_release)
        self.archive_window.show()
        self.archive_window.activateWindow()
        return self.archive_window

    def shutdown(self) -> None:
        self.worker.shutdown()
        if self.archive_window is not None:
            self.archive_window.close()
