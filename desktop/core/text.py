"""Cleaning of user text, done once at the model boundary so that every renderer sees the same text.

XML 1.0 (and so DOCX) forbids most C0 control characters; Qt widgets and text pasted from Word let
them through (Word's manual line break arrives as \\x0b). Tabs and form feeds become spaces,
vertical tabs and the other separators become line breaks, the rest is dropped, as are C1
controls, lone surrogates and the two XML non-characters U+FFFE and U+FFFF.
"""

from __future__ import annotations

import re

_TO_SPACE = {"\t": " ", "\x0c": " "}
_TO_NEWLINE = {"\x0b": "\n", "\r\n": "\n", "\r": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n",
               "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_REPLACEMENTS = re.compile("|".join(re.escape(k) for k in sorted(
    {**_TO_NEWLINE, **_TO_SPACE}, key=len, reverse=True)))


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Return ``value`` with the characters that XML forbids replaced or removed.

    With ``multiline=False`` (a headline, a name) line breaks become spaces too.
    """
    table = {**_TO_SPACE, **_TO_NEWLINE}
    cleaned = _REPLACEMENTS.sub(lambda m: table[m.group(0)], value)
    cleaned = _DROPPED.sub("", cleaned)
    if not multiline:
        cleaned = cleaned.replace("\n", " ")
    return cleaned
