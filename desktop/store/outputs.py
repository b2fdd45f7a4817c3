"""What left the office: the register's history of exports, publications and sends.

Sign-off versions (``signoff``) say what was submitted and approved; this table says what went
out, and in which state: each file written (its name, format, SHA-256 and size), the release's
content fingerprint (the same as sign-off's, so an auditor can match an output to an approved
version), who, when and from which machine. Only the gate (``usecases.gate``) records here.
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

EXPORT, PUBLICATION, SEND = "export", "publication", "send"
KINDS = (EXPORT, PUBLICATION, SEND)
KIND_LABELS = {EXPORT: "export", PUBLICATION: "publication", SEND: "envoi"}


@dataclass(frozen=True)
class OutputFile:
    """One file that left: where it was written, its format, its fingerprint and size."""

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
) -> Output:
    """Add one line to the history (``RegisterError`` when the register refuses)."""
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {kind!r}")
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
    )
    listed = json.dumps(
        [{"path": f.path, "format": f.format, "sha256": f.sha256, "size": f.size} for f in files],
        ensure_ascii=False,
    )

    def work(conn: Connection) -> None:
        conn.execute(
            "INSERT INTO release_outputs (id, release_id, kind, state, content_sha256, number, "
            "headline, files, author, machine, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        f"machine, created_at FROM release_outputs WHERE {where} ORDER BY created_at, id",
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
    )
