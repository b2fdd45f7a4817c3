"""A place in a draft, as every message names it: ``headline``, ``header[1]``,
``contacts[1].email``, ``body[2].list[0][1].text``. One grammar, written and read here only.

A location is a path of keys (names) and positions (from 0) into the draft file; the empty
location is the draft as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STEP = re.compile(r"(?:^|\.)(?P<name>[A-Za-z_]\w*)|\[(?P<index>\d+)\]")


@dataclass(frozen=True)
class Location:
    path: tuple[str | int, ...] = ()

    @classmethod
    def of(cls, *path: str | int) -> Location:
        return cls(tuple(path))

    @classmethod
    def parse(cls, text: str) -> Location:
        """The location ``text`` writes (``""`` for the whole draft); ``ValueError`` otherwise."""
        text = text.strip()
        path: list[str | int] = []
        position = 0
        for match in _STEP.finditer(text):
            if match.start() != position or (
                match["name"] and position == 0 and match.group(0).startswith(".")
            ):
                raise ValueError(f"not a location: {text!r}")
            path.append(match["name"] if match["name"] else int(match["index"]))
            position = match.end()
        if position != len(text) or (path and not isinstance(path[0], str)):
            raise ValueError(f"not a location: {text!r}")
        return cls(tuple(path))

    def __str__(self) -> str:
        out = ""
        for step in self.path:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out

    def __bool__(self) -> bool:
        return bool(self.path)

    def child(self, *path: str | int) -> Location:
        return Location((*self.path, *path))

    @property
    def field(self) -> str:
        """The draft's key: ``contacts`` for ``contacts[1].email``; ``""`` for the whole draft."""
        return str(self.path[0]) if self.path else ""

    @property
    def index(self) -> int | None:
        """The position in that field: 1 for ``contacts[1].email``."""
        return self.path[1] if len(self.path) > 1 and isinstance(self.path[1], int) else None

    @property
    def sub(self) -> str | None:
        """The key inside that item: ``email`` for ``contacts[1].email``."""
        rest = self.path[2:] if self.index is not None else self.path[1:]
        return rest[0] if rest and isinstance(rest[0], str) else None
