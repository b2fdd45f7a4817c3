"""The register's schema, written once for SQLite and PostgreSQL, and its upgrades.

Each upgrade is a ``Step`` of ``MIGRATIONS`` (``ddl`` says what the items are and how each
backend gets them); ``Database.upgrade`` runs the missing steps, one transaction each, and keeps
the version (``PRAGMA user_version`` in SQLite, the table ``schema_version`` in PostgreSQL).
A step, once released, never changes: registers in use were built by it. New steps are
appended::

    MIGRATIONS.append(Step("history of outputs", Table("outputs", "id TEXT PRIMARY KEY", ...)))

A register made by this description has the tables, columns, constraints and triggers the
earlier, separate SQLite and PostgreSQL scripts made (``tests/store/test_database_schema.py``
compares it with their dumps).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from desktop.core.numbers import DEFAULT_FORMAT, format_label
from desktop.store.ddl import (
    IDENTITY,
    REFUSE,
    REFUSE_FUNCTION,
    Only,
    Refusal,
    Step,
    Table,
    quote,
)
from desktop.store.sql import Connection

__all__ = ["DEFAULT_SERIES", "MIGRATIONS", "SCHEMA_VERSION", "Step", "current_version", "utc_now"]

DEFAULT_SERIES = "CP"


def utc_now() -> str:
    """A moment as the register keeps it: ISO 8601 text, UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- 1: numbers and contacts

# The series that numbers each kind of document (``core.kinds``), where the office chose one
# other than the kind's default; a NULL series: that kind is not numbered.
KIND_SERIES = Table(
    "kind_series",
    "kind TEXT PRIMARY KEY",
    "series TEXT REFERENCES series (name)",
    without_rowid=True,
)

META = Table("meta", "key TEXT PRIMARY KEY", "value TEXT NOT NULL", without_rowid=True)
SERIES = Table(
    "series",
    "name TEXT PRIMARY KEY",
    "yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1))",
    "format TEXT NOT NULL DEFAULT 'N°{n}'",
    without_rowid=True,
)
# One row per sequence: the next number to give. Period is the year for a yearly series, 0 for
# a continuous one. Kept apart from the entries so that a number, once counted, is never
# counted again, whatever happens to the entries or the drafts.
COUNTERS = Table(
    "counters",
    "series TEXT NOT NULL REFERENCES series (name)",
    "period INTEGER NOT NULL",
    "next INTEGER NOT NULL CHECK (next >= 1)",
    "PRIMARY KEY (series, period)",
    without_rowid=True,
)
ENTRIES = Table(
    "entries",
    "id TEXT PRIMARY KEY",
    "series TEXT NOT NULL REFERENCES series (name)",
    "period INTEGER NOT NULL",
    "number INTEGER NOT NULL CHECK (number >= 1)",
    "year INTEGER NOT NULL",
    "headline TEXT NOT NULL",
    "release_date TEXT",
    "draft_path TEXT NOT NULL",
    "draft_sha256 TEXT NOT NULL",
    # 1 once the number is in the draft; until then the entry can be claimed by the same,
    # unchanged draft (the process died between the commit and the draft's save).
    "draft_written INTEGER NOT NULL DEFAULT 0",
    "issued_at TEXT NOT NULL",
    "issued_by TEXT NOT NULL",
    "state TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'cancelled'))",
    "cancelled_at TEXT",
    "cancelled_by TEXT",
    "cancel_reason TEXT",
    "UNIQUE (series, period, number)",
    ordered=True,  # the order of issue
)
CONTACTS = Table(
    "contacts",
    f"id {IDENTITY} PRIMARY KEY",
    "name TEXT NOT NULL DEFAULT ''",
    "organisation TEXT NOT NULL DEFAULT ''",
    "phone TEXT NOT NULL DEFAULT ''",
    "email TEXT NOT NULL DEFAULT ''",
    "created_at TEXT NOT NULL",
    "updated_at TEXT NOT NULL",
)


