"""The register on a PostgreSQL server (psycopg 3): what is particular to psycopg (connecting,
rows, placeholders, errors in French); the backend itself is ``database.PostgresDatabase``.

Chosen by ``COMMUNIQUE_REGISTER=postgresql://role@host/base`` or its libpq keyword form
(``host=… dbname=… user=…``: see ``services.conninfo``). The same SQL as for SQLite runs
here: ``?`` placeholders become PostgreSQL's ``$1``, ``$2``… (``sql.numbered_placeholders``, which
leaves literals and comments alone), sent as they are through psycopg's ``RawCursor``. Every write is one ``SERIALIZABLE``
transaction, retried when PostgreSQL reports a conflict with a concurrent one (two officers
taking a number at the same instant): the counter and the new entry change together or not at
all, and a client killed in the middle leaves nothing (the server rolls its transaction back).

A server that cannot be reached gives ``RegisterUnavailable`` with a French sentence: no number
is ever given offline. The schema is upgraded only on request (``communique register migrate``),
so that one newer client does not lock out colleagues still on the previous version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from desktop.services.conninfo import mask
from desktop.store.register_errors import RegisterUnavailable
from desktop.store.sql import numbered_placeholders

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
SCHEMA_LOCK = 0x436F6D6D  # an advisory lock key: "Comm"
"""Held while a migration step runs, so that two ``migrate`` never run a step twice."""

_RETRY_STATES = {"40001", "40P01"}
"""serialization_failure, deadlock_detected: the transaction is run again."""


class Row(tuple[Any, ...]):
    """A row read by position or by column name, like ``sqlite3.Row``."""

    names: tuple[str, ...]

    def __new__(cls, names: tuple[str, ...], values: Sequence[Any]) -> Row:
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return super().__getitem__(self.names.index(key))
            except ValueError:
                raise IndexError(f"no column {key!r}") from None
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = tuple(column.name for column in cursor.description or ())
    return lambda values: Row(names, values)


class _Connection:
    """psycopg's connection speaking the ``?`` placeholders the rest of the code writes."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        if not parameters:
            return self.raw.execute(sql)  # may hold several statements (a migration script)
        return self.raw.execute(numbered_placeholders(sql), tuple(parameters))

    def close(self) -> None:
        self.raw.close()


def describe(url: str) -> str:
    """The server as messages name it (a URI or a keyword string alike): no password, ever."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(url)
    except Exception:  # an unparsable string: say so without echoing it
        return "serveur PostgreSQL (adresse illisible)"
    user = f"{info['user']}@" if info.get("user") else ""
    host = str(info.get("host") or "localhost")
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{user}{host}{port}/{info.get('dbname') or ''}"


def unreachable(exc: BaseException, where: str) -> RegisterUnavailable:
    """A French sentence for a server that cannot be used now; no number is given offline."""
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc)
    kept = "Aucun numéro n’a été attribué ; le brouillon reste modifiable."
    if state in ("28P01", "28000") or "password authentication failed" in text:
        return RegisterUnavailable(  # the server answered: retrying will not help
            f"Le registre partagé « {where} » refuse la connexion : le serveur a refusé "
            "l’identifiant ou le mot de passe. Vérifiez le rôle écrit dans l’adresse du registre "
            "et le mot de passe (variable PGPASSWORD ou fichier ~/.pgpass), ou demandez-les à "
            f"l’administrateur du serveur. {kept}"
        )
    if state == "3D000" or "does not exist" in text:
        return RegisterUnavailable(
            f"Le registre partagé « {where} » est introuvable : la base indiquée n’existe pas "
            f"sur le serveur. Vérifiez le nom de la base à la fin de l’adresse. {kept}"
        )
    return RegisterUnavailable(
        f"Le registre partagé « {where} » ne répond pas : {_connection_fault(text)}. {kept} "
        "Réessayez quand le serveur sera joignable."
    )


_FAULTS = (
    (
        "does not support SSL",
        "le serveur n’accepte pas de connexion chiffrée (TLS), alors que l’adresse du registre "
        "l’exige (sslmode=require ou plus strict) : demandez à son administrateur d’activer TLS",
    ),
    (
        "certificate verify failed",
        "le certificat du serveur n’est pas reconnu (sslmode=verify-ca ou verify-full) : "
        "indiquez l’autorité qui l’a signé (sslrootcert=…)",
    ),
    (
        "root certificate file",
        "le fichier de l’autorité de certification (sslrootcert) est introuvable",
    ),
    (
        "does not match host name",
        "le certificat du serveur est établi pour un autre nom que celui de l’adresse",
    ),
    (
        "pg_hba.conf",
        "le serveur refuse les connexions de ce poste ou de cet utilisateur (règles pg_hba.conf)",
    ),
    (
        "Connection refused",
        "connexion refusée : aucun serveur n’écoute à cette adresse et ce port",
    ),
    ("timeout expired", "le serveur ne répond pas (délai dépassé)"),
    (
        "could not translate host name",
        "le nom du serveur est inconnu (faute de frappe, ou réseau sans résolution de noms)",
    ),
)


def _connection_fault(text: str) -> str:
    """Why a connection failed, in French, from libpq's English text."""
    for mark, why in _FAULTS:
        if mark.lower() in text.lower():
            return why
    return "le serveur est injoignable (réseau, adresse ou serveur arrêté)"


