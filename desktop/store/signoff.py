"""Sign-off: a release goes *brouillon* → *soumis* → *validé* → *diffusé*, and the register keeps
each step as a version (who, when, from which machine, the SHA-256 and the text of the content).

A release is known by the identity its draft holds (``Release.identity``, given at the first
submit, or by *Enregistrer sous…* and ``correct``). Its state is the latest version's while the
content is the same (same SHA-256): any later change of a word sends it back to *brouillon*.
Until it is *validé* (or *diffusé*), the outputs carry the *PROJET* mark, unless the office
turned sign-off off in its register's policy.

A copy of a draft on disk holds the original's identity. The identity belongs to the file that
last recorded a version of it (the register keeps the path of each version); another file that
holds it is a copy as long as that file still exists and still holds it (``copy_of``). When that
file is gone or holds another identity, the release was moved or renamed, and the identity
follows it. Submitting a copy gives it its own identity first, so the original keeps its state;
a copy cannot be approved in the original's name.

**The fingerprint an approval vouches for** covers everything a reader sees: what the release
says (``content_to_json``: header, kind, headline, place and date, number, embargo, body with its
links' targets, contacts) plus what the outputs print from the draft's bookkeeping: the number
*as printed* (``numbers.printed_number``, the draft's recorded label such as « N°350 — … ») and
the *rectificatif* line (``replaces``: the label and date of the release replaced). It is
recorded as ``v2:`` followed by a SHA-256 (``fingerprint``). Versions recorded before this
scheme hold a bare SHA-256 of ``content_to_json`` alone (``content_sha256``, kept unchanged): such
a version still matches when that old hash matches *and* the printed extras of the content it
stored (its JSON) are those of the draft now (``matches``). An approval given before the change
thus stays valid as long as nothing a reader sees changed; a label edited afterwards sends it
back to *brouillon*.

**Numbering an approved release needs a new approval**: the number is printed, so an approval
vouches for the number it saw. Number first (``issue``), then submit and approve; a release
numbered after its approval is *brouillon* again.

**People are compared as they are read** (``same_person``): after NFKC, without Unicode format
characters (category Cf: U+200B, U+200D, U+2060, U+FEFF…) and case-folded, so that
« Claire » followed by U+200B is Claire. Recorded names lose their format characters. The person who
approves is always the caller (``COMMUNIQUE_USER``, else the system account): there is no way to
approve in someone else's name.

**Who vouches is the account, not the name** (``store.identity``): each version also records the
account that recorded it (the database role, written by the PostgreSQL server itself; the
operating-system account on a file). An approval needs another account than the submitter's as
well as another name; on a server with roles, a member of the approvers' role (``store.roles``).
The server's trigger checks the same again for rows written by any other client.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.draft import DraftError, content_to_json, release_to_json
from desktop.core.model import Release, as_new_release, new_identity
from desktop.core.numbers import printed_number
from desktop.core.text import clean_text
from desktop.services.drafts import load_draft, save_draft
from desktop.store.database import Connection, RegisterRefused, utc_now
from desktop.store.identity import account, caller, clean_name, without_format_characters
from desktop.store.register import Register, machine_name
from desktop.store.signoff_policy import (
    PolicyChange,
    approvers_only,
    latest_change,
    off_note,
    policy_changes,
    set_signoff,
    signoff_enabled,
)

__all__ = [
    "PolicyChange",
    "caller",
    "clean_name",
    "latest_change",
    "off_note",
    "policy_changes",
    "set_signoff",
    "signoff_enabled",
    "without_format_characters",
]

DRAFT, SUBMITTED, APPROVED, SENT = "brouillon", "soumis", "validé", "diffusé"
STATE_OF_EVENT = {"submitted": SUBMITTED, "approved": APPROVED, "sent": SENT}
EVENT_LABELS = {"submitted": "soumission", "approved": "validation", "sent": "diffusion"}
FINAL_STATES = (APPROVED, SENT)
"""States in which the outputs carry no *PROJET* mark."""


@dataclass(frozen=True)
class Version:
    """A release's content as it was submitted, approved or sent."""

    position: int
    """1 for the first version of this release, then 2, 3…"""
    event: str
    content_sha256: str
    content: str
    """The release as a draft's JSON."""
    author: str
    machine: str
    created_at: datetime
    note: str = ""
    draft_path: str = ""
    """The file it was recorded from (resolved), when known: versions recorded before the
    register kept it, and *diffusé* versions recorded after an export, have none."""
    copy_of: str = ""
    """Set by ``submit`` when the draft was a copy of this file: it was given its own identity
    (written into it) before its first version was recorded."""
    account: str = ""
    """The account that recorded it (``store.identity``): empty for versions recorded before
    the register kept it."""

    @property
    def who(self) -> str:
        """The name, and the account when it says something more."""
        if self.account and self.account != self.author:
            return f"{self.author} (compte {self.account})"
        return self.author

    @property
    def event_label(self) -> str:
        return EVENT_LABELS.get(self.event, self.event)

    def release(self) -> Release:
        from desktop.core.draft import release_from_json

        return release_from_json(json.loads(self.content))


