"""The register's SQLite database: where it lives, opening it safely, its schema and upgrades.

One file holds the numbering register and the contact directory. Several processes (two windows,
a script, several machines on a shared folder) may use it at once, so every write is one
``BEGIN IMMEDIATE`` transaction: SQLite serialises them, a waiting writer retries for a bounded
time, then gives up with a French message rather than a wrong number. WAL lets readers go on
while a number is being given; ``synchronous=FULL`` because a number committed, written into a
draft, then lost at a power cut would be given twice.

The schema has a version (``PRAGMA user_version``); each upgrade is a step of ``MIGRATIONS``,
and a copy of the file is made before the first step.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from desktop.core.numbers import DEFAULT_FORMAT, format_label
from desktop.core.paths import REGISTER_ENV_VAR as ENV_VAR
from desktop.core.paths import register_path

SCHEMA_VERSION = 4
DEFAULT_SERIES = "CP"
ATTEMPT_TIMEOUT_S = 1.0
"""SQLite's own busy wait for one attempt; attempts repeat until ``max_wait``."""
DEFAULT_MAX_WAIT_S = 20.0
WAIT_ENV_VAR = "COMMUNIQUE_REGISTER_WAIT"
"""Seconds to wait for a busy register before giving up (a slow shared folder may need more)."""

T = TypeVar("T")


class RegisterError(Exception):
    """Anything the register refuses or cannot do; the message is a French sentence."""


class RegisterUnavailable(RegisterError):
    """The register cannot be used now: locked, damaged, read-only, missing folder, newer schema."""


class RegisterBusy(RegisterUnavailable):
    """Another process held the register for longer than the allowed wait."""


class RegisterRefused(RegisterError):
    """A request the register turns down (a number that would be reused, a bad format…)."""


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


