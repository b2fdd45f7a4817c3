"""The page on screen first: for a long document (a press kit of forty pages), the preview
compiles the blocks that reach just past the page shown, draws that page, and only then the whole
document (Typst lays a document out whole: a 45-page press kit takes some 330 ms, its first
pages a tenth of it).

How many blocks make a page comes from the last whole compile (``Layout``); the quick pass
prints the whole document's page count in its footer, so the page shown does not change when the
whole document arrives. Pure: no Qt, no file but the fonts and the template.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from desktop.render.content import PreparedRelease
from desktop.render.pdf import render_pages_svg

QUICK_FROM_PAGES = 8
"""Below this many pages, the whole document is about as quick as its first pages."""
MARGIN_BLOCKS = 3
"""Blocks compiled past the estimate, so that the page shown is whole."""
WORTH_IT = 0.4
"""A quick pass is made when it needs at most this share of the blocks: past it, it would cost
about as much as the whole."""


@dataclass(frozen=True)
class Layout:
    """What the last whole compile said: how many pages, from how many blocks of the body."""

    pages: int
    blocks: int


def layout_of(prepared: PreparedRelease, pages: list[bytes]) -> Layout:
    return Layout(len(pages), len(prepared.body))


def visible_first(
    prepared: PreparedRelease, page: int, layout: Layout | None
) -> list[bytes] | None:
    """The pages up to ``page`` (and a little after) from the blocks they hold, or None when the
    whole document is as quick (short, or the page shown is its contents, which list every
    heading of the whole)."""
    if layout is None or layout.pages < QUICK_FROM_PAGES or layout.blocks == 0:
        return None
    if prepared.press_kit is not None and page == 1:
        return None  # the contents: every heading, with its page
    needed = math.ceil((page + 2) * layout.blocks / layout.pages) + MARGIN_BLOCKS
    if needed >= len(prepared.body) * WORTH_IT:
        return None
    body = prepared.body[:needed]
    if prepared.press_kit is not None:
        # The contents list every heading: the later ones stay, so that the contents fill as
        # many pages as in the whole and the pages after them fall as they will.
        body += tuple(block for block in prepared.body[needed:] if block.kind == "heading")
    partial = replace(prepared, body=body, contacts=(), page_total=layout.pages)
    return render_pages_svg(partial)
