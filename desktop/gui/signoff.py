"""Sign-off, versions and corrections in the window: *Outils › Soumettre*, *Valider*,
*Historique des versions…*, *Rectifier un communiqué…*, and the state in the status bar.

Everything goes through ``desktop.store.signoff`` and ``desktop.usecases.corrections`` (the same as
``communique submit|approve|versions|diff|correct``) and through the ``Document``: the features
receive it and narrow callables, never the window. A refusal of the register is shown as its
French sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop.gui import dialogs

# The dialogs' other widgets (button box, input dialog, list, text browser) are imported when a
# dialog opens: importing a Qt class makes PySide build its enumerations, which start-up need not.

if TYPE_CHECKING:
    from desktop.core.model import Release
    from desktop.gui.document import Document
    from desktop.store.signoff import Version

RECHECK_MS = 30_000
"""While a release waits for approval on screen, how often the register is asked whether
another desk approved it (and again each time the window comes back to the front)."""
AWAITING = ("soumis", "validé")
"""The states another desk can move on (approve; export, publish or send)."""

DELETED_STYLE = "color: #a4000f; text-decoration: line-through; background: #ffe9e9;"
ADDED_STYLE = "color: #18753c; text-decoration: underline; background: #e3f5e8;"
"""Red struck-through deleted words, green underlined added words: the colour is never the only
sign (WCAG 1.4.1)."""


def tr(text: str) -> str:
    return QCoreApplication.translate("signoff", text)


def state_text(state: str) -> str:
    """What the status bar says of the sign-off state (empty when sign-off does not apply)."""
    if not state:
        return ""
    if state == "validé":
        return tr("État\u00a0: validé (toute modification le renverra à l’état brouillon)")
    return tr("État\u00a0: {state}").format(state=state)


class SignOff(QObject):
    """The actions of the Outils menu and the state label, for one document."""

    def __init__(
        self,
        document: Document,
        menu: QMenu,
        parent: QWidget,
        *,
        save: Callable[[], bool],
        say: Callable[[str], None],
        open_draft: Callable[[Path], bool],
        state_label: QLabel,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.parent_widget = parent
        self.save = save
        self.say = say
        self.open_draft = open_draft
        self.state_label = state_label
        self.history: VersionsDialog | None = None
        menu.addSeparator()
        self.submit_action = self._add(menu, tr("&Soumettre"), self.submit)
        self.submit_action.setStatusTip(
            tr("Soumettre le communiqué à validation (il est d’abord enregistré).")
        )
        self.approve_action = self._add(menu, tr("&Valider"), self.approve)
        self.history_action = self._add(menu, tr("&Historique des versions…"), self.show_history)
        self.correct_action = self._add(menu, tr("Re&ctifier un communiqué…"), self.correct)
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self.recheck)
        document.changed.connect(lambda _release: self.show_state())
        document.saved.connect(lambda _path: self.show_state())
        document.replaced.connect(self.show_state)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.parent_widget)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def recheck(self) -> None:
        """Another desk may have approved the release on screen (or published it): the status
        bar and the preview's mark follow the register, without a keystroke here."""
        if self.document.path is None or self.document.signoff_state() not in AWAITING:
            return
        if self.document.recheck_state():
            self.show_state()
            self.say(state_text(self.document.signoff_state()))

    def show_state(self) -> None:
        state = self.document.signoff_state()
        if state == "soumis":
            self._recheck.start()
        else:
            self._recheck.stop()
        text = state_text(state)
        note = self.document.signoff_policy_note()
        if not text and note:  # sign-off off: who turned it off, and when
            text = tr("Sans validation\u00a0: {note}").format(note=note)
        self.state_label.setText(text)
        self.state_label.setToolTip(text)

    # ------------------------------------------------------------ submit and approve

    def _saved_path(self, action: str) -> Path | None:
        if self.document.path is None or self.document.is_modified():
            if not dialogs.ask_save_before_signoff(
                self.parent_widget, self.document.path is None, action
            ):
                return None
            if not self.save():
                return None
        return self.document.path

    def _with_register(self, path: Path, work: Callable[[object], str]) -> bool:
        """Run ``work`` on the register for the draft saved at ``path``; a refusal (register,
        draft, file) raises its ``CommuniqueError``, which the window says."""
        from desktop.core.draft import DraftError
        from desktop.services.drafts import load_draft
        from desktop.services.files import explain_os_errors
        from desktop.store.register import Register

        with Register.open() as register, explain_os_errors(path):
            message = work(register)
        self.document.forget_state()
        if self.document.path is not None:  # submit may give the draft its identity
            try:
                held = load_draft(self.document.path)
            except DraftError:
                held = None
            if held is not None and held != self.document.saved_release:
                self.document.adopt_saved(held)
        self.show_state()
        self.say(message)
        return True

    def submit(self) -> bool:
        from desktop.store.signoff import submit

        path = self._saved_path(tr("Soumettre"))
        if path is None:
            return False

        def work(register: object) -> str:
            version = submit(register, path)  # type: ignore[arg-type]
            if version.copy_of:
                return tr(
                    "Copie de «\u00a0{original}\u00a0»\u00a0: soumise à validation comme un "
                    "communiqué distinct (version {n}), sans le numéro de l’original ; "
                    "l’original garde son état"
                ).format(original=Path(version.copy_of).name, n=version.position)
            return tr("Soumis à validation (version {n})").format(n=version.position)

        return self._with_register(path, work)

    def approve(self) -> bool:
        """Approve as the person using the app (never in another's name)."""
        from desktop.store.signoff import approve

        path = self._saved_path(tr("Valider"))
        if path is None:
            return False

        def work(register: object) -> str:
            version = approve(register, path)  # type: ignore[arg-type]
            return tr("Version {n} validée par {who}").format(  # the author may hold (…)
                who=version.author, n=version.position
            )

        return self._with_register(path, work)

    def after_export(self) -> None:
        """An export of the release on screen was written (the gate recorded it, and an
        approved release is now *diffusé*): show the state the register now holds; a release a
        rectificatif replaced is pointed out."""
        from desktop.usecases.number_lookup import look_up_replacement

        release = self.document.release
        self.document.forget_state()
        self.show_state()
        replaced = look_up_replacement(release)
        if replaced:
            dialogs.show_info(
                self.parent_widget, tr("Communiqué remplacé"), replaced[:1].upper() + replaced[1:]
            )

    # ------------------------------------------------------------ history

    def show_history(self) -> VersionsDialog:
        from desktop.store.register import Register
        from desktop.store.signoff import versions

        with Register.open() as register:
            found = versions(register, self.document.release)
        dialog = VersionsDialog(found, self.document, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.history = dialog
        return dialog

    # ------------------------------------------------------------ corrections

    def correct(self, number: int | None = None) -> Path | None:
        from desktop.store.register import Register
        from desktop.usecases.corrections import correct

        if number is None:
            from PySide6.QtWidgets import QInputDialog

            value, ok = QInputDialog.getInt(
                self.parent_widget,
                tr("Rectifier un communiqué"),
                tr("Numéro du communiqué à rectifier\u00a0:"),
                self.document.release.number or 1,  # the release on screen, when numbered
                1,
                999_999_999,
            )
            if not ok:
                return None
            number = value
        with Register.open() as register:
            path, entry = correct(register, number)
        if self.open_draft(path):
            self.say(
                tr("Rectificatif du {label} créé\u00a0: {name}").format(
                    label=entry.label, name=path.name
                )
            )
        return path


class VersionsDialog(QDialog):
    """The versions of the release, the difference in colour, and *Restaurer cette version*."""

    def __init__(
        self, found: list[Version], document: Document, parent: QWidget | None = None
    ) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QListWidget, QTextBrowser

        super().__init__(parent)
        self.found = found
        self.document = document
        self.setWindowTitle(tr("Historique des versions"))
        self.versions = QListWidget()
        self.versions.setAccessibleName(tr("Versions enregistrées"))
        for v in found:
            from desktop.core.embargo import PARIS

            self.versions.addItem(
                tr("{n}. {event} par {who} ({machine}), le {when}").format(
                    n=v.position,
                    event=v.event_label,
                    who=v.author,
                    machine=v.machine,
                    when=f"{v.created_at.astimezone(PARIS):%d/%m/%Y à %H:%M}",
                )
            )
        self.difference = QTextBrowser()
        self.difference.setAccessibleName(tr("Différence avec le brouillon actuel"))
        self.legend = QLabel(
            tr(
                "Mots supprimés barrés en rouge, mots ajoutés soulignés en vert "
                "(de la version choisie au brouillon actuel)."
            )
        )
        self.legend.setWordWrap(True)
        self.restore_button = QPushButton(tr("&Restaurer cette version"))
        self.restore_button.clicked.connect(self.restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Fermer"))
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        if not found:
            layout.addWidget(
                QLabel(
                    tr(
                        "Ce communiqué n’a encore aucune version enregistrée "
                        "(il n’a jamais été soumis)."
                    )
                )
            )
        layout.addWidget(self.versions)
        layout.addWidget(self.legend)
        layout.addWidget(self.difference, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.setMinimumSize(640, 460)
        self.versions.currentRowChanged.connect(self.show_difference)
        self.restore_button.setEnabled(bool(found))
        if found:
            self.versions.setCurrentRow(len(found) - 1)

    def chosen(self) -> Version | None:
        row = self.versions.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    def show_difference(self, _row: int = 0) -> None:
        version = self.chosen()
        if version is None:
            self.difference.clear()
            return
        self.difference.setHtml(difference_html(version.release(), self.document.release))

    def restore(self) -> None:
        """Put the chosen version back on the form, as a new change (Annuler undoes it)."""
        version = self.chosen()
        if version is None:
            return
        from desktop.core.model import with_text_of

        restored = with_text_of(self.document.release, version.release())
        self.document.replace_release(
            restored, tr("Restaurer la version {n}").format(n=version.position)
        )
        self.show_difference()


def difference_html(before: Release, after: Release) -> str:
    """The word difference as HTML: user text escaped, never markup."""
    import html  # here: its entity table costs start-up some 2 ms

    from desktop.core.release_diff import ADDED, DELETED, changed, word_diff

    pieces = word_diff(before, after)
    if not changed(pieces):
        return f"<p>{html.escape(tr('Aucune différence.'))}</p>"
    out = []
    for piece in pieces:
        text = html.escape(piece.text).replace("\n", "<br>")
        if piece.kind == DELETED:
            out.append(f'<span style="{DELETED_STYLE}">{text}</span>')
        elif piece.kind == ADDED:
            out.append(f'<span style="{ADDED_STYLE}">{text}</span>')
        else:
            out.append(text)
    return "<p>" + "".join(out) + "</p>"
