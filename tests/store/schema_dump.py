"""What a register's schema is, read back from the database itself, in a form two registers can be
compared by: tables, columns, constraints, indexes, triggers and functions.

SQLite: the statements of ``sqlite_master`` (comments dropped, spacing normalised: a table grown by
``ALTER TABLE`` and one created whole read alike only if they say the same) and the pragmas.
PostgreSQL: ``information_schema`` and ``pg_catalog``, definitions as the server prints them, the
test's schema name left out, tables by name (a register restored by ``pg_dump`` has its tables
created in that order). The reference files under ``tests/data/`` were written by this module
from registers that the code before the one-description schema created
(``python -m tests.store.schema_dump``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"


def reference_path(dialect: str) -> Path:
    return DATA / f"register-schema.{dialect}.json"


def normalise_sql(sql: str) -> str:
    """One statement with its comments dropped and its spacing reduced to single spaces, none
    next to a parenthesis or a comma (string literals are kept as written)."""
    parts: list[str] = []
    for literal, code in re.findall(r"('(?:[^']|'')*')|([^']+)", sql):
        if literal:
            parts.append(literal)
            continue
        bare = re.sub(r"\s+", " ", re.sub(r"--[^\n]*", " ", code))
        parts.append(re.sub(r" ?([(),]) ?", r"\1", bare))
    return "".join(parts).strip(" ;")


def _rows(conn: Any, sql: str) -> list[list[Any]]:
    return [list(row) for row in conn.execute(sql).fetchall()]


def dump_sqlite(conn: Any) -> dict[str, Any]:
    # Tables in the order they were created (moving a register copies them in that order);
    # indexes and triggers by name (VACUUM moves them after the tables).
    objects = _rows(
        conn,
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "ORDER BY type <> 'table', CASE WHEN type = 'table' THEN rowid END, type, name",
    )
    tables = [name for kind, name, _, _ in objects if kind == "table"]
    return {
        "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "objects": [[k, n, t, normalise_sql(s) if s else None] for k, n, t, s in objects],
        "tables": {
            name: {
                "list": _rows(
                    conn, f"SELECT type, ncol, wr, strict FROM pragma_table_list('{name}')"
                ),
                "columns": _rows(conn, f"PRAGMA table_xinfo('{name}')"),
                "foreign_keys": _rows(conn, f"PRAGMA foreign_key_list('{name}')"),
                "indexes": [
                    [*index, _rows(conn, f"PRAGMA index_xinfo('{index[1]}')")]
                    for index in _rows(conn, f"PRAGMA index_list('{name}')")
                ],
            }
            for name in tables
        },
    }


def dump_postgresql(conn: Any) -> dict[str, Any]:
    schema = conn.execute("SELECT current_schema()").fetchone()[0]

    def bare(text: str | None) -> str | None:
        """Without the schema's name (each test has a schema of its own): as a prefix, and in
        a function's pinned search path."""
        if text is None:
            return None
        return text.replace(f"{schema}.", "").replace(f"'{schema}'", "'<schéma>'")

    here = "n.nspname = current_schema()"
    tables = _rows(
        conn,
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE {here} AND c.relkind IN ('r', 'S') ORDER BY c.relkind, c.relname",
    )
    columns = _rows(
        conn,
        "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, "
        "column_default, is_identity, identity_generation FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    constraints = _rows(
        conn,
        "SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
        f"WHERE {here} ORDER BY t.relname, c.conname",
    )
    indexes = _rows(
        conn,
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "ORDER BY tablename, indexname",
    )
    triggers = _rows(
        conn,
        "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE {here} AND NOT t.tgisinternal ORDER BY c.relname, t.tgname",
    )
    functions = _rows(
        conn,
        "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
        f"JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {here} ORDER BY p.proname",
    )
    return {
        "tables": tables,
        "columns": columns,
        "constraints": [[t, n, k, bare(d)] for t, n, k, d in constraints],
        "indexes": [[t, n, bare(d)] for t, n, d in indexes],
        "triggers": [[t, n, bare(d)] for t, n, d in triggers],
        "functions": [[n, bare(d)] for n, d in functions],
    }


def dump(db: Any) -> dict[str, Any]:
    """The schema of an open ``Database`` (either backend), as plain JSON data."""
    work = dump_postgresql if db.dialect == "postgresql" else dump_sqlite
    data: dict[str, Any] = db.run(work)
    return json.loads(json.dumps(data))  # tuples and rows as JSON would give them back


def to_text(data: Any, indent: str = "") -> str:
    """JSON with one row (a list of plain values) a line, so that a diff shows what changed."""
    inner = indent + " "
    if isinstance(data, dict) and data:
        items = [f"{inner}{json.dumps(k)}: {to_text(v, inner)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(data, list) and any(isinstance(v, (list, dict)) for v in data):
        items = [inner + to_text(v, inner) for v in data]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return json.dumps(data, ensure_ascii=False)


def write_references() -> None:  # pragma: no cover - run by hand, once, on the old code
    import tempfile

    from desktop.store.database import Database
    from tests.conftest import fresh_server_register
    from tests.pg_server import start_cluster

    with tempfile.TemporaryDirectory() as folder, Database.open(Path(folder) / "reg.sqlite") as db:
        reference_path("sqlite").write_text(to_text(dump(db)) + "\n")
    cluster = start_cluster()
    try:
        with Database.open(fresh_server_register(cluster)) as db:
            reference_path("postgresql").write_text(to_text(dump(db)) + "\n")
    finally:
        cluster.stop()


if __name__ == "__main__":  # pragma: no cover
    write_references()
    sys.exit(0)
