"""Sending a release to distribution lists through SMTP, with resume, progress and cancel.

Each recipient is alone in the envelope; each result is committed to the send log as it comes
(``store.send_log``), so a send stopped by a lost connection or by ``cancel()`` is taken up again
by the next send of the same release: the same Message-ID, the same PDF (its date is the send's
start), and only the addresses still pending. Nobody receives the message twice.

``progress(done, total, address)`` is called once before the first message (``address`` empty;
``done`` counts what an earlier, interrupted attempt already did) and after each recipient's
result. ``cancel()`` is asked before each recipient and during the pauses between batches; the
message under way is finished first. Both are called on the thread that runs the send: a window
runs it on a worker thread and takes the news to its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from desktop.core.errors import EXIT_IO
from desktop.core.plurals import NBSP, plural
from desktop.services.smtp_send import DEFAULT_BATCH, DEFAULT_PAUSE_S
from desktop.usecases import gate
from desktop.usecases.mail import SEND, Composed, MailRefused, compose_message, require

if TYPE_CHECKING:
    from email.headerregistry import Address

    from desktop.core.model import Release
    from desktop.services.smtp_send import SmtpServer
    from desktop.store.mailing_lists import MailingLists
    from desktop.store.send_log import Send, SendLog

Progress = Callable[[int, int, str], None]
"""``progress(done, total, address)``."""
Cancel = Callable[[], bool]
"""``cancel()``: True to stop before the next recipient."""


class AlreadySent(MailRefused):
    """The draft records a finished send: sending again must be asked for (``again``)."""

    def __init__(self, at: str) -> None:
        super().__init__(f"ce communiqué a déjà été envoyé (le {_local_time(at)})")
        self.at = at


class SendBusy(MailRefused):
    """Another process or desk is sending this release now: one sender at a time."""

    exit_code = EXIT_IO

    def __init__(self, since: str) -> None:
        super().__init__(
            "un envoi de ce communiqué est déjà en cours"
            + (f" (commencé le {_local_time(since)})" if since else "")
            + ", dans une autre fenêtre ou sur un autre poste\u00a0: attendez qu’il se "
            "termine, puis relancez pour envoyer ce qui resterait"
        )
        self.since = since


class NobodyToSend(MailRefused):
    """The lists and addresses name nobody who may receive the release: nothing is recorded."""


@dataclass(frozen=True)
class Notice:
    """Something to tell before the messages go: addresses left out because their owner
    objected, or an earlier send taken up again."""

    kind: Literal["objected", "resumed"]
    count: int
    """Addresses left out, or addresses still to send to."""
    since: str = ""
    """When the send taken up again started."""

    @property
    def text(self) -> str:
        if self.kind == "objected":
            return (
                f"{plural(self.count, 'adresse écartée', space=NBSP)}\u00a0: opposition enregistrée "
                "(droit d’opposition, RGPD)."
            )
        return (
            f"Reprise d’un envoi commencé le {_local_time(self.since)}\u00a0: "
            f"{plural(self.count, 'destinataire restant', space=NBSP)}."
        )


def _local_time(iso: str) -> str:
    """``2026-11-26T10:00:00+00:00`` as ``26 novembre 2026 à 11 h`` (``core.french_dates``)."""
    from desktop.core.french_dates import format_moment_text

    return format_moment_text(iso)


@dataclass(frozen=True)
class SendReport:
    """Where a send stands when ``send_to_lists`` returns."""

    send: Send
    """The send log's record (sent count, refused addresses with the server's reply, pending)."""
    release: Release
    """The release, with this send recorded once it is finished (what the draft now holds)."""
    cancelled: bool = False
    interruption: str = ""
    """The French reason when the connection failed in the middle, else empty."""
    recorded_in_draft: bool = False
    warnings: tuple[str, ...] = ()
    """French sentences: what could not be recorded (in the draft, in the register)."""

    @property
    def finished(self) -> bool:
        return self.send.finished

    @property
    def sent(self) -> int:
        return self.send.sent

    @property
    def refused(self) -> tuple[tuple[str, str], ...]:
        return self.send.refused

    @property
    def pending(self) -> tuple[str, ...]:
        return self.send.pending

    @property
    def waiting(self) -> tuple[tuple[str, str], ...]:
        """Addresses a server put off (4xx) with its reply: the next send tries them again."""
        return self.send.waiting


def _nothing(*_args: object) -> None:
    return None


def send_to_lists(
    clearance: gate.Clearance,
    *,
    sender: Address,
    server: SmtpServer,
    lists: Iterable[str] = (),
    to: Iterable[str] = (),
    again: bool = False,
    draft: Path | None = None,
    also: Iterable[str] = (),
    batch: int = DEFAULT_BATCH,
    pause: float = DEFAULT_PAUSE_S,
    progress: Progress = _nothing,
    cancel: Cancel | None = None,
    notice: Callable[[Notice], None] = _nothing,
) -> SendReport:
    """Send to the members of ``lists`` and the addresses ``to`` (objections honoured), or
    take up the unfinished send of the same release (``clearance``: ``gate.clear`` for
    ``SEND``). ``also`` names the formats attached besides the PDF (``"odt"``, ``"docx"``).
    When the send is finished, it is recorded in ``draft`` (when given) and, through the gate,
    in the register's history (the attachments, the recipients, the Message-ID).

    Raises ``AddressError`` (an address of ``to``), ``AlreadySent``, ``RegisterError`` (lists,
    send log), ``RenderError``, and ``SendError`` for a failure that resuming cannot mend (a
    password refused, a sender refused). A lost connection is not raised: the report says
    ``interruption`` and what is pending."""
    from desktop.render.mail import mailbox
    from desktop.store.mailing_lists import MailingLists
    from desktop.store.send_log import SendLog, release_key

    require(clearance, SEND)
    release = clearance.release
    names = list(lists)
    extra = [mailbox(a).addr_spec for a in to]
    if not names and not extra:
        raise NobodyToSend("aucun destinataire\u00a0: choisissez une liste ou une adresse.")
    key = release_key(release)
    holder = _holder()
    with MailingLists.open() as store:
        log = SendLog(store.db)
        held = log.hold(key, holder)
        if held is not None:
            raise SendBusy(held.since)
        try:
            return _send_held(
                clearance,
                log,
                store,
                key=key,
                holder=holder,
                sender=sender,
                server=server,
                names=names,
                extra=extra,
                again=again,
                draft=draft,
                also=also,
                batch=batch,
                pause=pause,
                progress=progress,
                cancel=cancel,
                notice=notice,
            )
        finally:
            log.let_go(key, holder)


def _holder() -> str:
    """Who holds a send's lock: this machine and process, and a token of this call."""
    import os
    import socket
    import uuid

    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _send_held(
    clearance: gate.Clearance,
    log: SendLog,
    store: MailingLists,
    *,
    key: str,
    holder: str,
    sender: Address,
    server: SmtpServer,
    names: list[str],
    extra: list[str],
    again: bool,
    draft: Path | None,
    also: Iterable[str],
    batch: int,
    pause: float,
    progress: Progress,
    cancel: Cancel | None,
    notice: Callable[[Notice], None],
) -> SendReport:
    """``send_to_lists`` once this call holds the release's send lock."""
    from desktop.render.mail import new_message_id
    from desktop.services.smtp_send import SendInterrupted, deliver, password_for

    require(clearance, SEND)
    release = clearance.release
    unfinished = log.unfinished(key)
    if unfinished is None and not again:
        # The draft's record, or the register's: another desk may have sent the same text.
        if release.sends:
            raise AlreadySent(release.sends[-1].at.isoformat())
        logged = log.finished_sends(key)
        if logged:
            raise AlreadySent(logged[-1].finished_at or logged[-1].started_at)
    recipients, objected = store.recipients(names, extra)
    if objected:
        notice(Notice("objected", len(objected)))
    if not recipients and unfinished is None:
        raise NobodyToSend(
            "personne à qui envoyer\u00a0: les listes choisies sont vides ou ne comptent que des "
            "adresses opposées aux envois. Rien n’a été envoyé ni noté."
        )
    send = log.begin(
        release_key=key,
        message_id=new_message_id(sender),
        sender=str(sender),
        number=clearance.prepared.number,
        headline=clearance.prepared.headline,
        lists=names,
        addresses=recipients,
    )
    if send.sent or send.refused:
        notice(Notice("resumed", len(send.pending), send.started_at))
    composed = compose_message(
        clearance,
        sender=sender,
        also=also,
        message_id=send.message_id,
        when=datetime.fromisoformat(send.started_at),
    )
    log.set_pdf(send.id, composed.pdf_sha256)
    count = [send.recipients - len(send.pending)]
    progress(count[0], send.recipients, "")

    def on_result(address: str, state: str, detail: str) -> None:
        log.record(send.id, address, state, detail, holder=holder)
        count[0] += 1
        progress(count[0], send.recipients, address)

    try:
        outcome = deliver(
            composed.message.as_bytes(),
            sender.addr_spec,
            list(send.pending),
            server,
            on_result=on_result,
            password=password_for(server),
            batch_size=batch,
            pause=pause,
            cancel=cancel,
            retry_delays=retry_delays(pause),
        )
    except SendInterrupted as exc:
        now = log.get(send.id)
        assert now is not None
        return SendReport(now, release, interruption=str(exc))
    finished = log.finish(send.id)
    if not finished.finished:
        return SendReport(finished, release, cancelled=outcome.cancelled)
    return _recorded(clearance, composed, finished, draft)


