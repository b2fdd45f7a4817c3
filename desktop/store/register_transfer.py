"""Moving a register between backends: export every table to JSON, import into a new register.

An office going from its SQLite file to the team's PostgreSQL server exports the file and
imports it on the server: every number, cancellation, printed label, who, when and from which
machine, the contacts, the policy and the counters come across, and the register keeps its
identity (``register_id``), so drafts numbered before the move are still recognised as its own.

Tables are found in the database (in the order they were created, which keeps a table after
those it refers to), so tables added by later migration steps travel too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.store.database import Connection, Database, RegisterRefused, current_version

FORMAT = "communique-register"
KEPT_ROWS = {"meta", "series", "counters"}
"""Tables a new register already fills (identity, default series): replaced by the import."""


@dataclass(frozen=True)
class TransferReport:
    numbers: int
    cancelled: int
    contacts: int
    tables: dict[str, int]


def _q(name: str) -> str:
    """An identifier quoted for SQL (names come from the database itself, never from a user)."""
    return '"' + name.replace('"', '""') + '"'


def _tables(db: Database, conn: Connection) -> list[str]:
    if db.dialect == "postgresql":
        rows = conn.execute(
            "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND c.relname <> 'schema_version' ORDER BY c.oid"
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'archive_fts%' ORDER BY rowid"
        ).fetchall()
    return [str(row["name"]) for row in rows]


def _columns(db: Database, conn: Connection, table: str) -> list[str]:
    cursor: Any = conn.execute(f"SELECT * FROM {_q(table)} WHERE 1 = 0")
    cursor.fetchall()
    return [str(d[0]) for d in cursor.description if d[0] not in ("rowid", "search")]


def export_register(db: Database) -> dict[str, Any]:
    """Every table of the register as plain data (a consistent snapshot: one transaction)."""

    def work(conn: Connection) -> dict[str, Any]:
        tables: dict[str, Any] = {}
        for table in _tables(db, conn):
            columns = _columns(db, conn, table)
            order = " ORDER BY rowid" if table == "entries" else ""
            names = ", ".join(_q(c) for c in columns)
            rows = conn.execute(f"SELECT {names} FROM {_q(table)}{order}").fetchall()
            tables[table] = {"columns": columns, "rows": [list(row) for row in rows]}
        return tables

    tables = db.write(work)
    return {
        "format": FORMAT,
        "version": db.version(),
        "source": db.location,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": tables,
    }


def export_json(db: Database) -> bytes:
    return (json.dumps(export_register(db), ensure_ascii=False, indent=1) + "\n").encode()


def parse_export(data: bytes, source: str) -> dict[str, Any]:
    """The export read back, or ``RegisterRefused`` saying in French what is wrong with it."""
    try:
        dump = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise RegisterRefused(
            f"« {source} » n’est pas un export de registre (JSON illisible)."
        ) from exc
    if (
        not isinstance(dump, dict)
        or dump.get("format") != FORMAT
        or not isinstance(dump.get("tables"), dict)
    ):
        raise RegisterRefused(f"« {source} » n’est pas un export de registre Communiqué.")
    if dump.get("version") != current_version():
        raise RegisterRefused(
            f"« {source} » a été exporté d’un registre au schéma {dump.get('version')} ; cette "
            f"version de Communiqué importe le schéma {current_version()}. Exportez-le à nouveau "
            "avec la même version que celle qui importe."
        )
    for name, table in dump["tables"].items():
        if not (
            isinstance(table, dict)
            and isinstance(table.get("columns"), list)
            and isinstance(table.get("rows"), list)
            and all(isinstance(r, list) and len(r) == len(table["columns"]) for r in table["rows"])
        ):
            raise RegisterRefused(f"« {source} » est incomplet ou modifié (table « {name} »).")
        for row in table["rows"]:
            for column, value in zip(table["columns"], row, strict=True):
                if not _storable(value):
                    raise RegisterRefused(
                        f"« {source} » est modifié : la valeur de « {name}.{column} » n’est pas "
                        f"de celles qu’un registre contient (nombre hors limites, texte de plus "
                        f"de {MAX_TEXT // 1_000_000} Mo ou objet)."
                    )
    return dump


MAX_INTEGER = 2**31 - 1
"""The largest whole number a register holds (PostgreSQL's ``INTEGER``): a number, a count."""
MAX_TEXT = 10_000_000


def _storable(value: object) -> bool:
    """A value an export of ours may hold: nothing, a bounded whole number, a bounded text."""
    if value is None:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -MAX_INTEGER - 1 <= value <= MAX_INTEGER
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    return False


def import_register(db: Database, dump: dict[str, Any], source: str = "") -> TransferReport:
    """Load an export into ``db``, a register that holds no number and no contact yet.

    All of it in one transaction: on any refusal, the target is left as it was."""

    def work(conn: Connection) -> TransferReport:
        if db.dialect == "postgresql":  # the rows keep who recorded them (the owner only)
            conn.execute("SELECT set_config('communique.import', 'on', true)")
        present = _tables(db, conn)
        for table in present:
            if table in KEPT_ROWS:
                continue
            if conn.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0]:
                raise RegisterRefused(
                    f"Le registre « {db.location} » contient déjà des données (table "
                    f"« {table} ») : l’import se fait dans un registre neuf, pour ne mêler "
                    "aucun numéro. Créez-en un avec « communique register init »."
                )
        wanted = dump["tables"]
        missing = [t for t in wanted if t not in present]
        if missing:
            raise RegisterRefused(
                f"Le registre « {db.location} » n’a pas la table « {missing[0]} » de l’export."
            )
        for table in reversed([t for t in present if t in wanted]):
            conn.execute(f"DELETE FROM {_q(table)}")
        counts: dict[str, int] = {}
        for table in [t for t in present if t in wanted]:
            columns = wanted[table]["columns"]
            known = set(_columns(db, conn, table))
            if not set(columns) <= known:
                extra = sorted(set(columns) - known)[0]
                raise RegisterRefused(
                    f"La colonne « {table}.{extra} » de l’export est inconnue du registre."
                )
            names = ", ".join(_q(c) for c in columns)
            marks = ", ".join("?" for _ in columns)
            for row in wanted[table]["rows"]:
                conn.execute(f"INSERT INTO {_q(table)} ({names}) VALUES ({marks})", tuple(row))
            counts[table] = len(wanted[table]["rows"])
        if db.dialect == "postgresql":
            _continue_identities(conn)
        from desktop.store.archive import reindex

        reindex(conn, db.dialect)  # the search index is made again, not carried
        entries = conn.execute(
            "SELECT count(*), sum(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END) FROM entries"
        ).fetchone()
        contacts = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        return TransferReport(int(entries[0]), int(entries[1] or 0), int(contacts), counts)

    return db.write(work)


def _continue_identities(conn: Connection) -> None:
    """PostgreSQL's generated ids go on after the imported ones (SQLite's do by themselves)."""
    rows = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ).fetchall()
    for row in rows:
        table, column = row["table_name"], row["column_name"]
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max({_q(column)}) "
            f"FROM {_q(table)}), 0) + 1, false)",
            (_q(table), column),
        )