@dataclass(frozen=True)
class Status:
    state: str
    latest: Version | None
    changed: bool
    """True when the content differs from the latest version (hence *brouillon*)."""


def content_of(release: Release) -> dict[str, object]:
    """What the approval vouches for: everything the release says, not its file's bookkeeping
    (``content_to_json``)."""
    return content_to_json(release)


def content_sha256(release: Release) -> str:
    """The first fingerprint scheme (a bare SHA-256 of ``content_of``): what versions recorded
    before ``v2:`` hold, and what the outputs' history keys a release without identity by."""
    return _sha256(content_of(release))


def _sha256(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


FINGERPRINT_V2 = "v2:"


def printed_extras(release: Release) -> dict[str, object]:
    """What the outputs print from the draft's bookkeeping: the number as printed and the
    *rectificatif* line's release (its label and date)."""
    replaced = release.replaces
    return {
        "printed_number": printed_number(release),
        "replaces": None
        if replaced is None
        else {
            "label": replaced.label,
            "date": replaced.date.isoformat() if replaced.date is not None else None,
        },
    }


def fingerprint(release: Release) -> str:
    """What an approval vouches for now: every printed field (see the module's docstring)."""
    return FINGERPRINT_V2 + _sha256(
        {"content": content_of(release), "printed": printed_extras(release)}
    )


def short_fingerprint(recorded: str) -> str:
    """The first 12 hex digits, whatever the scheme (for messages)."""
    return recorded.removeprefix(FINGERPRINT_V2)[:12]


def matches(recorded: str, stored_content: str, release: Release) -> bool:
    """Whether a version recorded with fingerprint ``recorded`` (and the draft JSON
    ``stored_content``) vouches for ``release`` as it is now."""
    if recorded.startswith(FINGERPRINT_V2):
        return recorded == fingerprint(release)
    if recorded != content_sha256(release):
        return False
    from desktop.core.draft import release_from_json

    try:
        stored = release_from_json(json.loads(stored_content))
    except (ValueError, TypeError, DraftError):  # unreadable: the old scheme alone decides
        return True
    return printed_extras(stored) == printed_extras(release)


def person_key(name: str) -> str:
    """A name as people read it: NFKC, no format characters (Cf), case-folded."""
    folded = unicodedata.normalize("NFKC", without_format_characters(name)).casefold()
    return without_format_characters(folded).strip()


def same_person(one: str, other: str) -> bool:
    return person_key(one) == person_key(other)


def versions(register: Register, release: Release) -> list[Version]:
    rid = release.identity
    if rid is None:
        return []
    rows = register.db.read(
        "SELECT position, event, content_sha256, content, author, machine, created_at, note, "
        "draft_path, account FROM release_versions WHERE release_id = ? ORDER BY position",
        (rid,),
    )
    return [
        Version(
            int(r["position"]),
            r["event"],
            r["content_sha256"],
            r["content"],
            r["author"],
            r["machine"],
            datetime.fromisoformat(r["created_at"]),
            r["note"],
            r["draft_path"],
            account=r["account"],
        )
        for r in rows
    ]


def status(register: Register, release: Release) -> Status:
    found = versions(register, release)
    if not found:
        return Status(DRAFT, None, False)
    latest = found[-1]
    if not matches(latest.content_sha256, latest.content, release):
        return Status(DRAFT, latest, True)
    return Status(STATE_OF_EVENT[latest.event], latest, False)


def _record(
    register: Register,
    release: Release,
    event: str,
    *,
    note: str = "",
    allowed_from: tuple[str, ...],
    draft_path: str = "",
) -> Version:
    rid = release.identity
    assert rid is not None
    digest = fingerprint(release)
    content = json.dumps(release_to_json(release), ensure_ascii=False)
    who = caller() or "inconnu"
    note = clean_text(note, multiline=False).strip()[:500]

    dialect = register.db.dialect

    def work(conn: Connection) -> tuple[int, str]:
        me = account(conn, dialect)
        rows = conn.execute(
            "SELECT position, event, content_sha256, content, author, account "
            "FROM release_versions WHERE release_id = ? ORDER BY position DESC LIMIT 1",
            (rid,),
        ).fetchall()
        current = DRAFT
        if rows and matches(rows[0]["content_sha256"], rows[0]["content"], release):
            current = STATE_OF_EVENT[rows[0]["event"]]
        if current not in allowed_from:
            raise RegisterRefused(_refusal(event, current))
        if event == "approved":
            from desktop.store.roles import may_approve

            submitter, by = rows[0]["author"], rows[0]["account"]
            if not me:
                raise RegisterRefused(
                    f"{who} ne peut pas valider ce communiqué\u00a0: le compte du système sous "
                    "lequel Communiqué fonctionne n’a pas pu être lu, et une validation se fait "
                    "sous un compte connu, autre que celui de la soumission."
                )
            if same_person(submitter, who) or (by and by == me):
                raise RegisterRefused(
                    f"{who} (compte «\u00a0{me}\u00a0») ne peut pas valider ce communiqué\u00a0: "
                    f"{submitter} (compte «\u00a0{by or '?'}\u00a0») l’a soumis, et sa "
                    "validation revient à une autre personne, sous un autre compte "
                    "(relecture à deux)."
                )
            if not may_approve(conn, dialect):
                raise RegisterRefused(approvers_only(me))
        position = (int(rows[0]["position"]) if rows else 0) + 1
        columns = (
            "id, release_id, position, event, content_sha256, content, author, machine, "
            "created_at, note, draft_path"
        )
        values: tuple[object, ...] = (
            str(uuid.uuid4()),
            rid,
            position,
            event,
            digest,
            content,
            who,
            machine_name(),
            utc_now(),
            note,
            draft_path,
        )
        if dialect != "postgresql":  # on a server, the server writes the account itself
            columns += ", account"
            values += (me,)
        conn.execute(
            f"INSERT INTO release_versions ({columns}) VALUES ({', '.join('?' for _ in values)})",
            values,
        )
        return position, me

    position, me = register.db.write(work)
    return Version(
        position,
        event,
        digest,
        content,
        who,
        machine_name(),
        datetime.now(UTC).replace(microsecond=0),
        note,
        draft_path,
        account=me,
    )


def _refusal(event: str, current: str) -> str:
    if event == "submitted":
        return (
            f"Ce communiqué est déjà « {current} » dans cette version : il n’y a rien à "
            "soumettre de nouveau (modifiez-le d’abord)."
        )
    if event == "approved":
        if current == DRAFT:
            return (
                "Ce communiqué n’est pas soumis dans cette version : soumettez-le d’abord "
                "(communique submit), puis validez-le."
            )
        return f"Ce communiqué est déjà « {current} » dans cette version."
    return f"Seul un communiqué validé peut être diffusé (il est « {current} »)."


def owner(register: Register, release: Release) -> str | None:
    """The file the release's identity belongs to: the one that last recorded a version of it,
    or, for a release whose versions were recorded before the register kept their file, the
    draft the register gave its number to. None when the register cannot say."""
    rid = release.identity
    if rid is None:
        return None
    rows = register.db.read(
        "SELECT draft_path FROM release_versions WHERE release_id = ? ORDER BY position DESC",
        (rid,),
    )
    if not rows:
        return None
    recorded = next((str(r["draft_path"]) for r in rows if r["draft_path"]), None)
    if recorded is not None:
        return recorded
    stamp = release.numbering
    if stamp is None or stamp.register != register.id:
        return None
    entry = register.entry(stamp.entry)
    return entry.draft_path if entry is not None and entry.draft_path else None


def copy_of(register: Register, release: Release, path: Path) -> str | None:
    """The file the draft at ``path`` (holding ``release``) is a copy of, or None when it is the
    release's own file (or a file that took its place: the original moved, renamed, deleted,
    or given another identity). The rule is in the module's docstring."""
    held_by = owner(register, release)
    if held_by is None or held_by == str(path.resolve()):
        return None
    other = Path(held_by)
    try:
        if other.samefile(path):  # the same file by another name (a link, a mount)
            return None
        holder = load_draft(other)
    except (OSError, DraftError):  # gone, unreadable, or no longer a draft: it holds nothing
        return None
    return held_by if holder.identity == release.identity else None


def number_copy_of(register: Register, release: Release, path: Path) -> str | None:
    """The file that holds the number this draft prints, when it is another file: a copy of a
    numbered draft made before the original was ever submitted (it has no identity to tell
    them apart yet, but the register's entry names the original's file)."""
    stamp = release.numbering
    if stamp is None or stamp.register != register.id:
        return None
    entry = register.entry(stamp.entry)
    if entry is None or entry.draft_path == str(path.resolve()):
        return None
    other = Path(entry.draft_path)
    try:
        if other.samefile(path):
            return None
        holder = load_draft(other)
    except (OSError, DraftError):  # the original is gone: the number follows the draft
        return None
    held = holder.numbering
    return entry.draft_path if held is not None and held.entry == stamp.entry else None


def submit(register: Register, path: Path) -> Version:
    """Record the draft at ``path`` as submitted. A draft without an identity, or a copy of
    another draft that holds its identity (``copy_of``), is first given its own, written into
    it: the original keeps its state."""
    release = load_draft(path)
    original = copy_of(register, release, path) if release.identity is not None else None
    original = original or number_copy_of(register, release, path)
    if original is not None:  # a copy: its own identity, without the original's number
        release = as_new_release(release)
        save_draft(release, path)
    elif release.identity is None:
        release = replace(release, identity=new_identity())
        save_draft(release, path)
    version = _record(
        register,
        release,
        "submitted",
        allowed_from=(DRAFT,),
        draft_path=str(path.resolve()),
    )
    return replace(version, copy_of=original or "")


def approve(register: Register, path: Path, *, note: str = "") -> Version:
    """Record the approval of the draft at ``path`` by the caller (``caller``): never in
    another person's name, never by the person who submitted it."""
    release = load_draft(path)
    if release.identity is None:
        raise RegisterRefused(_refusal("approved", DRAFT))
    original = copy_of(register, release, path)
    if original is not None:
        raise RegisterRefused(
            f"«\u00a0{path}\u00a0» est une copie de «\u00a0{original}\u00a0», qui porte ce "
            "communiqué au registre\u00a0: validez l’original, ou soumettez d’abord cette copie "
            "(elle recevra sa propre identité)."
        )
    return _record(
        register,
        release,
        "approved",
        note=note,
        allowed_from=(SUBMITTED,),
        draft_path=str(path.resolve()),
    )


def mark_sent(register: Register, release: Release) -> Version | None:
    """After a send or a final export: an approved release becomes *diffusé* (once)."""
    if release.identity is None or status(register, release).state != APPROVED:
        return None
    return _record(register, release, "sent", allowed_from=(APPROVED,))


@dataclass(frozen=True)
class Facts:
    """What the register says of a release's sign-off, to work its state out as it is edited
    without asking the register at each keystroke."""

    enabled: bool
    latest_sha256: str | None
    latest_state: str
    latest_content: str = ""
    """The draft JSON the latest version stored (``matches`` reads it for an old fingerprint)."""
    policy_note: str = ""
    """While sign-off is off: who turned it off and when (``off_note``)."""

    def state_of(self, release: Release) -> str:
        if not self.enabled:
            return ""
        if self.latest_sha256 is None or not matches(
            self.latest_sha256, self.latest_content, release
        ):
            return DRAFT
        return self.latest_state


def facts(register: Register, release: Release) -> Facts:
    found = versions(register, release)
    latest = found[-1] if found else None
    enabled = signoff_enabled(register)
    return Facts(
        enabled,
        latest.content_sha256 if latest else None,
        STATE_OF_EVENT[latest.event] if latest else DRAFT,
        latest.content if latest else "",
        "" if enabled else off_note(register),
    )


@dataclass(frozen=True)
class Signoff:
    """What the outputs show of sign-off: the state (empty when sign-off does not apply) and,
    while the office turned it off, who did and when (for the outputs' metadata)."""

    state: str
    policy_note: str = ""
    unreachable: bool = False
    """The register could not be read (or a named one is missing): the state is *brouillon*."""


def printed_signoff(release: Release, register: Register | None) -> Signoff:
    """The state the outputs show: empty when sign-off does not apply (no register, or the
    office turned it off, then with who did), else the state (*PROJET* is printed unless it is
    final)."""
    if register is None:
        return Signoff("")
    if not signoff_enabled(register):
        return Signoff("", off_note(register))
    return Signoff(status(register, release).state)


def printed_state(release: Release, register: Register | None) -> str:
    return printed_signoff(release, register).state
