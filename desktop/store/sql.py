"""The store's parameter layer: its SQL is written once, with ``?`` placeholders, for both backends.

SQLite takes ``?`` as it is. PostgreSQL's own placeholders are numbered (``$1``, ``$2``…):
``numbered_placeholders`` rewrites each ``?`` that stands where SQL code is, and leaves alone
what is text to the server: string literals (``'…'``, ``E'…'`` with its backslashes, ``$tag$…$tag$``),
quoted names (``"…"``) and comments (``--`` to the end of the line, ``/* … */`` nested). psycopg
sends the result through a ``RawCursor``, which passes the query on untouched: a ``%`` needs no
doubling, and a ``?`` or ``%`` inside a literal reaches the server as written.

The store's SQL never uses PostgreSQL's JSON operators ``?``, ``?|`` and ``?&``: outside literals
and comments, a ``?`` is always a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol


class Cursor(Protocol):
    """What a statement gives back, in both backends: rows read by index or by column name."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection as the store's work sees it: ``execute(sql, params)`` with ``?`` placeholders."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...


_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\x80-\U0010ffff][\w\x80-\U0010ffff]*)?\$")
_WORD_CHAR = re.compile(r"[\w$\x80-\U0010ffff]")


def pieces(sql: str) -> Iterator[tuple[bool, str]]:
    """``sql`` cut into code (``True``) and text the server reads as data or ignores (``False``:
    literals, quoted names, comments). An unterminated literal or comment runs to the end."""
    start = i = 0
    n = len(sql)
    while i < n:
        ch = sql[i]
        end = -1
        if ch == "'" or (
            ch in "eE"
            and sql.startswith("'", i + 1)
            and (i == 0 or not _WORD_CHAR.match(sql[i - 1]))
        ):
            end = _quoted_end(sql, i + 1 if ch != "'" else i, "'", backslash=ch != "'")
        elif ch == '"':
            end = _quoted_end(sql, i, '"', backslash=False)
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            end = n if newline < 0 else newline
        elif sql.startswith("/*", i):
            end = _block_comment_end(sql, i)
        elif ch == "$" and (i == 0 or not _WORD_CHAR.match(sql[i - 1])):
            tag = _DOLLAR_TAG.match(sql, i)
            if tag:
                close = sql.find(tag.group(), tag.end())
                end = n if close < 0 else close + len(tag.group())
        if end < 0:
            i += 1
            continue
        if start < i:
            yield True, sql[start:i]
        yield False, sql[i:end]
        start = i = end
    if start < n:
        yield True, sql[start:]


def _quoted_end(sql: str, i: int, quote: str, *, backslash: bool) -> int:
    """The index after the quote closing the one at ``i`` (a doubled quote is part of the text)."""
    j = i + 1
    while j < len(sql):
        ch = sql[j]
        if backslash and ch == "\\":
            j += 2
            continue
        if ch == quote:
            if sql.startswith(quote, j + 1):
                j += 2
                continue
            return j + 1
        j += 1
    return len(sql)


def _block_comment_end(sql: str, i: int) -> int:
    depth, j = 0, i
    while j < len(sql):
        if sql.startswith("/*", j):
            depth, j = depth + 1, j + 2
        elif sql.startswith("*/", j):
            depth, j = depth - 1, j + 2
            if depth == 0:
                return j
        else:
            j += 1
    return len(sql)


@lru_cache(maxsize=1024)
def numbered_placeholders(sql: str) -> str:
    """``sql`` with each ``?`` placeholder written ``$1``, ``$2``… as PostgreSQL numbers them."""
    out: list[str] = []
    count = 0
    for code, text in pieces(sql):
        if not code:
            out.append(text)
            continue
        parts = text.split("?")
        out.append(parts[0])
        for part in parts[1:]:
            count += 1
            out.append(f"${count}{part}")
    return "".join(out)