def first_rows(conn: Connection) -> None:
    """What a new register holds: its identity and the default series."""
    conn.execute("INSERT INTO meta (key, value) VALUES ('register_id', ?)", (str(uuid.uuid4()),))
    conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
    conn.execute(
        "INSERT INTO series (name, yearly, format) VALUES (?, 0, ?)",
        (DEFAULT_SERIES, DEFAULT_FORMAT),
    )


# ---------------------------------------------------------------- 2: numbers as printed


def record_labels(conn: Connection) -> None:
    """Each entry keeps the number as printed when it was issued (``label``), so that a later
    change of the display format changes only the numbers issued after it. Entries issued
    before this version get the label in their series' format of the time of the upgrade:
    the form they were printed in until then."""
    rows = conn.execute(
        "SELECT e.id, e.number, e.year, s.format FROM entries e JOIN series s ON s.name = e.series"
    ).fetchall()
    for row in rows:
        conn.execute(
            "UPDATE entries SET label = ? WHERE id = ?",
            (format_label(row["format"], row["number"], row["year"]), row["id"]),
        )


# ---------------------------------------------------------------- 4: sign-off and versions

# Each submit, approval and send keeps the release's content, who, when and from which
# machine; the latest one gives the release's state while its content is unchanged.
RELEASE_VERSIONS = Table(
    "release_versions",
    "id TEXT PRIMARY KEY",
    "release_id TEXT NOT NULL",
    "position INTEGER NOT NULL CHECK (position >= 1)",
    "event TEXT NOT NULL CHECK (event IN ('submitted', 'approved', 'sent'))",
    "content_sha256 TEXT NOT NULL",
    "content TEXT NOT NULL",
    "author TEXT NOT NULL",
    "machine TEXT NOT NULL",
    "created_at TEXT NOT NULL",
    "note TEXT NOT NULL DEFAULT ''",
    "UNIQUE (release_id, position)",
)

# ---------------------------------------------------------------- 6: lists and the send log

# Distribution lists, objections (hashed addresses) and the send log (``store.mailing_lists``,
# ``store.send_log``).
MAILING_LISTS = Table("mailing_lists", "name TEXT PRIMARY KEY", "created_at TEXT NOT NULL")
MAILING_MEMBERS = Table(
    "mailing_members",
    "list_name TEXT NOT NULL REFERENCES mailing_lists (name)",
    "address TEXT NOT NULL",
    "name TEXT NOT NULL DEFAULT ''",
    "outlet TEXT NOT NULL DEFAULT ''",
    "basis TEXT NOT NULL",
    "source TEXT NOT NULL DEFAULT ''",
    "added_at TEXT NOT NULL",
    "PRIMARY KEY (list_name, address)",
)
MAILING_OBJECTIONS = Table(
    "mailing_objections", "address_sha256 TEXT PRIMARY KEY", "recorded_at TEXT NOT NULL"
)
MAIL_SENDS = Table(
    "mail_sends",
    "id TEXT PRIMARY KEY",
    "release_key TEXT NOT NULL",
    "message_id TEXT NOT NULL",
    "started_at TEXT NOT NULL",
    "finished_at TEXT",
    "sender TEXT NOT NULL",
    "number TEXT NOT NULL",
    "headline TEXT NOT NULL",
    "pdf_sha256 TEXT NOT NULL",
    "lists TEXT NOT NULL",
    "recipients INTEGER NOT NULL",
)
MAIL_DELIVERIES = Table(
    "mail_deliveries",
    "send_id TEXT NOT NULL REFERENCES mail_sends (id)",
    "address TEXT NOT NULL",
    "state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused'))",
    "detail TEXT NOT NULL DEFAULT ''",
    "PRIMARY KEY (send_id, address)",
)

# ---------------------------------------------------------------- 7: the office dictionary

OFFICE_WORDS = Table(
    "office_words",
    "folded TEXT PRIMARY KEY",
    "word TEXT NOT NULL",
    "added_at TEXT NOT NULL",
    "added_by TEXT NOT NULL",
)

# ---------------------------------------------------------------- 9: what left the office

