"""What the window says about the open document, kept free of Qt so it is tested without one.

The window title, the recent-files list, and the names proposed when saving or exporting.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop import DISPLAY_NAME as APP_NAME
from desktop.core.draft import SUFFIX
from desktop.core.filenames import portable_name
from desktop.core.model import Release

UNTITLED = "Sans titre"
RECENT_LIMIT = 10
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def display_name(path: Path | None) -> str:
    """The name a person knows the draft by: its file name without the suffix."""
    if path is None:
        return UNTITLED
    name = path.name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) and name != SUFFIX else name


def window_title(path: Path | None) -> str:
    """``Nom[*] — Communiqué``: Qt shows ``[*]`` as its unsaved mark (``*``) when modified."""
    return f"{display_name(path)}[*] — {APP_NAME}"


def push_recent(recent: list[str], path: Path, limit: int = RECENT_LIMIT) -> list[str]:
    """``path`` first, without duplicates, at most ``limit`` entries."""
    wanted = str(Path(path).absolute())
    rest = [item for item in recent if item and item != wanted]
    return [wanted, *rest][:limit]


def suggested_stem(path: Path | None, release: Release) -> str:
    """A file name for a new draft or an export: the draft's name, else the headline's start."""
    if path is not None:
        return display_name(path)
    words = _UNSAFE.sub(" ", release.headline).split()
    stem = " ".join(words[:8]).strip(" .")
    return portable_name(stem[:80])


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (file dialogs on some platforms drop it)."""
    return path if path.name.lower().endswith(suffix) else path.with_name(path.name + suffix)
