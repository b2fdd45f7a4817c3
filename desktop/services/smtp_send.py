"""Sending a message through SMTP, one recipient at a time, in batches.

Each recipient is named only in the envelope (``RCPT TO``): the message's visible headers are
addressed to the office itself, so no journalist sees another's address. The recipients go in
batches, one connection each, with a pause between them; the caller records each result as it
comes (``on_result``), so that a send interrupted by a dropped connection resumes without
sending twice to the same address.

The server comes from ``COMMUNIQUE_SMTP`` or the settings file (``smtp://host:port`` with
STARTTLS, ``smtps://host:port`` with TLS from the start); STARTTLS is required unless the host
is this machine. The password comes from the system keyring (``keyring``) or, where there is
none (a headless Linux), from ``COMMUNIQUE_SMTP_PASSWORD`` or from ``envoi.json`` (0600), where
*Préférences* keeps it when there is no keyring (``services.mail_settings``).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop.core.errors import CommuniqueError, OutsideError
from desktop.services import paths
from desktop.services.conninfo import mask
from desktop.services.files import InputRefused, describe_os_error, read_json

log = logging.getLogger(__name__)

SMTP_ENV_VAR = "COMMUNIQUE_SMTP"
PASSWORD_ENV_VAR = "COMMUNIQUE_SMTP_PASSWORD"
SENDER_ENV_VAR = "COMMUNIQUE_SENDER"
CAFILE_ENV_VAR = "COMMUNIQUE_SMTP_CAFILE"
"""A certificate authority to trust besides the system's (a ministry's own)."""
KEYRING_SERVICE = "communique-smtp"
SETTINGS_FILE = paths.SENDING_FILE
DEFAULT_BATCH = 20
DEFAULT_PAUSE_S = 2.0
TIMEOUT_S = 30.0


class SendError(OutsideError):
    """A send that cannot go on; the message is a French sentence."""


class SendInterrupted(SendError):
    """The connection was lost in the middle: what was recorded stays, the rest is pending."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    implicit_tls: bool = False
    user: str = ""
    require_tls: bool = True

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """``smtp://[user@]host[:port]`` (STARTTLS, port 587) or ``smtps://…`` (port 465)."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as exc:
            raise SendError(f"adresse de serveur SMTP invalide : « {mask(url)} »") from exc
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname or parts.password:
            raise SendError(
                f"adresse de serveur SMTP invalide : « {mask(url)} » (attendu smtp://hôte:port ou "
                "smtps://hôte:port ; le mot de passe ne s’écrit pas dans l’adresse)"
            )
        implicit = parts.scheme == "smtps"
        host = parts.hostname
        return cls(
            host,
            port or (465 if implicit else 587),
            implicit,
            unquote(parts.username or ""),
            require_tls=not is_local(host),
        )


def is_local(host: str) -> bool:
    """This machine: ``localhost`` or a loopback address."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings() -> dict[str, str]:
    """The machine's preset (``site_settings``), overridden by ``envoi.json`` in the
    configuration folder (``{"smtp": …, "sender": …}``), overridden by ``COMMUNIQUE_SMTP`` and
    ``COMMUNIQUE_SENDER``."""
    from desktop.services.site_settings import site_settings

    preset = site_settings()  # what IT set for the machine, under the user's own choices
    found = {k: v for k, v in (("smtp", preset.smtp), ("sender", preset.sender)) if v}
    path: Path = paths.config_dir() / SETTINGS_FILE
    try:
        data = read_json(path)
    except FileNotFoundError:
        data = {}
    except InputRefused as exc:
        raise SendError(f"les réglages d’envoi « {path} » sont illisibles ({exc.message})") from exc
    except OSError as exc:
        reason = describe_os_error(exc, path)
        raise SendError(f"les réglages d’envoi sont illisibles : {reason}") from exc
    if isinstance(data, dict):
        found |= {k: v for k, v in data.items() if isinstance(v, str) and k in ("smtp", "sender")}
    for key, variable in (("smtp", SMTP_ENV_VAR), ("sender", SENDER_ENV_VAR)):
        value = os.environ.get(variable, "").strip()
        if value:
            found[key] = value
    return found


def save_sender(sender: str) -> Path:
    """Keep the office's sender in ``envoi.json`` (the server's address is kept if there)."""
    from desktop.services.files import atomic_write

    path: Path = paths.config_dir() / SETTINGS_FILE
    try:
        data = read_json(path)
    except OSError:  # missing or damaged: the sender starts a new file
        data = {}
    data = data if isinstance(data, dict) else {}
    data["sender"] = sender
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    atomic_write(path, text.encode("utf-8"), private=True)  # it may hold the password
    return path


