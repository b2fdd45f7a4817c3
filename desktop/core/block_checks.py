"""The checks of the body's structured blocks (headings, tables, figures), in the rules of
``core.checks``: an image needs its alternative text, a table its header, a section its chapter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from desktop.core.findings import Finding, error, warning
from desktop.core.images import MAX_IMAGES
from desktop.core.model import Figure, Heading, Release, Table


class HasRelease(Protocol):
    @property
    def release(self) -> Release: ...


def figures_described(ctx: HasRelease) -> Iterator[Finding]:
    """An image without its alternative text says nothing to a reader who cannot see it (RGAA)."""
    for i, block in enumerate(ctx.release.body):
        if isinstance(block, Figure) and not block.alt.strip():
            yield error(
                f"body[{i}].figure.alt",
                "l’image n’a pas de texte de remplacement\u00a0: dites ce qu’elle montre.",
            )


def images_bounded(ctx: HasRelease) -> Iterator[Finding]:
    count = sum(isinstance(block, Figure) for block in ctx.release.body)
    if count > MAX_IMAGES:
        yield error("body", f"{count} images\u00a0: un document en compte au plus {MAX_IMAGES}.")


def headings_nested(ctx: HasRelease) -> Iterator[Finding]:
    """A section (level 2) comes under a chapter (level 1); a heading has words."""
    chapter = False
    for i, block in enumerate(ctx.release.body):
        if not isinstance(block, Heading):
            continue
        if not block.text.strip():
            yield warning(f"body[{i}].heading.text", "intertitre vide.")
        elif block.level == 2 and not chapter:
            yield warning(
                f"body[{i}].heading.level",
                "une section (titre de niveau 2) avant tout chapitre (niveau 1)\u00a0: "
                "elle est mise au niveau 1 dans la table des matières et pour les lecteurs "
                "d’écran.",
            )
        chapter = chapter or block.level == 1


def tables_filled(ctx: HasRelease) -> Iterator[Finding]:
    """A table's header row names its columns: a screen reader reads it before each cell."""
    for i, block in enumerate(ctx.release.body):
        if isinstance(block, Table) and not all(cell.strip() for cell in block.header):
            yield warning(
                f"body[{i}].table.header",
                "une colonne du tableau n’a pas d’en-tête\u00a0: nommez chaque colonne.",
            )


BLOCK_RULES = (figures_described, images_bounded, headings_nested, tables_filled)
