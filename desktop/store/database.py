"""The register's database: where it lives, opening it safely, its schema and upgrades.

Two backends share one interface (``Database``): an SQLite file, the embedded default, and a
PostgreSQL server for a team (``COMMUNIQUE_REGISTER=postgresql://…``; see ``database_pg``). Code
above this module writes its SQL once, with ``?`` placeholders, and runs it through ``read``,
``run`` and ``write``; the PostgreSQL backend adapts the placeholders.

In SQLite, one file holds the numbering register and the contact directory. Several processes
(two windows, a script, several machines on a shared folder) may use it at once, so every write is
one ``BEGIN IMMEDIATE`` transaction: SQLite serialises them, a waiting writer retries for a bounded
time, then gives up with a French message rather than a wrong number. WAL lets readers go on
while a number is being given; ``synchronous=FULL`` because a number committed, written into a
draft, then lost at a power cut would be given twice.

The schema has a version (``PRAGMA user_version`` in SQLite, the table ``schema_version`` in
PostgreSQL); each upgrade is a ``Step`` of ``MIGRATIONS``, run in one transaction, and a copy of
an SQLite file is made before the first step. A step is portable SQL that both backends run, or
carries a PostgreSQL variant where the two must differ::

    MIGRATIONS.append(Step("mailing lists", "CREATE TABLE lists (...)"))
    MIGRATIONS.append(Step("x", sqlite="...", postgresql="..."))   # where they differ

A string is an SQL script (statements separated by ``;``); a callable receives the connection.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from desktop.core.numbers import DEFAULT_FORMAT, format_label
from desktop.services.paths import REGISTER_ENV_VAR as ENV_VAR
from desktop.services.paths import register_path, register_url
from desktop.store.register_errors import (
    RegisterBusy,
    RegisterError,
    RegisterRefused,
    RegisterUnavailable,
)

__all__ = ["RegisterBusy", "RegisterError", "RegisterRefused", "RegisterUnavailable"]

DEFAULT_SERIES = "CP"
ATTEMPT_TIMEOUT_S = 1.0
"""SQLite's own busy wait for one attempt; attempts repeat until ``max_wait``."""
DEFAULT_MAX_WAIT_S = 20.0
WAIT_ENV_VAR = "COMMUNIQUE_REGISTER_WAIT"
"""Seconds to wait for a busy register before giving up (a slow shared folder may need more)."""

T = TypeVar("T")


class Cursor(Protocol):
    """What a statement gives back, in both backends: rows read by index or by column name."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection as ``write``/``run`` work sees it: ``execute(sql, params)`` with ``?``."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...


Work = str | Callable[[Connection], None]
"""A migration's work: an SQL script (statements ending with ``;``) or a function."""


@dataclass(frozen=True)
class Step:
    """One upgrade of the schema, from version n to n + 1 (n is its index in ``MIGRATIONS``).

    ``sql`` runs on both backends; ``postgresql`` (or ``sqlite``) replaces it on that backend
    where they must differ. Each step runs in one transaction, with the new version number."""

    name: str
    sql: Work | None = None
    sqlite: Work | None = None
    postgresql: Work | None = None

    def work(self, dialect: str) -> Work:
        chosen = self.postgresql if dialect == "postgresql" else self.sqlite
        found = chosen if chosen is not None else self.sql
        if found is None:
            raise ValueError(f"migration step {self.name!r} has no work for {dialect}")
        return found


# ---------------------------------------------------------------- where it lives


# ---------------------------------------------------------------- schema

_SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE series (
    name   TEXT PRIMARY KEY,
    yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    format TEXT NOT NULL DEFAULT 'N°{n}'
) WITHOUT ROWID;
-- One row per sequence: the next number to give. Period is the year for a yearly series, 0 for
-- a continuous one. Kept apart from the entries so that a number, once counted, is never
-- counted again, whatever happens to the entries or the drafts.
CREATE TABLE counters (
    series TEXT NOT NULL REFERENCES series (name),
    period INTEGER NOT NULL,
    next   INTEGER NOT NULL CHECK (next >= 1),
    PRIMARY KEY (series, period)
) WITHOUT ROWID;
CREATE TABLE entries (
    id            TEXT PRIMARY KEY,
    series        TEXT NOT NULL REFERENCES series (name),
    period        INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    year          INTEGER NOT NULL,
    headline      TEXT NOT NULL,
    release_date  TEXT,
    draft_path    TEXT NOT NULL,
    draft_sha256  TEXT NOT NULL,
    -- 1 once the number is in the draft; until then the entry can be claimed by the same,
    -- unchanged draft (the process died between the commit and the draft's save).
    draft_written INTEGER NOT NULL DEFAULT 0,
    issued_at     TEXT NOT NULL,
    issued_by     TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'cancelled')),
    cancelled_at  TEXT,
    cancelled_by  TEXT,
    cancel_reason TEXT,
    UNIQUE (series, period, number)
);
CREATE INDEX entries_by_draft ON entries (draft_path, draft_sha256);
CREATE TRIGGER entries_are_kept BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END;
CREATE TRIGGER numbers_are_fixed BEFORE UPDATE OF series, period, number ON entries
BEGIN SELECT RAISE(ABORT, 'a register number never changes'); END;
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
"""


_SCHEMA_1_POSTGRESQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE series (
    name   TEXT PRIMARY KEY,
    yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    format TEXT NOT NULL DEFAULT 'N°{n}'
);
CREATE TABLE counters (
    series TEXT NOT NULL REFERENCES series (name),
    period INTEGER NOT NULL,
    next   INTEGER NOT NULL CHECK (next >= 1),
    PRIMARY KEY (series, period)
);
-- PostgreSQL has no implicit rowid: this column keeps the order of issue under the same name,
-- so that "ORDER BY rowid" reads the same on both backends.
CREATE TABLE entries (
    rowid         BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
    id            TEXT PRIMARY KEY,
    series        TEXT NOT NULL REFERENCES series (name),
    period        INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    year          INTEGER NOT NULL,
    headline      TEXT NOT NULL,
    release_date  TEXT,
    draft_path    TEXT NOT NULL,
    draft_sha256  TEXT NOT NULL,
    draft_written INTEGER NOT NULL DEFAULT 0,
    issued_at     TEXT NOT NULL,
    issued_by     TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'cancelled')),
    cancelled_at  TEXT,
    cancelled_by  TEXT,
    cancel_reason TEXT,
    UNIQUE (series, period, number)
);
CREATE INDEX entries_by_draft ON entries (draft_path, draft_sha256);
CREATE FUNCTION communique_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation'; END $$;
CREATE TRIGGER entries_are_kept BEFORE DELETE ON entries FOR EACH ROW
    EXECUTE FUNCTION communique_refuse('register entries are never deleted');
CREATE TRIGGER numbers_are_fixed BEFORE UPDATE OF series, period, number ON entries FOR EACH ROW
    EXECUTE FUNCTION communique_refuse('a register number never changes');
CREATE TABLE contacts (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
"""


def _first_rows(conn: Connection) -> None:
    """What a new register holds: its identity and the default series."""
    conn.execute("INSERT INTO meta (key, value) VALUES ('register_id', ?)", (str(uuid.uuid4()),))
    conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
    conn.execute(
        "INSERT INTO series (name, yearly, format) VALUES (?, 0, ?)",
        (DEFAULT_SERIES, DEFAULT_FORMAT),
    )


def _create_1(conn: Connection) -> None:
    run_script(conn, _SCHEMA_1, "sqlite")
    _first_rows(conn)


def _create_1_postgresql(conn: Connection) -> None:
    run_script(conn, _SCHEMA_1_POSTGRESQL, "postgresql")
    _first_rows(conn)