# Each export, publication or send of a release (``store.outputs``): the sign-off state its
# files carried, the files (path, format, SHA-256, size), who, when and from which machine.
RELEASE_OUTPUTS = Table(
    "release_outputs",
    "id TEXT PRIMARY KEY",
    "release_id TEXT NOT NULL DEFAULT ''",
    "kind TEXT NOT NULL CHECK (kind IN ('export', 'publication', 'send'))",
    "state TEXT NOT NULL DEFAULT ''",
    "content_sha256 TEXT NOT NULL",
    "number TEXT NOT NULL DEFAULT ''",
    "headline TEXT NOT NULL DEFAULT ''",
    "files TEXT NOT NULL",
    "author TEXT NOT NULL",
    "machine TEXT NOT NULL",
    "created_at TEXT NOT NULL",
)

# ---------------------------------------------------------------- 10: messages in the history

# The e-mail's outputs join the history: a message file written for a mail client (``eml``) and a
# test copy (``test``) beside a send to the lists (``send``); each message's number of recipients
# and its Message-ID (the send log's key). SQLite cannot change a CHECK: the table is rebuilt.
OUTPUT_KINDS = ("export", "publication", "send", "eml", "test")
_KINDS_CHECK = f"CHECK (kind IN ({', '.join(quote(k) for k in OUTPUT_KINDS)}))"
_OUTPUT_COLUMNS = (
    "id, release_id, kind, state, content_sha256, number, headline, files, author, machine, "
    "created_at"
)
RELEASE_OUTPUTS_WITH_MESSAGES = Table(
    "release_outputs",
    "id TEXT PRIMARY KEY",
    "release_id TEXT NOT NULL DEFAULT ''",
    f"kind TEXT NOT NULL {_KINDS_CHECK}",
    *RELEASE_OUTPUTS.lines[3:],
    "recipients INTEGER NOT NULL DEFAULT 0 CHECK (recipients >= 0)",
    "message_id TEXT NOT NULL DEFAULT ''",
)
OUTPUT_INDEXES = (
    "CREATE INDEX release_outputs_by_release ON release_outputs (release_id, created_at)",
    "CREATE INDEX release_outputs_by_content ON release_outputs (content_sha256)",
)

# ---------------------------------------------------------------- 11: the archive

# Every release issued or imported, with its text for full-text search (``store.archive``).
# The searched columns hold French stems made in Python (``core.archive_text``), the same on
# both backends: SQLite indexes them with FTS5, PostgreSQL in a ``tsvector`` with a GIN index.
ARCHIVE = Table(
    "archive",
    "id TEXT PRIMARY KEY",
    "release_id TEXT NOT NULL DEFAULT ''",
    "source TEXT NOT NULL DEFAULT ''",
    "kind TEXT NOT NULL DEFAULT ''",
    "kind_folded TEXT NOT NULL DEFAULT ''",
    "headline TEXT NOT NULL DEFAULT ''",
    "release_date TEXT",
    "number TEXT NOT NULL DEFAULT ''",
    "ministry TEXT NOT NULL DEFAULT ''",
    "ministry_folded TEXT NOT NULL DEFAULT ''",
    "contacts TEXT NOT NULL DEFAULT ''",
    "contacts_folded TEXT NOT NULL DEFAULT ''",
    "body TEXT NOT NULL DEFAULT ''",
    "content TEXT NOT NULL",
    "added_at TEXT NOT NULL",
)
ARCHIVE_SEARCH = (
    Only(
        "sqlite",
        "CREATE VIRTUAL TABLE archive_fts USING fts5(headline, body, ministry, contacts, "
        "tokenize = 'unicode61 remove_diacritics 2')",
    ),
    Only(
        "postgresql",
        "ALTER TABLE archive ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;\n"
        "CREATE INDEX archive_search ON archive USING GIN (search);",
    ),
    "CREATE INDEX archive_by_date ON archive (release_date)",
    # SQLite reads the filters from an index alone (``store.archive``); PostgreSQL's B-tree
    # keys are limited to about 2,700 bytes, which a long list of contacts would pass.
    Only(
        "sqlite",
        "CREATE INDEX archive_filters ON archive "
        "(release_date, kind_folded, ministry_folded, contacts_folded)",
    ),
)


