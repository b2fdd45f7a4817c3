"""Which typeface a release is set in: Marianne when the machine has it, else Liberation Sans.

Marianne is not redistributable, so it is looked for, never shipped: in the folder named by
``COMMUNIQUE_FONT_DIR`` (or the app's setting), then where ``communique fonts install-marianne``
put it, then in the usual font folders of the system and the user. The substitute,
metric-compatible with Arial (the State's official fallback), is shipped in ``resources/fonts``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.resources import resource

FONT_DIR_VARIABLE = "COMMUNIQUE_FONT_DIR"
MARIANNE = "Marianne"
SUBSTITUTE = "Liberation Sans"
DOCX_SUBSTITUTE = "Arial"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class FontChoice:
    family: str
    """The family the PDF and the preview are set in."""
    docx_family: str
    """The family the DOCX names (Word and LibreOffice substitute Arial where it is missing)."""
    folders: tuple[Path, ...]
    """Folders handed to Typst, which reads no system font."""

    @property
    def is_marianne(self) -> bool:
        return self.family == MARIANNE

    @property
    def notice(self) -> str:
        if self.is_marianne:
            return "Police\u00a0: Marianne."
        return (
            "la police Marianne n’est pas installée\u00a0: Liberation Sans la remplace. "
            "Installez-la depuis le paquet du DSFR (Édition › Préférences › Installer "
            "Marianne…, ou «\u00a0communique fonts install-marianne\u00a0»), ou indiquez son "
            "dossier dans les préférences ou avec COMMUNIQUE_FONT_DIR."
        )


def system_font_dirs() -> list[Path]:
    """The system's and the user's font folders (``services.paths``)."""
    from desktop.services.paths import system_font_dirs as folders

    return folders()


def find_marianne(folders: list[Path]) -> Path | None:
    """The folder holding a Marianne font file (ttf/otf), or None."""
    for folder in folders:
        try:
            for root, _dirs, files in os.walk(folder):
                for name in files:
                    lower = name.lower()
                    if lower.startswith("marianne") and lower.endswith(_FONT_SUFFIXES):
                        return Path(root)
        except OSError:
            continue
    return None


def choose_font(font_dir: str | Path | None = None) -> FontChoice:
    """Pick the typeface; ``font_dir`` (a setting) comes before the environment and the system."""
    wanted = font_dir or os.environ.get(FONT_DIR_VARIABLE) or None
    return _choose_font(str(wanted) if wanted else None)


def installed_fonts_dir() -> Path:
    """Where ``communique fonts install-marianne`` puts Marianne (``core.marianne``)."""
    from desktop.services.paths import data_dir

    return data_dir() / "fonts"


def forget_choice() -> None:
    """Look for the typeface again at the next ``choose_font`` (after an installation)."""
    _choose_font.cache_clear()


@cache
def _choose_font(font_dir: str | None) -> FontChoice:
    shipped = resource("fonts")
    candidates = (
        ([Path(font_dir)] if font_dir else []) + [installed_fonts_dir()] + system_font_dirs()
    )
    found = find_marianne(candidates)
    if found is not None:
        return FontChoice(MARIANNE, MARIANNE, (found, shipped))
    return FontChoice(SUBSTITUTE, DOCX_SUBSTITUTE, (shipped,))


# Characters every supported typeface (Marianne, Liberation Sans) draws: checking them needs no
# font file. Anything else is looked up in the fonts' character maps, read once per process.
_SURELY_COVERED = (
    frozenset(range(0x20, 0x7F))
    | frozenset(range(0xA0, 0x180))
    | frozenset(map(ord, "\n–—‘’‚“”„†‡•…‰‹›€™\u202f\u2009\u00a0\u2032\u2033"))
)


def uncovered(text: str, choice: FontChoice) -> set[str]:
    """The characters of ``text`` that the typeface cannot draw (a PDF/A must not fake them)."""
    suspicious = {ch for ch in text if ord(ch) not in _SURELY_COVERED}
    if not suspicious:
        return set()
    covered = coverage(choice)
    return {ch for ch in suspicious if ord(ch) not in covered}


@cache
def coverage(choice: FontChoice) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    points: set[int] = set()
    for folder in choice.folders:  # Typst falls back on any font of these folders
        for path in sorted(folder.rglob("*")):
            if not path.name.lower().endswith(_FONT_SUFFIXES):
                continue
            try:
                cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap() or {}
            except (OSError, TTLibError, AssertionError):
                continue
            points.update(cmap)
    return frozenset(points)