def run_script(conn: Connection, script: str, dialect: str) -> None:
    """Run each statement of ``script`` (PostgreSQL takes the whole script at once, which
    keeps ``$$`` function bodies whole)."""
    if dialect == "postgresql":
        conn.execute(script)
        return
    for statement in _split_sql(script):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Statements of a script, keeping trigger bodies whole (``sqlite3.complete_statement``)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s.strip(" ;\n")]


_LABELS_ARE_FIXED = """
CREATE TRIGGER labels_are_fixed BEFORE UPDATE OF label ON entries WHEN OLD.label <> ''
BEGIN SELECT RAISE(ABORT, 'a printed number never changes'); END;
"""

_LABELS_ARE_FIXED_POSTGRESQL = """
CREATE TRIGGER labels_are_fixed BEFORE UPDATE OF label ON entries FOR EACH ROW
    WHEN (OLD.label <> '' AND NEW.label IS DISTINCT FROM OLD.label)
    EXECUTE FUNCTION communique_refuse('a printed number never changes');
"""


def _record_labels(conn: Connection) -> None:
    """Each entry keeps the number as printed when it was issued (``label``), so that a later
    change of the display format changes only the numbers issued after it. Entries issued
    before this version get the label in their series' format of the time of the upgrade:
    the form they were printed in until then."""
    conn.execute("ALTER TABLE entries ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    rows = conn.execute(
        "SELECT e.id, e.number, e.year, s.format FROM entries e JOIN series s ON s.name = e.series"
    ).fetchall()
    for row in rows:
        conn.execute(
            "UPDATE entries SET label = ? WHERE id = ?",
            (format_label(row["format"], row["number"], row["year"]), row["id"]),
        )


def _record_labels_2(conn: Connection) -> None:
    _record_labels(conn)
    run_script(conn, _LABELS_ARE_FIXED, "sqlite")


def _record_labels_2_postgresql(conn: Connection) -> None:
    _record_labels(conn)
    run_script(conn, _LABELS_ARE_FIXED_POSTGRESQL, "postgresql")


_RECORD_MACHINES = """
ALTER TABLE entries ADD COLUMN issued_on TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN cancelled_on TEXT NOT NULL DEFAULT '';
"""
"""Which machine issued or cancelled a number, beside who did it (a team shares the register)."""


_RELEASE_VERSIONS = """
CREATE TABLE release_versions (
    id             TEXT PRIMARY KEY,
    release_id     TEXT NOT NULL,
    position       INTEGER NOT NULL CHECK (position >= 1),
    event          TEXT NOT NULL CHECK (event IN ('submitted', 'approved', 'sent')),
    content_sha256 TEXT NOT NULL,
    content        TEXT NOT NULL,
    author         TEXT NOT NULL,
    machine        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    UNIQUE (release_id, position)
);
"""
"""Sign-off and versions: each submit, approval and send keeps the release's content, who, when
and from which machine; the latest one gives the release's state while its content is unchanged."""


_MAILING_LISTS = """
CREATE TABLE mailing_lists (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE mailing_members (
    list_name TEXT NOT NULL REFERENCES mailing_lists (name),
    address   TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    outlet    TEXT NOT NULL DEFAULT '',
    basis     TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    added_at  TEXT NOT NULL,
    PRIMARY KEY (list_name, address)
);
CREATE TABLE mailing_objections (address_sha256 TEXT PRIMARY KEY, recorded_at TEXT NOT NULL);
CREATE TABLE mail_sends (
    id          TEXT PRIMARY KEY,
    release_key TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    sender      TEXT NOT NULL,
    number      TEXT NOT NULL,
    headline    TEXT NOT NULL,
    pdf_sha256  TEXT NOT NULL,
    lists       TEXT NOT NULL,
    recipients  INTEGER NOT NULL
);
CREATE TABLE mail_deliveries (
    send_id TEXT NOT NULL REFERENCES mail_sends (id),
    address TEXT NOT NULL,
    state   TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused')),
    detail  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (send_id, address)
);
"""


"""Distribution lists, objections (hashed addresses) and the send log (``core.mailing_lists``,
``core.send_log``)."""


