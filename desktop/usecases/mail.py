"""The release as an e-mail: the one path of ``communique mail`` and *Envoyer par e-mail…*.

``clear_for_mail`` passes the release through the gate (``mail_gate.gate_for_send``: errors,
sign-off) and prepares what every part of the message shows; with what it returns,
``write_eml`` writes the message a mail client opens, ``send_test`` sends one copy to the office,
and ``send_to_lists`` sends to distribution lists through SMTP, each recipient alone in the
envelope, resuming an interrupted send without sending twice to anyone
(``mail_sending.send_to_lists``).

No terminal and no window here: results come back as values, refusals as ``CommuniqueError``
subclasses with a French message; each front end says them its own way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import EXIT_INVALID, CommuniqueError
from desktop.usecases.mail_gate import Clearance, Purpose, gate_for_send, guard_output

if TYPE_CHECKING:
    from email.headerregistry import Address

    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.render.content import PreparedRelease
    from desktop.render.mail import Composed
    from desktop.services.smtp_send import SmtpServer

__all__ = [
    "NoServer",
    "Outgoing",
    "Purpose",
    "attachment_stem_of",
    "clear_for_mail",
    "compose_message",
    "configured_server",
    "send_test",
    "write_eml",
]


class NoServer(CommuniqueError):
    """No SMTP server is configured."""

    exit_code = EXIT_INVALID


@dataclass(frozen=True)
class Outgoing:
    """A release the gate let out, and what its message shows. Made by ``clear_for_mail``
    only: the other functions of this module take it, so none of them skips the gate."""

    release: Release
    prepared: PreparedRelease
    clearance: Clearance

    @property
    def purpose(self) -> Purpose:
        return self.clearance.purpose

    def require(self, purpose: Purpose) -> None:
        if self.purpose is not purpose:
            raise ValueError(f"cleared for {self.purpose.value}, used for {purpose.value}")


def clear_for_mail(
    release: Release, purpose: Purpose, *, font: FontChoice | None = None
) -> Outgoing:
    """The gate, then ``prepare`` with the printed number and the sign-off state."""
    from desktop.render.content import prepare
    from desktop.usecases.number_lookup import look_up_printed_number

    clearance = gate_for_send(release, purpose=purpose, font=font)
    prepared = prepare(
        release, font=font, number=look_up_printed_number(release), state=clearance.state
    )
    return Outgoing(release, prepared, clearance)


def attachment_stem_of(release: Release) -> str:
    """``communique-2020-11-03-n350``: the attachments' and the .eml's name."""
    from desktop.render.mail import attachment_stem

    return attachment_stem(release.number, release.date.isoformat() if release.date else None)


def compose_message(
    outgoing: Outgoing,
    *,
    sender: Address,
    with_odt: bool = False,
    with_docx: bool = False,
    message_id: str | None = None,
    when: datetime | None = None,
) -> Composed:
    """The message: text and HTML bodies, the PDF (and the ODT, the DOCX if asked) attached.
    Raises ``RenderError`` as an export does."""
    from desktop.render.mail import compose

    return compose(
        outgoing.prepared,
        sender=sender,
        pdf_name=f"{attachment_stem_of(outgoing.release)}.pdf",
        with_odt=with_odt,
        with_docx=with_docx,
        message_id=message_id,
        when=when,
        test=outgoing.purpose is Purpose.TEST,
    )


def write_eml(
    outgoing: Outgoing,
    target: Path,
    *,
    sender: Address,
    inputs: Iterable[Path] = (),
    with_odt: bool = False,
    with_docx: bool = False,
) -> Path:
    """Write the message to ``target`` (guarded: never over ``inputs``, the register or an
    autosave), marked ``X-Unsent`` so that Outlook opens it as a new message to send. Raises
    ``OutputRefused``, ``RenderError``, or ``OSError`` when the file cannot be written."""
    from desktop.usecases.gate import write_file

    outgoing.require(Purpose.EML)
    guard_output(target, inputs=inputs)
    composed = compose_message(outgoing, sender=sender, with_odt=with_odt, with_docx=with_docx)
    composed.message["X-Unsent"] = "1"
    return write_file(target, composed.message.as_bytes(), suffix=".eml", inputs=inputs)


def configured_server(config: Mapping[str, str]) -> SmtpServer:
    """The server the settings name (``COMMUNIQUE_SMTP`` or ``envoi.json``); ``NoServer`` when
    none is, ``SendError`` when the address is not one."""
    from desktop.services.smtp_send import SmtpServer

    url = config.get("smtp", "")
    if not url:
        raise NoServer(
            "aucun serveur d’envoi : donnez la variable COMMUNIQUE_SMTP "
            "(smtp://hôte:port) ou « smtp » dans envoi.json."
        )
    return SmtpServer.from_url(url)


def send_test(
    outgoing: Outgoing,
    address: str,
    *,
    sender: Address,
    server: SmtpServer,
    with_odt: bool = False,
    with_docx: bool = False,
) -> str:
    """One copy to ``address``, ``[TEST]`` in the subject; nothing is recorded. The address as
    sent; ``AddressError`` for one that is not, ``SendError`` when the server refuses."""
    from desktop.render.mail import mailbox
    from desktop.services.smtp_send import SendError, deliver, password_for

    outgoing.require(Purpose.TEST)
    recipient = mailbox(address).addr_spec
    composed = compose_message(outgoing, sender=sender, with_odt=with_odt, with_docx=with_docx)
    outcome = deliver(
        composed.message.as_bytes(),
        sender.addr_spec,
        [recipient],
        server,
        on_result=lambda *_: None,
        password=password_for(server),
    )
    if outcome.refused:
        raise SendError(f"le serveur a refusé « {recipient} » ({outcome.refused[recipient]})")
    return recipient
