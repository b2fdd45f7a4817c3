"""The parameter layer: ``?`` placeholders written once, numbered for PostgreSQL, and the
characters that fooled the old string replacement (``?``, ``%``, ``'``, ``--``) in literals and
comments reaching the database as written."""

from __future__ import annotations

import pytest

from desktop.store.database import Database
from desktop.store.sql import Connection, numbered_placeholders, pieces


@pytest.mark.parametrize(
    ("sql", "numbered"),
    [
        ("SELECT ? , ?", "SELECT $1 , $2"),
        ("WHERE a = '?' AND b = ?", "WHERE a = '?' AND b = $1"),
        ("WHERE a = 'it''s ? -- no' AND b = ?", "WHERE a = 'it''s ? -- no' AND b = $1"),
        ('SELECT "odd ?"" name" FROM t WHERE x = ?', 'SELECT "odd ?"" name" FROM t WHERE x = $1'),
        ("SELECT ? -- a ? in a comment\n, ?", "SELECT $1 -- a ? in a comment\n, $2"),
        ("SELECT ? /* a /* nested ? */ ? */ , ?", "SELECT $1 /* a /* nested ? */ ? */ , $2"),
        ("SELECT E'a \\' ?' , ?", "SELECT E'a \\' ?' , $1"),
        ("SELECT 'a \\', ?", "SELECT 'a \\', $1"),  # a backslash is plain text in a '' literal
        ("SELECT $$ ? $$, $tag$ '?' $$ ? $tag$, ?", "SELECT $$ ? $$, $tag$ '?' $$ ? $tag$, $1"),
        ("SELECT a$b, ?", "SELECT a$b, $1"),  # a $ inside a name opens nothing
        ("SELECT 100 % 7, '50 %', ?", "SELECT 100 % 7, '50 %', $1"),
        ("SELECT NOTE'x', ?", "SELECT NOTE'x', $1"),
        ("SELECT '? unterminated", "SELECT '? unterminated"),
        ("SELECT 1 -- ? to the end", "SELECT 1 -- ? to the end"),
    ],
)
def test_only_placeholders_outside_literals_and_comments_are_numbered(
    sql: str, numbered: str
) -> None:
    assert numbered_placeholders(sql) == numbered
    assert "".join(text for _, text in pieces(sql)) == sql


@pytest.mark.usefixtures("backend")
def test_literals_holding_placeholder_characters_reach_the_database_as_written() -> None:
    with Database.open() as db:
        [row] = db.read(
            "SELECT '?' AS q, '50 %' AS p, 'l''Etat ?' AS a, '-- ?' AS d, ? AS one, "
            "'/* ? */' AS c, ? AS two -- and a ? in a comment",
            ("100 % ?", "x' -- ?"),
        )
        assert [row[i] for i in range(7)] == [
            "?",
            "50 %",
            "l'Etat ?",
            "-- ?",
            "100 % ?",
            "/* ? */",
            "x' -- ?",
        ]
        assert (row["one"], row["two"]) == ("100 % ?", "x' -- ?")

        def work(conn: Connection) -> None:
            conn.execute("INSERT INTO meta (key, value) VALUES ('k ? %', ?)", ("v -- '?' %s %%",))
            conn.execute("INSERT INTO meta (key, value) VALUES (?, '%s ? --')", ("k2 ?",))

        db.write(work)
        rows = db.read("SELECT key, value FROM meta WHERE key LIKE 'k%' ORDER BY key")
        assert [tuple(row) for row in rows] == [
            ("k ? %", "v -- '?' %s %%"),
            ("k2 ?", "%s ? --"),
        ]
