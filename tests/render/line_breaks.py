"""Where the lines of an output end, read back, against the release's own words: a line may end
between two words, after a piece of an address (``/ . @ ? & =``), at a compound's own hyphen,
or with a hyphenation of an ordinary word; never inside any other word, inside an address,
inside a capitalised word or a number, nor between two words joined by a no-break space."""

from __future__ import annotations

import html
import re
import subprocess
from itertools import pairwise

from desktop.render.content import ADDRESS_BREAKS, MOTTO, PreparedRelease
from desktop.render.text import render_text
from tests.render.readback import need

_FOOTER = re.compile(r"\s+\d+\s*/\s*\d+\s*$")
_GLUE = "\u00a0\u202f"
_EDGE = ".,;:!?()«»’'\"…"


SAME_LINE = 6.0
"""Points: words whose tops are closer than this are on one line (a superior ``er``'s top is
about 2.5 points higher; lines are 14.3 points apart)."""


LARGEST_TYPE = 30.0
"""Points: a word taller than this is the PDF's diagonal PROJET, not text."""


def page_lines(pdf: bytes) -> list[str]:
    """The PDF's lines of text, as a reader sees them: pdftotext's words (``-bbox``) gathered by
    their height on the page (a superior ``er`` stays on its line) and read left to right."""
    need("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    lines: list[str] = []
    for page in result.stdout.decode("utf-8").split("<page ")[1:]:
        words = []
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            left, top, right, bottom, text = match.groups()
            if float(bottom) - float(top) > LARGEST_TYPE:
                continue  # the PDF's diagonal PROJET
            words.append((float(top), float(left), float(right), html.unescape(text)))
        rows: list[list[tuple[float, float, float, str]]] = []
        for word in sorted(words):
            if rows and word[0] - rows[-1][-1][0] < SAME_LINE:
                rows[-1].append(word)
            else:
                rows.append([word])
        for row in rows:
            line, right_edge = "", None
            for _top, left, right, text in sorted(row, key=lambda w: w[1]):
                glued = right_edge is not None and left - right_edge < 0.5
                line += text if glued or not line else " " + text
                right_edge = right
            lines.append(line)
    return lines


def source(prepared: PreparedRelease) -> tuple[set[str], set[tuple[str, str]]]:
    """The release's words (as split at any space), and the pairs a no-break space joins."""
    text = render_text(prepared) + "\n" + "\n".join(MOTTO)
    words = set(text.split()) | {"•"}
    glued = set()
    for match in re.finditer(f"(?<=[^\\s{_GLUE}])[{_GLUE}](?=[^\\s{_GLUE}])", text):
        left = re.split(r"\s", text[: match.start()])[-1]
        right = re.split(r"\s", text[match.end() :])[0]
        glued.add((left, right))
    return words, glued


def _is_address(word: str) -> bool:
    return "@" in word or "://" in word or word.lower().startswith("www.")


def bad_line_ends(pdf: bytes, prepared: PreparedRelease) -> list[str]:
    """Each line end of the PDF that breaks a rule, shown as ``end | start``."""
    words, glued = source(prepared)
    addresses = [w.strip(_EDGE) for w in words if _is_address(w)]

    def kept(token: str) -> bool:
        # The PDF's diagonal PROJET is read back as scattered capitals: not text.
        return token in words or not (set(token) <= set("PROJET") and len(token) <= 3)

    lines = []
    for read in page_lines(pdf):
        line = read.replace("\u2060", "")
        if line.strip().startswith("PROJET – "):  # the ODT's page header
            continue
        tokens = [t for t in _FOOTER.sub("", line).split() if kept(t)]
        if tokens and not re.fullmatch(r"\d+\s*/\s*\d+", " ".join(tokens)):
            lines.append(tokens)
    bad = []
    stem = ""
    for this, following in pairwise(lines):
        end, start = this[-1], following[0]
        if len(this) == 1 and stem:  # the rest of a word hyphenated on the line before
            end = stem + end
        if not _fine(end, start, words, glued, addresses):
            bad.append(f"{end} | {start}")
        stem = end.rstrip("\u00ad-") if end.endswith(("\u00ad", "-")) else ""
    return bad


def _fine(
    end: str, start: str, words: set[str], glued: set[tuple[str, str]], addresses: list[str]
) -> bool:
    if any(end.endswith(left) and start.startswith(right) for left, right in glued):
        return False  # a no-break space was broken
    ends_word = end in words or any(a.endswith(end.strip(_EDGE)) for a in addresses)
    starts_word = start in words or any(a.startswith(start.strip(_EDGE)) for a in addresses)
    if ends_word and starts_word:
        return True
    if end.endswith(("\u00ad", "-")):
        stem = end.rstrip("\u00ad-")
        if end.endswith("-") and stem + "-" + start in words:  # a compound's own hyphen
            return not _is_address(stem + "-" + start)
        bare = (stem + start).strip(_EDGE)
        if bare in {w.strip(_EDGE) for w in words}:  # a hyphenation: ordinary words only
            return bare[:1].islower() and not any(ch.isdigit() for ch in bare)
    if end[-1:] in ADDRESS_BREAKS:  # inside an address, after one of its break characters
        piece = end.lstrip(_EDGE) + start.rstrip(_EDGE)
        return any(piece in address for address in addresses)
    return False
