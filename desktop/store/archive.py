"""The archive: every release the office issued or imported, kept in the register with its text,
kind, date, number, ministry and contacts, and found again by full-text search in French.

Search is the same on both backends: the words are stemmed and folded in Python
(``core.archive_text``); SQLite matches them with FTS5 (ranked by ``bm25``), PostgreSQL with a
``tsvector`` and its GIN index (ranked by ``ts_rank``), the headline weighing most. Filters:
a date range, the kind, a ministry and a contact (accents and case aside).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.core.archive_text import Query, archive_text, parse_query
from desktop.core.draft import release_to_json
from desktop.core.model import Release
from desktop.core.numbers import printed_number
from desktop.core.search import fold
from desktop.core.text import clean_text
from desktop.store.base import Store
from desktop.store.database import Connection, RegisterUnavailable, utc_now

MAX_RESULTS = 500
DEFAULT_RESULTS = 50
CANDIDATES = 300
"""PostgreSQL ranks on their whole text this many of the most recent matches (see ``search``)."""


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    kind: str = ""
    ministry: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Hit:
    """A release found: what a list of results shows, and its key to open it."""

    key: str
    headline: str
    date: date | None
    number: str
    kind: str
    ministry: str
    contacts: str
    body: str
    source: str
    rank: float


@dataclass(frozen=True)
class Entry:
    """A release to keep in the archive: the release, where it came from, its number as
    printed."""

    release: Release
    source: str = ""
    number: str = ""

    @property
    def key(self) -> str:
        """The release's identity when it has one; else, imported, the fingerprint of the text
        read (the same file or text imported again is the same row, and a draft edited since
        keeps its row); else its file (added again, replaced); else its text."""
        if self.release.identity:
            return self.release.identity
        note = self.release.imported
        if note is not None and note.original.strip():  # the same text imported twice: one row
            return f"import:{imported_fingerprint(note.original)}"
        if self.source:
            digest = hashlib.sha256(self.source.encode("utf-8", "surrogatepass")).hexdigest()
            return f"fichier:{digest[:32]}"
        text = json.dumps(release_to_json(self.release), ensure_ascii=False, sort_keys=True)
        return f"texte:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


def _keeping_left(conn: Connection, row: tuple[object, ...]) -> tuple[object, ...]:
    """``row`` (its source third), without its file when the release it replaces left the
    office through the gate (kept with no file): a draft of it added by hand afterwards does
    not make it an addition that ``archive remove`` may take out."""
    if not row[2]:
        return row
    held = conn.execute("SELECT source FROM archive WHERE id = ?", (row[0],)).fetchone()
    if held is not None and not held["source"]:
        return (*row[:2], "", *row[3:])
    return row


def imported_fingerprint(original: str) -> str:
    """The fingerprint of an imported release: its text as read, spaces aside."""
    text = " ".join(original.split())
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_COLUMNS = (
    "id, release_id, source, kind, kind_folded, headline, release_date, number, ministry, "
    "ministry_folded, contacts, contacts_folded, body, content, added_at"
)
_HIT = (
    "a.id, a.headline, a.release_date, a.number, a.kind, a.ministry, a.contacts, a.body, a.source"
)


def _folded(value: str) -> str:
    """A filter as typed, folded, without the characters a database refuses (NUL…)."""
    return fold(clean_text(value, multiline=False))


def _like(value: str) -> str:
    escaped = _folded(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(filters: Filters) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.start is not None:
        clauses.append("a.release_date >= ?")
        params.append(filters.start.isoformat())
    if filters.end is not None:
        clauses.append("a.release_date <= ?")
        params.append(filters.end.isoformat())
    if filters.kind.strip():
        clauses.append("a.kind_folded = ?")
        params.append(_folded(filters.kind))
    for column, value in (
        ("ministry_folded", filters.ministry),
        ("contacts_folded", filters.contact),
    ):
        if value.strip():
            clauses.append(f"a.{column} LIKE ? ESCAPE '\\'")
            params.append(_like(value))
    return clauses, params


def fts_match(query: Query) -> str:
    """SQLite FTS5's MATCH expression: every stem, the last as a prefix while being typed."""
    parts = [f'"{s}"' for s in query.stems]
    if query.prefix:
        parts[-1] += "*"
    return " AND ".join(parts)


def ts_query(query: Query) -> str:
    """PostgreSQL's ``to_tsquery('simple', …)`` text for the same search."""
    parts = list(query.stems)
    if query.prefix:
        parts[-1] += ":*"
    return " & ".join(parts)


def archive_version() -> int:
    """The schema version from which a register holds the archive."""
    from desktop.store.schema import MIGRATIONS

    return 1 + next(i for i, step in enumerate(MIGRATIONS) if step.name.startswith("the archive"))


