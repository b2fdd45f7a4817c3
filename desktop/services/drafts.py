"""Draft files on disk: reading at most ``MAX_DRAFT_BYTES`` of a regular file, writing atomically.

The format itself (parsing and writing bytes, its versions and upgrades) is the domain's
(``desktop.core.draft``); this module is the only one that opens a draft file.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.draft import MAX_DRAFT_BYTES, DraftFileError, dumps_draft, parse_draft, problem
from desktop.core.model import Release
from desktop.services.files import atomic_write, describe_os_error, read_limited


def load_draft(path: Path) -> Release:
    path = Path(path)
    return parse_draft(read_draft_bytes(path), source=str(path))


def read_draft_bytes(path: Path) -> bytes:
    """The draft file's bytes: a regular file of at most ``MAX_DRAFT_BYTES`` (``DraftFileError``
    otherwise; a device or a FIFO is never read)."""
    try:
        return read_limited(path, MAX_DRAFT_BYTES, what="brouillon")
    except OSError as exc:
        raise DraftFileError([problem("", describe_os_error(exc, path))]) from exc


def save_draft(release: Release, path: Path) -> None:
    """Write the draft atomically; an ``OSError`` leaves any earlier file untouched."""
    atomic_write(Path(path), dumps_draft(release).encode("utf-8"))