def connect(url: str, *, timeout: int) -> _Connection:
    """A connection in autocommit (``write`` opens its own transactions); ``RegisterUnavailable``
    when psycopg is missing, the address is invalid or the server does not answer."""
    try:
        import psycopg
    except ImportError as exc:
        raise RegisterUnavailable(
            "Le registre est sur un serveur PostgreSQL, mais le module psycopg n’est pas "
            "installé : installez « psycopg[binary] » (pip install 'psycopg[binary]')."
        ) from exc
    where = describe(url)
    try:
        raw = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=timeout,
            row_factory=_row_factory,
            cursor_factory=psycopg.RawCursor,
            application_name="communique",
        )
    except psycopg.ProgrammingError as exc:
        raise RegisterUnavailable(
            f"L’adresse du registre n’est pas une adresse PostgreSQL valide ({where}) : "
            "vérifiez la variable COMMUNIQUE_REGISTER."
        ) from exc
    except psycopg.Error as exc:
        log.info("register server %s unreachable: %s", where, mask(str(exc)))
        raise unreachable(exc, where) from exc
    return _Connection(raw)


def is_retryable(exc: BaseException) -> bool:
    """A conflict with a concurrent transaction: running it again is the remedy."""
    return (getattr(exc, "sqlstate", None) or "") in _RETRY_STATES


def server_error_types() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.Error,)


def translate(exc: BaseException, location: str, conn: _Connection) -> RegisterUnavailable:
    """A French sentence for a server's refusal or failure, naming the register."""
    import psycopg

    where = f"Le registre « {location} »"
    state = getattr(exc, "sqlstate", None) or ""
    if conn.raw.closed or (isinstance(exc, psycopg.OperationalError) and not state):
        return unreachable(exc, location)
    if state.startswith("23"):  # integrity_constraint_violation and its kinds
        return RegisterUnavailable(f"{where} a refusé une écriture incohérente ({mask(str(exc))}).")
    if state == "42501":
        return RegisterUnavailable(
            f"{where} refuse cette opération au rôle de connexion (droits insuffisants) : "
            "rien n’a été enregistré."
        )
    if state == "25006":
        return RegisterUnavailable(
            f"{where} est en lecture seule : il peut être consulté, mais rien ne peut y être "
            "enregistré."
        )
    return RegisterUnavailable(f"{where} : erreur inattendue du serveur ({mask(str(exc))}).")
