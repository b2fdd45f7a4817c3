"""What a kind of document shows besides a communiqué's parts: each kind with details of its
own (``core/kinds.py``) has a function in ``PREPARERS``, in a module of its own
(``render/event_content.py`` for an invitation…), which turns the release's details into
sections, each a heading and its blocks in the body's terms (paragraphs and bulleted lists of
runs). ``render/content.py`` prepares them like the body (typography, addresses), and every
renderer places them between the headline and the body, each heading at level 2, as the
contacts' heading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.kinds import DocumentKind
from desktop.core.model import Block, Release


@dataclass(frozen=True)
class KindSection:
    heading: str
    """Its heading (empty: none, the blocks follow the previous section's)."""
    blocks: tuple[Block, ...]


PREPARERS: dict[DocumentKind, Callable[[Release], tuple[KindSection, ...]]] = {}
"""For each kind with details of its own, its sections (pure: no file, no database)."""


def kind_sections(release: Release) -> tuple[KindSection, ...]:
    preparer = PREPARERS.get(release.document)
    return preparer(release) if preparer is not None else ()