def _create_1(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(_SCHEMA_1):
        conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('register_id', ?)", (str(uuid.uuid4()),))
    conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
    conn.execute("INSERT INTO series (name, yearly, format) VALUES (?, 0, ?)",
                 (DEFAULT_SERIES, DEFAULT_FORMAT))


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


def _record_labels_2(conn: sqlite3.Connection) -> None:
    """Each entry keeps the number as printed when it was issued (``label``), so that a later
    change of the display format changes only the numbers issued after it. Entries issued
    before this version get the label in their series' format of the time of the upgrade:
    the form they were printed in until then."""
    conn.execute("ALTER TABLE entries ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT e.id, e.number, e.year, s.format FROM entries e "
                        "JOIN series s ON s.name = e.series").fetchall()
    for row in rows:
        conn.execute("UPDATE entries SET label = ? WHERE id = ?",
                     (format_label(row["format"], row["number"], row["year"]), row["id"]))
    for statement in _split_sql(_LABELS_ARE_FIXED):
        conn.execute(statement)


_MAILING_3 = """
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


_OFFICE_WORDS = """
CREATE TABLE office_words (
    folded   TEXT PRIMARY KEY,
    word     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
"""


def _add_mailing_3(conn: sqlite3.Connection) -> None:
    """Distribution lists, objections (hashed addresses) and the send log
    (``core.mailing_lists``, ``core.send_log``). Portable SQL: TEXT and INTEGER only."""
    for statement in _split_sql(_MAILING_3):
        conn.execute(statement)


def _office_words_4(conn: sqlite3.Connection) -> None:
    """The office's own spelling dictionary (desktop/core/office_dictionary.py); portable SQL."""
    for statement in _split_sql(_OFFICE_WORDS):
        conn.execute(statement)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _create_1, 1: _record_labels_2, 2: _add_mailing_3, 3: _office_words_4}
"""Step from version n to n + 1, run inside one write transaction."""


# ---------------------------------------------------------------- the connection


def default_max_wait() -> float:
    try:
        value = float(os.environ.get(WAIT_ENV_VAR, "") or DEFAULT_MAX_WAIT_S)
    except ValueError:
        return DEFAULT_MAX_WAIT_S
    return value if 0 <= value <= 3600 else DEFAULT_MAX_WAIT_S


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """One connection to the register file, with writes that retry and errors that speak French."""

    def __init__(self, conn: sqlite3.Connection, path: Path, max_wait: float) -> None:
        self.conn = conn
        self.path = path
        self.max_wait = max_wait
        self.read_only = False
        """Opened read-only (a read-only disk or file): reads work, writes are refused."""

    @classmethod
    def open(cls, path: Path | None = None, *, max_wait: float | None = None) -> Database:
        """Open (creating if needed) and upgrade the register at ``path`` or ``register_path()``."""
        if max_wait is None:
            max_wait = default_max_wait()
        explicit = path is not None or bool(os.environ.get(ENV_VAR, "").strip())
        path = Path(path) if path is not None else register_path()
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            from desktop.core.files import describe_os_error

            raise RegisterUnavailable(
                f"Le registre ne peut pas être ouvert : {describe_os_error(exc, path)}") from exc
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise RegisterUnavailable(f"Le registre « {path} » est un dossier, pas un fichier.")
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise RegisterUnavailable(f"Le registre « {path} » n’est pas un fichier ordinaire "
                                      "(périphérique ou tube).")
        if not path.parent.is_dir():
            if explicit:
                raise RegisterUnavailable(
                    f"Le dossier du registre « {path.parent} » n’existe pas : vérifiez le chemin "
                    f"(variable {ENV_VAR}).")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RegisterUnavailable(
                    f"Impossible de créer le dossier du registre « {path.parent} » : "
                    f"{exc.strerror or exc}.") from exc
        try:
            conn = sqlite3.connect(path, timeout=ATTEMPT_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        conn.row_factory = sqlite3.Row
        db = cls(conn, path, max_wait)
        try:
            db._retry(db._configure)
            db._upgrade()
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
    def _open_read_only(cls, path: Path, max_wait: float, why: RegisterError) -> Database:
        """The register on a read-only disk (or without write access): it can still be read,
        and every write says it is read-only. SQLite needs write access for its WAL index, so
        ``immutable`` is tried last (nothing can change a file on a read-only disk)."""
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(f"{path.absolute().as_uri()}?{options}", uri=True,
                                       timeout=ATTEMPT_TIMEOUT_S, isolation_level=None,
                                       check_same_thread=False)
                conn.row_factory = sqlite3.Row
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.Error:
                with contextlib.suppress(UnboundLocalError, sqlite3.Error):
                    conn.close()
                continue
            if version != SCHEMA_VERSION:
                conn.close()
                raise RegisterUnavailable(
                    f"Le registre « {path} » est en lecture seule et d’un autre schéma "
                    f"({version}) : il ne peut être ni mis à jour ni lu.") from why
            db = cls(conn, path, max_wait)
            db.read_only = True
            return db
        raise why

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing

    def read(self, query: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Rows of one query, from a consistent snapshot (retried if the file is busy)."""
        return self._retry(lambda: list(self.conn.execute(query, params).fetchall()))

    def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` outside a transaction (each statement reads its own snapshot)."""
        return self._retry(lambda: work(self.conn))

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one ``BEGIN IMMEDIATE`` transaction: all of it is recorded, or none.

        ``work`` may run more than once (after a busy rollback), so it must act only on the
        database. An exception it raises rolls everything back and goes up unchanged.
        """
        if self.read_only:
            raise RegisterUnavailable(
                f"Le registre « {self.path} » est en lecture seule (droits insuffisants ou "
                "disque protégé) : il peut être consulté, mais rien ne peut y être enregistré.")

        def attempt() -> T:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            return result
        return self._retry(attempt)

    def _retry(self, work: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.max_wait
        while True:
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise translate(exc, self.path) from exc
                if time.monotonic() >= deadline:
                    raise RegisterBusy(
                        f"Le registre « {self.path} » est occupé par un autre programme depuis "
                        f"plus de {self.max_wait:g} s : aucun numéro n’a été attribué. "
                        "Réessayez dans un instant.") from exc
                time.sleep(random.uniform(0.005, 0.05))
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(ATTEMPT_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")

    # -- schema

    def version(self) -> int:
        return int(self._retry(lambda: self.conn.execute("PRAGMA user_version").fetchone()[0]))

    def _upgrade(self) -> None:
        version = self.version()
        if version > SCHEMA_VERSION:
            raise RegisterUnavailable(
                f"Le registre « {self.path} » a été créé par une version plus récente de "
                f"Communiqué (schéma {version}) ; cette version connaît le schéma "
                f"{SCHEMA_VERSION}. Mettez Communiqué à jour.")
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            self.backup(self.path.with_name(
                f"{self.path.name}.schema{version}-{datetime.now(UTC):%Y%m%dT%H%M%S}.bak"))
        while True:
            def step(conn: sqlite3.Connection) -> bool:
                current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if current >= SCHEMA_VERSION:
                    return False   # another process upgraded it while this one waited
                MIGRATIONS[current](conn)
                conn.execute(f"PRAGMA user_version = {current + 1}")
                return True
            if not self.write(step):
                return

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

    def register_id(self) -> str:
        rows = self.read("SELECT value FROM meta WHERE key = 'register_id'")
        if not rows:
            raise RegisterUnavailable(f"Le registre « {self.path} » est incomplet "
                                      "(identifiant absent) : restaurez-en une sauvegarde.")
        return str(rows[0]["value"])


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
            f"{where} est occupé par un autre programme. Réessayez dans un instant.")
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return RegisterUnavailable(
            f"{where} est endommagé ou n’est pas un registre Communiqué. Aucun numéro "
            "n’a été attribué ; restaurez-en une sauvegarde.")
    if name.startswith("SQLITE_READONLY"):
        return RegisterUnavailable(
            f"{where} est en lecture seule (droits insuffisants ou disque protégé) : "
            "aucun numéro ne peut y être enregistré.")
    if name.startswith("SQLITE_CANTOPEN"):
        return RegisterUnavailable(
            f"{where} ne peut pas être ouvert : dossier introuvable ou accès refusé.")
    if name.startswith("SQLITE_FULL"):
        return RegisterUnavailable(f"{where} ne peut pas grandir : le disque est plein.")
    if name.startswith("SQLITE_IOERR"):
        return RegisterUnavailable(f"{where} : erreur de lecture ou d’écriture du disque ({exc}).")
    if isinstance(exc, sqlite3.IntegrityError):
        return RegisterUnavailable(f"{where} a refusé une écriture incohérente ({exc}).")
    return RegisterUnavailable(f"{where} : erreur inattendue de la base ({exc}).")


@contextlib.contextmanager
def opened(path: Path | None = None, *, max_wait: float | None = None) -> Iterator[Database]:
    db = Database.open(path, max_wait=max_wait)
    try:
        yield db
    finally:
        db.close()
