"""What the command line prints reaches a terminal: nothing read from a draft, a file name or a
register may drive it. Every character that a terminal would obey (escape sequences, other
control characters, bidirectional overrides) is written out instead (``\\x1b``); line breaks and
tabs pass. ``main`` wraps standard output and standard error in ``SafeStream`` for the whole
command; the progress bar, ours, writes its own control characters to ``raw``.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_OBEYED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escaped(text: str) -> str:
    """``text`` with the characters a terminal would obey written out, tabs and line breaks
    kept; a byte of a file name that is not UTF-8 (a lone surrogate) is written ``\\xff``."""
    return _OBEYED.sub(_written_out, text)


def _written_out(match: re.Match[str]) -> str:
    char = match.group(0)
    if 0xDC80 <= ord(char) <= 0xDCFF:  # os.fsdecode's stand-in for the byte ord - 0xDC00
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


class SafeStream:
    """A text stream that escapes what it is given, then writes it to ``raw``."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(escaped(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def raw(stream: TextIO | SafeStream) -> TextIO:
    """The stream under a ``SafeStream`` (for our own control characters), else itself."""
    return stream.raw if isinstance(stream, SafeStream) else stream
