"""Autosaves: a copy of the open draft in the user's data folder, and what a crash left behind.

Each running window owns one *session*: ``<id>.communique`` (the draft, in the ordinary draft
format) and ``<id>.json`` (whose process wrote it, which file the person was editing, when). The
user's own file is never written here. A clean exit deletes both; a session whose process is gone,
or that no live window of this process owns, was left by a crash and is offered back at start-up.
No Qt here: the GUI only decides *when* to save (``desktop/gui/autosave.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.draft import dumps_draft
from desktop.core.model import Release
from desktop.services import portable
from desktop.services.drafts import load_draft
from desktop.services.files import atomic_write, private_folder, read_limited

MAX_META_BYTES = 64 * 1024
MAX_PID = 2**31 - 1
"""The largest process id a system gives; a larger one is damage (``os.kill`` would overflow)."""

_LIVE_SESSIONS: set[str] = set()
"""Sessions owned by windows of this process (tests open several windows in one process)."""


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (a reused id errs on the safe side: kept)."""
    if not 0 < pid <= MAX_PID:
        return False
    if pid == os.getpid():
        return True
    return portable.process_running(pid)


@dataclass(frozen=True)
class Leftover:
    """An autosave that a crashed session left behind."""

    session: str
    draft: Path
    meta: Path
    source: Path | None
    """The file the person was editing, or None for a draft never saved."""
    saved_at: datetime

    def load(self) -> Release:
        """The autosaved release; raises ``DraftError`` if the copy itself is damaged."""
        return load_draft(self.draft)

    def discard(self) -> None:
        for path in (self.draft, self.meta):
            with contextlib.suppress(OSError):
                path.unlink()


class AutosaveSession:
    """The autosave of one window. ``save`` is cheap enough to call every few seconds."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.id = uuid.uuid4().hex
        self.draft = self.folder / f"{self.id}.communique"
        self.meta = self.folder / f"{self.id}.json"
        _LIVE_SESSIONS.add(self.id)

    def save(self, release: Release, source: Path | None) -> None:
        """Write the copy; raises ``OSError`` (the caller says so once, without stopping work)."""
        private_folder(self.folder)
        atomic_write(self.draft, dumps_draft(release).encode("utf-8"), private=True)
        meta = {
            "pid": os.getpid(),
            "session": self.id,
            "source": str(source) if source else None,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        atomic_write(self.meta, json.dumps(meta, ensure_ascii=False).encode("utf-8"), private=True)

    def clear(self) -> None:
        """Nothing to keep (the draft was saved, or dropped on purpose)."""
        for path in (self.meta, self.draft):
            with contextlib.suppress(OSError):
                path.unlink()

    def close(self) -> None:
        """A clean end: delete the copy and release the session."""
        self.clear()
        _LIVE_SESSIONS.discard(self.id)

    def abandon(self) -> None:
        """Forget the session without deleting its files: what a crash does (used by tests)."""
        _LIVE_SESSIONS.discard(self.id)


def find_leftovers(folder: Path) -> list[Leftover]:
    """Autosaves of sessions that did not end cleanly, newest first."""
    found: list[Leftover] = []
    try:
        metas = list(Path(folder).glob("*.json"))
    except OSError:
        return []
    for meta_path in metas:
        leftover = _read_leftover(meta_path)
        if leftover is None:
            continue
        found.append(leftover)
    found.sort(key=lambda item: item.saved_at, reverse=True)
    return found


def _saved_at(value: object, meta_path: Path) -> datetime:
    """When the copy was saved, as an aware time any time zone can show; the file's own time
    when the recorded one is missing or damaged (naive times are UTC, as ours are written)."""
    try:
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment.astimezone(UTC).astimezone()  # shown in local time: must not overflow
        return moment
    except (ValueError, OverflowError, OSError):
        pass
    try:
        return datetime.fromtimestamp(meta_path.stat().st_mtime, UTC)
    except (OSError, ValueError, OverflowError):
        return datetime.now(UTC)


def _read_leftover(meta_path: Path) -> Leftover | None:
    try:
        meta = json.loads(read_limited(meta_path, MAX_META_BYTES).decode("utf-8"))
        session = str(meta["session"])
        pid = int(meta["pid"])
        source = Path(str(meta["source"])) if meta.get("source") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # not a metadata file of ours, or damaged: nothing to offer
    if not 0 < pid <= MAX_PID:
        pid = 0  # damaged: no process owns it, so it is offered back
    if source is not None and "\x00" in str(source):
        source = None
    saved_at = _saved_at(meta.get("saved_at"), meta_path)
    if session in _LIVE_SESSIONS:
        return None
    if pid != os.getpid() and process_alive(pid):
        return None  # another window, still running
    draft = meta_path.with_suffix(".communique")
    if not draft.is_file():
        return None
    return Leftover(session, draft, meta_path, source, saved_at)
