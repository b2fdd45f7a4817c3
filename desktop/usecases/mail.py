"""The release as an e-mail: the one path of ``communique mail`` and *Envoyer par e-mail…*.

``clear_for_mail`` passes the release through the gate (``gate.clear``: errors, then sign-off)
for one of three purposes: ``SEND`` to distribution lists (refused until the release is
approved, when the register asks for sign-off), ``EML``, the message file a mail client opens,
and ``TEST``, one copy to one address (both possible before approval, marked *PROJET*, also in
the subject). With the clearance it returns, ``write_eml`` writes the message, ``send_test``
sends the copy, and ``send_to_lists`` sends to the lists through SMTP, each recipient alone in
the envelope, resuming an interrupted send without sending twice to anyone
(``mail_sending.send_to_lists``). Each records what left in the register's history through the
gate (``gate.record``): the attachments (the PDF's SHA-256 among them), the recipients, the
Message-ID.

The attachments are the formats the registry marks for mail (``formats.attached``), rendered by
``export.render_formats`` as every other output is.

No terminal and no window here: results come back as values, refusals as ``CommuniqueError``
subclasses with a French message; each front end says them its own way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import EXIT_INVALID, CommuniqueError
from desktop.usecases import gate
from desktop.usecases.gate import EML, SEND, TEST, Clearance

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.services.smtp_send import SmtpServer

__all__ = [
    "EML",
    "PURPOSES",
    "SEND",
    "TEST",
    "Composed",
    "CopySent",
    "MailRefused",
    "NoServer",
    "Written",
    "attachment_stem_of",
    "clear_for_mail",
    "compose_message",
    "configured_server",
    "require",
    "send_test",
    "write_eml",
]

PURPOSES = (EML, TEST, SEND)
"""What a release leaves by e-mail for (``gate.Purpose``)."""
EML_SUFFIX = ".eml"


class NoServer(CommuniqueError):
    """No SMTP server is configured."""

    exit_code = EXIT_INVALID


class MailRefused(CommuniqueError):
    """A send the mail use case refuses after the gate let the release through (no recipient,
    a send already done)."""

    exit_code = EXIT_INVALID


def clear_for_mail(
    release: Release, purpose: gate.Purpose, *, font: FontChoice | None = None
) -> Clearance:
    """The gate's a and b for ``purpose`` (``DraftRefused``, ``NotApproved``, or
    ``RegisterError`` when the register a send needs cannot be read): the clearance the other
    functions of this module take, so that none of them skips the gate."""
    if purpose not in PURPOSES:
        raise ValueError(f"not a purpose of the e-mail: {purpose.kind!r}")
    return gate.clear(release, purpose, font=font)


def require(clearance: Clearance, purpose: gate.Purpose) -> None:
    """A clearance serves the purpose it was given for only (``ValueError``: a bug)."""
    if clearance.purpose is not purpose:
        raise ValueError(f"cleared for {clearance.purpose.kind}, used for {purpose.kind}")


def attachment_stem_of(release: Release) -> str:
    """``communique-2020-11-03-n350``: the attachments' and the .eml's name."""
    from desktop.render.mail import attachment_stem

    return attachment_stem(release.number, release.date.isoformat() if release.date else None)


@dataclass(frozen=True)
class Composed:
    message: EmailMessage
    attachments: tuple[gate.OutFile, ...]
    """The files attached, as the history lists them (their names in the message)."""

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def pdf_sha256(self) -> str:
        """The SHA-256 of the attached PDF (the send log's and the draft's record of it)."""
        for part in self.attachments:
            if part.format == "pdf":
                return hashlib.sha256(part.data).hexdigest()
        return ""


def compose_message(
    clearance: Clearance,
    *,
    sender: Address,
    also: Iterable[str] = (),
    message_id: str | None = None,
    when: datetime | None = None,
) -> Composed:
    """The message: text and HTML bodies, the files the registry attaches to every message
    (the PDF), and those of ``also`` (formats attached on request: ``"odt"``, ``"docx"``),
    all dated ``when``. Raises ``RenderError`` as an export does."""
    from desktop.render.mail import Attachment, build_message
    from desktop.render.pdf import render_brand_png
    from desktop.usecases import formats
    from desktop.usecases.export import render_formats
    from desktop.usecases.formats import Extras

    prepared = clearance.prepared
    attached = formats.attached(also, prepared)
    data = render_formats(prepared, [fmt.name for fmt in attached], extras=Extras(created=when))
    stem = attachment_stem_of(clearance.release)
    parts = tuple(
        gate.OutFile(Path(f"{stem}{fmt.suffix}"), data[fmt.name], fmt.name, attached=True)
        for fmt in attached
    )
    message = build_message(
        prepared,
        sender=sender,
        attachments=[
            Attachment(part.path.name, part.data, *_media_type(fmt.media_type))
            for part, fmt in zip(parts, attached, strict=True)
        ],
        brand_png=render_brand_png(prepared, ppi=192.0),
        message_id=message_id,
        when=when,
        test=clearance.purpose is TEST,
    )
    return Composed(message, parts)


def _media_type(media_type: str) -> tuple[str, str]:
    maintype, _, subtype = media_type.partition("/")
    return maintype, subtype or "octet-stream"


@dataclass(frozen=True)
class Written:
    path: Path
    warnings: tuple[str, ...]
    """French sentences: what could not be recorded in the register (the file is written)."""


def write_eml(
    clearance: Clearance,
    target: Path,
    *,
    sender: Address,
    inputs: Iterable[Path] = (),
    also: Iterable[str] = (),
) -> Written:
    """Write the message to ``target`` through the gate (guarded: never over ``inputs``, the
    register, a draft or an autosave, never through a link; recorded in the history with its
    attachments), marked ``X-Unsent`` so that Outlook opens it as a new message to send.
    Raises ``OutputRefused`` (before anything is rendered), ``RenderError``, or ``OSError``
    when the file cannot be written."""
    require(clearance, EML)
    kept = tuple(inputs)
    gate.guard(target, suffix=EML_SUFFIX, kept=kept)
    composed = compose_message(clearance, sender=sender, also=also)
    composed.message["X-Unsent"] = "1"
    eml = gate.OutFile(Path(target), composed.message.as_bytes(), suffix=EML_SUFFIX)
    parcel = gate.Parcel(clearance, (eml, *composed.attachments), message_id=composed.message_id)
    sent = gate.send_out([parcel], kept=kept)
    return Written(Path(target), sent.warnings)


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


@dataclass(frozen=True)
class CopySent:
    address: str
    """The address as sent."""
    warnings: tuple[str, ...]
    """French sentences: what could not be recorded in the register (the copy has left)."""


def send_test(
    clearance: Clearance,
    address: str,
    *,
    sender: Address,
    server: SmtpServer,
    also: Iterable[str] = (),
) -> CopySent:
    """One copy to ``address``, ``[TEST]`` in the subject, recorded in the history as a test
    (the draft and the send log do not count it as a send). ``AddressError`` for an address
    that is not one, ``SendError`` when the server refuses."""
    from desktop.render.mail import mailbox
    from desktop.services.smtp_send import SendError, deliver, password_for

    require(clearance, TEST)
    recipient = mailbox(address).addr_spec
    composed = compose_message(clearance, sender=sender, also=also)
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
    if outcome.deferred:
        raise SendError(
            f"le serveur a mis « {recipient} » en attente ({outcome.deferred[recipient]}) : "
            "réessayez le test dans quelques minutes"
        )
    warnings = gate.record(
        gate.Parcel(clearance, composed.attachments, recipients=1, message_id=composed.message_id)
    )
    return CopySent(recipient, tuple(warnings))
