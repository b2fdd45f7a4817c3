"""Whether the office signs releases off, and who switched it and when.

The policy is history: each switch is a row of ``signoff_policy`` (on or off, who by name and
by account, from which machine, when), never updated or deleted (triggers on both backends;
on PostgreSQL the server writes the account and only a member of the approvers' role may
switch, ``store.roles``). The policy in force is the latest switch; a register that never
switched it follows what its ``meta`` table said before this history was kept (on unless
turned off), and sign-off is on by default.

While sign-off is off, the outputs carry no *PROJET* mark, but their metadata say who turned
it off and when (``off_note``): a release exported meanwhile tells it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from desktop.store.database import Connection, RegisterRefused, utc_now
from desktop.store.identity import account, caller
from desktop.store.register import Register, machine_name

POLICY_KEY = "signoff"
"""The ``meta`` key registers used before the history (read, never written any more)."""


@dataclass(frozen=True)
class PolicyChange:
    enabled: bool
    author: str
    account: str
    machine: str
    created_at: datetime

    @property
    def who(self) -> str:
        """The name, and the account when it says something more."""
        if self.account and self.account != self.author:
            return f"{self.author} (compte {self.account})"
        return self.author

    def sentence(self) -> str:
        """« validation désactivée par Claire (compte claire) le 04/12/2026 à 13:05 »."""
        from desktop.core.embargo import PARIS

        what = "réactivée" if self.enabled else "désactivée"
        return f"validation {what} par {self.who} le {self.created_at.astimezone(PARIS):%d/%m/%Y à %H:%M}"


def policy_changes(register: Register) -> list[PolicyChange]:
    """Every switch of the policy, oldest first."""
    rows = register.db.read(
        "SELECT enabled, author, account, machine, created_at FROM signoff_policy ORDER BY rowid"
    )
    return [
        PolicyChange(
            bool(r["enabled"]),
            r["author"],
            r["account"],
            r["machine"],
            datetime.fromisoformat(r["created_at"]),
        )
        for r in rows
    ]


def latest_change(register: Register) -> PolicyChange | None:
    changes = policy_changes(register)
    return changes[-1] if changes else None


def signoff_enabled(register: Register) -> bool:
    latest = latest_change(register)
    if latest is not None:
        return latest.enabled
    rows = register.db.read("SELECT value FROM meta WHERE key = ?", (POLICY_KEY,))
    return not rows or rows[0]["value"] != "off"


def off_note(register: Register) -> str:
    """Who turned sign-off off and when, while it is off (else empty): for the outputs'
    metadata and the status lines. A register turned off before the history was kept says so."""
    latest = latest_change(register)
    if latest is not None:
        return "" if latest.enabled else latest.sentence()
    if signoff_enabled(register):
        return ""
    return "validation désactivée (avant que le registre n’en garde l’auteur)"


def set_signoff(register: Register, enabled: bool) -> PolicyChange | None:
    """Record a switch by the caller; None when the policy already says so (nothing recorded).
    On a server with roles, only an approver may switch it (``RegisterRefused`` in French)."""
    from desktop.store.roles import may_approve

    if signoff_enabled(register) == enabled:
        return None
    who = caller() or "inconnu"
    dialect = register.db.dialect

    def work(conn: Connection) -> str:
        if not may_approve(conn, dialect):
            raise RegisterRefused(approvers_only(account(conn, dialect)))
        me = account(conn, dialect)
        columns = "id, enabled, author, machine, created_at"
        values: tuple[object, ...] = (
            str(uuid.uuid4()),
            1 if enabled else 0,
            who,
            machine_name(),
            utc_now(),
        )
        if dialect != "postgresql":  # on a server, the server writes the account
            columns += ", account"
            values += (me,)
        conn.execute(
            f"INSERT INTO signoff_policy ({columns}) VALUES ({', '.join('?' for _ in values)})",
            values,
        )
        return me

    register.db.write(work)
    return latest_change(register)


def approvers_only(role: str) -> str:
    from desktop.store.roles import APPROVERS_ROLE

    return (
        f"Le rôle «\u00a0{role}\u00a0» n’est pas membre de «\u00a0{APPROVERS_ROLE}\u00a0»\u00a0: "
        "seul un valideur peut valider un communiqué ou changer la politique de validation. "
        "Rien n’a été enregistré."
    )
