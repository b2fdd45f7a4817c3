"""Text search as a French reader expects it: no case, no accents, any order of words.

SQLite's ``LIKE`` folds ASCII letters only (``É`` would not find ``é``), and the register and the
directory are small (thousands of rows at most), so matching is done here, in Python.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def without_accents(text: str) -> str:
    """``ÉLYSÉE`` → ``ELYSEE``: the letters without their accents (case kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """``Élysée`` → ``elysee``; every kind of space becomes a plain one."""
    return " ".join(without_accents(text).casefold().split())


def words(query: str) -> list[str]:
    return fold(query).split()


def matches(query: str, fields: Iterable[str]) -> bool:
    """True when every word of ``query`` occurs in one of ``fields`` (an empty query matches)."""
    wanted = words(query)
    if not wanted:
        return True
    haystack = "\n".join(fold(field) for field in fields)
    return all(word in haystack for word in wanted)
