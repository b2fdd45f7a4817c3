"""The press-contact directory: the people and offices that come back release after release.

Kept in the register's database so that a team sharing one register file shares one directory.
Every contact is validated on the way in (``validate_contact``): phones must parse and are kept in
their printed form (``01 44 49 89 40``), e-mails must be well formed, so a contact picked from the
directory never brings a typo into a release. CSV import and export (``contacts_csv``) let an
office share its list; see ``desktop.store.contact_files``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from desktop.core.addresses import checked_address, international_warnings
from desktop.core.errors import CommuniqueError
from desktop.core.findings import Finding, error
from desktop.core.model import Contact
from desktop.core.search import fold, matches
from desktop.core.text import clean_text
from desktop.core.typography import NBSP, NNBSP, format_phone, is_valid_phone
from desktop.store.base import Store
from desktop.store.database import Connection, RegisterRefused, utc_now

MAX_FIELD_LENGTH = 200


@dataclass(frozen=True)
class PressContact:
    """A contact of the directory; ``id`` is None until it is stored."""

    name: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        """What a completion list shows: ``Nom (Organisation)``."""
        if self.name and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation

    def to_contact(self) -> Contact:
        """The release's contact line: the name (or the organisation alone), phone, e-mail."""
        return Contact(name=self.name or self.organisation, phone=self.phone, email=self.email)

    def key(self) -> tuple[str, str, str, str]:
        """What makes two entries the same contact (case, accents and spacing aside)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return (fold(self.name), fold(self.organisation), digits, self.email.casefold())


class ContactError(CommuniqueError, ValueError):
    """A contact that cannot be stored; ``problems`` says every reason, each at its field
    (``name``, ``organisation``, ``phone``, ``email``; none for the contact as a whole)."""

    def __init__(self, problems: list[Finding]) -> None:
        super().__init__(" ; ".join(p.message for p in problems))
        self.problems = problems


def validate_contact(
    name: str = "",
    organisation: str = "",
    phone: str = "",
    email: str = "",
    *,
    id: int | None = None,
) -> PressContact:
    """A clean contact from what a person typed, or ``ContactError`` with every problem."""
    problems: list[Finding] = []
    fields = {}
    for key, label, value in (
        ("name", "nom", name),
        ("organisation", "organisation", organisation),
        ("phone", "téléphone", phone),
        ("email", "e-mail", email),
    ):
        text = " ".join(
            clean_text(value, multiline=False).replace(NBSP, " ").replace(NNBSP, " ").split()
        )
        if len(text) > MAX_FIELD_LENGTH:
            problems.append(
                error(key, f"{label} trop long ({MAX_FIELD_LENGTH} caractères au plus)")
            )
        fields[key] = text
    name, organisation = fields["name"], fields["organisation"]
    phone, email = fields["phone"], fields["email"]
    if not name and not organisation:
        problems.append(error("name", "nom ou organisation obligatoire"))
    if phone:
        if is_valid_phone(phone):
            phone = format_phone(phone).replace(NBSP, " ")
        else:
            problems.append(error("phone", f"numéro de téléphone invalide (« {phone} »)"))
    if email:
        checked = checked_address(email)
        if checked is None:
            problems.append(error("email", f"adresse e-mail invalide (« {email} »)"))
        else:
            email = checked
    if problems:
        raise ContactError(problems)
    return PressContact(name=name, organisation=organisation, phone=phone, email=email, id=id)


def contact_from_release(contact: Contact, organisation: str = "") -> PressContact:
    """A release's contact made ready for the directory ("add from a release")."""
    return validate_contact(contact.name, organisation, contact.phone, contact.email)


@dataclass(frozen=True)
class ImportReport:
    added: tuple[PressContact, ...]
    duplicates: int
    """Contacts already in the directory (or twice in the import), not added again."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """French warnings for the addresses added that need SMTPUTF8 (``core.addresses``)."""
        return international_warnings(c.email for c in self.added)


class Directory(Store):
    """The contacts stored in the register; open it once and keep it, as for ``Register``."""

    def all(self) -> list[PressContact]:
        """Every contact, sorted by name then organisation as a French reader expects."""
        rows = self.db.read("SELECT id, name, organisation, phone, email FROM contacts")
        contacts = [_contact(row) for row in rows]
        return sorted(
            contacts,
            key=lambda c: (fold(c.name or c.organisation), fold(c.organisation), c.id or 0),
        )

    def search(self, text: str, *, limit: int | None = None) -> list[PressContact]:
        """Contacts whose name, organisation, phone or e-mail hold every word of ``text``."""
        found = [
            c
            for c in self.all()
            if matches(text, (c.name, c.organisation, c.phone, c.email, c.phone.replace(" ", "")))
        ]
        return found[:limit] if limit is not None else found

    def get(self, contact_id: int) -> PressContact | None:
        rows = self.db.read(
            "SELECT id, name, organisation, phone, email FROM contacts WHERE id = ?", (contact_id,)
        )
        return _contact(rows[0]) if rows else None

    def add(self, contact: PressContact) -> PressContact:
        """Store a new contact (validated again); a contact already there is refused."""
        report = self.add_many([contact])
        if not report.added:
            raise ContactError([error("", f"« {contact.label} » est déjà dans l’annuaire")])
        return report.added[0]

    def add_many(self, contacts: Iterable[PressContact]) -> ImportReport:
        """Store several contacts in one transaction, skipping those already present."""
        clean = [_revalidate(c) for c in contacts]

        def work(conn: Connection) -> ImportReport:
            rows = conn.execute(
                "SELECT id, name, organisation, phone, email FROM contacts"
            ).fetchall()
            seen = {_contact(row).key() for row in rows}
            added: list[PressContact] = []
            duplicates = 0
            now = utc_now()
            for contact in clean:
                if contact.key() in seen:
                    duplicates += 1
                    continue
                seen.add(contact.key())
                row = conn.execute(
                    "INSERT INTO contacts (name, organisation, phone, email, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (contact.name, contact.organisation, contact.phone, contact.email, now, now),
                ).fetchone()
                added.append(replace(contact, id=int(row[0])))
            return ImportReport(tuple(added), duplicates)

        return self.db.write(work)

    def update(self, contact: PressContact) -> PressContact:
        if contact.id is None:
            raise RegisterRefused("Ce contact n’est pas encore dans l’annuaire.")
        clean = _revalidate(contact)

        def work(conn: Connection) -> None:
            cursor = conn.execute(
                "UPDATE contacts SET name = ?, organisation = ?, phone = ?, email = ?, "
                "updated_at = ? WHERE id = ?",
                (clean.name, clean.organisation, clean.phone, clean.email, utc_now(), clean.id),
            )
            if cursor.rowcount == 0:
                raise RegisterRefused(f"Le contact n° {clean.id} n’existe pas (ou plus).")

        self.db.write(work)
        return clean

    def delete(self, contact_id: int) -> None:
        def work(conn: Connection) -> None:
            cursor = conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
            if cursor.rowcount == 0:
                raise RegisterRefused(f"Le contact n° {contact_id} n’existe pas (ou plus).")

        self.db.write(work)


def _revalidate(contact: PressContact) -> PressContact:
    return validate_contact(
        contact.name, contact.organisation, contact.phone, contact.email, id=contact.id
    )


def _contact(row: Any) -> PressContact:
    return PressContact(
        name=row["name"],
        organisation=row["organisation"],
        phone=row["phone"],
        email=row["email"],
        id=row["id"],
    )
