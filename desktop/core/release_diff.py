"""A word-level difference between two versions of a release, in French, for a person to read.

Each version is laid out as lines of text (header, kind, headline, place and date, number, each
paragraph, each contact). The comparison runs in near-linear time, whatever the drafts (the
version history shows it in the window, ``diff`` on the command line): the lines the versions
share at their start and end are set aside, the rest is matched line by line (anchored on the
lines found once on each side, as *patience diff* does), then each changed run of lines word by
word, after setting aside its common start and end, when it is small enough
(``WORD_BUDGET``); a larger one is shown deleted and added whole. The result is a list of
pieces (kept, deleted, added), shown by the command line with ``[-mots supprimés-]`` and
``{+mots ajoutés+}`` and by the app in colour.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import Release
from desktop.core.typography import long_date

KEPT, DELETED, ADDED = "kept", "deleted", "added"
_TOKENS = re.compile(r"\s+|[^\s]+")
LINE_BUDGET = 250_000
"""The largest product of the two sides' line counts between two anchors that ``difflib``
matches; a larger gap is shown replaced whole."""
WORD_BUDGET = 1_000_000
"""The largest product of the two sides' word counts compared word by word (``difflib`` may
take time proportional to it): about a second at worst."""


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
    return text_diff("\n".join(release_lines(before)), "\n".join(release_lines(after)))


def text_diff(old_text: str, new_text: str) -> list[Piece]:
    """The pieces that turn ``old_text`` into ``new_text``: lines first, then words."""
    old = old_text.splitlines(keepends=True)
    new = new_text.splitlines(keepends=True)
    pieces: list[Piece] = []
    head, tail = _common_ends(old, new)
    _add(pieces, KEPT, "".join(old[:head]))
    middle_old, middle_new = old[head : len(old) - tail], new[head : len(new) - tail]
    for same, i1, i2, j1, j2 in _line_runs(middle_old, middle_new):
        if same:
            _add(pieces, KEPT, "".join(middle_old[i1:i2]))
        else:
            _words(pieces, "".join(middle_old[i1:i2]), "".join(middle_new[j1:j2]))
    _add(pieces, KEPT, "".join(old[len(old) - tail :]))
    return pieces


Run = tuple[bool, int, int, int, int]
"""``(same, i1, i2, j1, j2)``: ``old[i1:i2]`` is kept as ``new[j1:j2]``, or replaced by it."""


def _line_runs(old: Sequence[str], new: Sequence[str]) -> list[Run]:
    """Lines matched as *patience diff* does: the lines found once on each side, in an order
    both sides share (the longest increasing run, n log n), anchor the match; the gaps between
    anchors are matched by ``difflib`` when small enough (``LINE_BUDGET``), else replaced whole.
    No input makes it quadratic."""
    once_old = Counter(old)
    once_new = Counter(new)
    where_new = {line: j for j, line in enumerate(new) if once_new[line] == 1}
    pairs = [
        (i, where_new[line])
        for i, line in enumerate(old)
        if once_old[line] == 1 and line in where_new
    ]
    runs: list[Run] = []
    i0 = j0 = 0
    for i, j in [*_increasing(pairs), (len(old), len(new))]:
        runs += _gap(old, new, (i0, i), (j0, j))
        if i < len(old):
            runs.append((True, i, i + 1, j, j + 1))
        i0, j0 = i + 1, j + 1
    return runs


def _gap(
    old: Sequence[str], new: Sequence[str], span_old: tuple[int, int], span_new: tuple[int, int]
) -> list[Run]:
    (i0, i1), (j0, j1) = span_old, span_new
    if i0 == i1 and j0 == j1:
        return []
    if (i1 - i0) * (j1 - j0) > LINE_BUDGET:
        return [(False, i0, i1, j0, j1)]
    matcher = difflib.SequenceMatcher(a=old[i0:i1], b=new[j0:j1], autojunk=False)
    return [
        (op == "equal", i0 + a1, i0 + a2, j0 + b1, j0 + b2)
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
    ]


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by their first item) increasing in the second."""
    tops: list[int] = []  # the smallest last j of an increasing run of each length
    ends: list[int] = []  # the index in pairs of that run's last pair
    before: list[int] = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        place = bisect.bisect_left(tops, j)
        if place:
            before[index] = ends[place - 1]
        if place == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[place] = j
            ends[place] = index
    chain: list[tuple[int, int]] = []
    at = ends[-1] if ends else -1
    while at >= 0:
        chain.append(pairs[at])
        at = before[at]
    return chain[::-1]


def _words(pieces: list[Piece], old_text: str, new_text: str) -> None:
    """A changed run of lines, word by word when small enough, else deleted and added whole."""
    old = _TOKENS.findall(old_text)
    new = _TOKENS.findall(new_text)
    head, tail = _common_ends(old, new)
    _add(pieces, KEPT, "".join(old[:head]))
    middle_old, middle_new = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(middle_old) * len(middle_new) > WORD_BUDGET:
        _add(pieces, DELETED, "".join(middle_old))
        _add(pieces, ADDED, "".join(middle_new))
    else:
        matcher = difflib.SequenceMatcher(a=middle_old, b=middle_new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                _add(pieces, KEPT, "".join(middle_old[i1:i2]))
                continue
            if op in ("delete", "replace"):
                _add(pieces, DELETED, "".join(middle_old[i1:i2]))
            if op in ("insert", "replace"):
                _add(pieces, ADDED, "".join(middle_new[j1:j2]))
    _add(pieces, KEPT, "".join(old[len(old) - tail :]))


def _common_ends(old: Sequence[str], new: Sequence[str]) -> tuple[int, int]:
    """How many items the two share at their start, then at their end (not overlapping)."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    """Append a piece, merged with the last one when of the same kind."""
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


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