_OFFICE_WORDS = """
CREATE TABLE office_words (
    folded   TEXT PRIMARY KEY,
    word     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
"""
"""The office's own spelling dictionary (``core.office_dictionary``)."""


MIGRATIONS: list[Step] = [
    Step("register, counters and directory", sqlite=_create_1, postgresql=_create_1_postgresql),
    Step(
        "printed form of each number",
        sqlite=_record_labels_2,
        postgresql=_record_labels_2_postgresql,
    ),
    Step("machine of each issue and cancellation", sql=_RECORD_MACHINES),
    Step("sign-off and versions of releases", sql=_RELEASE_VERSIONS),
    Step(
        "corrections: the entry a rectificatif replaces",
        sql="ALTER TABLE entries ADD COLUMN replaces TEXT NOT NULL DEFAULT '';",
    ),
    Step("distribution lists and the send log", sql=_MAILING_LISTS),
    Step("the office dictionary", sql=_OFFICE_WORDS),
    Step(
        "the file each version of a release was recorded from (a copy is told from its original)",
        sql="ALTER TABLE release_versions ADD COLUMN draft_path TEXT NOT NULL DEFAULT '';",
    ),
]
"""Step n takes the schema from version n to n + 1. New steps are appended, never inserted."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes (``current_version()`` follows steps appended at run time)."""


def current_version() -> int:
    return len(MIGRATIONS)


def run_step(conn: Connection, step: Step, dialect: str) -> None:
    work = step.work(dialect)
    if isinstance(work, str):
        run_script(conn, work, dialect)
    else:
        work(conn)


# ---------------------------------------------------------------- the connection


def default_max_wait() -> float:
    try:
        value = float(os.environ.get(WAIT_ENV_VAR, "") or DEFAULT_MAX_WAIT_S)
    except ValueError:
        return DEFAULT_MAX_WAIT_S
    return value if 0 <= value <= 3600 else DEFAULT_MAX_WAIT_S


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


Target = Path | str
"""Where a register is: an SQLite file's path, or a ``postgresql://`` connection string."""


