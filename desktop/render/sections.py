"""A part of a kind's details (an invitation's « Programme », an agenda's day), in the body's
terms: a heading and its paragraphs or lists, which ``render/content.py`` prepares like the
body's."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Block


@dataclass(frozen=True)
class KindSection:
    heading: str
    """Its heading (empty: none, the blocks follow the previous section's)."""
    blocks: tuple[Block, ...]