def password_for(server: SmtpServer) -> str | None:
    """The password from the keyring, else ``COMMUNIQUE_SMTP_PASSWORD``, else None."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            secret = keyring.get_password(KEYRING_SERVICE, server.keyring_user)
        except KeyringError as exc:  # no backend (headless Linux): the variable is the way
            log.info("no keyring: %s", exc)
            secret = None
    except ImportError:
        secret = None
    if secret:
        return secret
    return os.environ.get(PASSWORD_ENV_VAR) or _password_in_file(server)


def _password_in_file(server: SmtpServer) -> str | None:
    """The password *Préférences* kept in ``envoi.json`` (0600) where there is no keyring, for
    the server that file names."""
    try:
        data = read_json(paths.config_dir() / SETTINGS_FILE)
    except (OSError, CommuniqueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("password"), str):
        return None
    try:
        kept = SmtpServer.from_url(str(data.get("smtp", "")))
    except SendError:
        return None
    same = (kept.host, kept.port, kept.user) == (server.host, server.port, server.user)
    return str(data["password"]) if same else None


def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, plus ``COMMUNIQUE_SMTP_CAFILE`` when set."""
    context = ssl.create_default_context()
    cafile = os.environ.get(CAFILE_ENV_VAR, "").strip()
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise SendError(
                f"certificat d’autorité illisible « {cafile} » (variable {CAFILE_ENV_VAR})"
            ) from exc
    return context


@dataclass
class Outcome:
    sent: list[str]
    refused: dict[str, str]
    cancelled: bool = False
    """``cancel`` said stop: the recipients not reached are still to be sent to."""
    deferred: dict[str, str] = field(default_factory=dict)
    """Recipients the server answered with a temporary refusal (4xx) every time this run asked:
    they stay to be sent to by the next run."""


ResultHook = Callable[[str, str, str], None]
"""``on_result(address, "sent" | "refused" | "deferred", detail)``, called as each result
comes; ``deferred`` is a temporary refusal (4xx) after every retry of this run."""
CancelHook = Callable[[], bool]
"""``cancel()``: True to stop before the next recipient (the message under way is finished)."""
PAUSE_SLICE_S = 0.05
"""How often a pause between batches looks at ``cancel``."""
DEFAULT_RETRY_DELAYS_S = (4.0, 20.0)
"""After a temporary refusal (4xx) of one recipient, the waits before trying again in the same
run; after the last one the recipient is left *en attente* for the next run."""


def deliver(
    message: bytes,
    envelope_from: str,
    recipients: Sequence[str],
    server: SmtpServer,
    *,
    on_result: ResultHook,
    password: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    pause: float = DEFAULT_PAUSE_S,
    context: ssl.SSLContext | None = None,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = TIMEOUT_S,
    cancel: CancelHook | None = None,
    retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS_S,
) -> Outcome:
    """Send ``message`` to each recipient alone, ``batch_size`` per connection. ``cancel`` is
    asked before each recipient and during the pauses; when it says stop, the outcome says
    ``cancelled`` and the recipients not reached were not sent to.

    Each recipient's answer counts for that recipient only: a permanent refusal (5xx, at
    ``RCPT`` or after ``DATA``) is recorded as refused and the send goes on; a temporary one
    (4xx) is tried again after each of ``retry_delays``, then left *deferred*. Only a refused
    sender, a refused password or a lost connection stop the send."""
    outcome = Outcome([], {})
    stop = cancel or (lambda: False)
    batches = [
        list(recipients[i : i + batch_size]) for i in range(0, len(recipients), max(batch_size, 1))
    ]
    for index, batch in enumerate(batches):
        if index:
            _pause(pause, sleep, stop if cancel is not None else None)
        if stop():
            outcome.cancelled = True
            return outcome
        _send_batch(
            message,
            envelope_from,
            batch,
            server,
            outcome=outcome,
            on_result=on_result,
            password=password,
            context=context or tls_context(),
            timeout=timeout,
            stop=stop,
            waits=_Waits(tuple(retry_delays), sleep, stop if cancel is not None else None),
        )
        if outcome.cancelled:
            return outcome
    return outcome


