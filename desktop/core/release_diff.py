"""A word-level difference between two versions of a release, in French, for a person to read.

Each version is laid out as lines of text (header, kind, headline, place and date, number, each
paragraph, each contact); words are compared with ``difflib``. The result is a list of pieces
(kept, deleted, added), shown by the command line with ``[-mots supprimés-]`` and
``{+mots ajoutés+}`` and by the app in colour.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from desktop.core.model import Release
from desktop.core.typography import long_date

KEPT, DELETED, ADDED = "kept", "deleted", "added"
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str
    text: str


def release_lines(release: Release) -> list[str]:
    """The release as lines a reader compares (what it says, not how it is stored)."""
    lines = [
        *release.header,
        release.kind,
        release.headline,
        f"{release.place}, {long_date(release.date) if release.date else ''}".strip(", "),
        str(release.number or ""),
    ]
    for block in release.body:
        lines += block.text.split("\n")
    for contact in release.contacts:
        lines.append(" ".join(x for x in (contact.name, contact.phone, contact.email) if x))
    return [line for line in lines if line.strip()]


def word_diff(before: Release, after: Release) -> list[Piece]:
    """The pieces that turn ``before`` into ``after``, word by word (spaces kept)."""
    old = _TOKENS.findall("\n".join(release_lines(before)))
    new = _TOKENS.findall("\n".join(release_lines(after)))
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(KEPT, "".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(DELETED, "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece(ADDED, "".join(new[j1:j2])))
    return pieces


def changed(pieces: list[Piece]) -> bool:
    return any(p.kind != KEPT and p.text.strip() for p in pieces)


def as_marked_text(pieces: list[Piece]) -> str:
    """``[-supprimé-]`` and ``{+ajouté+}``, as ``git diff --word-diff`` shows them."""
    out = []
    for piece in pieces:
        if piece.kind == DELETED:
            out.append(f"[-{piece.text}-]")
        elif piece.kind == ADDED:
            out.append(f"{{+{piece.text}+}}")
        else:
            out.append(piece.text)
    return "".join(out)
