"""Least-privilege roles for a team's register on PostgreSQL (``register init --roles``).

Two group roles (``NOLOGIN``), each person a login role member of one of them:

- ``communique_writers`` (the desks): read everything; issue numbers (insert entries, move a
  counter forward, mark an entry written or cancelled), submit releases and record outputs
  (versions and history: insert only), keep the directory, lists, send log and dictionary, and
  the archive (a release kept again replaces its row);
- ``communique_approvers``: what a writer does, plus approving and switching the sign-off
  policy (the server's trigger checks the membership, ``schema.POSTGRESQL_VOUCH``).

Neither can update or delete a version, a policy switch or an output, delete an entry, truncate
or drop a table, or change the schema: those stay with the owner, who runs ``init`` and
``migrate`` and connects for nothing else. The triggers refuse the same changes a second time,
even to the owner. ``grant_sql`` is the whole script (``docs/team-register.md`` prints it).
"""

from __future__ import annotations

from desktop.store.schema import APPROVERS_ROLE, WRITERS_ROLE
from desktop.store.sql import Connection

__all__ = ["APPROVERS_ROLE", "WRITERS_ROLE", "grant_sql", "may_approve"]

READ_ONLY = ("meta", "series", "schema_version")
INSERT_ONLY = ("release_versions", "release_outputs")
WRITTEN = {
    "entries": "INSERT, UPDATE (state, cancelled_at, cancelled_by, cancelled_on, cancel_reason, "
    "draft_written, draft_path)",
    "counters": "INSERT, UPDATE (next)",
    "contacts": "INSERT, UPDATE, DELETE",
    "mailing_lists": "INSERT, UPDATE, DELETE",
    "mailing_members": "INSERT, UPDATE, DELETE",
    "mailing_objections": "INSERT",
    "mail_sends": "INSERT, UPDATE",
    "mail_deliveries": "INSERT, UPDATE, DELETE",
    "office_words": "INSERT, UPDATE, DELETE",
    "archive": "INSERT, DELETE",
}
"""What the desks change beyond reading (triggers keep numbers and history as they are): of an
entry, only its cancellation and where its draft is, never who issued it, when, or its number."""


def grant_sql(schema: str = "public") -> str:
    """The script that creates the two roles (once per server) and grants them this register's
    tables in ``schema``; run by the owner, safe to run again."""
    lines = [
        "DO $$ BEGIN",
        *(
            f"    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF;"
            for role in (WRITERS_ROLE, APPROVERS_ROLE)
        ),
        "END $$;",
        f"GRANT {WRITERS_ROLE} TO {APPROVERS_ROLE};",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA {schema} TO {WRITERS_ROLE};",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {WRITERS_ROLE};",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {WRITERS_ROLE};",
        *(f"GRANT INSERT ON {schema}.{table} TO {WRITERS_ROLE};" for table in INSERT_ONLY),
        *(
            f"GRANT {rights} ON {schema}.{table} TO {WRITERS_ROLE};"
            for table, rights in WRITTEN.items()
        ),
        f"GRANT INSERT ON {schema}.signoff_policy TO {APPROVERS_ROLE};",
        f"GRANT INSERT, UPDATE ON {schema}.series TO {APPROVERS_ROLE};",
        # Which series numbers each kind of document: the office's policy, as the series'.
        f"GRANT INSERT, UPDATE ON {schema}.kind_series TO {APPROVERS_ROLE};",
    ]
    return "\n".join(lines) + "\n"


def may_approve(conn: Connection, dialect: str) -> bool:
    """Whether this connection may approve and switch the policy: always on a file; on a server,
    when the approvers' role does not exist (a register set up before roles), or when the
    connection's role is a member of it (or a superuser)."""
    if dialect != "postgresql":
        return True
    row = conn.execute(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?) "
        "THEN pg_has_role(session_user, ?, 'MEMBER') ELSE true END AS ok",
        (APPROVERS_ROLE, APPROVERS_ROLE),
    ).fetchone()
    return bool(row["ok"])
