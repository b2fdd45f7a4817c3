"""Noting in a draft what happened to it (a send, a calendar file exported), without losing an
edit made meanwhile: the draft is rewritten only if it still holds what was read."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import Release


def note_in_draft(read: Release, recorded: Release, draft: Path) -> bool:
    """Write ``recorded`` (the release as it was ``read``, with what it should now record: a
    send, a calendar file's sequence) over ``draft``, unless the file no longer holds what was
    read: False then, and the file is left as it is (an edit made meanwhile is never lost).
    Raises ``OSError`` or ``DraftError``."""
    from desktop.services.drafts import load_draft, save_draft

    seen = _stamp(draft)
    if load_draft(draft) != read or _stamp(draft) != seen:
        return False
    save_draft(recorded, draft)
    return True


def _stamp(path: Path) -> tuple[int, int, int]:
    """What tells a file changed: its inode, size and modification time (nanoseconds)."""
    info = path.stat()
    return (info.st_ino, info.st_size, info.st_mtime_ns)
