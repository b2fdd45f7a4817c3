"""How wide each line of the bloc-marque's entity name is, and how wide the charter lets it be.

The State design system draws the bloc-marque (its ``logo`` component, ``@gouvfr/dsfr``) with a
base unit u: the Marianne symbol 2.75u wide, the name in bold capitals at 1.05u with a tracking
of -0.01em, the motto 2.625u wide. The component's CSS sets no width for the name: the lines
are the author's. What shows how wide a line may be are the reference blocks the DSFR ships
with the component, composed by the State's designers; their widest line, « L’ÉGALITÉ ENTRE
LES » (``component/logo/example/sample/logo-egality.ejs``), measures 10.95u in Marianne Bold
(10.86u as Typst sets it, with kerning) and 11.47u in Liberation Sans Bold. A line is too wide
when it is wider than that reference line set in the same typeface: the rule then holds for
Marianne and for its substitute alike, and says by how much, in millimetres on the page.
The shipped presets (``resources/ministries.json``) keep to it (a test).

Widths are the fonts' advance widths (fontTools), kerning left out, plus the tracking; the
Typst template (``resources/templates/brand.typ``) sets u to ``UNIT_PT``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desktop.core.fonts import FontChoice
from desktop.core.typography import french
from desktop.resources import resource

UNIT_PT = 13.0
"""The bloc-marque's base unit u in the PDF, points (``bloc-marque(..., u: 13pt)``)."""
NAME_SIZE = 1.05
"""The name's type size, in u."""
TRACKING = -0.01
"""Letter spacing, in em."""
REFERENCE_LINE = "L’ÉGALITÉ ENTRE LES"
"""The widest line of the DSFR's reference blocks (the component's examples)."""
KERNING_SLACK = 0.2
"""In u: what this measure overstates, having no kerning. Measured against Typst's own
``measure()`` in Marianne Bold: DE L’AMÉNAGEMENT 10.98u here, 10.82u as set (0.16u);
L’ÉGALITÉ ENTRE LES 10.95u, 10.86u."""
MM_PER_PT = 25.4 / 72
_FONT_SUFFIXES = (".ttf", ".otf")


def as_set(line: str) -> str:
    """The line as the outputs print it (``render.content``: French typography, capitals)."""
    return french(line.strip()).upper()


def line_width(line: str, font: FontChoice) -> float:
    """The printed line's width, in u."""
    try:
        advances, upem = _metrics(_bold_file(font))
    except Exception:  # a damaged font file: measure in the shipped substitute
        advances, upem = _metrics(resource("fonts") / "LiberationSans-Bold.ttf")
    text = as_set(line)
    if not text:
        return 0.0
    fallback = advances.get(ord("M"), upem)
    ems = sum(advances.get(ord(ch), fallback) for ch in text) / upem + TRACKING * len(text)
    return ems * NAME_SIZE


def bold_advances(font: FontChoice) -> tuple[dict[int, int], int]:
    """The bold face's advance width by code point, and its units per em (the headline's face,
    as the bloc-marque's name)."""
    try:
        return _metrics(_bold_file(font))
    except Exception:  # a damaged font file: measure in the shipped substitute
        return _metrics(resource("fonts") / "LiberationSans-Bold.ttf")


def widest_allowed(font: FontChoice) -> float:
    """The reference line's width in the same typeface, in u, plus ``KERNING_SLACK``."""
    return line_width(REFERENCE_LINE, font) + KERNING_SLACK


def u_to_mm(width: float) -> float:
    return width * UNIT_PT * MM_PER_PT


def _bold_file(font: FontChoice) -> Path:
    """The upright bold file of the family in use, else the shipped Liberation Sans Bold."""
    wanted = font.family.replace(" ", "").lower()
    for folder in font.folders:
        try:
            names = sorted(folder.rglob("*"))
        except OSError:
            continue
        for path in names:
            name = path.name.lower()
            if (
                name.endswith(_FONT_SUFFIXES)
                and name.replace(" ", "").startswith(wanted)
                and "bold" in name
                and "italic" not in name
                and "oblique" not in name
            ):
                return path
    return resource("fonts") / "LiberationSans-Bold.ttf"


@cache
def _metrics(path: Path) -> tuple[dict[int, int], int]:
    """Advance width by code point, and units per em; read once per font file and kept in the
    cache folder (reading them with fontTools costs a command line some 30 ms)."""
    import hashlib
    import json

    from desktop.services import paths
    from desktop.services.files import atomic_write

    info = path.stat()
    key = hashlib.sha256(f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}".encode())
    cached = paths.cache_dir() / f"metrics-{key.hexdigest()[:20]}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        return {int(code): int(width) for code, width in data["advances"].items()}, int(
            data["upem"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # absent or damaged: read the font
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    hmtx = font["hmtx"]
    advances = {code: hmtx[glyph][0] for code, glyph in (font.getBestCmap() or {}).items()}
    upem = int(font["head"].unitsPerEm)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, json.dumps({"advances": advances, "upem": upem}).encode("utf-8"))
    except OSError:
        pass  # a read-only cache: measure again next time
    return advances, upem
