"""*Fichier › Envoyer par e-mail…* and *Outils › Listes de diffusion…*.

*Envoyer par e-mail…* offers two routes, both the use case's (``desktop.usecases.mail``, the one
``communique mail`` takes):

- to distribution lists through the office's SMTP server (``COMMUNIQUE_SMTP`` or ``envoi.json``,
  the password from the system keyring or ``COMMUNIQUE_SMTP_PASSWORD``), each recipient alone in
  the envelope. The send runs on a worker thread (``send_worker``) behind a progress dialog that
  can stop it; a stopped or interrupted send is taken up again by the next one, and nobody
  receives the message twice. A summary says what was sent, refused and left pending. Only an
  approved release goes to the lists when the register asks for sign-off;
- a message file (.eml) opened with the application the system associates with it, where the
  press officer adds the recipients in *Cci*. The message says where the file is and whether an
  application took it; until approval it carries the *PROJET* mark.

A release with errors is refused as an export is; a release the draft records as sent asks
first. Both routes pass the gate (``gate.clear``) and are recorded in the register's history.
A refusal raised here (``CommuniqueError``) is said by the window's one catch
(``desktop.app.install_refusals``); one on the worker thread comes back by ``failed``. The
feature takes the ``Document`` and narrow callables, never the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.errors import CommuniqueError
from desktop.core.french_dates import format_moment
from desktop.core.plurals import plural
from desktop.gui import dialogs
from desktop.gui.send_worker import SendWorker

if TYPE_CHECKING:
    from email.headerregistry import Address

    from PySide6.QtWidgets import QMenu

    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.gui.document import Document
    from desktop.gui.mail_route_dialog import MailOffer
    from desktop.render.content import PreparedRelease
    from desktop.services.smtp_send import SmtpServer
    from desktop.usecases.mail_sending import Notice, SendReport

log = logging.getLogger(__name__)
NOT_APPROVED = ("brouillon", "soumis")


@dataclass(frozen=True)
class SendDone:
    """What the worker hands back: the use case's report and what it said on the way."""

    report: SendReport
    notices: tuple[Notice, ...]
    sent_release: Release
    cancelled: bool = False
    """The person pressed *Arrêter l’envoi* (else what is left waits on the servers)."""


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
        self.worker = SendWorker(self)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.progress: QProgressDialog | None = None
        self.last_report: SendReport | None = None

    def install(self, menus: dict[str, QMenu], after: QAction) -> dict[str, QAction]:
        send = QAction(self.tr("Envoyer par e-&mail…"), self)
        send.setStatusTip(
            self.tr(
                "Envoie le communiqué aux listes de diffusion, ou prépare le message (texte, "
                "version HTML, PDF joint) pour la messagerie"
            )
        )
        send.triggered.connect(lambda _checked=False: self.send_by_email())
        menus["file"].insertAction(after, send)
        lists = QAction(self.tr("Listes de &diffusion…"), self)
        lists.triggered.connect(lambda _checked=False: self.show_lists())
        menus["tools"].addAction(lists)
        return {"send": send, "lists": lists}

    def shutdown(self) -> None:
        """The window closes: a send under way stops at the next recipient (the rest waits
        for the next send)."""
        self.worker.shutdown()

    # ------------------------------------------------------------ choosing

    def send_by_email(self) -> Path | None:
        """Ask the route, then send (on the worker thread) or write the .eml; the .eml's path,
        or None (nothing written, or a send started). Raises ``CommuniqueError``: settings that
        cannot be read, a server address that is not one, a refusal of the gate."""
        from desktop.services.smtp_send import settings

        if self.worker.busy or not self.may_send():
            return None
        release = self.document.release
        done = release.sends
        if done and not dialogs.confirm_send_again(self.window, format_moment(done[-1].at)):
            return None
        config = settings()
        route = dialogs.ask_mail_route(self.window, self._offer(config))
        if route is None:
            return None
        sender = self._sender(config.get("sender", ""))
        if sender is None:
            return None
        if not route.send:
            return self.write_eml(sender)
        from desktop.usecases.mail import configured_server

        server = configured_server(config)
        if route.test:
            self.start_test(sender, server)
            return None
        self.start_send(route.lists, sender, server, again=bool(done), to=route.to)
        return None

    def _offer(self, config: dict[str, str]) -> MailOffer:
        """The lists, the server, and why sending to the lists is not possible now."""
        from desktop.gui.mail_route_dialog import MailOffer
        from desktop.services import paths
        from desktop.services.smtp_send import SETTINGS_FILE
        from desktop.store.database import RegisterError
        from desktop.store.mailing_lists import MailingLists
        from desktop.usecases.mail import NoServer, configured_server

        obstacles: list[str] = []
        server_text = ""
        try:
            server = configured_server(config)
            server_text = f"{server.host}:{server.port}"
        except NoServer:
            obstacles.append(
                self.tr(
                    "Aucun serveur d’envoi n’est configuré\u00a0: indiquez son adresse sous "
                    "«\u00a0smtp\u00a0» dans le fichier {file} (par exemple "
                    "smtp://mail.ministere.gouv.fr:587) ou dans la variable COMMUNIQUE_SMTP, "
                    "ou demandez à votre service informatique de la régler pour ce poste."
                ).format(file=paths.config_dir() / SETTINGS_FILE)
            )
        except CommuniqueError as exc:  # an address that is not one: say what is wrong
            obstacles.append(
                _sentence(str(exc))
                + " "
                + self.tr("Corrigez-la dans {file} ou dans la variable COMMUNIQUE_SMTP.").format(
                    file=paths.config_dir() / SETTINGS_FILE
                )
            )
        names: list[str] = []
        if paths.register_exists():  # the lists live in the register: never make one here
            try:
                with MailingLists.open(max_wait=2.0) as store:
                    names = store.names()
            except RegisterError as exc:
                obstacles.append(_sentence(str(exc)))
        if not names:
            obstacles.append(
                self.tr(
                    "Aucune liste de diffusion\u00a0: créez-en une dans Outils › Listes de "
                    "diffusion…"
                )
            )
        state = self.document.signoff_state()
        if state in NOT_APPROVED:
            obstacles.append(
                self.tr(
                    "Ce communiqué n’est pas validé (état «\u00a0{state}\u00a0»)\u00a0: il ne "
                    "part aux listes qu’une fois validé. Le message préparé (.eml) porte la "
                    "mention PROJET."
                ).format(state=state)
            )
        return MailOffer(tuple(names), server_text, "\n".join(obstacles))

    def _sender(self, text: str) -> Address | None:
        """The office's sender from the settings, else asked once and kept."""
        from desktop.render.mail import AddressError, parse_sender
        from desktop.services.smtp_send import save_sender

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
                dialogs.show_error(self.window, self.tr("Expéditeur invalide"), _sentence(str(exc)))
                text = ""
        if asked:
            try:
                save_sender(str(sender))
            except OSError as exc:
                log.info("sender not kept: %s", exc)
        return sender

    # ------------------------------------------------------------ the .eml

    def write_eml(self, sender: Address) -> Path:
        """Write the .eml in the cache folder (through the gate, recorded in the history) and
        hand it to the system; its path. Raises ``CommuniqueError`` (a file the system would
        not write among them, said as ``describe_os_error`` says it)."""
        from desktop.services import paths
        from desktop.services.files import explain_os_errors
        from desktop.usecases.mail import EML, attachment_stem_of, clear_for_mail, write_eml

        release = self.document.release
        target = paths.cache_dir() / "envoi" / f"{attachment_stem_of(release)}.eml"
        inputs = (self.document.path,) if self.document.path is not None else ()
        clearance = clear_for_mail(release, EML, font=self.prepared().font)
        with explain_os_errors():
            target.parent.mkdir(parents=True, exist_ok=True)
            written = write_eml(clearance, target, sender=sender, inputs=inputs)
        self.last_eml = target
        opened = self.open_url(QUrl.fromLocalFile(str(target)))
        self.say_eml(
            target,
            opened=opened,
            marked=bool(clearance.prepared.draft_mark),
            warnings=written.warnings,
        )
        return target

    def say_eml(
        self, target: Path, *, opened: bool, marked: bool, warnings: tuple[str, ...] = ()
    ) -> None:
        """Where the message is, and what became of it: ``openUrl`` says only whether an
        application took the file, not that a mail client shows it."""
        text = self.tr("Le message est enregistré ici\u00a0: {path}").format(path=target)
        if opened:
            details = self.tr(
                "Il a été confié à l’application que le système associe aux fichiers .eml, en "
                "principe votre messagerie\u00a0: ajoutez-y les destinataires en Cci, puis "
                "envoyez-le. Si aucune fenêtre de message ne s’est ouverte, ouvrez ce fichier "
                "depuis votre messagerie."
            )
        else:
            details = self.tr(
                "Aucune application n’a pu l’ouvrir\u00a0: ouvrez ce fichier depuis votre "
                "messagerie, ajoutez les destinataires en Cci, puis envoyez-le."
            )
        if marked:
            details += " " + self.tr(
                "Le communiqué n’est pas validé\u00a0: le message porte la mention PROJET."
            )
        for warning in warnings:
            details += "\n" + _sentence(warning)
        title = self.tr("Message prêt") if opened else self.tr("Message enregistré")
        dialogs.show_info(self.window, title, text, details)

    # ------------------------------------------------------------ sending to the lists

    def start_send(
        self,
        lists: tuple[str, ...],
        sender: Address,
        server: SmtpServer,
        *,
        again: bool,
        to: tuple[str, ...] = (),
    ) -> None:
        """Send to ``lists`` and the addresses ``to`` on the worker thread, behind the
        progress dialog."""
        document = self.document
        saved = document.path is not None and not document.is_modified()
        job = SendJob(
            document.release,
            lists,
            sender,
            server,
            document.path if saved else None,
            self.prepared().font,
            again,
            to,
        )
        self.worker.start(job)
        self.progress = dialogs.send_progress(self.window)
        self.progress.canceled.connect(self._cancel)

    def start_test(self, sender: Address, server: SmtpServer) -> None:
        """A copy marked [TEST] to the office's own address, on the worker thread."""
        job = TestJob(self.document.release, sender, server, self.prepared().font)
        self.worker.start(job)
        self.progress = dialogs.send_progress(self.window)
        self.progress.canceled.connect(self._cancel)

    def _cancel(self) -> None:
        self.worker.cancel()
        self.say(self.tr("Arrêt de l’envoi après le message en cours…"))

    def _progressed(self, done: int, total: int, address: str) -> None:
        if self.progress is None or self.worker.cancelled:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if address:
            self.progress.setLabelText(
                self.tr("Envoyé à {address} ({done} sur {total})").format(
                    address=address, done=done, total=total
                )
            )
        else:
            self.progress.setLabelText(
                self.tr("Envoi à {recipients}…").format(
                    recipients=plural(
                        total, self.tr("destinataire"), self.tr("destinataires"), space="\u00a0"
                    )
                )
            )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, error: object) -> None:
        """The worker's failure (its exceptions do not reach the window's one catch)."""
        from desktop.usecases.gate import DraftRefused, NotApproved
        from desktop.usecases.mail import MailRefused

        self._close_progress()
        if isinstance(error, DraftRefused | NotApproved | MailRefused):
            title, text = self.tr("Envoi refusé"), _sentence(str(error))
        elif isinstance(error, CommuniqueError):
            title, text = self.tr("Envoi impossible"), _sentence(str(error))
        else:
            title = self.tr("Envoi impossible")
            text = self.tr(
                "Erreur interne ({kind})\u00a0: ce qui a été envoyé est noté au journal des "
                "envois, un nouvel envoi reprendra là où celui-ci s’est arrêté."
            ).format(kind=type(error).__name__)
        dialogs.show_error(self.window, title, text)

    def _finished(self, done: SendDone | TestDone) -> None:
        self._close_progress()
        if isinstance(done, TestDone):
            dialogs.show_info(
                self.window,
                self.tr("Test envoyé"),
                self.tr(
                    "Un exemplaire marqué [TEST] a été envoyé à {address}\u00a0: vérifiez-le "
                    "dans votre messagerie avant l’envoi aux listes."
                ).format(address=done.address),
                "\n".join(_sentence(w) for w in done.warnings),
            )
            return
        report = done.report
        self.last_report = report
        if report.finished:
            self._note_send(done)
        title, text, details = self.summary(done)
        if report.interruption:
            dialogs.show_error(self.window, title, text, details)
        else:
            dialogs.show_info(self.window, title, text, details)

    def _note_send(self, done: SendDone) -> None:
        """The finished send in the document: saved when the use case wrote it into the draft,
        else an edit the person saves."""
        self.document.forget_state()  # validé → diffusé
        if self.document.release != done.sent_release:
            return
        if done.report.recorded_in_draft:
            self.document.adopt_saved(done.report.release)
        else:
            self.document.replace_release(done.report.release, self.tr("Noter l’envoi"))

    def summary(self, done: SendDone) -> tuple[str, str, str]:
        """The end of a send in French: title, what happened, the details."""
        report = done.report
        counts = ", ".join(
            (
                _count(report.sent, "aucun message envoyé", "message envoyé", "messages envoyés"),
                _count(
                    len(report.refused),
                    "aucune adresse refusée",
                    "adresse refusée",
                    "adresses refusées",
                ),
                _count(
                    len(report.pending),
                    "aucun destinataire en attente",
                    "destinataire en attente",
                    "destinataires en attente",
                ),
            )
        )
        resume = self.tr(
            "Relancez «\u00a0Envoyer par e-mail…\u00a0» pour reprendre\u00a0: personne ne "
            "recevra le message deux fois."
        )
        if report.interruption:
            title = self.tr("Envoi interrompu")
            text = self.tr("Envoi interrompu ({reason})\u00a0: {counts}.").format(
                reason=report.interruption, counts=counts
            )
            text += " " + resume
        elif report.waiting and not done.cancelled:
            title = self.tr("Envoi en attente")
            text = self.tr(
                "Envoi fait pour l’instant\u00a0: {counts}. Des serveurs de destinataires ont "
                "demandé de réessayer plus tard (refus temporaire)\u00a0: relancez "
                "«\u00a0Envoyer par e-mail…\u00a0» dans quelques minutes pour les servir. "
                "Personne ne recevra le message deux fois."
            ).format(counts=counts)
        elif not report.finished:
            title = self.tr("Envoi arrêté")
            text = self.tr("Envoi arrêté à votre demande\u00a0: {counts}.").format(counts=counts)
            text += " " + resume
        else:
            title = self.tr("Envoi terminé")
            text = self.tr("Envoi terminé\u00a0: {counts}.").format(counts=counts)
        lines = [notice.text for notice in done.notices]
        lines += [
            self.tr("Refusée par le serveur\u00a0: {address} ({detail})").format(
                address=address, detail=detail
            )
            for address, detail in report.refused
        ]
        lines += [
            self.tr("En attente (refus temporaire)\u00a0: {address} ({detail})").format(
                address=address, detail=detail
            )
            for address, detail in report.waiting
        ]
        lines += [_sentence(warning) for warning in report.warnings]
        if report.finished and not report.recorded_in_draft:
            lines.append(
                self.tr(
                    "L’envoi est noté dans le communiqué ouvert\u00a0: enregistrez-le pour le "
                    "garder."
                )
            )
        return title, text, "\n".join(lines)

    # ------------------------------------------------------------ lists

    def show_lists(self) -> None:
        from desktop.gui.mailing_dialog import MailingListsDialog
        from desktop.store.mailing_lists import MailingLists

        store = MailingLists.open()  # a register that cannot be opened: the window's catch
        try:
            MailingListsDialog(store, self.window).exec()
        finally:
            store.close()


