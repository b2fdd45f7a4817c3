"""What a kind of document shows besides a communiqué's parts: each kind with details of its
own (``core/kinds.py``) has a function in ``PREPARERS``, in a module of its own
(``render/event_content.py`` for an invitation…), which turns the release's details into
sections (``render/sections.py``), each a heading and its blocks in the body's terms
(paragraphs and bulleted lists of runs). ``render/content.py`` prepares them like the body
(typography, addresses), and every renderer places them after the body, each heading at level 2,
as the contacts' heading.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.kinds import DocumentKind
from desktop.core.model import Release
from desktop.render.agenda_content import agenda_sections
from desktop.render.event_content import event_sections
from desktop.render.sections import KindSection

PREPARERS: dict[DocumentKind, Callable[[Release], tuple[KindSection, ...]]] = {
    DocumentKind.INVITATION: event_sections,
    DocumentKind.AGENDA: agenda_sections,
}
"""For each kind with details of its own, its sections (pure: no file, no database)."""


def kind_sections(release: Release) -> tuple[KindSection, ...]:
    preparer = PREPARERS.get(release.document)
    return preparer(release) if preparer is not None else ()
