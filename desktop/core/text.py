"""Cleaning of user text, done once at the model boundary so that every renderer sees the same text.

XML 1.0 (and so DOCX) forbids most C0 control characters; Qt widgets and text pasted from Word let
them through (Word's manual line break arrives as \\x0b). Tabs and form feeds become spaces,
vertical tabs and the other separators become line breaks, the rest is dropped, as are C1
controls, lone surrogates and the two XML non-characters U+FFFE and U+FFFF. U+FEFF (a byte-order
mark pasted inside a text) is dropped too: PDF/UA forbids it in the document's text; so are the
bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which would
print a French text backwards (« stemelliug »); the light marks U+200E and U+200F stay.

``shown`` is for the other direction: a value echoed in a message, with every control character
written out (``\\x1b``) so that nothing typed in a draft can drive the terminal that shows it.
"""

from __future__ import annotations

import re

_TO_SPACE = {"\t": " ", "\x0c": " "}
_TO_NEWLINE = {
    "\x0b": "\n",
    "\r\n": "\n",
    "\r": "\n",
    "\x1c": "\n",
    "\x1d": "\n",
    "\x1e": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufffe\uffff]"
)
_REPLACEMENTS = re.compile(
    "|".join(re.escape(k) for k in sorted({**_TO_NEWLINE, **_TO_SPACE}, key=len, reverse=True))
)


def clean_text(value: str, *, multiline: bool = True, tabs: bool = False) -> str:
    """Return ``value`` with the characters that XML forbids replaced or removed.

    With ``multiline=False`` (a headline, a name) line breaks become spaces too. With
    ``tabs=True`` (the body's text) tabs are kept: the outputs set each as a space
    (``render.content``), and the checks warn that the columns they aligned are lost.
    """
    table = {**_TO_SPACE, **_TO_NEWLINE}
    if tabs:
        table["\t"] = "\t"
    cleaned = _REPLACEMENTS.sub(lambda m: table[m.group(0)], value)
    cleaned = _DROPPED.sub("", cleaned)
    if not multiline:
        cleaned = cleaned.replace("\n", " ")
    return cleaned


_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def shown(value: str) -> str:
    """``value`` as a message may print it: control characters (escape sequences, bidi
    overrides, tabs) written as ``\\x1b``, ``\\u202e``; line breaks kept."""
    return _UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), value)