# ---------------------------------------------------------------- 11: history that holds

# (A version recorded before the ``v2:`` fingerprint is vouched for by Python alone: ``matches``.)
# Who acted, as the register can vouch for it (``account``: the database role on PostgreSQL,
# set by the server; the operating-system account on SQLite), each switch of the sign-off
# policy (who, when), and history tables that only grow: versions, policy switches and outputs
# are never updated or deleted, a counter never goes back (``store.identity``, ``store.roles``).
SIGNOFF_POLICY = Table(
    "signoff_policy",
    "id TEXT PRIMARY KEY",
    "enabled INTEGER NOT NULL CHECK (enabled IN (0, 1))",
    "author TEXT NOT NULL",
    "account TEXT NOT NULL DEFAULT ''",
    "machine TEXT NOT NULL",
    "created_at TEXT NOT NULL",
    ordered=True,
)
APPEND_ONLY = {
    "release_versions": "l’historique des versions est conservé tel quel",
    "signoff_policy": "l’historique de la politique de validation est conservé tel quel",
    "release_outputs": "l’historique des sorties est conservé tel quel",
}
APPROVERS_ROLE = "communique_approvers"
WRITERS_ROLE = "communique_writers"
_VOUCHED = (
    "NOT EXISTS (SELECT 1 FROM release_versions p WHERE p.release_id = NEW.release_id "
    "AND p.position = NEW.position - 1 AND (p.content_sha256 = NEW.content_sha256 "
    "OR p.content_sha256 NOT LIKE 'v2:%') AND p.event = "
)
SQLITE_VOUCH = (
    "CREATE TRIGGER versions_follow_the_chain BEFORE INSERT ON release_versions "
    "WHEN (NEW.event = 'approved' AND ("
    + _VOUCHED
    + "'submitted') OR EXISTS (SELECT 1 FROM release_versions p WHERE p.release_id = "
    "NEW.release_id AND p.position = NEW.position - 1 AND p.account <> '' "
    "AND (NEW.account = '' OR p.account = NEW.account)))) OR (NEW.event = 'sent' AND "
    + _VOUCHED
    + "'approved')) "
    "BEGIN SELECT RAISE(ABORT, 'validation refusée : elle suit une soumission du même contenu, "
    "par un autre compte'); END"
)
POSTGRESQL_VOUCH = f"""
CREATE FUNCTION communique_approver() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APPROVERS_ROLE}') THEN
        IF NOT pg_has_role(session_user, '{APPROVERS_ROLE}', 'MEMBER') THEN
            RAISE EXCEPTION 'le rôle % n’est pas membre de {APPROVERS_ROLE}', session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
END $$;
CREATE FUNCTION communique_vouch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous record;
BEGIN
    IF current_setting('communique.import', true) = 'on' AND pg_has_role(session_user,
            (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NEW;  -- the owner moving a register in (register import): rows kept as they were
    END IF;
    NEW.account := session_user;
    IF TG_TABLE_NAME = 'signoff_policy' THEN
        PERFORM communique_approver();
        RETURN NEW;
    END IF;
    IF NEW.event = 'approved' THEN
        PERFORM communique_approver();
    END IF;
    EXECUTE format('SELECT event, content_sha256, account, position FROM %I.release_versions '
                   'WHERE release_id = $1 ORDER BY position DESC LIMIT 1', TG_TABLE_SCHEMA)
        INTO previous USING NEW.release_id;
    IF NEW.position <> coalesce(previous.position, 0) + 1 THEN
        RAISE EXCEPTION 'une version s’ajoute après la dernière'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.event = 'approved' AND (previous.event IS DISTINCT FROM 'submitted'
            OR (previous.content_sha256 <> NEW.content_sha256
                AND previous.content_sha256 LIKE 'v2:%')) THEN
        RAISE EXCEPTION 'une validation suit la soumission du même contenu'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.event = 'approved' AND previous.account = session_user THEN
        RAISE EXCEPTION 'le rôle % a soumis ce communiqué : il ne peut pas le valider', session_user
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.event = 'sent' AND (previous.event IS DISTINCT FROM 'approved'
            OR (previous.content_sha256 <> NEW.content_sha256
                AND previous.content_sha256 LIKE 'v2:%')) THEN
        RAISE EXCEPTION 'seul un communiqué validé est diffusé'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER versions_follow_the_chain BEFORE INSERT ON release_versions
    FOR EACH ROW EXECUTE FUNCTION communique_vouch();
CREATE TRIGGER policy_switch_by_an_approver BEFORE INSERT ON signoff_policy
    FOR EACH ROW EXECUTE FUNCTION communique_vouch();
ALTER TABLE release_versions ALTER COLUMN account SET DEFAULT session_user;
ALTER TABLE signoff_policy ALTER COLUMN account SET DEFAULT session_user;
"""
_CATALOG = (
    ("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
    ("pg_has_role(", "pg_catalog.pg_has_role("),
    ("current_setting(", "pg_catalog.current_setting("),
    ("format(", "pg_catalog.format("),
    ("FROM pg_roles", "FROM pg_catalog.pg_roles"),
    ("FROM pg_class", "FROM pg_catalog.pg_class"),
)


def _catalog_qualified(functions: str) -> str:
    for name, qualified in _CATALOG:
        functions = functions.replace(name, qualified)
    return functions


PINNED_SEARCH_PATH = (
    _catalog_qualified(POSTGRESQL_VOUCH[: POSTGRESQL_VOUCH.index("CREATE TRIGGER")])
    + f"""
DO $$
BEGIN
    EXECUTE pg_catalog.format('ALTER FUNCTION %I.communique_vouch() SET search_path = '
                              'pg_catalog, %I, pg_temp', current_schema(), current_schema());
    EXECUTE pg_catalog.format('ALTER FUNCTION %I.communique_approver() SET search_path = '
                              'pg_catalog, %I, pg_temp', current_schema(), current_schema());
    EXECUTE pg_catalog.format('ALTER FUNCTION %I.{REFUSE}() SET search_path = '
                              'pg_catalog, %I, pg_temp', current_schema(), current_schema());
END $$;
"""
)
"""A trigger function runs with the caller's search path: a writer's ``CREATE TEMP VIEW
pg_roles`` with no row (a session's temporary schema comes first for tables and views) made it
skip the approvers' check; and a writer who may create in the register's schema (``public``, on PostgreSQL 14 and earlier by default) defined
``public.pg_has_role(name, text, text)`` answering yes, which fitted the unqualified call better
than the system's own, and passed for an approver. The functions are written again with the
system catalog's functions and tables named in full, and each looks in the catalog first, then
the register's schema, then (last) the session's temporary one."""
KEPT_WHOLE = ("entries", "counters", *APPEND_ONLY)
"""Tables no TRUNCATE empties (PostgreSQL; SQLite has no TRUNCATE)."""
POSTGRESQL_NO_TRUNCATE = "\n".join(
    f"CREATE TRIGGER {table}_not_emptied BEFORE TRUNCATE ON {table} FOR EACH STATEMENT "
    f"EXECUTE FUNCTION {REFUSE}({quote('le registre ne se vide pas : ' + table)});"
    for table in KEPT_WHOLE
)


MIGRATIONS: list[Step] = [
    Step(
        "register, counters and directory",
        META,
        SERIES,
        COUNTERS,
        ENTRIES,
        "CREATE INDEX entries_by_draft ON entries (draft_path, draft_sha256)",
        REFUSE_FUNCTION,
        Refusal("entries_are_kept", "entries", "DELETE", "register entries are never deleted"),
        Refusal(
            "numbers_are_fixed",
            "entries",
            "UPDATE OF series, period, number",
            "a register number never changes",
        ),
        CONTACTS,
        first_rows,
    ),
    Step(
        "printed form of each number",
        "ALTER TABLE entries ADD COLUMN label TEXT NOT NULL DEFAULT ''",
        record_labels,
        Refusal(
            "labels_are_fixed",
            "entries",
            "UPDATE OF label",
            "a printed number never changes",
            when="OLD.label <> ''",
            postgresql_when="OLD.label <> '' AND NEW.label IS DISTINCT FROM OLD.label",
        ),
    ),
    Step(
        # which machine issued or cancelled a number, beside who did it (a team shares it)
        "machine of each issue and cancellation",
        "ALTER TABLE entries ADD COLUMN issued_on TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE entries ADD COLUMN cancelled_on TEXT NOT NULL DEFAULT ''",
    ),
    Step("sign-off and versions of releases", RELEASE_VERSIONS),
    Step(
        "corrections: the entry a rectificatif replaces",
        "ALTER TABLE entries ADD COLUMN replaces TEXT NOT NULL DEFAULT ''",
    ),
    Step(
        "distribution lists and the send log",
        MAILING_LISTS,
        MAILING_MEMBERS,
        MAILING_OBJECTIONS,
        MAIL_SENDS,
        MAIL_DELIVERIES,
    ),
    Step("the office dictionary", OFFICE_WORDS),
    Step(
        "the file each version of a release was recorded from (a copy is told from its original)",
        "ALTER TABLE release_versions ADD COLUMN draft_path TEXT NOT NULL DEFAULT '';",
    ),
    Step(
        "what left the office: exports, publications, sends",
        RELEASE_OUTPUTS,
        *OUTPUT_INDEXES,
    ),
    Step(
        "messages in the history: .eml files and test copies, recipients and Message-ID",
        Only("sqlite", "ALTER TABLE release_outputs RENAME TO release_outputs_before_messages"),
        Only("sqlite", RELEASE_OUTPUTS_WITH_MESSAGES),
        Only(
            "sqlite",
            f"INSERT INTO release_outputs ({_OUTPUT_COLUMNS}) "
            f"SELECT {_OUTPUT_COLUMNS} FROM release_outputs_before_messages",
        ),
        Only("sqlite", "DROP TABLE release_outputs_before_messages"),
        *(Only("sqlite", index) for index in OUTPUT_INDEXES),
        Only(
            "postgresql",
            "ALTER TABLE release_outputs DROP CONSTRAINT release_outputs_kind_check;\n"
            f"ALTER TABLE release_outputs ADD CONSTRAINT release_outputs_kind_check {_KINDS_CHECK};\n"
            "ALTER TABLE release_outputs ADD COLUMN recipients INTEGER NOT NULL DEFAULT 0 "
            "CHECK (recipients >= 0);\n"
            "ALTER TABLE release_outputs ADD COLUMN message_id TEXT NOT NULL DEFAULT '';",
        ),
    ),
    Step(
        "history that holds: server identity, policy switches, append-only history, counters",
        "ALTER TABLE release_versions ADD COLUMN account TEXT NOT NULL DEFAULT ''",
        SIGNOFF_POLICY,
        *(
            Refusal(f"{table}_{event.lower()}_refused", table, event, why)
            for table, why in APPEND_ONLY.items()
            for event in ("UPDATE", "DELETE")
        ),
        Refusal(
            "counters_never_go_back",
            "counters",
            "UPDATE OF next",
            "le compteur des numéros ne recule jamais",
            when="NEW.next < OLD.next",
        ),
        Refusal("counters_are_kept", "counters", "DELETE", "un compteur de numéros est conservé"),
        Only("sqlite", SQLITE_VOUCH),
        Only("postgresql", POSTGRESQL_VOUCH),
        Only("postgresql", POSTGRESQL_NO_TRUNCATE),
    ),
    Step("the archive: every release issued or imported, searchable", ARCHIVE, *ARCHIVE_SEARCH),
    Step("the series that numbers each kind of document", KIND_SERIES),
    Step(
        "the server's checks resolve names in the system catalog first, whatever the session's "
        "search path",
        Only("postgresql", PINNED_SEARCH_PATH),
    ),
]
"""Step n takes the schema from version n to n + 1. New steps are appended, never inserted."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes (``current_version()`` follows steps appended at run time)."""


def current_version() -> int:
    return len(MIGRATIONS)
