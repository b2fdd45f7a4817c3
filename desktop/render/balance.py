"""The headline's lines as the PDF sets them, for the formats a word processor lays out.

The Typst template balances the headline (``balanced`` in ``release.typ``): it keeps the line
count the full width gives and narrows the block, by halving nine times, to the narrowest width
that keeps it, so that the last line is not a short leftover. This does the same with the bold
face's advance widths, and the DOCX and the ODT set the headline with a line break at each of
the PDF's line ends: Word and LibreOffice do not balance lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.core.fonts import FontChoice
from desktop.core.header_width import MM_PER_PT, bold_advances
from desktop.core.typography import ordinal_parts
from desktop.render.content import PreparedRelease, TextRun, parts_runs
from desktop.render.house_style import HOUSE_STYLE

_BREAK = re.compile(r"(?<=[^\s-]-)(?=\w)| ")
"""Where a line may end: at a plain space (never a no-break one), after a word's hyphen."""
HALVINGS = 9


def _width(text: str, advances: dict[int, int], upem: int, size: float) -> float:
    fallback = advances.get(ord("M"), upem)
    return sum(advances.get(ord(ch), fallback) for ch in text) * size / upem


def _lines(
    words: list[tuple[str, str]], width: float, measure: Callable[[str], float]
) -> list[int]:
    """Greedy breaks: the indices of ``words`` after which a line ends."""
    ends: list[int] = []
    line = ""
    for i, (word, gap) in enumerate(words):
        candidate = line + word
        if line and measure(candidate.rstrip()) > width:
            ends.append(i - 1)
            candidate = word
        line = candidate + gap
    return ends


def balanced_breaks(headline: str, font: FontChoice, width: float, size: float) -> list[int]:
    """The offsets in ``headline`` where the PDF's lines end: at a space (which the line break
    replaces) or just after a hyphen."""
    advances, upem = bold_advances(font)

    def measure(text: str) -> float:
        return _width(text, advances, upem, size)

    words: list[tuple[str, str]] = []
    start = 0
    for match in _BREAK.finditer(headline):
        words.append((headline[start : match.start()], match.group(0)))
        start = match.end()
    words.append((headline[start:], ""))
    natural = len(_lines(words, width, measure))
    low, high = width / 2, width
    for _ in range(HALVINGS):
        middle = (low + high) / 2
        if len(_lines(words, middle, measure)) > natural:
            low = middle
        else:
            high = middle
    offsets, position = [], 0
    ends = set(_lines(words, high, measure))
    for i, (word, gap) in enumerate(words):
        position += len(word)
        if i in ends:
            offsets.append(position)
        position += len(gap)
    return offsets


def with_line_breaks(headline: str, offsets: list[int]) -> str:
    """``headline`` with a line break at each offset (in place of the space there)."""
    out, start = [], 0
    for offset in offsets:
        out.append(headline[start:offset])
        start = offset + 1 if headline[offset : offset + 1] == " " else offset
    out.append(headline[start:])
    return "\n".join(out)


def text_width() -> float:
    """The PDF's text width, in points: the headline's measure."""
    return HOUSE_STYLE.page.text_width / MM_PER_PT


def balanced_headline(prepared: PreparedRelease) -> tuple[TextRun, ...]:
    """The headline's runs with a line break (``\\n``) at each of the PDF's line ends."""
    style = HOUSE_STYLE
    text = prepared.headline_display
    if not text:
        return ()
    width = text_width()
    lines = with_line_breaks(text, balanced_breaks(text, prepared.font, width, style.headline.size))
    return parts_runs(tuple(ordinal_parts(lines)))