def retry_delays(pause: float) -> tuple[float, float]:
    """The waits before trying again a recipient put off (4xx): twice, then ten times the pause
    between batches (4 and 20 seconds by default); ``--pause 0`` tries again at once."""
    return (pause * 2, pause * 10)


def _recorded(
    clearance: gate.Clearance, composed: Composed, finished: Send, draft: Path | None
) -> SendReport:
    """A finished send: noted in the draft (when there is one) and, through the gate, in the
    register's history (the release becomes *diffusé* once approved)."""
    from desktop.core.draft import DraftError
    from desktop.store.send_log import with_send_recorded
    from desktop.usecases.calendar import stamped
    from desktop.usecases.draft_notes import note_in_draft

    release = stamped(with_send_recorded(clearance.release, finished), clearance.prepared)
    warnings: list[str] = []
    in_draft = False
    if draft is not None:
        try:
            in_draft = note_in_draft(clearance.release, release, draft)
        except (OSError, DraftError) as exc:
            warnings.append(f"l’envoi n’a pas pu être noté dans le brouillon ({exc}).")
        else:
            if not in_draft:
                warnings.append(
                    f"le brouillon « {draft} » a été modifié pendant l’envoi\u00a0: il n’a pas "
                    "été réécrit (vos modifications sont gardées) et l’envoi n’y est pas noté "
                    "(il l’est dans le registre)."
                )
    warnings += gate.record(
        gate.Parcel(
            clearance,
            composed.attachments,
            recipients=finished.sent,
            message_id=finished.message_id,
        )
    )
    return SendReport(finished, release, recorded_in_draft=in_draft, warnings=tuple(warnings))
