"""Distribution lists of journalists, kept by the rules of personal data (RGPD).

Each entry records on what basis the person is on the list (consent or legitimate interest),
where the address came from, and when it was added. A right-to-erasure request removes the
address everywhere (lists, send log, contact directory); an objection does the same and keeps
only the SHA-256 of the address in a block list, so that it is refused on every list and never
receives anything again. The lists live in the register's database, through ``Database``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.findings import error
from desktop.core.legal_bases import BASES, DEFAULT_BASIS
from desktop.core.plurals import plural
from desktop.store.base import Store
from desktop.store.database import Connection, RegisterRefused, utc_now
from desktop.store.directory import ContactError, validate_contact
from desktop.store.register_errors import RegisterError

MAX_NAME = 80
_LIST_NAME = re.compile(r"[\w][\w .’'-]*", re.UNICODE)


@dataclass(frozen=True)
class Member:
    address: str
    name: str = ""
    outlet: str = ""
    basis: str = DEFAULT_BASIS
    source: str = ""
    added_at: str = ""


@dataclass(frozen=True)
class AddReport:
    added: tuple[str, ...]
    already: tuple[str, ...]
    objected: tuple[str, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """French warnings for the addresses added that need SMTPUTF8 (``core.addresses``)."""
        from desktop.core.addresses import international_warnings

        return international_warnings(self.added)


def normalise(address: str) -> str:
    """The address as compared and hashed: trimmed, lower case."""
    return address.strip().lower()


def address_hash(address: str) -> str:
    return hashlib.sha256(normalise(address).encode("utf-8")).hexdigest()


def check_list_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or not _LIST_NAME.fullmatch(name):
        raise RegisterRefused(
            f"« {name[:MAX_NAME]} » n’est pas un nom de liste : lettres, chiffres, espaces, "
            f"tirets et points, {MAX_NAME} caractères au plus."
        )
    return name


def check_member(member: Member) -> Member:
    """The member with a checked address and basis; ``ContactError`` or ``RegisterRefused``."""
    if member.basis not in BASES:
        raise RegisterRefused(f"base légale inconnue « {member.basis} » : {' ou '.join(BASES)}.")
    if not member.address.strip():
        raise ContactError([error("email", "adresse e-mail manquante")])
    contact = validate_contact(
        name=member.name or member.address, organisation=member.outlet, email=member.address
    )
    return Member(
        normalise(contact.email),
        contact.name if member.name.strip() else "",
        contact.organisation,
        member.basis,
        " ".join(member.source.split()),
        member.added_at,
    )


class MailingLists(Store):
    """The lists in the register's database; open once and keep, as ``Directory``."""

    # -- lists

    def names(self) -> list[str]:
        return [row["name"] for row in self.db.read("SELECT name FROM mailing_lists ORDER BY name")]

    def create(self, name: str) -> str:
        name = check_list_name(name)

        def work(conn: Connection) -> None:
            if conn.execute("SELECT 1 FROM mailing_lists WHERE name = ?", (name,)).fetchone():
                raise RegisterRefused(f"La liste « {name} » existe déjà.")
            conn.execute(
                "INSERT INTO mailing_lists (name, created_at) VALUES (?, ?)", (name, utc_now())
            )

        self.db.write(work)
        return name

    def remove(self, name: str) -> None:
        def work(conn: Connection) -> None:
            _require(conn, name)
            conn.execute("DELETE FROM mailing_members WHERE list_name = ?", (name,))
            conn.execute("DELETE FROM mailing_lists WHERE name = ?", (name,))

        self.db.write(work)

    def members(self, name: str) -> list[Member]:
        def work(conn: Connection) -> list[Member]:
            _require(conn, name)
            rows = conn.execute(
                "SELECT address, name, outlet, basis, source, added_at FROM mailing_members "
                "WHERE list_name = ? ORDER BY address",
                (name,),
            ).fetchall()
            return [
                Member(r["address"], r["name"], r["outlet"], r["basis"], r["source"], r["added_at"])
                for r in rows
            ]

        return self.db.run(work)

    def add(self, name: str, members: Iterable[Member]) -> AddReport:
        """Add checked members in one transaction; an objected address is refused (reported),
        one already on the list is left as it was."""
        clean = [check_member(m) for m in members]

        def work(conn: Connection) -> AddReport:
            _require(conn, name)
            blocked = _blocked(conn)
            present = {
                r["address"]
                for r in conn.execute(
                    "SELECT address FROM mailing_members WHERE list_name = ?", (name,)
                ).fetchall()
            }
            added: list[str] = []
            already: list[str] = []
            objected: list[str] = []
            now = utc_now()
            for member in clean:
                if address_hash(member.address) in blocked:
                    objected.append(member.address)
                elif member.address in present:
                    already.append(member.address)
                else:
                    present.add(member.address)
                    conn.execute(
                        "INSERT INTO mailing_members (list_name, address, name, outlet, basis, "
                        "source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            name,
                            member.address,
                            member.name,
                            member.outlet,
                            member.basis,
                            member.source,
                            now,
                        ),
                    )
                    added.append(member.address)
            return AddReport(tuple(added), tuple(already), tuple(objected))

        return self.db.write(work)

    # -- the rights of the people on the lists

    def forget(self, address: str) -> int:
        """Erase the address everywhere: every list, the send log's deliveries and the contact
        directory, and the register's copies made before upgrades. Returns how many records
        were removed from the register; ``ErasureIncomplete`` when a copy kept it."""
        key = normalise(address)
        removed = self.db.write(lambda conn: _erase(conn, key, _ALL_TABLES))

        def in_copy(conn: Connection) -> None:
            present = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall()
            }
            _erase(conn, key, present)

        failed = self.db.scrub_backups(in_copy)
        if failed:
            raise ErasureIncomplete(removed, failed)
        return removed

    def object(self, address: str) -> int:
        """An objection: erase the address everywhere and keep only its hash in the block
        list; it is refused on every list and never sent to again."""
        removed = self.forget(address)
        digest = address_hash(address)

        def work(conn: Connection) -> None:
            if not conn.execute(
                "SELECT 1 FROM mailing_objections WHERE address_sha256 = ?", (digest,)
            ).fetchone():
                conn.execute(
                    "INSERT INTO mailing_objections (address_sha256, recorded_at) VALUES (?, ?)",
                    (digest, utc_now()),
                )

        self.db.write(work)
        return removed

    def is_objected(self, address: str) -> bool:
        return bool(
            self.db.read(
                "SELECT 1 FROM mailing_objections WHERE address_sha256 = ?",
                (address_hash(address),),
            )
        )

    def recipients(
        self, lists: Iterable[str], extra: Iterable[str] = ()
    ) -> tuple[list[str], list[str]]:
        """The addresses of ``lists`` and ``extra``, each once, in order, and those left out
        because their owner objected."""
        wanted = list(lists)

        def work(conn: Connection) -> tuple[list[str], list[str]]:
            blocked = _blocked(conn)
            seen: dict[str, None] = {}
            for name in wanted:
                _require(conn, name)
                for row in conn.execute(
                    "SELECT address FROM mailing_members WHERE list_name = ? ORDER BY address",
                    (name,),
                ).fetchall():
                    seen.setdefault(row["address"], None)
            for address in extra:
                seen.setdefault(normalise(address), None)
            kept = [a for a in seen if address_hash(a) not in blocked]
            left = [a for a in seen if address_hash(a) in blocked]
            return kept, left

        return self.db.run(work)