def is_server(target: Target | None) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Database:
    """One connection to the register, with writes that retry and errors that speak French.

    ``Database.open`` picks the backend; both give the same methods: ``read``, ``run``,
    ``write`` (one transaction, retried when another writer got in the way), ``version``,
    ``upgrade``, ``register_id``, ``location`` (what messages name)."""

    dialect = "sqlite"
    conn: Any
    max_wait: float
    read_only: bool = False
    location: str
    """The register as messages name it: a file's path, or the server without password."""
    upgraded_from: int | None = None
    """The schema version found before this connection upgraded it (None: nothing to do)."""

    @staticmethod
    def open(
        target: Target | None = None, *, max_wait: float | None = None, migrate: bool | None = None
    ) -> Database:
        """Open the register at ``target`` (else ``COMMUNIQUE_REGISTER``, else the user's data
        folder). ``migrate``: bring an older schema up to date (the default for an SQLite file;
        a shared server is upgraded only on request, ``communique register migrate``, so that
        one newer client does not lock its colleagues out)."""
        if max_wait is None:
            max_wait = default_max_wait()
        if target is None:
            target = register_url() or register_path()
        if is_server(target):
            return PostgresDatabase.connect(str(target), max_wait=max_wait, migrate=bool(migrate))
        return SqliteDatabase.open_file(
            Path(target), max_wait=max_wait, migrate=migrate is not False
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The SQLite file (for a server, its location as a path-like text)."""
        return Path(self.location)

    # -- reading and writing

    def read(self, query: str, params: tuple[object, ...] = ()) -> list[Any]:
        """Rows of one query, from a consistent snapshot (retried if the register is busy)."""
        return self._retry(lambda: list(self.conn.execute(query, params).fetchall()))

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` outside a transaction (each statement reads its own snapshot)."""
        return self._retry(lambda: work(self.conn))

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one transaction: all of it is recorded, or none.

        ``work`` may run more than once (after a busy rollback), so it must act only on the
        database. An exception it raises rolls everything back and goes up unchanged.
        """
        if self.read_only:
            raise RegisterUnavailable(
                f"Le registre « {self.location} » est en lecture seule (droits insuffisants ou "
                "disque protégé) : il peut être consulté, mais rien ne peut y être enregistré."
            )
        return self._retry(lambda: self._transaction(work))

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        raise NotImplementedError

    def _retry(self, work: Callable[[], T]) -> T:
        raise NotImplementedError

    # -- schema

    def version(self) -> int:
        raise NotImplementedError

    def _set_version(self, conn: Connection, version: int) -> None:
        raise NotImplementedError

    def _lock_schema(self, conn: Connection) -> None:
        """Keep two upgrades from running at once (SQLite's write lock already does)."""

    def _before_upgrade(self, version: int) -> None:
        """Called once before the first step of an upgrade (SQLite: a backup of the file)."""

    def check_version(self) -> int:
        version = self.version()
        if version > current_version():
            raise RegisterUnavailable(
                f"Le registre « {self.location} » a été créé par une version plus récente de "
                f"Communiqué (schéma {version}) ; cette version connaît le schéma "
                f"{current_version()}. Mettez Communiqué à jour."
            )
        return version

    def upgrade(self) -> list[str]:
        """Run the missing steps, one transaction each; the names of the steps run."""
        version = self.check_version()
        if version == current_version():
            return []
        self._before_upgrade(version)
        self.upgraded_from = version
        done: list[str] = []
        while True:

            def step(conn: Connection) -> str | None:
                self._lock_schema(conn)
                current = self._version_in(conn)
                if current >= current_version():
                    return None  # another process upgraded it while this one waited
                migration = MIGRATIONS[current]
                run_step(conn, migration, self.dialect)
                self._set_version(conn, current + 1)
                return migration.name

            name = self.write(step)
            if name is None:
                return done
            done.append(name)

    def _version_in(self, conn: Connection) -> int:
        raise NotImplementedError

    def register_id(self) -> str:
        rows = self.read("SELECT value FROM meta WHERE key = 'register_id'")
        if not rows:
            raise RegisterUnavailable(
                f"Le registre « {self.location} » est incomplet "
                "(identifiant absent) : restaurez-en une sauvegarde."
            )
        return str(rows[0]["value"])


class SqliteDatabase(Database):
    """The register in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: Path, max_wait: float) -> None:
        self.conn = conn
        self.location = str(path)
        self.file = path
        self.max_wait = max_wait
        self.read_only = False
        """Opened read-only (a read-only disk or file): reads work, writes are refused."""

    @property
    def path(self) -> Path:
        return self.file

    @classmethod
    def open_file(cls, path: Path, *, max_wait: float, migrate: bool = True) -> SqliteDatabase:
        """Open (creating if needed) and upgrade the register file at ``path``."""
        explicit = bool(os.environ.get(ENV_VAR, "").strip()) or path != register_path()
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            from desktop.services.files import describe_os_error

            raise RegisterUnavailable(
                f"Le registre ne peut pas être ouvert : {describe_os_error(exc, path)}"
            ) from exc
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise RegisterUnavailable(f"Le registre « {path} » est un dossier, pas un fichier.")
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise RegisterUnavailable(
                f"Le registre « {path} » n’est pas un fichier ordinaire (périphérique ou tube)."
            )
        if not path.parent.is_dir():
            if explicit:
                raise RegisterUnavailable(
                    f"Le dossier du registre « {path.parent} » n’existe pas : vérifiez le chemin "
                    f"(variable {ENV_VAR})."
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RegisterUnavailable(
                    f"Impossible de créer le dossier du registre « {path.parent} » : "
                    f"{exc.strerror or exc}."
                ) from exc
        try:
            conn = sqlite3.connect(
                path, timeout=ATTEMPT_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        conn.row_factory = sqlite3.Row
        db = cls(conn, path, max_wait)
        try:
            db._retry(db._configure)
            if migrate:
                db.upgrade()
            else:
                db.check_version()
        except RegisterUnavailable as exc:
            conn.close()
            if info is None or not _refused_writing(exc):
                raise
            return cls._open_read_only(path, max_wait, exc)
        except BaseException:
            conn.close()
            raise
        return db

    @classmethod
    def _open_read_only(cls, path: Path, max_wait: float, why: RegisterError) -> SqliteDatabase:
        """The register on a read-only disk (or without write access): it can still be read,
        and every write says it is read-only. SQLite needs write access for its WAL index, so
        ``immutable`` is tried last (nothing can change a file on a read-only disk)."""
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"{path.absolute().as_uri()}?{options}",
                    uri=True,
                    timeout=ATTEMPT_TIMEOUT_S,
                    isolation_level=None,
                    check_same_thread=False,
                )
                conn.row_factory = sqlite3.Row
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.Error:
                with contextlib.suppress(UnboundLocalError, sqlite3.Error):
                    conn.close()
                continue
            if version != current_version():
                conn.close()
                raise RegisterUnavailable(
                    f"Le registre « {path} » est en lecture seule et d’un autre schéma "
                    f"({version}) : il ne peut être ni mis à jour ni lu."
                ) from why
            db = cls(conn, path, max_wait)
            db.read_only = True
            return db
        raise why

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        return result

    def _retry(self, work: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.max_wait
        while True:
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise translate(exc, self.file) from exc
                if time.monotonic() >= deadline:
                    raise RegisterBusy(
                        f"Le registre « {self.file} » est occupé par un autre programme depuis "
                        f"plus de {self.max_wait:g} s : aucun numéro n’a été attribué. "
                        "Réessayez dans un instant."
                    ) from exc
                time.sleep(random.uniform(0.005, 0.05))
            except sqlite3.Error as exc:
                raise translate(exc, self.file) from exc

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(ATTEMPT_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")

    # -- schema

    def version(self) -> int:
        return int(self._retry(lambda: self.conn.execute("PRAGMA user_version").fetchone()[0]))

    def _version_in(self, conn: Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, conn: Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def _before_upgrade(self, version: int) -> None:
        if version > 0:
            self.backup(
                self.file.with_name(
                    f"{self.file.name}.schema{version}-{datetime.now(UTC):%Y%m%dT%H%M%S}.bak"
                )
            )

    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole register (WAL included) at ``target``."""
        try:
            dest = sqlite3.connect(target)
        except sqlite3.Error as exc:
            raise translate(exc, target) from exc
        try:
            self._retry(lambda: self.conn.backup(dest))
        finally:
            dest.close()
        return target


class PostgresDatabase(Database):
    """The register in a PostgreSQL database (psycopg's particulars are in ``database_pg``).

    Every write is one ``SERIALIZABLE`` transaction, retried when PostgreSQL reports a conflict
    with a concurrent one (two officers taking a number at the same instant): the counter and
    the new entry change together or not at all, and a client killed in the middle leaves
    nothing (the server rolls its transaction back). The schema is upgraded only on request
    (``communique register migrate``), so that one newer client does not lock out colleagues
    still on the previous version."""

    dialect = "postgresql"

    def __init__(self, conn: Any, url: str, max_wait: float) -> None:
        from desktop.store.database_pg import describe

        self.conn = conn
        self.url = url
        self.location = describe(url)
        self.max_wait = max_wait
        self.read_only = False
        self._migrating = False

    @classmethod
    def connect(cls, url: str, *, max_wait: float, migrate: bool = False) -> PostgresDatabase:
        from desktop.store import database_pg

        timeout = max(1, min(database_pg.CONNECT_TIMEOUT_S, round(max_wait) or 1))
        db = cls(database_pg.connect(url, timeout=timeout), url, max_wait)
        where = db.location
        try:
            version = db.version()
            if migrate:
                db.upgrade()
            elif version == 0:
                raise RegisterUnavailable(
                    f"Le registre « {where} » n’est pas encore créé sur le serveur : lancez "
                    "« communique register init » (une fois, par l’administrateur du registre)."
                )
            elif db.check_version() < current_version():
                raise RegisterUnavailable(
                    f"Le registre « {where} » est au schéma {version}, cette version de "
                    f"Communiqué attend le schéma {current_version()} : faites lancer "
                    "« communique register migrate » par l’administrateur du registre."
                )
        except BaseException:
            db.close()
            raise
        return db

    # -- transactions

    def upgrade(self) -> list[str]:
        """Migration steps run in READ COMMITTED: the advisory lock is taken first, so the
        schema version read after it is the one the previous migrator committed."""
        self._migrating = True
        try:
            return super().upgrade()
        finally:
            self._migrating = False

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        self.conn.execute("BEGIN" if self._migrating else "BEGIN ISOLATION LEVEL SERIALIZABLE")
        try:
            result = work(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                self.conn.execute("ROLLBACK")
            raise
        return result

    def _retry(self, work: Callable[[], T]) -> T:
        from desktop.store import database_pg

        errors = database_pg.server_error_types()
        deadline = time.monotonic() + self.max_wait
        pause = 0.002
        while True:
            try:
                return work()
            except errors as exc:
                if not database_pg.is_retryable(exc):
                    raise database_pg.translate(exc, self.location, self.conn) from exc
                if time.monotonic() >= deadline:
                    raise RegisterBusy(
                        f"Le registre « {self.location} » est occupé par d’autres postes "
                        f"depuis plus de {self.max_wait:g} s : aucun numéro n’a été "
                        "attribué. Réessayez dans un instant."
                    ) from exc
                time.sleep(random.uniform(0, pause))
                pause = min(pause * 2, 0.1)

    # -- schema

    def version(self) -> int:
        return self._retry(lambda: self._version_in(self.conn))

    def _version_in(self, conn: Connection) -> int:
        exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
        if not exists:
            return 0
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _lock_schema(self, conn: Connection) -> None:
        from desktop.store.database_pg import SCHEMA_LOCK

        conn.execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")

    def _set_version(self, conn: Connection, version: int) -> None:
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


def _refused_writing(exc: RegisterUnavailable) -> bool:
    """Whether opening failed because the file or its folder cannot be written."""
    cause = exc.__cause__
    name = getattr(cause, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR"))


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def translate(exc: sqlite3.Error, path: Path) -> RegisterError:
    """A French sentence for a SQLite failure, naming the register file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    where = f"Le registre « {path} »"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return RegisterBusy(
            f"{where} est occupé par un autre programme. Réessayez dans un instant."
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return RegisterUnavailable(
            f"{where} est endommagé ou n’est pas un registre Communiqué. Aucun numéro "
            "n’a été attribué ; restaurez-en une sauvegarde."
        )
    if name.startswith("SQLITE_READONLY"):
        return RegisterUnavailable(
            f"{where} est en lecture seule (droits insuffisants ou disque protégé) : "
            "aucun numéro ne peut y être enregistré."
        )
    if name.startswith("SQLITE_CANTOPEN"):
        return RegisterUnavailable(
            f"{where} ne peut pas être ouvert : dossier introuvable ou accès refusé."
        )
    if name.startswith("SQLITE_FULL"):
        return RegisterUnavailable(f"{where} ne peut pas grandir : le disque est plein.")
    if name.startswith("SQLITE_IOERR"):
        return RegisterUnavailable(f"{where} : erreur de lecture ou d’écriture du disque ({exc}).")
    if isinstance(exc, sqlite3.IntegrityError):
        return RegisterUnavailable(f"{where} a refusé une écriture incohérente ({exc}).")
    return RegisterUnavailable(f"{where} : erreur inattendue de la base ({exc}).")


@contextlib.contextmanager
def opened(path: Target | None = None, *, max_wait: float | None = None) -> Iterator[Database]:
    db = Database.open(path, max_wait=max_wait)
    try:
        yield db
    finally:
        db.close()