class Archive(Store):
    """The archive of one register; open it once and keep it, as for ``Register``."""

    _ready: bool = False

    @property
    def available(self) -> bool:
        """Whether the register holds the archive: a shared server is upgraded only on request
        (``communique register migrate``), so its schema may be older than this code."""
        if not self._ready:
            self._ready = self.db.version() >= archive_version()
        return self._ready

    def _require(self) -> None:
        if not self.available:
            raise RegisterUnavailable(
                f"Le registre «\u00a0{self.location}\u00a0» n’a pas encore d’archives\u00a0: "
                "mettez-le à jour avec «\u00a0communique register migrate\u00a0»."
            )

    def add(self, entries: Iterable[Entry]) -> int:
        """Keep (or replace) these releases, in one transaction; how many."""
        rows = [self._row(entry) for entry in entries]
        if not rows:
            return 0
        self._require()
        dialect = self.db.dialect

        def work(conn: Connection) -> int:
            for kept, indexed in rows:
                row = _keeping_left(conn, kept)
                _remove(conn, dialect, str(row[0]))
                if dialect == "postgresql":
                    headline, body, ministry, contacts = indexed
                    conn.execute(
                        f"INSERT INTO archive ({_COLUMNS}, search) VALUES "
                        f"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {_PG_SEARCH})",
                        (*row, headline, body, f"{ministry} {contacts}"),
                    )
                else:
                    conn.execute(
                        f"INSERT INTO archive ({_COLUMNS}) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        row,
                    )
                    conn.execute(
                        "INSERT INTO archive_fts (rowid, headline, body, ministry, contacts) "
                        "VALUES ((SELECT rowid FROM archive WHERE id = ?), ?, ?, ?, ?)",
                        (row[0], *indexed),
                    )
            return len(rows)

        return self.db.write(work)

    @staticmethod
    def _row(entry: Entry) -> tuple[tuple[object, ...], tuple[str, str, str, str]]:
        text = archive_text(entry.release)
        release = entry.release
        number = entry.number or printed_number(release)  # a typed or imported number
        content = json.dumps(release_to_json(release), ensure_ascii=False)
        row = (
            entry.key,
            release.identity or "",
            entry.source,
            release.kind,
            fold(release.kind),
            release.headline,
            release.date.isoformat() if release.date else None,
            number,
            text.ministry,
            text.folded_ministry,
            text.contacts,
            text.folded_contacts,
            text.body,
            content,
            utc_now(),
        )
        return row, text.indexed()

    def held(self, key: str) -> Hit | None:
        """The release kept under ``key``, as a list of results shows it, or None."""
        self._require()
        rows = self.db.read(f"SELECT {_HIT}, 0 AS rank FROM archive a WHERE a.id = ?", (key,))
        return _hit(rows[0]) if rows else None

    def remove(self, key: str) -> bool:
        self._require()
        dialect = self.db.dialect
        return self.db.write(lambda conn: _remove(conn, dialect, key))

    def remove_all(self, keys: Iterable[str]) -> int:
        """Remove these releases in one transaction; how many were kept."""
        self._require()
        dialect = self.db.dialect
        wanted = list(keys)
        return self.db.write(lambda conn: sum(_remove(conn, dialect, key) for key in wanted))

    def count(self) -> int:
        self._require()
        return int(self.db.read("SELECT COUNT(*) AS n FROM archive")[0]["n"])

    def kinds(self) -> list[str]:
        self._require()
        rows = self.db.read("SELECT DISTINCT kind FROM archive ORDER BY kind")
        return [str(r["kind"]) for r in rows if r["kind"]]

    def search(
        self, text: str = "", filters: Filters | None = None, *, limit: int = DEFAULT_RESULTS
    ) -> list[Hit]:
        """The releases matching ``text`` (every word, in any form) and ``filters``, best first;
        with no words, the most recent first."""
        self._require()
        filters = filters or Filters()
        limit = max(1, min(limit, MAX_RESULTS))
        query = parse_query(text)
        clauses, params = _where(filters)
        if query.empty:
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            sql = (
                f"SELECT {_HIT}, 0 AS rank FROM archive a {where} "
                "ORDER BY a.release_date DESC, a.headline LIMIT ?"
            )
            rows = self.db.read(sql, (*params, limit))
        elif self.db.dialect == "postgresql":
            # Two stages: the CANDIDATES most recent matches (the GIN index and the date), then
            # ranked on their whole text. Ranking every match reads each release's vector from
            # its TOAST storage: 200 to 450 ms for a word that 19,000 of 20,000 releases hold.
            # With fewer matches than CANDIDATES, every match is ranked, as on SQLite.
            conditions = " AND ".join(["a.search @@ q.q", *clauses])
            sql = (
                "WITH q AS (SELECT to_tsquery('simple', ?) AS q), c AS ("
                f"SELECT a.id FROM archive a, q WHERE {conditions} "
                "ORDER BY a.release_date DESC NULLS LAST LIMIT ?) "
                f"SELECT {_HIT}, ts_rank(a.search, q.q) AS rank FROM archive a "
                "JOIN c ON c.id = a.id, q ORDER BY rank DESC, a.release_date DESC LIMIT ?"
            )
            rows = self.db.read(sql, (ts_query(query), *params, CANDIDATES, limit))
        else:
            # Ranked within the index alone, then joined for the few kept: joining every match
            # before the LIMIT costs three times as much for a word most releases hold. The
            # filters are a set of rows made once from a covering index (``archive_filters``);
            # the ``+`` keeps SQLite from handing that set to FTS5, which would look up each row
            # of it (seconds).
            within = ""
            if clauses:
                within = f"WHERE +f.rowid IN (SELECT a.rowid FROM archive a WHERE {' AND '.join(clauses)}) "
            sql = (
                f"SELECT {_HIT}, -k.score AS rank FROM (SELECT f.rowid, f.score FROM (SELECT rowid, "
                "bm25(archive_fts, 10.0, 1.0, 2.0, 2.0) AS score FROM archive_fts "
                f"WHERE archive_fts MATCH ?) f {within}ORDER BY f.score LIMIT ?) k "
                "JOIN archive a ON a.rowid = k.rowid ORDER BY k.score, a.release_date DESC"
            )
            params = [fts_match(query), *params]
            rows = self.db.read(sql, (*params, limit))
        return [_hit(row) for row in rows]

    def release(self, key: str) -> Release | None:
        """The release kept under ``key``, as it was added."""
        from desktop.core.draft import release_from_json

        self._require()
        rows = self.db.read("SELECT content FROM archive WHERE id = ?", (key,))
        if not rows:
            return None
        return release_from_json(json.loads(rows[0]["content"]))


