"""Registers as an earlier Communiqué wrote them, kept under ``tests/data/`` to prove that the
current code opens, reads and upgrades them.

``register-schema{1,7}.sqlite`` are SQLite files; ``register-schema{2,7}.postgresql.sql`` are
``pg_dump --inserts`` of a server register, its schema's name replaced by ``__SCHEMA__``
(``restore`` loads one into a fresh schema of the test cluster). They were made at commit
e63415b (before the schema was written once for both backends) by ``python -m
tests.store.old_registers``, which only works against the code of that time.

The rows hold the characters a parameter layer gets wrong: ``?``, ``%``, ``'`` and ``--``.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA_TOKEN = "__SCHEMA__"
REGISTER_ID = "7d8e7f8a-0000-4000-8000-00000000c0de"
HEADLINES = ("Plan « 50 % ? » -- lancement", "L'Etat ? 100 %% -- /* non */")


def sqlite_file(version: int) -> Path:
    return DATA / f"register-schema{version}.sqlite"


def postgresql_dump(version: int) -> Path:
    return DATA / f"register-schema{version}.postgresql.sql"


def fill_entries(conn: Any, *, labels: bool = True) -> None:
    """Two numbers of the default series, the second one cancelled; ``labels``: the schema
    records each number as printed (from schema 2 on)."""
    conn.execute("UPDATE meta SET value = ? WHERE key = 'register_id'", (REGISTER_ID,))
    conn.execute("UPDATE series SET format = ?", ("N° {n} %?",))
    conn.execute("INSERT INTO counters (series, period, next) VALUES ('CP', 0, 3)")
    for number, headline in enumerate(HEADLINES, start=1):
        conn.execute(
            "INSERT INTO entries (id, series, period, number, year, headline, release_date, "
            "draft_path, draft_sha256, draft_written, issued_at, issued_by) "
            "VALUES (?, 'CP', 0, ?, 2026, ?, '2026-11-03', ?, 'ab', 1, "
            "'2026-11-03T09:00:00+00:00', 'presse')",
            (f"00000000-0000-4000-8000-{number:012d}", number, headline, f"/brouillons/{number}"),
        )
    conn.execute(
        "UPDATE entries SET state = 'cancelled', cancelled_at = '2026-11-04T09:00:00+00:00', "
        "cancelled_by = 'presse', cancel_reason = ? WHERE number = 2",
        ("doublon -- voir le n° 1 ?",),
    )
    if labels:
        conn.execute("UPDATE entries SET label = 'N° ' || number || ' %?'")


def fill_the_rest(conn: Any) -> None:
    """A row in every table the later steps created."""
    conn.execute(
        "INSERT INTO contacts (name, organisation, phone, email, created_at, updated_at) "
        "VALUES (?, ?, '01 44 49 89 40', 'presse@example.org', ?, ?)",
        (
            "Anne O'Neil",
            "Cabinet -- 100 %",
            "2026-11-03T09:00:00+00:00",
            "2026-11-03T09:00:00+00:00",
        ),
    )
    conn.execute(
        "INSERT INTO release_versions (id, release_id, position, event, content_sha256, content, "
        "author, machine, created_at, note) VALUES ('v1', 'r1', 1, 'submitted', 'cd', ?, "
        "'presse', 'poste-1', '2026-11-03T09:00:00+00:00', ?)",
        ('{"headline": "50 % ?"}', "relire -- merci ?"),
    )
    conn.execute(
        "INSERT INTO mailing_lists (name, created_at) VALUES ('presse', '2026-11-03T09:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO mailing_members (list_name, address, name, outlet, basis, source, added_at) "
        "VALUES ('presse', 'anne@example.org', ?, ?, 'interet-legitime', '', "
        "'2026-11-03T09:00:00+00:00')",
        ("Anne O'Neil", "L'Hebdo ?"),
    )
    conn.execute(
        "INSERT INTO mailing_objections (address_sha256, recorded_at) "
        "VALUES ('0123', '2026-11-03T09:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO mail_sends (id, release_key, message_id, started_at, finished_at, sender, "
        "number, headline, pdf_sha256, lists, recipients) VALUES ('s1', 'k1', '<m1@example.org>', "
        "'2026-11-03T10:00:00+00:00', '2026-11-03T10:01:00+00:00', 'presse@example.org', "
        "?, ?, 'ef', 'presse', 1)",
        ("N° 1 %?", HEADLINES[0]),
    )
    conn.execute(
        "INSERT INTO mail_deliveries (send_id, address, state, detail) "
        "VALUES ('s1', 'anne@example.org', 'sent', '250 OK')"
    )
    conn.execute(
        "INSERT INTO office_words (folded, word, added_at, added_by) "
        "VALUES ('zorglub', 'Zorglub', '2026-11-03T09:00:00+00:00', 'presse')"
    )


def restore(url: str, dump: Path) -> None:
    """Load a ``pg_dump`` of an old register into the (empty) schema ``url`` points at."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()
        assert schema is not None
        conn.execute(dump.read_text(encoding="utf-8").replace(SCHEMA_TOKEN, schema[0]))


def _make() -> None:  # pragma: no cover - run by hand, once, on the old code
    from unittest import mock

    from desktop.store import database
    from desktop.store.database import Database
    from tests.conftest import fresh_server_register
    from tests.pg_server import start_cluster

    def make(target: str | Path, version: int) -> None:
        with (
            mock.patch.object(database, "MIGRATIONS", database.MIGRATIONS[:version]),
            Database.open(target, migrate=True) as db,
        ):
            db.write(lambda conn: fill_entries(conn, labels=version > 1))
            if version == database.SCHEMA_VERSION:
                db.write(fill_the_rest)

    for version in (1, database.SCHEMA_VERSION):
        sqlite_file(version).unlink(missing_ok=True)
        small = sqlite3.connect(sqlite_file(version))  # small pages keep the file small
        small.execute("PRAGMA page_size = 1024")
        small.execute("PRAGMA journal_mode = WAL")
        small.close()
        make(sqlite_file(version), version)
    cluster = start_cluster()
    try:
        for version in (2, database.SCHEMA_VERSION):
            url = fresh_server_register(cluster, init=False)
            make(url, version)
            schema = url.rsplit("%3D", 1)[1]
            dumped = subprocess.run(
                [
                    str(cluster.bin / "pg_dump"),
                    "--schema",
                    schema,
                    "--inserts",
                    "--no-owner",
                    "--no-privileges",
                    "--no-comments",
                    cluster.url(),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            lines = [
                line
                for line in dumped.splitlines()
                if not line.startswith(
                    ("--", "\\", "CREATE SCHEMA", "SET default_table_access_method")
                )
            ]
            text = "\n".join(lines).replace(schema, SCHEMA_TOKEN).strip() + "\n"
            while "\n\n\n" in text:
                text = text.replace("\n\n\n", "\n\n")
            postgresql_dump(version).write_text(text, encoding="utf-8")
    finally:
        cluster.stop()


if __name__ == "__main__":  # pragma: no cover
    _make()
    sys.exit(0)
