"""*Fichier › Envoyer par e-mail…* and *Outils › Listes de diffusion…*.

*Envoyer par e-mail…* writes the release as an ``.eml`` message (the same message as
``communique mail --eml``: text and HTML bodies, the PDF attached) and opens it with the
system's mail client, where the press officer adds the recipients in *Cci* and sends it. A
release with errors is refused as an export is; a release the draft records as sent asks first.
The feature takes the ``Document`` and narrow callables, never the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from desktop.gui import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from desktop.gui.document import Document
    from desktop.render.content import PreparedRelease

log = logging.getLogger(__name__)


class Mailing(QObject):
    """The two entries and what they do."""

    def __init__(
        self,
        document: Document,
        prepared: Callable[[], PreparedRelease],
        may_send: Callable[[], bool],
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.prepared = prepared
        self.may_send = may_send
        self.say = say
        self.window = parent
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.last_eml: Path | None = None

    def install(self, menus: dict[str, QMenu], after: QAction) -> dict[str, QAction]:
        send = QAction(self.tr("Envoyer par e-&mail…"), self)
        send.setStatusTip(
            self.tr(
                "Prépare le message (texte, version HTML, PDF joint) et l’ouvre dans la messagerie"
            )
        )
        send.triggered.connect(lambda _checked=False: self.send_by_email())
        menus["file"].insertAction(after, send)
        lists = QAction(self.tr("Listes de &diffusion…"), self)
        lists.triggered.connect(lambda _checked=False: self.show_lists())
        menus["tools"].addAction(lists)
        return {"send": send, "lists": lists}

    def send_by_email(self) -> Path | None:
        """Write the .eml and open it; the path, or None when nothing was written."""
        from desktop.render.mail import AddressError, attachment_stem, compose, parse_sender
        from desktop.render.pdf import RenderError
        from desktop.services import paths
        from desktop.services.files import atomic_write, describe_os_error
        from desktop.services.smtp_send import SendError, save_sender, settings

        if not self.may_send():
            return None
        release = self.document.release
        done = release.sends
        if done and not dialogs.confirm_send_again(self.window, done[-1].at.isoformat()):
            return None
        try:
            text = settings().get("sender", "")
        except SendError as exc:
            dialogs.show_error(self.window, self.tr("Envoi impossible"), str(exc))
            return None
        asked = False
        while True:
            if not text:
                text = dialogs.ask_sender(self.window, text) or ""
                asked = True
                if not text:
                    return None
            try:
                sender = parse_sender(text)
                break
            except AddressError as exc:
                dialogs.show_error(self.window, self.tr("Expéditeur invalide"), str(exc))
                text = ""
        stem = attachment_stem(release.number, release.date.isoformat() if release.date else None)
        target = paths.cache_dir() / "envoi" / f"{stem}.eml"
        try:
            if asked:
                save_sender(str(sender))
            composed = compose(self.prepared(), sender=sender, pdf_name=f"{stem}.pdf")
            composed.message["X-Unsent"] = "1"
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, composed.message.as_bytes())
        except OSError as exc:
            dialogs.show_error(
                self.window,
                self.tr("Envoi impossible"),
                describe_os_error(exc, exc.filename or target),
            )
            return None
        except RenderError as exc:
            dialogs.show_error(self.window, self.tr("Envoi impossible"), str(exc))
            return None
        self.last_eml = target
        if not self.open_url(QUrl.fromLocalFile(str(target))):
            dialogs.show_info(
                self.window,
                self.tr("Message prêt"),
                self.tr(
                    "Aucune messagerie n’a pu l’ouvrir. Le message est enregistré ici\u00a0: {path}"
                ).format(path=target),
            )
        else:
            self.say(
                self.tr(
                    "Message ouvert dans la messagerie\u00a0: ajoutez les destinataires en Cci."
                )
            )
        return target

    def show_lists(self) -> None:
        from desktop.gui.mailing_dialog import MailingListsDialog
        from desktop.store.database import RegisterError
        from desktop.store.mailing_lists import MailingLists

        try:
            store = MailingLists.open()
        except RegisterError as exc:
            dialogs.show_error(self.window, self.tr("Listes de diffusion"), str(exc))
            return
        try:
            MailingListsDialog(store, self.window).exec()
        finally:
            store.close()
