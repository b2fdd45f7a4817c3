"""Connection strings without psycopg: telling a server's address from a file's, and masking
the passwords they may hold before anything shows them.

``COMMUNIQUE_REGISTER`` names a PostgreSQL server in either of libpq's two forms: a URI
(``postgresql://rôle:secret@hôte/base``) or a keyword string (``host=hôte dbname=base
user=rôle password=secret``), recognised here by a strict pattern (every word a ``key=value``
with a key libpq knows), so that psycopg, an optional dependency, is imported only to connect.
Anything else must be a path ending in the register file's suffix; a value that is neither is
refused (``RegisterAddressRefused``), never taken as a file name (a keyword string once made a
SQLite file named after its password).

``mask`` replaces every password in a text (a URI's ``user:secret@``, a ``password=`` keyword
or query parameter, whatever the scheme: ``smtp://``, a mistyped ``postgresq://``) with
``****``: every message, log line or description of a connection string goes through it. A
refused value is shown through ``redact``, which masks every value of a ``key=value`` form.
"""

from __future__ import annotations

import re

from desktop.core.errors import EXIT_INVALID, CommuniqueError

URI_SCHEMES = ("postgresql://", "postgres://")
REGISTER_SUFFIX = ".sqlite"
MASK = "****"

KEYWORDS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "passfile",
        "require_auth",
        "channel_binding",
        "connect_timeout",
        "client_encoding",
        "options",
        "application_name",
        "fallback_application_name",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
        "replication",
        "gssencmode",
        "sslmode",
        "requiressl",
        "sslcompression",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslcertmode",
        "sslrootcert",
        "sslcrl",
        "sslcrldir",
        "sslsni",
        "requirepeer",
        "ssl_min_protocol_version",
        "ssl_max_protocol_version",
        "krbsrvname",
        "gsslib",
        "gssdelegation",
        "service",
        "target_session_attrs",
        "load_balance_hosts",
    }
)
"""libpq's connection keywords (PostgreSQL 16)."""

_VALUE = r"(?:'(?:[^'\\]|\\.)*'|(?:[^\s'\\]|\\.)+)"
_PAIR = re.compile(rf"\s*([a-z_]+)\s*=\s*({_VALUE})\s*")
_SECRET_KEYS = r"(?:password|sslpassword)"
_URI_PASSWORD = re.compile(
    r"(?i)((?:\b[a-z][a-z0-9+.\-]*:)?//[^\s:/@]*:|(?<![^\s«\"'(\[])[^\s:/@«\"'(\[]+:(?!//))"
    r"([^\s@]*)@"
)
"""``scheme://user:password@``, and the same without its scheme (``//user:password@``, or
``user:password@host`` where the scheme was forgotten)."""
_KEYWORD_PASSWORD = re.compile(
    rf"(?i)(?<![\w-])({_SECRET_KEYS}\s*=\s*)('(?:[^'\\]|\\.)*'|(?:\\.|[^\s&'\\])+)"
)


class RegisterAddressRefused(CommuniqueError):
    """``COMMUNIQUE_REGISTER`` names neither a server nor a register file."""

    exit_code = EXIT_INVALID


def is_uri(value: str) -> bool:
    return value.strip().lower().startswith(URI_SCHEMES)


def is_keyword_string(value: str) -> bool:
    """libpq's ``key=value`` form, every key one libpq knows (strict: a path never matches)."""
    text = value.strip()
    if not text:
        return False
    position = 0
    keys = 0
    while position < len(text):
        found = _PAIR.match(text, position)
        if found is None or found.end() == position or found.group(1) not in KEYWORDS:
            return False
        position = found.end()
        keys += 1
    return keys > 0


def is_server(value: str) -> bool:
    """A PostgreSQL server's address, in either form."""
    return is_uri(value) or is_keyword_string(value)


def is_register_file(value: str) -> bool:
    """A path ending in ``.sqlite`` (``paths`` also wants it complete)."""
    return value.strip().lower().endswith(REGISTER_SUFFIX)


def mask(text: str) -> str:
    """``text`` with every password replaced by ``****``."""
    text = _URI_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}", text)


_ANY_VALUE = re.compile(rf"(=\s*)({_VALUE})")


def redact(value: str) -> str:
    """A refused connection string as it may be shown: its passwords masked and, when it is not
    a URI, every ``key=value``'s value too (a mistyped keyword, ``passwd=``, may hold one)."""
    if "://" in value:
        return mask(value)
    return _ANY_VALUE.sub(lambda m: f"{m.group(1)}{MASK}", value)


def refusal(variable: str, value: str) -> RegisterAddressRefused:
    """The French refusal of a value that names neither a server nor a register file."""
    if value.strip().lower().endswith(REGISTER_SUFFIX):
        return RegisterAddressRefused(
            f"La variable {variable} («\u00a0{redact(value.strip())}\u00a0») est un chemin "
            "relatif\u00a0: chaque dossier où Communiqué est lancé aurait son propre registre, et "
            "ses propres numéros. Donnez le chemin complet du fichier. Aucun registre n’a été "
            "ouvert ni créé."
        )
    return RegisterAddressRefused(
        f"La variable {variable} («\u00a0{redact(value.strip())}\u00a0») ne désigne ni un "
        "serveur PostgreSQL (postgresql://rôle@serveur/base, ou «\u00a0host=serveur "
        f"dbname=base user=rôle\u00a0»), ni un fichier de registre (chemin terminé par "
        f"{REGISTER_SUFFIX})\u00a0: corrigez-la. Aucun registre n’a été ouvert ni créé."
    )