def _pause(seconds: float, sleep: Callable[[float], None], cancel: CancelHook | None) -> None:
    """The pause between two batches, cut short when ``cancel`` says stop."""
    if cancel is None:
        sleep(seconds)
        return
    deadline = time.monotonic() + seconds
    while not cancel():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        sleep(min(PAUSE_SLICE_S, left))


@dataclass(frozen=True)
class _Waits:
    delays: tuple[float, ...]
    sleep: Callable[[float], None]
    cancel: CancelHook | None


class _Temporary(CommuniqueError):
    """A 4xx answer for one recipient: try again later."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _Permanent(CommuniqueError):
    """A 5xx answer for one recipient, or an address this server cannot carry."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def envelope_address(address: str) -> tuple[str, bool]:
    """``address`` as the SMTP envelope carries it: the domain in IDNA (``exémple.fr`` as
    ``xn--exmple-cva.fr``), and whether the local part needs SMTPUTF8 (it is not ASCII)."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address, not address.isascii()
    if not domain.isascii():
        from email_validator import EmailNotValidError, validate_email

        with contextlib.suppress(EmailNotValidError):  # else refused for this address alone
            domain = validate_email(f"a@{domain}", check_deliverability=False).ascii_domain
    return f"{local}@{domain}", not local.isascii()


def _send_batch(
    message: bytes,
    envelope_from: str,
    batch: list[str],
    server: SmtpServer,
    *,
    outcome: Outcome,
    on_result: ResultHook,
    password: str | None,
    context: ssl.SSLContext,
    timeout: float,
    stop: CancelHook,
    waits: _Waits,
) -> None:
    where = f"{server.host}:{server.port}"
    client = connect_and_log_in(server, timeout, password, context)
    sender, sender_utf8 = envelope_address(envelope_from)
    utf8 = client.has_extn("smtputf8")
    if sender_utf8 and not utf8:
        client.close()
        raise SendError(
            f"l’adresse d’expédition « {envelope_from} » contient des caractères accentués avant "
            f"l’arobase et le serveur {where} n’accepte pas les adresses internationalisées "
            "(SMTPUTF8) : choisissez une adresse d’expédition sans accent"
        )
    try:
        for address in batch:
            if stop():
                outcome.cancelled = True
                return
            state, detail = _one_recipient(
                client, message, sender, address, utf8=utf8, where=where, waits=waits
            )
            if state == "sent":
                outcome.sent.append(address)
            elif state == "refused":
                outcome.refused[address] = detail
            else:
                outcome.deferred[address] = detail
            on_result(address, state, detail)
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def _one_recipient(
    client: smtplib.SMTP,
    message: bytes,
    sender: str,
    address: str,
    *,
    utf8: bool,
    where: str,
    waits: _Waits,
) -> tuple[str, str]:
    """``("sent", "")``, ``("refused", reply)`` or ``("deferred", reply)`` for one address,
    trying again after each of ``waits.delays`` while the answer is temporary."""
    rcpt, needs_utf8 = envelope_address(address)
    if needs_utf8 and not utf8:
        return "refused", (
            "adresse internationalisée (accents avant l’arobase) que ce serveur n’accepte pas "
            "(SMTPUTF8 absent)"
        )
    options = ["SMTPUTF8"] if needs_utf8 else []
    delays = list(waits.delays)
    while True:
        try:
            _attempt(client, message, sender, rcpt, options=options, where=where)
        except _Permanent as exc:
            return "refused", exc.detail
        except _Temporary as exc:
            if not delays:
                return "deferred", exc.detail
            _pause(delays.pop(0), waits.sleep, waits.cancel)
            if waits.cancel is not None and waits.cancel():
                return "deferred", exc.detail
            continue
        return "sent", ""


def _attempt(
    client: smtplib.SMTP,
    message: bytes,
    sender: str,
    rcpt: str,
    *,
    options: list[str],
    where: str,
) -> None:
    """One try of one message to one recipient; the server's answer as ``_Permanent`` or
    ``_Temporary``, the send's end as ``SendError`` or ``SendInterrupted``."""
    try:
        client.sendmail(sender, [rcpt], message, mail_options=options)
    except smtplib.SMTPRecipientsRefused as exc:
        answer = exc.recipients.get(rcpt) or next(iter(exc.recipients.values()), (0, b""))
        detail = _reply(answer)
        if 400 <= int(answer[0]) < 500:
            raise _Temporary(detail) from exc
        raise _Permanent(detail) from exc
    except smtplib.SMTPSenderRefused as exc:
        if 400 <= exc.smtp_code < 500 and exc.smtp_code != 421:
            raise _Temporary(_reply(exc)) from exc
        raise SendError(
            f"le serveur {where} refuse l’expéditeur « {sender} » ({_reply(exc)})"
        ) from exc
    except smtplib.SMTPDataError as exc:
        if 400 <= exc.smtp_code < 500 and exc.smtp_code != 421:
            raise _Temporary(_reply(exc)) from exc
        if 500 <= exc.smtp_code < 600:
            raise _Permanent(_reply(exc)) from exc
        raise SendInterrupted(
            f"le serveur {where} a interrompu la connexion ({_reply(exc)})"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise _Permanent(f"refusée par le serveur ({exc})") from exc
    except (UnicodeError, ValueError) as exc:
        raise _Permanent(f"adresse que le serveur ne peut pas recevoir ({exc})") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise SendInterrupted(
            f"la connexion au serveur {where} a été perdue ({_reason(exc)})"
        ) from exc


def _certificate_reason(exc: ssl.SSLCertVerificationError) -> str:
    """The certificate's fault in French (OpenSSL's verify codes)."""
    reasons = {
        10: "certificat expiré",
        9: "certificat pas encore valable",
        18: "certificat auto-signé",
        19: "chaîne de certificats auto-signée",
        20: "autorité de certification inconnue",
        21: "autorité de certification inconnue",
        62: "le nom du serveur ne correspond pas au certificat",
    }
    return reasons.get(exc.verify_code, f"code de vérification {exc.verify_code}")


def connect_and_log_in(
    server: SmtpServer,
    timeout: float,
    password: str | None,
    context: ssl.SSLContext | None = None,
) -> smtplib.SMTP:
    """A connection to ``server``, encrypted and logged in; ``SendError`` (a wrong password)
    or ``SendInterrupted`` (no connection) with the reason in French."""
    where = f"{server.host}:{server.port}"
    try:
        return _connect(server, context or tls_context(), timeout, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(
            f"le serveur {where} a refusé l’identification de « {server.user} » "
            f"({_reply(exc)}) : vérifiez le mot de passe"
        ) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise SendInterrupted(f"connexion impossible au serveur {where} ({_reason(exc)})") from exc


def _connect(
    server: SmtpServer, context: ssl.SSLContext, timeout: float, password: str | None
) -> smtplib.SMTP:
    client: smtplib.SMTP
    if server.implicit_tls:
        client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        client.ehlo()
        secure = server.implicit_tls
        if not secure and client.has_extn("starttls"):
            client.starttls(context=context)
            client.ehlo()
            secure = True
        if not secure and server.require_tls:
            raise SendError(
                f"le serveur {server.host}:{server.port} ne propose pas STARTTLS : "
                "l’envoi sans chiffrement est refusé (sauf vers cette machine)"
            )
        if server.user:
            if password is None:
                raise SendError(
                    f"aucun mot de passe pour « {server.user} » : enregistrez-le dans le "
                    f"trousseau du système (service « {KEYRING_SERVICE} », compte "
                    f"« {server.keyring_user} ») ou dans la variable {PASSWORD_ENV_VAR}"
                )
            client.login(server.user, password)
    except BaseException:
        client.close()
        raise
    return client


def _reply(exc: object) -> str:
    """``550 Unknown user`` from an SMTP error or a (code, message) pair."""
    if isinstance(exc, tuple) and len(exc) == 2:
        code, text = exc
    else:
        code, text = getattr(exc, "smtp_code", ""), getattr(exc, "smtp_error", b"")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(f"{code} {text}".split())


def _reason(exc: BaseException) -> str:
    """Why a connection failed, in French (the system's text is English)."""
    import socket

    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"certificat refusé : {_certificate_reason(exc)} ; si votre ministère a sa propre "
            f"autorité de certification, indiquez son fichier dans {CAFILE_ENV_VAR}"
        )
    if isinstance(exc, ssl.SSLError):
        return "échec de la négociation du chiffrement TLS"
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée : aucun serveur n’écoute à cette adresse et ce port"
    if isinstance(exc, socket.gaierror):
        return "nom de serveur inconnu"
    if isinstance(exc, TimeoutError):
        return "le serveur ne répond pas (délai dépassé)"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "le serveur a fermé la connexion"
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return "la connexion a été coupée"
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"erreur du système : {exc.strerror}"
    return str(exc) or type(exc).__name__
