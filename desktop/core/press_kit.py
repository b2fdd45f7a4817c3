"""A press kit (*dossier de presse*): what its cover says beyond the headline (a subtitle, an
optional image with its alternative text), and its annexes.

The body's headings (``model.Heading``) make its chapters and its table of contents; the
release's contacts are printed on its last page.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.blocks import Block, Picture


@dataclass(frozen=True)
class Annex:
    """A chapter after the body, listed in the contents under « Annexes »."""

    title: str
    body: tuple[Block, ...] = ()


@dataclass(frozen=True)
class PressKit:
    subtitle: str = ""
    cover: Picture | None = None
    """An image on the cover (a photograph, a map), with ``cover_alt`` saying what it shows."""
    cover_alt: str = ""
    annexes: tuple[Annex, ...] = ()


ANNEXES_HEADING = "Annexes"
CONTENTS_HEADING = "Sommaire"
