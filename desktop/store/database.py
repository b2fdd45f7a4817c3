"""The register's database: where it lives, opening it safely, transactions, upgrades.

Two backends share one interface (``Database``): an SQLite file, the embedded default, and a
PostgreSQL server for a team (``COMMUNIQUE_REGISTER=postgresql://…``; see ``database_pg``). Code
above this module writes its SQL once, with ``?`` placeholders, and runs it through ``read``,
``run`` and ``write``; the PostgreSQL connection numbers the placeholders (``sql``). The schema
and its upgrades are described once for both in ``schema`` (the translation is ``ddl``).

In SQLite, one file holds the numbering register and the contact directory. Several processes
(two windows, a script, several machines on a shared folder) may use it at once, so every write is
one ``BEGIN IMMEDIATE`` transaction: SQLite serialises them, a waiting writer retries for a bounded
time, then gives up with a French message rather than a wrong number. WAL lets readers go on
while a number is being given; ``synchronous=FULL`` because a number committed, written into a
draft, then lost at a power cut would be given twice.

The schema has a version (``PRAGMA user_version`` in SQLite, the table ``schema_version`` in
PostgreSQL); each missing step of ``schema.MIGRATIONS`` runs in one transaction, and a copy of an
SQLite file is made before the first one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from desktop.services import conninfo, portable
from desktop.services.files import PRIVATE_FILE
from desktop.services.paths import REGISTER_ENV_VAR as ENV_VAR
from desktop.services.paths import register_path, register_url
from desktop.store import schema
from desktop.store.register_errors import (
    RegisterBusy,
    RegisterError,
    RegisterRefused,
    RegisterUnavailable,
)
from desktop.store.schema import DEFAULT_SERIES, SCHEMA_VERSION, Step, current_version, utc_now
from desktop.store.sql import Connection, Cursor

__all__ = [
    "DEFAULT_SERIES",
    "SCHEMA_VERSION",
    "Connection",
    "Cursor",
    "RegisterBusy",
    "RegisterError",
    "RegisterRefused",
    "RegisterUnavailable",
    "Step",
    "current_version",
    "utc_now",
]

ATTEMPT_TIMEOUT_S = 1.0
"""SQLite's own busy wait for one attempt; attempts repeat until ``max_wait``."""
DEFAULT_MAX_WAIT_S = 20.0
WAIT_ENV_VAR = "COMMUNIQUE_REGISTER_WAIT"
"""Seconds to wait for a busy register before giving up (a slow shared folder may need more)."""

T = TypeVar("T")


def default_max_wait() -> float:
    try:
        value = float(os.environ.get(WAIT_ENV_VAR, "") or DEFAULT_MAX_WAIT_S)
    except ValueError:
        return DEFAULT_MAX_WAIT_S
    return value if 0 <= value <= 3600 else DEFAULT_MAX_WAIT_S


Target = Path | str
"""Where a register is: an SQLite file's path, or a ``postgresql://`` connection string."""


def is_server(target: Target | None) -> bool:
    """A PostgreSQL server's address (URI or libpq keyword string), not a file."""
    return isinstance(target, str) and conninfo.is_server(target)


