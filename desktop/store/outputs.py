"""What left the office: the register's history of exports, publications and messages.

Sign-off versions (``signoff``) say what was submitted and approved; this table says what went
out, and in which state: each file written (its name, format, SHA-256 and size) or attached to a
message (its attachment's name), the release's content fingerprint (the same as sign-off's, so
an auditor can match an output to an approved version), who, when and from which machine; for a
message, how many recipients it reached and its Message-ID (the send log's, ``store.send_log``).
Only the gate (``usecases.gate``) records here.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.core.model import Release
from desktop.store.database import Connection
from desktop.store.register import Register, machine_name, os_user
from desktop.store.signoff import content_sha256

EXPORT, PUBLICATION, SEND, EML, TEST = "export", "publication", "send", "eml", "test"
KINDS = (EXPORT, PUBLICATION, SEND, EML, TEST)
"""``schema.OUTPUT_KINDS``: a send to the lists, a message file for a mail client, a test copy."""
KIND_LABELS = {
    EXPORT: "export",
    PUBLICATION: "publication",
    SEND: "envoi",
    EML: "message (.eml)",
    TEST: "envoi de test",
}


@dataclass(frozen=True)
class OutputFile:
    """One file that left: where it was written (for a message's attachment, its name), its
    format, its fingerprint and size."""

    path: str
    format: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Output:
    kind: str
    release_id: str
    state: str
    """The sign-off state the files carried (empty: sign-off did not apply)."""
    content_sha256: str
    number: str
    headline: str
    files: tuple[OutputFile, ...]
    author: str
    machine: str
    created_at: datetime
    recipients: int = 0
    """For a message: the addresses that accepted it (0 for an .eml, which nobody received yet)."""
    message_id: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def record_output(
    register: Register,
    release: Release,
    *,
    kind: str,
    state: str,
    files: Sequence[OutputFile],
    number: str = "",
    headline: str = "",
    recipients: int = 0,
    message_id: str = "",
) -> Output:
    """Add one line to the history (``RegisterError`` when the register refuses)."""
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {kind!r}")
    if recipients < 0:
        raise ValueError(f"negative recipients: {recipients}")
    output = Output(
        kind,
        release.identity or "",
        state,
        content_sha256(release),
        number,
        headline[:500],
        tuple(files),
        os_user(),
        machine_name(),
        datetime.now(UTC),
        recipients,
        message_id,
    )
    listed = json.dumps(
        [{"path": f.path, "format": f.format, "sha256": f.sha256, "size": f.size} for f in files],
        ensure_ascii=False,
    )

    def work(conn: Connection) -> None:
        conn.execute(
            "INSERT INTO release_outputs (id, release_id, kind, state, content_sha256, number, "
            "headline, files, author, machine, created_at, recipients, message_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                output.release_id,
                kind,
                state,
                output.content_sha256,
                number,
                output.headline,
                listed,
                output.author,
                output.machine,
                output.created_at.isoformat(timespec="microseconds"),
                recipients,
                message_id,
            ),
        )

    register.db.write(work)
    return output


def outputs_of(register: Register, release: Release) -> list[Output]:
    """Everything that left for ``release``, oldest first: by its identifier when it has one
    (every version of it), else by its content."""
    rid = release.identity
    if rid is not None:
        where, key = "release_id = ?", rid
    else:
        where, key = "release_id = '' AND content_sha256 = ?", content_sha256(release)
    rows = register.db.read(
        "SELECT kind, release_id, state, content_sha256, number, headline, files, author, "
        f"machine, created_at, recipients, message_id FROM release_outputs WHERE {where} "
        "ORDER BY created_at, id",
        (key,),
    )
    return [_output(row) for row in rows]


def _output(row: Any) -> Output:
    get = row.__getitem__  # both backends' rows are read by column name
    files = tuple(
        OutputFile(str(f["path"]), str(f["format"]), str(f["sha256"]), int(f["size"]))
        for f in json.loads(get("files"))
    )
    return Output(
        get("kind"),
        get("release_id"),
        get("state"),
        get("content_sha256"),
        get("number"),
        get("headline"),
        files,
        get("author"),
        get("machine"),
        datetime.fromisoformat(get("created_at")),
        int(get("recipients")),
        get("message_id"),
    )