_PG_SEARCH = (
    "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') "
    "|| setweight(to_tsvector('simple', ?), 'C')"
)


def _pg_vectors(conn: Connection, key: str, indexed: tuple[str, str, str, str]) -> None:
    """PostgreSQL's vector of a row: every stem, weighted (the headline most)."""
    headline, body, ministry, contacts = indexed
    conn.execute(
        f"UPDATE archive SET search = {_PG_SEARCH} WHERE id = ?",
        (headline, body, f"{ministry} {contacts}", key),
    )


def _remove(conn: Connection, dialect: str, key: str) -> bool:
    if dialect == "sqlite":
        conn.execute(
            "DELETE FROM archive_fts WHERE rowid IN (SELECT rowid FROM archive WHERE id = ?)",
            (key,),
        )
    cursor = conn.execute("DELETE FROM archive WHERE id = ?", (key,))
    return cursor.rowcount > 0


def _hit(row: object) -> Hit:
    r = row  # a row read by column name on both backends
    value = r["release_date"]  # type: ignore[index]
    return Hit(
        key=str(r["id"]),  # type: ignore[index]
        headline=str(r["headline"]),  # type: ignore[index]
        date=date.fromisoformat(value) if value else None,
        number=str(r["number"]),  # type: ignore[index]
        kind=str(r["kind"]),  # type: ignore[index]
        ministry=str(r["ministry"]),  # type: ignore[index]
        contacts=str(r["contacts"]),  # type: ignore[index]
        body=str(r["body"]),  # type: ignore[index]
        source=str(r["source"]),  # type: ignore[index]
        rank=float(r["rank"] or 0),  # type: ignore[index]
    )


def entry_of_draft(release: Release, path: Path, number: str = "") -> Entry:
    return Entry(release, str(Path(path).absolute()), number)


def reindex(conn: Connection, dialect: str) -> int:
    """The search index made again from the releases kept (after a register's import: the
    index is not part of an export)."""
    from desktop.core.draft import release_from_json

    rows = conn.execute("SELECT id, source, number, content FROM archive").fetchall()
    if dialect == "sqlite":
        conn.execute("DELETE FROM archive_fts")
    for row in rows:
        release = release_from_json(json.loads(row["content"]))
        indexed = archive_text(release).indexed()
        if dialect == "postgresql":
            _pg_vectors(conn, str(row["id"]), indexed)
        else:
            conn.execute(
                "INSERT INTO archive_fts (rowid, headline, body, ministry, contacts) "
                "VALUES ((SELECT rowid FROM archive WHERE id = ?), ?, ?, ?, ?)",
                (row["id"], *indexed),
            )
    return len(rows)
