"""The main window: the form beside its preview, documents opened and saved as in any editor.

The open document (its file, the release as saved and on screen, its history) is a ``Document``;
the window wires it to the form, the preview, the checks and the autosave, and hands it, with
what else they need, to the features (numbering, directory, printing, other formats).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QWidget,
)

from desktop.core import document
from desktop.core.draft import SUFFIX, DraftError
from desktop.core.findings import TYPEFACE, Finding, sentence
from desktop.core.fonts import FontChoice
from desktop.core.kinds import DocumentKind
from desktop.core.location import Location
from desktop.core.model import Release
from desktop.core.templates import new_document
from desktop.gui import dialogs, more_formats, settings
from desktop.gui.actions import add_action, build_actions
from desktop.gui.autosave import Autosaver
from desktop.gui.document import Document
from desktop.gui.findings import FindingsPanel, count_text, describe
from desktop.gui.form import ReleaseForm
from desktop.gui.preview import PreviewPane
from desktop.gui.undo import WindowKeys
from desktop.render.content import PreparedRelease
from desktop.services import paths
from desktop.services.autosave import Leftover, find_leftovers
from desktop.services.drafts import load_draft
from desktop.services.files import describe_os_error

if TYPE_CHECKING:
    from desktop.usecases.gate import Clearance, Purpose


def new_release(kind: DocumentKind = DocumentKind.COMMUNIQUE) -> Release:
    """A new document of ``kind`` from its template, dated today (press releases go out the
    day they are written)."""
    return new_document(kind, date.today())


class MainWindow(QMainWindow):
    releaseChanged = Signal(object)
    """The release on screen changed (after typing, undo, open): for checks and the like."""

    def __init__(self, store: settings.Settings, autosave_dir: Path, font: FontChoice) -> None:
        super().__init__()
        self.settings = store
        self.font_choice = font
        self.last_export = ""

        self.document = Document(new_release(), self)
        self.document.present = self._present
        self.undo_stack = self.document.undo_stack
        self._window_keys = WindowKeys(self)
        self.form = ReleaseForm(
            dialogs.ask_link, self._window_keys, number_label=self.document.number_label
        )
        self.form.edited.connect(self._form_edited)
        self.form.spelling.unavailable.connect(
            lambda reason: self.statusBar().showMessage(reason, 20_000)
        )
        self.form.contacts.row_added.connect(self._scroll_to_new_row)
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setMinimumWidth(460)
        # Not a Tab stop of its own: Tab goes from field to field and the area scrolls to each.
        form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form_scroll.setAccessibleName(self.tr("Formulaire du communiqué"))
        self.form_scroll = form_scroll
        self.form_column = self._build_findings(font)
        self.preview = PreviewPane(font, store.get(settings.PREVIEW_ZOOM))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.form_column)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.actions_ = build_actions(
            self,
            self.undo_stack,
            {
                "new": self.new_document,
                "open": self.open_dialog,
                "save": self.save,
                "save_as": self.save_as,
                "quit": self.close,
                "zoom_in": self.preview.zoom_in,
                "zoom_out": self.preview.zoom_out,
                "previous_page": self.preview.previous_page,
                "next_page": self.preview.next_page,
                "about": self.about,
            },
            self.export,
            self.new_document,
        )
        self.actions_.recent.aboutToShow.connect(self._fill_recent)
        after_exports = self._after_exports()
        self.more_formats = more_formats.install(self.actions_.menus, self.copy_text, self)
        self._add_tools()
        self._add_sending(after_exports)
        self._add_print_and_guide()

        self._build_status_bar()

        self.autosaver = Autosaver(
            autosave_dir,
            lambda: (self.document.release, self.document.path),
            self.document.is_modified,
            self,
        )
        self.autosaver.failed.connect(
            lambda message: self.statusBar().showMessage(
                self.tr("Copie de secours impossible\u00a0: {message}").format(message=message),
                10_000,
            )
        )
        self.autosave_dir = autosave_dir
        self.setAcceptDrops(True)
        # An explicit minimum keeps the layout from resizing the shown window's limits, which the
        # offscreen platform (tests, screenshots) reports as a warning.
        self.setMinimumSize(900, 560)
        self.resize(1280, 860)
        self._restore_layout()
        self.document.changed.connect(self._after_change)
        self.document.saved.connect(self._after_save)
        self.document.replaced.connect(self._after_replace)
        self.document.state_changed.connect(self._after_state_change)
        self.document.open(self.document.release, None)

    def _after_exports(self) -> QAction:
        """The entry of *Fichier* after the last *Exporter en …* (features add theirs before)."""
        entries = self.actions_.menus["file"].actions()
        exports = (*self.actions_.exports.values(), self.actions_.export_both)
        return entries[max(entries.index(action) for action in exports) + 1]

    def _build_status_bar(self) -> None:
        """Saved or not, the findings' count, the last export, the typeface."""
        self.state_label = QLabel()
        self.font_label = QLabel()
        self.export_label = QLabel()
        self.findings_label = QLabel()
        for label in (
            self.state_label,
            self.signoff_label,
            self.findings_label,
            self.export_label,
            self.font_label,
        ):
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)
        self.findings.updated.connect(self._show_findings_count)
        self.statusBar().messageChanged.connect(self._make_room)
        self._show_font()

    def _make_room(self, message: str) -> None:
        """While a passing message shows (« Contact supprimé — Ctrl+Z pour annuler »), the
        last export and the typeface step aside: the message was cut at the window's width.
        Saved or not, and the sign-off state, stay."""
        for label in (self.export_label, self.font_label, self.findings_label):
            label.setVisible(not message)

    def _build_findings(self, font: FontChoice) -> QSplitter:
        """The Vérifications panel, under the form where the fields it points at are (the
        preview keeps its full height); it follows ``releaseChanged``."""
        self.findings = FindingsPanel(font)
        self.findings.activated.connect(self.go_to_finding)
        self.findings.speller = self.form.spelling.checker
        self.form.spelling.verdicts_changed.connect(self.findings.recheck)
        self.form.spelling.ready.connect(self.findings.recheck)
        self.releaseChanged.connect(self.findings.set_release)
        column = QSplitter(Qt.Orientation.Vertical)
        column.addWidget(self.form_scroll)
        column.addWidget(self.findings)
        column.setStretchFactor(0, 1)
        column.setStretchFactor(1, 0)
        column.setSizes([700, 130])
        return column

    def _fields_follow_history(self) -> None:
        """The fields' right-click menus show the window's *Annuler* and *Rétablir*."""
        self._window_keys.set_history(self.actions_.undo, self.actions_.redo)
        self.form.spelling.menu_hook = self._window_keys.follow_history

    def _add_tools(self) -> None:
        """Préférences, and the Outils menu: numbering, register, contact directory; the
        fields' right-click menus on the window's history."""
        self._fields_follow_history()
        menus = self.actions_.menus
        menus["edit"].addSeparator()
        self.preferences_action = add_action(
            self,
            menus["edit"],
            self.tr("&Préférences…"),
            self.edit_preferences,
            QKeySequence.StandardKey.Preferences,
        )
        tools = QMenu(self.tr("&Outils"), self)
        self.menuBar().insertMenu(menus["help"].menuAction(), tools)
        menus["tools"] = tools
        self.number_action = add_action(
            self, tools, self.tr("Attribuer un &numéro…"), self.assign_number, "Ctrl+Shift+U"
        )
        self._number_tip = self.tr(
            "Donner au brouillon le numéro suivant du registre (il est d’abord enregistré)."
        )
        self.number_action.setStatusTip(self._number_tip)
        self.form.number_button.setDefaultAction(self.number_action)
        self.register_action = add_action(
            self, tools, self.tr("&Registre des numéros…"), self.show_register
        )
        tools.addSeparator()
        self.directory_action = add_action(
            self, tools, self.tr("&Annuaire des contacts…"), self.show_directory
        )
        from desktop.gui.importing import Importing

        self.importing = Importing(
            self,
            menus["file"],
            tools,
            before=self.actions_.quit,
            open_draft=self.open_path,
            use_release=self.use_release,
            say=lambda text: self.say(text, 10_000),
        )
        from desktop.gui.contact_directory import DirectoryLink

        self.directory = DirectoryLink(self.form.contacts, self.document, self, self.say)
        from desktop.gui.signoff import SignOff

        self.signoff_label = QLabel()
        self.signoff = SignOff(
            self.document,
            tools,
            self,
            save=self.save,
            say=lambda text: self.say(text, 10_000),
            open_draft=self.open_path,
            state_label=self.signoff_label,
        )

    def _add_print_and_guide(self) -> None:
        """*Fichier › Imprimer…* before *Quitter*; *Aide › Guide d’utilisation* before
        *À propos*."""
        self.guide: QDialog | None = None
        self.print_action = QAction(self.tr("&Imprimer…"), self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(lambda _=False: self.print_release())
        file_menu = self.actions_.menus["file"]
        file_menu.insertAction(self.actions_.quit, self.print_action)
        file_menu.insertSeparator(self.actions_.quit)
        self.guide_action = QAction(self.tr("&Guide d’utilisation"), self)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _=False: self.show_guide())
        self.actions_.menus["help"].insertAction(self.actions_.about, self.guide_action)

    def assign_number(self) -> bool:
        from desktop.gui.numbering import assign_number

        return (
            assign_number(self.document, self, self.save, lambda text: self.say(text, 10_000))
            is not None
        )

    def show_register(self) -> None:
        from desktop.gui.register_dialog import show_register

        show_register(self)

    def show_directory(self) -> None:
        from desktop.gui.directory_dialog import show_directory

        show_directory(self, self.directory, self.settings)

    def _add_sending(self, after: QAction) -> None:
        """*Envoyer par e-mail…* and *Publier dans l’espace presse…*, after the exports."""
        from desktop.gui.mailing import Mailing
        from desktop.gui.publishing import Hooks, Publishing

        self.mailing = Mailing(self.document, self.prepared, self._may_export, self.say, self)
        self.mailing_actions = self.mailing.install(self.actions_.menus, after)
        hooks = Hooks(
            save=self.save,
            may_export=self._may_export,
            font=lambda: self.font_choice,
            after=self.signoff.after_export,
            say=lambda text: self.say(text, 10_000),
        )
        self.publishing = Publishing(self.document, self.settings, self, hooks)
        self.publish_action = self.publishing.install(self.actions_.menus["file"], after)

    def say(self, text: str, milliseconds: int = 5_000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    # ------------------------------------------------------------ state

    @property
    def path(self) -> Path | None:
        return self.document.path

    def release(self) -> Release:
        """The release on screen, as the form holds it."""
        return self.document.release

    def is_modified(self) -> bool:
        return self.document.is_modified()

    def prepared(self) -> PreparedRelease:
        """What every output shows of the release on screen, in the chosen typeface, with its
        number as printed (worked out once per number: ``Document.number_label``)."""
        from desktop.render.content import prepare

        return prepare(
            self.document.release,
            font=self.font_choice,
            number=self.document.number_label(),
            state=self.document.signoff_state(),
        )

    def _present(self, release: Release) -> Release:
        """Put ``release`` on the form; the release as the form holds it."""
        self.form.set_release(release)
        return self.form.release()

    def _form_edited(self, field: str) -> None:
        self.document.edit(self.form.release(), field, self.form.field_text(field))
        if field == "contacts.remove":  # removed at once, never asked: say how to undo it
            undo = self.actions_.undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.say(self.tr("Contact supprimé — {undo} pour annuler").format(undo=undo), 10_000)

    def go_to_finding(self, finding: Finding) -> None:
        """A finding was chosen: go to its field (the typeface's is set in Préférences)."""
        if finding.about == TYPEFACE:
            self.edit_preferences()
        elif finding.location:
            self.focus_location(finding.location)

    def focus_location(self, location: Location) -> bool:
        """Go to the field a draft location names (``headline``, ``contacts[1].email``…)."""
        found = self.form.focus_location(location)
        focused = QGuiApplication.focusObject()
        if found and isinstance(focused, QWidget):
            self.form_scroll.ensureWidgetVisible(focused)
        return found

    def _scroll_to_new_row(self, row: QWidget) -> None:
        """A contact added at the bottom of the form is brought into view, wherever the
        layouts end up placing it (they do so over the next few event loop passes)."""
        keeper = _KeepInView(self.form_scroll, row)
        row.installEventFilter(keeper)
        keeper.follow()
        QTimer.singleShot(500, keeper.deleteLater)  # then the author may scroll away

    def _after_change(self, release: Release) -> None:
        self.preview.show_release(
            release, number=self.document.number_label(), state=self.document.signoff_state()
        )
        self.autosaver.changed()
        self._show_state()
        self.releaseChanged.emit(release)

    def _after_save(self, _path: Path) -> None:
        self.autosaver.clear()
        self._show_state()

    def _after_replace(self) -> None:
        """Another document (Nouveau, Ouvrir, restore): first page, drawn at once."""
        release = self.document.release
        self.autosaver.clear()
        self.last_export = ""  # the previous document's export says nothing of this one
        self.export_label.clear()
        self.preview.page = 0
        self.preview.show_release(
            release,
            now=True,
            number=self.document.number_label(),
            state=self.document.signoff_state(),
        )
        self._show_state()
        self.releaseChanged.emit(release)

    def _after_state_change(self) -> None:
        """The sign-off state may have changed (a number, *Soumettre*, *Valider…*, an export):
        the preview shows the mark the export would, at once."""
        self.preview.show_release(
            self.document.release,
            now=True,
            number=self.document.number_label(),
            state=self.document.signoff_state(),
        )

    def _show_state(self) -> None:
        modified = self.is_modified()
        self.setWindowTitle(document.window_title(self.path))
        self.setWindowModified(modified)
        if modified:
            text = self.tr("Modifications non enregistrées")
        elif self.path is None:
            text = self.tr("Nouveau brouillon")
        else:
            text = self.tr("Enregistré")
        self.state_label.setText(text)
        self._show_number_action()

    def _show_number_action(self) -> None:
        """*Attribuer un numéro* is off for a release the register has numbered, saying why."""
        action = getattr(self, "number_action", None)
        if action is None:  # the window is being built
            return
        release = self.document.release
        numbered = release.number is not None and release.numbering is not None
        if numbered:
            label = self.document.number_label() or f"N°{release.number}"
            tip = self.tr(
                "Ce communiqué a déjà son numéro ({label})\u00a0; «\u00a0Enregistrer sous…\u00a0» "
                "en fait un nouveau communiqué, sans numéro."
            ).format(label=label)
        else:
            tip = self._number_tip
        action.setEnabled(not numbered)
        action.setStatusTip(tip)
        action.setToolTip(tip)

    def _show_findings_count(self) -> None:
        self.findings_label.setText(count_text(self.findings.findings))

    def set_font(self, font: FontChoice) -> None:
        """Use another typeface (Préférences): preview, checks, exports and status bar."""
        self.font_choice = font
        self.preview.set_font(font)
        self.preview.show_release(
            self.document.release,
            now=True,
            number=self.document.number_label(),
            state=self.document.signoff_state(),
        )
        self.findings.set_font(font)
        self._show_font()

    def edit_preferences(self) -> None:
        from desktop.gui.preferences import apply_preferences

        apply_preferences(self, self.settings, self.set_font)

    def _show_font(self) -> None:
        font = self.font_choice
        if font.is_marianne:
            self.font_label.setText(self.tr("Police\u00a0: Marianne"))
        else:
            self.font_label.setText(self.tr("Police\u00a0: Liberation Sans (Marianne absente)"))
        notice = font.notice
        self.font_label.setToolTip(sentence(notice))

    # ------------------------------------------------------------ documents

    def maybe_discard(self) -> bool:
        """True when the current changes may go: saved, dropped on purpose, or none."""
        if not self.is_modified():
            return True
        choice = dialogs.ask_save_changes(self, document.display_name(self.path))
        if choice is dialogs.Choice.SAVE:
            return self.save()
        return choice is dialogs.Choice.DISCARD

    def new_document(self, kind: DocumentKind = DocumentKind.COMMUNIQUE) -> None:
        """*Nouveau* (a communiqué) or *Nouveau document › …* (the kind chosen)."""
        if self.maybe_discard():
            self.document.open(new_release(kind), None)

    def use_release(self, release: Release) -> None:
        """A new, unsaved document holding ``release`` (a model taken from the archive)."""
        if self.maybe_discard():
            self.document.open(release, None)

    def open_dialog(self) -> None:
        folder = self.settings.get(settings.LAST_OPEN_DIR) or (
            str(self.path.parent) if self.path else str(paths.home_dir())
        )
        path = dialogs.open_path(self, folder)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open a draft; a file that cannot be read leaves the current document as it was."""
        path = Path(path)
        try:
            release = load_draft(path)
        except DraftError as exc:
            details = "\n".join(f"• {problem.placed}" for problem in exc.problems[:12])
            if len(exc.problems) > 12:
                details += "\n" + self.tr("… et {n} autres problèmes.").format(
                    n=len(exc.problems) - 12
                )
            dialogs.show_error(
                self,
                self.tr("Ouverture impossible"),
                self.tr("«\u00a0{name}\u00a0» ne peut pas être ouvert.").format(name=path.name),
                details,
            )
            return False
        if not self.maybe_discard():
            return False
        self.document.open(release, path.absolute())
        self._remember(path)
        self.settings.set(settings.LAST_OPEN_DIR, str(path.absolute().parent))
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        """Ask where to save: beside the draft's file, or for a new draft (or the shipped
        example, whose folder belongs to the installation) in the user's documents folder."""
        folder = self.path.parent if self.path and not _installed(self.path) else documents_folder()
        start = folder / (document.suggested_stem(self.path, self.document.release) + SUFFIX)
        path = dialogs.save_path(
            self, self.tr("Enregistrer le brouillon"), start, dialogs.DRAFT_FILTER
        )
        if path is None:
            return False
        return self._write(document.with_suffix(path, SUFFIX), as_new=True)

    def _write(self, path: Path, *, as_new: bool = False) -> bool:
        """Save to ``path``; ``as_new`` (*Enregistrer sous…*): as a release of its own."""
        known = self.document.release.identity
        try:
            if as_new:
                self.document.save_as(path)
            else:
                self.document.save_to(path)
        except OSError as exc:
            dialogs.show_error(
                self,
                self.tr("Enregistrement impossible"),
                describe_os_error(exc, path),
                self.tr("Le brouillon reste ouvert\u202f; essayez un autre dossier."),
            )
            return False
        self._remember(path)
        if known is not None and self.document.release.identity != known:
            self.say(
                self.tr(
                    "Brouillon enregistré comme un communiqué distinct\u00a0: {name}, sans "
                    "numéro (l’original garde le sien et son état de validation)"
                ).format(name=path.name),
                10_000,
            )
        else:
            self.say(self.tr("Brouillon enregistré\u00a0: {name}").format(name=path.name))
        return True

    def _remember(self, path: Path) -> None:
        recent = document.push_recent(self.settings.get(settings.RECENT_FILES), path)
        self.settings.set(settings.RECENT_FILES, recent)

    def _fill_recent(self) -> None:
        menu = self.actions_.recent
        menu.clear()
        recent = self.settings.get(settings.RECENT_FILES)
        for index, name in enumerate(recent, start=1):
            path = Path(name)
            key = f"&{index}" if index < 10 else "1&0" if index == 10 else str(index)
            action = menu.addAction(f"{key} {document.display_name(path)}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not recent:
            menu.addAction(self.tr("(aucun brouillon récent)")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Effacer la liste"))
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: self.settings.set(settings.RECENT_FILES, []))

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            recent = [p for p in self.settings.get(settings.RECENT_FILES) if Path(p) != path]
            self.settings.set(settings.RECENT_FILES, recent)
        return self.open_path(path)

    # ------------------------------------------------------------ export

    def export(self, kind: str) -> bool:
        """*Exporter en …* a format of the registry, or ``both`` (PDF and DOCX of the same
        name, beside each other). Refused, like every export, while the release has errors."""
        from desktop.usecases import formats

        if not self._may_export():
            return False
        folder = Path(
            self.settings.get(settings.LAST_EXPORT_DIR)
            or (self.path.parent if self.path else paths.home_dir())
        )
        stem = document.suggested_stem(self.path, self.document.release)
        fmt = formats.get("pdf" if kind == "both" else kind)
        title = (
            self.tr("Exporter en PDF et en DOCX (même nom)")
            if kind == "both"
            else self.tr("Exporter en {label}").format(label=fmt.label)
        )
        chosen = dialogs.save_path(self, title, folder / (stem + fmt.suffix), fmt.file_filter)
        if chosen is None:
            return False
        chosen = document.with_suffix(chosen, fmt.suffix)
        if kind == "both":
            docx = chosen.with_suffix(formats.get("docx").suffix)
            if docx.exists() and not dialogs.confirm_overwrite(self, docx):
                return False
            return self.export_to(pdf=chosen, docx=docx)
        return self.export_to(**{kind: chosen})

    def export_to(self, **targets: Path | None) -> bool:
        """Export the release on screen to ``targets`` (format name → path) through the gate
        (``usecases.export``): the files, their *PROJET* mark, the history in the register."""
        from desktop.usecases.export import export_release

        chosen = {name: Path(path) for name, path in targets.items() if path is not None}
        target = next(iter(chosen.values()))
        if not self._may_export():
            return False
        failure: tuple[str, str] | None = None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_release(
                self.document.release,
                chosen,
                font=self.font_choice,
                number=self.document.number_label(),
                inputs=(self.path,) if self.path else (),
            )
        except OSError as exc:  # OutputRefused among them: a path the gate refuses
            failure = (
                describe_os_error(exc, exc.filename or target),
                self.tr("Aucun fichier incomplet n’a été laissé."),
            )
        # Any other CommuniqueError (a render that failed) is said by the one catch
        # (``desktop.app.install_refusals``).
        finally:
            QGuiApplication.restoreOverrideCursor()
        if failure is not None:
            dialogs.show_error(self, self.tr("Export impossible"), *failure)
            return False
        names = ", ".join(path.name for path in result.written)
        self.last_export = names
        self.export_label.setText(
            self.tr("Dernier export\u00a0: {names} ({time})").format(
                names=names, time=datetime.now().strftime("%H:%M")
            )
        )
        warnings = self.findings.findings  # counted as the panel and the status bar count them
        if result.warnings:
            self.statusBar().showMessage(
                self.tr("Exporté\u00a0: {names}\u202f; {warning}").format(
                    names=names, warning=" ".join(result.warnings)
                ),
                10_000,
            )
        elif warnings:
            self.statusBar().showMessage(
                self.tr("Exporté\u00a0: {names} (avec {count}\u202f; voir Vérifications)").format(
                    names=names, count=count_text(warnings)
                ),
                8_000,
            )
        else:
            self.statusBar().showMessage(
                self.tr("Exporté\u00a0: {names}").format(names=names), 5_000
            )
        self.settings.set(settings.LAST_EXPORT_DIR, str(target.absolute().parent))
        if result.release is not None:
            self._keep_calendar(result.release)
        self.signoff.after_export()
        return True

    def _keep_calendar(self, release: Release) -> None:
        """The calendar file's identity and ``SEQUENCE``, as exported, kept by the draft: written
        at once into a draft saved and unchanged, else part of the changes to save."""
        from desktop.core.draft import DraftError
        from desktop.usecases.draft_notes import note_in_draft

        if self.path is not None and not self.is_modified():
            try:
                if note_in_draft(self.document.release, release, self.path):
                    self.document.adopt_saved(release)
                    return
            except (OSError, DraftError):
                pass
        self.document.edit(release, "calendar")

    def _may_export(self) -> bool:
        """False, after saying why, when the release has errors (as ``communique export``):
        nothing is written. Warnings are shown in the panel and let pass."""
        errors = [f for f in self.findings.check_now(self.document.release) if f.is_error]
        if not errors:
            return True
        dialogs.refuse_export(self, [describe(f) for f in errors])
        return False

    # ------------------------------------------------------------ crash recovery

    def offer_restore(self) -> bool:
        """After a crash, offer the autosave it left behind. True if a copy was restored."""
        leftovers = find_leftovers(self.autosave_dir)
        if not leftovers:
            return False
        leftover = leftovers[0]
        when = leftover.saved_at.astimezone().strftime("%d/%m/%Y à %H:%M")
        name = document.display_name(leftover.source)
        if not dialogs.ask_restore(self, name, when):
            leftover.discard()
            return False
        return self.restore(leftover)

    def restore(self, leftover: Leftover) -> bool:
        try:
            release = leftover.load()
        except DraftError as exc:
            dialogs.show_error(
                self,
                self.tr("Récupération impossible"),
                self.tr("La copie de secours est illisible."),
                str(exc),
            )
            leftover.discard()
            return False
        saved = Release()  # what the user's file holds: the copy is unsaved work against it
        if leftover.source is not None:
            try:
                saved = load_draft(leftover.source)
            except DraftError:
                saved = Release()
        self.document.open(release, leftover.source, saved=saved)
        self.autosaver.save_now()
        leftover.discard()
        return True

    # ------------------------------------------------------------ window

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _draft_url(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _draft_url(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    def changeEvent(self, event: QEvent) -> None:
        """Back to the front (from the mail client, from a colleague's message): the sign-off
        state may have moved on another desk."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            signoff = getattr(self, "signoff", None)  # None while the window is being built
            if signoff is not None:
                signoff.recheck()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_discard():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Remember the layout, stop the preview thread, delete the autosave (a clean exit)."""
        self.settings.set(settings.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(settings.WINDOW_STATE, self.saveState())
        self.settings.set(settings.SPLITTER_STATE, self.splitter.saveState())
        self.settings.set(settings.FINDINGS_STATE, self.form_column.saveState())
        self.settings.set(settings.PREVIEW_ZOOM, self.preview.zoom)
        self.settings.sync()
        self.preview.shutdown()
        self.mailing.shutdown()
        self.importing.shutdown()
        self.autosaver.close()
        self.directory.close()

    def _restore_layout(self) -> None:
        geometry = self.settings.get(settings.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(settings.SPLITTER_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([620, 660])
        column = self.settings.get(settings.FINDINGS_STATE)
        if isinstance(column, QByteArray) and not column.isEmpty():
            self.form_column.restoreState(column)

    def about(self) -> None:
        from desktop.gui.help import about_text

        QMessageBox.about(self, self.tr("À propos de Communiqué"), about_text())

    def show_guide(self) -> None:
        """*Aide › Guide d’utilisation*: the guide shipped with the app, beside the form."""
        from desktop.gui.help import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.activateWindow()

    def cleared(self, purpose: Purpose) -> Clearance | None:
        """The release on screen through the gate's first two steps (errors, sign-off) for
        ``purpose``; None, after listing its errors, when it has some. Another refusal
        (``CommuniqueError``) is said by the window's one catch."""
        from desktop.usecases import gate  # at first use: the window is built without it

        try:
            return gate.clear(
                self.document.release,
                purpose,
                font=self.font_choice,
                number=self.document.number_label(),
            )
        except gate.DraftRefused as exc:
            errors = [describe(f) for f in exc.findings if f.is_error]
            dialogs.refuse_export(self, errors, purpose)
        return None

    def print_release(self) -> bool:
        """*Imprimer…*: the pages of the PDF, with the same mark, through the gate."""
        from desktop.gui.printing import print_release
        from desktop.usecases.gate import PRINT

        clearance = self.cleared(PRINT)
        if clearance is None:
            return False
        return print_release(self, clearance, self.say)

    def copy_text(self) -> bool:
        """*Copier le texte*: the release on the clipboard, as plain and as rich text, with
        the same mark as an export (through the gate)."""
        from desktop.usecases.gate import COPY

        clearance = self.cleared(COPY)
        if clearance is None:
            return False
        more_formats.copy_text(clearance.prepared)
        self.say(self.tr("Communiqué copié dans le presse-papiers"))
        return True


class _KeepInView(QObject):
    """Scrolls ``row`` into view each time the layouts move or resize it (event filter)."""

    def __init__(self, scroll: QScrollArea, row: QWidget) -> None:
        super().__init__(row)
        self._scroll = scroll
        self._row = row

    def follow(self) -> None:
        self._scroll.ensureWidgetVisible(self._row, 0, 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.follow)
        return False


def _draft_url(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().endswith(SUFFIX):
            return Path(url.toLocalFile())
    return None


def documents_folder() -> Path:
    """The user's documents folder (``~/Documents`` or its translation) where it exists, else
    the home (a missing folder made the Save dialog open in the working folder)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else paths.home_dir()


def _installed(path: Path) -> bool:
    """Whether ``path`` is one of the shipped resources (the example draft)."""
    from desktop.resources import resources_dir

    return path.resolve().is_relative_to(resources_dir().resolve())
