"""The send log: what went to whom, and the state of a send still under way.

A send has, for the record, its date, the sender, the release's number and headline, the
SHA-256 of the PDF sent, the lists, the number of recipients and the refused addresses; and,
to resume after a failure, one row per recipient (pending, sent, refused). A send that did not
finish is taken up again by the next send of the same release (same ``release_key``): the same
Message-ID and the same PDF (its date is the send's start), and only the pending addresses.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from desktop.core.model import Release, SendRecord
from desktop.store.base import Store
from desktop.store.database import Connection, utc_now

LIST_SEPARATOR = ", "
LOCK_PREFIX = "send_lock:"
"""The ``meta`` key of a release's send lock (``SendLog.hold``)."""
LOCK_LEASE = timedelta(minutes=5)
"""How long a send lock lasts without news from its holder (renewed at each recipient)."""


@dataclass(frozen=True)
class Held:
    """Who holds a release's send lock: a token (process and machine), since when, until when."""

    holder: str
    since: str
    until: datetime

    @property
    def text(self) -> str:
        return json.dumps(
            {"holder": self.holder, "since": self.since, "until": self.until.isoformat()}
        )


def _held(value: str) -> Held | None:
    try:
        data = json.loads(value)
        return Held(str(data["holder"]), str(data["since"]), datetime.fromisoformat(data["until"]))
    except (ValueError, KeyError, TypeError):
        return None


def _advisory_key(release_key: str) -> int:
    """A PostgreSQL advisory lock key (a signed 64-bit number) for a release's sends."""
    return int.from_bytes(bytes.fromhex(release_key[:16]), "big", signed=True)


def _renew(conn: Connection, send_id: str, holder: str) -> None:
    row = conn.execute("SELECT release_key FROM mail_sends WHERE id = ?", (send_id,)).fetchone()
    if row is None:
        return
    key = LOCK_PREFIX + row["release_key"]
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    held = _held(found["value"]) if found is not None else None
    if held is not None and held.holder == holder:
        renewed = Held(holder, held.since, datetime.now(UTC) + LOCK_LEASE)
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (renewed.text, key))


