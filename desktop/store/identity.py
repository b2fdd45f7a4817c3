"""Who is acting, as the register can vouch for it: the *account*.

On a PostgreSQL server the account is the database role of the connection (``session_user``):
the server itself writes it into each version and each policy switch (a column default and a
trigger, ``schema``), whatever the client sends. On an SQLite file it is the operating-system
account the program runs under, read from the system's user database (``pwd``), never from an
environment variable (``USER``, ``LOGNAME`` and ``COMMUNIQUE_USER`` are the caller's to set).

The *name* (``COMMUNIQUE_USER``, else the login name) is how a team reads the history; the
account is what sign-off compares: a release is approved by another account than the one that
submitted it. A single file cannot do better than the system's accounts: whoever can write the
file can rewrite it with another tool (the README says so).
"""

from __future__ import annotations

import unicodedata

from desktop.core.text import clean_text
from desktop.store.register import os_user
from desktop.store.sql import Connection


def without_format_characters(name: str) -> str:
    """``name`` without invisible format characters (U+200B, U+200D, U+2060, U+FEFF…)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf")


def clean_name(name: str) -> str:
    return without_format_characters(clean_text(name, multiline=False)).strip()[:100]


def caller() -> str:
    """Who is acting, by name: ``COMMUNIQUE_USER``, else the system account, without format
    characters (what the history shows; the account is what sign-off compares)."""
    return clean_name(os_user())


def os_account() -> str:
    """The operating-system account this process runs under (``services.portable``)."""
    from desktop.services import portable

    return portable.account_name()


def server_account(conn: Connection) -> str:
    """The database role of this connection, as the server knows it."""
    return str(conn.execute("SELECT session_user AS who").fetchone()["who"])


def account(conn: Connection, dialect: str) -> str:
    """The account acting on this connection (see the module)."""
    return server_account(conn) if dialect == "postgresql" else os_account()