@dataclass(frozen=True)
class SendJob:
    """A send to the lists as the worker thread runs it: the gate, then the use case (no Qt)."""

    release: Release
    lists: tuple[str, ...]
    sender: Address
    server: SmtpServer
    draft: Path | None
    """The draft file to record the finished send in (None: the document is not saved)."""
    font: FontChoice
    again: bool
    to: tuple[str, ...] = ()

    def __call__(
        self, progress: Callable[[int, int, str], None], cancel: Callable[[], bool]
    ) -> SendDone:
        from desktop.usecases.mail import SEND, clear_for_mail
        from desktop.usecases.mail_sending import send_to_lists

        notices: list[Notice] = []
        clearance = clear_for_mail(self.release, SEND, font=self.font)
        report = send_to_lists(
            clearance,
            sender=self.sender,
            server=self.server,
            lists=self.lists,
            to=self.to,
            again=self.again,
            draft=self.draft,
            progress=progress,
            cancel=cancel,
            notice=notices.append,
        )
        return SendDone(report, tuple(notices), self.release, cancel())


@dataclass(frozen=True)
class TestDone:
    address: str
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class TestJob:
    """A test copy to the office's own address, on the worker thread (no Qt)."""

    release: Release
    sender: Address
    server: SmtpServer
    font: FontChoice

    def __call__(
        self, progress: Callable[[int, int, str], None], cancel: Callable[[], bool]
    ) -> TestDone:
        from desktop.usecases.mail import TEST, clear_for_mail, send_test

        clearance = clear_for_mail(self.release, TEST, font=self.font)
        progress(0, 1, "")
        sent = send_test(clearance, self.sender.addr_spec, sender=self.sender, server=self.server)
        progress(1, 1, sent.address)
        return TestDone(sent.address, sent.warnings)


def _count(n: int, none: str, one: str, many: str) -> str:
    if n == 0:
        return none
    return f"{n}\u00a0{one if n == 1 else many}"


def _sentence(text: str) -> str:
    """A message of the use case (a clause the command line puts after its prefix) as a
    sentence of its own."""
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