_ALL_TABLES = frozenset({"mailing_members", "mail_deliveries", "contacts"})


def _erase(conn: Connection, key: str, tables: set[str] | frozenset[str]) -> int:
    """Delete the address ``key`` from the ``tables`` present (an old copy may lack some)."""
    removed = 0
    if "mailing_members" in tables:
        removed += conn.execute("DELETE FROM mailing_members WHERE address = ?", (key,)).rowcount
    if "mail_deliveries" in tables:
        removed += conn.execute("DELETE FROM mail_deliveries WHERE address = ?", (key,)).rowcount
    if "contacts" in tables:
        for row in conn.execute("SELECT id, email FROM contacts").fetchall():
            if normalise(row["email"]) == key:
                removed += conn.execute("DELETE FROM contacts WHERE id = ?", (row["id"],)).rowcount
    return removed


class ErasureIncomplete(RegisterError):
    """The address is erased from the register, but a copy of it could not be changed."""

    def __init__(self, removed: int, failed: list[tuple[Path, str]]) -> None:
        copies = " ; ".join(f"« {path} » ({why})" for path, why in failed)
        super().__init__(
            f"l’adresse est effacée du registre ({plural(removed, 'enregistrement')}), mais pas de "
            f"sa copie {copies} : supprimez cette copie, ou relancez l’effacement quand elle "
            "sera accessible."
        )
        self.removed = removed
        self.failed = failed


def _blocked(conn: Connection) -> set[str]:
    return {
        r["address_sha256"]
        for r in conn.execute("SELECT address_sha256 FROM mailing_objections").fetchall()
    }


def _require(conn: Connection, name: str) -> None:
    if not conn.execute("SELECT 1 FROM mailing_lists WHERE name = ?", (name,)).fetchone():
        raise RegisterRefused(
            f"La liste « {name} » n’existe pas (« communique lists create » la crée)."
        )
