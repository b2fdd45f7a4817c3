"""The e-mail settings a user sets in *Édition › Préférences…*: the SMTP server, its port, its
security, the login and the office's sender, kept in ``envoi.json`` (the file
``smtp_send.settings`` reads) and written atomically, readable by its owner only (0600).

The password goes to the system keyring when there is one; where there is none (a headless
Linux) it is kept in the same 0600 file. It is never shown in clear, never logged, and never
part of the server's address. ``check`` turns what the form holds into settings or a French
message; ``try_connection`` opens a connection and logs in, as a send would, and says so.
"""

from __future__ import annotations

import json
import logging
import re
import smtplib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from desktop.core.addresses import checked_address
from desktop.core.errors import CommuniqueError
from desktop.services import paths
from desktop.services.files import atomic_write, read_json
from desktop.services.smtp_send import (
    KEYRING_SERVICE,
    SETTINGS_FILE,
    TIMEOUT_S,
    SendError,
    SmtpServer,
    connect_and_log_in,
)

log = logging.getLogger(__name__)

STARTTLS = "starttls"
TLS = "tls"
DEFAULT_PORTS = {STARTTLS: 587, TLS: 465}
PASSWORD_KEY = "password"
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]+")


class MailSettingsError(CommuniqueError):
    """A value of the form that cannot be kept; the message is a French sentence."""


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = DEFAULT_PORTS[STARTTLS]
    security: str = STARTTLS
    user: str = ""
    sender: str = ""

    @property
    def url(self) -> str:
        """``smtp://[user@]host:port`` (STARTTLS) or ``smtps://…`` (TLS); "" without a host."""
        if not self.host:
            return ""
        scheme = "smtps" if self.security == TLS else "smtp"
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"{scheme}://{user}{host}:{self.port}"

    def server(self) -> SmtpServer:
        return SmtpServer.from_url(self.url)


def settings_path() -> Path:
    """``envoi.json`` in the configuration folder."""
    return paths.config_dir() / SETTINGS_FILE


def _file() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def _stored() -> dict[str, object]:
    try:
        data = read_json(_file())
    except (OSError, CommuniqueError):  # missing or damaged: the form starts empty
        return {}
    return data if isinstance(data, dict) else {}


def load() -> MailSettings:
    """What ``envoi.json`` (or else the machine's preset) holds; empty fields where nothing."""
    from desktop.services.site_settings import site_settings

    preset = site_settings()
    data = _stored()
    url = data.get("smtp") if isinstance(data.get("smtp"), str) else preset.smtp
    sender = data.get("sender") if isinstance(data.get("sender"), str) else preset.sender
    settings = MailSettings(sender=str(sender or ""))
    if url:
        try:
            server = SmtpServer.from_url(str(url))
        except SendError:
            log.info("the e-mail server of the settings is not an address")
            return settings
        security = TLS if server.implicit_tls else STARTTLS
        return MailSettings(server.host, server.port, security, server.user, settings.sender)
    return settings


def has_password() -> bool:
    """A password is kept (in the keyring or the file) for the server of the settings."""
    from desktop.services.smtp_send import password_for

    settings = load()
    return bool(settings.host and settings.user and password_for(settings.server()))


def check(
    host: str, port: str, security: str, user: str, sender: str, *, password: str = ""
) -> MailSettings:
    """The form's values as settings; ``MailSettingsError`` with a French message otherwise
    (``password`` is only looked at: a password without a login would be lost)."""
    host, port, user, sender = host.strip(), port.strip(), user.strip(), sender.strip()
    if password and not user:
        raise MailSettingsError("indiquez l’identifiant de connexion qui va avec le mot de passe")
    if security not in DEFAULT_PORTS:
        raise MailSettingsError(f"sécurité inconnue : « {security} »")
    if host and not _HOST.fullmatch(host):
        raise MailSettingsError(
            f"le serveur « {host} » n’est pas un nom de machine (exemple : smtp.exemple.gouv.fr, "
            "sans « smtp:// » ni espace)"
        )
    if not port:
        number = DEFAULT_PORTS[security]
    elif not port.isdigit() or not 1 <= int(port) <= 65535:
        raise MailSettingsError(f"le port « {port} » doit être un nombre entre 1 et 65535")
    else:
        number = int(port)
    if (user or port) and not host:
        raise MailSettingsError("indiquez le serveur d’envoi (exemple : smtp.exemple.gouv.fr)")
    if any(c.isspace() for c in user):
        raise MailSettingsError("l’identifiant de connexion ne doit pas contenir d’espace")
    if sender:
        found = re.fullmatch(r"(?:\"?([^\"<>]*?)\"?\s*)?<([^<>]+)>", sender)
        if any(c in sender for c in "\r\n") or not checked_address(
            found.group(2) if found else sender
        ):
            raise MailSettingsError(
                f"l’expéditeur « {sender} » n’est pas une adresse (exemple : Service de presse "
                "<presse@exemple.gouv.fr>)"
            )
    return MailSettings(host, number, security, user, sender)


def _to_keyring(server: SmtpServer, password: str) -> bool:
    """True when the system keyring took the password."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, server.keyring_user, password)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring for the e-mail password: %s", type(exc).__name__)
        return False
    return True


def save(settings: MailSettings, password: str | None = None) -> Path:
    """Keep ``settings`` in ``envoi.json`` (0600, atomic). ``password``: None or "" keeps the
    one kept for the same server, a new server forgets it; a password goes to the keyring, or
    to the file where there is no keyring."""
    path = _file()
    data = _stored()
    before = data.get("smtp")
    if settings.url:
        data["smtp"] = settings.url
    else:
        data.pop("smtp", None)
    if settings.sender:
        data["sender"] = settings.sender
    else:
        data.pop("sender", None)
    if before != data.get("smtp") or not settings.user:
        data.pop(PASSWORD_KEY, None)
    if password and settings.user:
        if _to_keyring(settings.server(), password):
            data.pop(PASSWORD_KEY, None)
        else:
            data[PASSWORD_KEY] = password
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    atomic_write(path, text.encode("utf-8"), private=True)
    log.info("e-mail settings kept in %s", path)
    return path


def try_connection(settings: MailSettings, password: str | None = None) -> str:
    """Connect to the server and log in as a send would, then leave; a French sentence saying
    so, or ``SendError`` with the reason. ``password``: the one typed, else the kept one."""
    from desktop.services.smtp_send import password_for

    if not settings.host:
        raise SendError("aucun serveur d’envoi n’est indiqué")
    server = settings.server()
    client = connect_and_log_in(server, TIMEOUT_S, password or password_for(server))
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
    who = f" en tant que « {server.user} »" if server.user else ""
    return f"connexion réussie à {server.host}:{server.port}{who}"