@dataclass(frozen=True)
class Send:
    id: str
    release_key: str
    message_id: str
    started_at: str
    finished_at: str | None
    sender: str
    number: str
    headline: str
    pdf_sha256: str
    lists: tuple[str, ...]
    recipients: int
    sent: int
    refused: tuple[tuple[str, str], ...]
    pending: tuple[str, ...]
    waiting: tuple[tuple[str, str], ...] = ()
    """The pending addresses a server answered with a temporary refusal (4xx), with its
    reply: the next send of the release tries them again."""

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class SendLog(Store):
    """The sends recorded in the register; open it once and keep it, as for ``Register``."""

    def unfinished(self, release_key: str) -> Send | None:
        rows = self.db.read(
            "SELECT id FROM mail_sends WHERE release_key = ? AND finished_at "
            "IS NULL ORDER BY started_at DESC",
            (release_key,),
        )
        return self.get(rows[0]["id"]) if rows else None

    def begin(
        self,
        *,
        release_key: str,
        message_id: str,
        sender: str,
        number: str,
        headline: str,
        lists: Iterable[str],
        addresses: Iterable[str],
    ) -> Send:
        """A new send, or the unfinished one of the same release with the new addresses added
        as pending. The PDF's hash is set by ``set_pdf`` once it is rendered."""
        wanted = list(dict.fromkeys(addresses))
        names = list(lists)

        def work(conn: Connection) -> str:
            row = conn.execute(
                "SELECT id, lists FROM mail_sends WHERE release_key = ? AND "
                "finished_at IS NULL ORDER BY started_at DESC",
                (release_key,),
            ).fetchone()
            if row is None:
                send_id = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO mail_sends (id, release_key, message_id, started_at, sender, "
                    "number, headline, pdf_sha256, lists, recipients) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, 0)",
                    (
                        send_id,
                        release_key,
                        message_id,
                        utc_now(),
                        sender,
                        number,
                        headline,
                        LIST_SEPARATOR.join(names),
                    ),
                )
            else:
                send_id = row["id"]
                known = [n for n in row["lists"].split(LIST_SEPARATOR) if n]
                merged = list(dict.fromkeys([*known, *names]))
                conn.execute(
                    "UPDATE mail_sends SET lists = ? WHERE id = ?",
                    (LIST_SEPARATOR.join(merged), send_id),
                )
            present = {
                r["address"]
                for r in conn.execute(
                    "SELECT address FROM mail_deliveries WHERE send_id = ?", (send_id,)
                ).fetchall()
            }
            for address in wanted:
                if address not in present:
                    conn.execute(
                        "INSERT INTO mail_deliveries (send_id, address, state) "
                        "VALUES (?, ?, 'pending')",
                        (send_id, address),
                    )
            count = conn.execute(
                "SELECT COUNT(*) FROM mail_deliveries WHERE send_id = ?", (send_id,)
            ).fetchone()[0]
            conn.execute("UPDATE mail_sends SET recipients = ? WHERE id = ?", (count, send_id))
            return send_id

        send = self.get(self.db.write(work))
        assert send is not None
        return send

    def set_pdf(self, send_id: str, sha256: str) -> None:
        self.db.write(
            lambda conn: conn.execute(
                "UPDATE mail_sends SET pdf_sha256 = ? WHERE id = ?", (sha256, send_id)
            )
        )

    def record(
        self, send_id: str, address: str, state: str, detail: str = "", *, holder: str = ""
    ) -> None:
        """One recipient's result, committed at once (a crash after it never sends again).
        ``deferred`` (a temporary refusal) stays pending, with the server's reply. With
        ``holder``, the send's lock is renewed in the same transaction."""
        stored = "pending" if state == "deferred" else state

        def work(conn: Connection) -> None:
            conn.execute(
                "UPDATE mail_deliveries SET state = ?, detail = ? WHERE send_id = ? AND address = ?",
                (stored, detail, send_id, address),
            )
            if holder and self.db.dialect != "postgresql":
                _renew(conn, send_id, holder)

        self.db.write(work)

    # -- one sender at a time for a release, across processes and desks

    def hold(self, release_key: str, holder: str) -> Held | None:
        """Take the lock of ``release_key``'s sends for ``holder``: None when taken, else who
        holds it (another process, another desk) and since when. On PostgreSQL, a session
        advisory lock (the server lets it go if the process dies; no table is written, so the
        writers' role needs no more rights); on a file, a row of ``meta`` that lapses
        ``LOCK_LEASE`` after its last renewal (a process that died does not block for ever)."""
        if self.db.dialect == "postgresql":
            taken = self.db.read("SELECT pg_try_advisory_lock(?)", (_advisory_key(release_key),))
            return None if taken and taken[0][0] else Held("", "", datetime.now(UTC))

        def work(conn: Connection) -> Held | None:
            key = LOCK_PREFIX + release_key
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            now = datetime.now(UTC)
            if row is not None:
                held = _held(row["value"])
                if held is not None and held.holder != holder and held.until > now:
                    return held
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            mine = Held(holder, now.isoformat(timespec="seconds"), now + LOCK_LEASE)
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, mine.text))
            return None

        return self.db.write(work)

    def let_go(self, release_key: str, holder: str) -> None:
        if self.db.dialect == "postgresql":
            self.db.read("SELECT pg_advisory_unlock(?)", (_advisory_key(release_key),))
            return

        def work(conn: Connection) -> None:
            key = LOCK_PREFIX + release_key
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            held = _held(row["value"]) if row is not None else None
            if held is not None and held.holder == holder:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))

        self.db.write(work)

    def finished_sends(self, release_key: str) -> list[Send]:
        return [s for s in self.sends(release_key) if s.finished]

    def finish(self, send_id: str) -> Send:
        def work(conn: Connection) -> None:
            pending = conn.execute(
                "SELECT COUNT(*) FROM mail_deliveries WHERE send_id = ? AND state = 'pending'",
                (send_id,),
            ).fetchone()[0]
            if not pending:
                conn.execute(
                    "UPDATE mail_sends SET finished_at = ? WHERE id = ?", (utc_now(), send_id)
                )

        self.db.write(work)
        send = self.get(send_id)
        assert send is not None
        return send

    def get(self, send_id: str) -> Send | None:
        def work(conn: Connection) -> Send | None:
            row = conn.execute("SELECT * FROM mail_sends WHERE id = ?", (send_id,)).fetchone()
            if row is None:
                return None
            deliveries = conn.execute(
                "SELECT address, state, detail FROM mail_deliveries "
                "WHERE send_id = ? ORDER BY address",
                (send_id,),
            ).fetchall()
            return Send(
                id=row["id"],
                release_key=row["release_key"],
                message_id=row["message_id"],
                started_at=row["started_at"],
                finished_at=row["finished_at"],
                sender=row["sender"],
                number=row["number"],
                headline=row["headline"],
                pdf_sha256=row["pdf_sha256"],
                lists=tuple(n for n in row["lists"].split(LIST_SEPARATOR) if n),
                recipients=int(row["recipients"]),
                sent=sum(1 for d in deliveries if d["state"] == "sent"),
                refused=tuple(
                    (d["address"], d["detail"]) for d in deliveries if d["state"] == "refused"
                ),
                pending=tuple(d["address"] for d in deliveries if d["state"] == "pending"),
                waiting=tuple(
                    (d["address"], d["detail"])
                    for d in deliveries
                    if d["state"] == "pending" and d["detail"]
                ),
            )

        return self.db.run(work)

    def sends(self, release_key: str | None = None) -> list[Send]:
        """Every send, oldest first (of one release when ``release_key`` is given)."""
        if release_key is None:
            rows = self.db.read("SELECT id FROM mail_sends ORDER BY started_at, id")
        else:
            rows = self.db.read(
                "SELECT id FROM mail_sends WHERE release_key = ? ORDER BY started_at, id",
                (release_key,),
            )
        return [s for s in (self.get(r["id"]) for r in rows) if s is not None]


def release_key(release: Release) -> str:
    """What identifies a release for resuming a send: the SHA-256 of its draft text, its own
    record of sends left out. The text is the one format 1 wrote (``version`` 1, the identity
    and what it replaces after the other keys), so that a send interrupted before format 2
    resumes after it instead of starting again."""
    from desktop.core.draft import DOCUMENT_KEY, IDENTITY_KEY, REPLACES_KEY, release_to_json
    from desktop.core.kinds import DocumentKind

    data = release_to_json(replace(release, identity=None, replaces=None, sends=()))
    data["version"] = 1
    if data.get(DOCUMENT_KEY) == DocumentKind.COMMUNIQUE:  # format 1 had communiqués only
        del data[DOCUMENT_KEY]
    if release.replaces is not None:
        data[REPLACES_KEY] = release_to_json(release)[REPLACES_KEY]
    if release.identity is not None:
        data[IDENTITY_KEY] = release.identity
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_send_recorded(release: Release, send: Send) -> Release:
    """``release`` with ``send`` (finished) added to the sends its draft records."""
    record = SendRecord(
        at=datetime.fromisoformat(send.finished_at or send.started_at),
        send=send.id,
        recipients=send.sent,
        pdf_sha256=send.pdf_sha256,
    )
    return replace(release, sends=(*release.sends, record))