class Database:
    """One connection to the register, with writes that retry and errors that speak French.

    ``Database.open`` picks the backend; both give the same methods: ``read``, ``run``,
    ``write`` (one transaction, retried when another writer got in the way), ``version``,
    ``upgrade``, ``register_id``, ``location`` (what messages name)."""

    dialect = "sqlite"
    conn: Any
    max_wait: float
    read_only: bool = False
    disk_full: bool = False
    """Read-only because its disk is full (said so, not « lecture seule »)."""
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
            try:
                target = register_url() or register_path()
            except conninfo.RegisterAddressRefused as exc:
                raise RegisterRefused(str(exc)) from exc
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

    def scrub_backups(self, work: Callable[[Connection], object]) -> list[tuple[Path, str]]:
        """Run an erasure in the register's own copies too; those that failed, with why. A
        server keeps no copy of ours (its backups are its administrators')."""
        del work
        return []

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one transaction: all of it is recorded, or none.

        ``work`` may run more than once (after a busy rollback), so it must act only on the
        database. An exception it raises rolls everything back and goes up unchanged.
        """
        if self.read_only:
            if self.disk_full:
                raise RegisterUnavailable(
                    f"Le disque du registre « {self.location} » est plein : le registre peut "
                    "être consulté, mais rien ne peut y être enregistré. Libérez de la place."
                )
            raise RegisterUnavailable(
                f"Le registre « {self.location} » est en lecture seule (droits insuffisants ou "
                "disque protégé) : il peut être consulté, mais rien ne peut y être enregistré."
            )
        return self._retry(lambda: self._transaction(work))

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        self.conn.execute(self._begin())
        try:
            result = work(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):  # the connection may be gone: say the cause
                self.conn.execute("ROLLBACK")
            raise
        return result

    def _begin(self) -> str:
        """The statement that opens a write transaction."""
        raise NotImplementedError

    def _retry(self, work: Callable[[], T]) -> T:
        raise NotImplementedError

    # -- schema

    def version(self) -> int:
        """The schema version of the register (0: nothing created yet)."""
        return self._retry(lambda: self._version_in(self.conn))

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
                migration = schema.MIGRATIONS[current]
                migration.run(conn, self.dialect)
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
                from desktop.services.files import private_folder

                private_folder(path.parent)
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
        if info is None:  # a new register: it will hold addresses and names, owner only
            portable.copy_mode(path, PRIVATE_FILE)
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
            db.disk_full = _disk_full(path)
            return db
        raise why

    def _begin(self) -> str:
        return "BEGIN IMMEDIATE"  # the write lock at once: no upgrade from a read lock to fail

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
                        f"plus de {self.max_wait:g} s : rien n’y a été enregistré (aucun numéro attribué, rien effacé). "
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
        # What is deleted (an address erased, ``lists forget``) is overwritten, not left in
        # free pages of the file.
        self.conn.execute("PRAGMA secure_delete = ON")

    # -- schema

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
        """A consistent copy of the whole register (WAL included) at ``target``, readable by
        its owner only (it holds what the register holds)."""
        try:
            dest = sqlite3.connect(target)
        except sqlite3.Error as exc:
            raise translate(exc, target) from exc
        try:
            portable.copy_mode(target, PRIVATE_FILE)
            self._retry(lambda: self.conn.backup(dest))
        finally:
            dest.close()
        return target

    def backups(self) -> list[Path]:
        """The copies made before schema upgrades (``register.sqlite.schema3-….bak``)."""
        return sorted(self.file.parent.glob(f"{glob.escape(self.file.name)}.schema*.bak"))

    def scrub_backups(self, work: Callable[[Connection], object]) -> list[tuple[Path, str]]:
        """Run ``work`` (an erasure) in each backup too, then rewrite it without free pages
        (``VACUUM``): an address erased from the register is erased from its copies. The
        copies that could not be changed, with the French reason."""
        failed: list[tuple[Path, str]] = []
        for backup in self.backups():
            try:
                conn = sqlite3.connect(backup, timeout=ATTEMPT_TIMEOUT_S, isolation_level=None)
            except sqlite3.Error as exc:
                failed.append((backup, _copy_fault(exc)))
                continue
            try:
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("BEGIN IMMEDIATE")
                work(cast(Connection, conn))
                conn.execute("COMMIT")
                conn.execute("VACUUM")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                failed.append((backup, _copy_fault(exc)))
            finally:
                conn.close()
        return failed


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

    def _begin(self) -> str:
        return "BEGIN" if self._migrating else "BEGIN ISOLATION LEVEL SERIALIZABLE"

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


def _copy_fault(exc: sqlite3.Error) -> str:
    """Why a copy of the register could not be changed, in French."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return "fichier endommagé ou qui n’est pas une copie du registre"
    if name.startswith("SQLITE_READONLY"):
        return "fichier en lecture seule"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "fichier occupé par un autre programme"
    if name.startswith("SQLITE_FULL"):
        return "disque plein"
    if name.startswith("SQLITE_CANTOPEN"):
        return "accès refusé"
    return "erreur de la base"


MIN_ROOM = 64 * 1024
"""Less free room than this on the register's disk counts as full."""


def _disk_full(path: Path) -> bool:
    """No room left for us on the register's disk (told apart from a read-only one)."""
    try:
        room = os.statvfs(path.parent if str(path.parent) else ".")
    except (OSError, AttributeError):  # Windows has no statvfs
        return False
    return room.f_bavail * room.f_frsize < MIN_ROOM


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
