"""The width of the bloc-marque's lines: measured in the typeface in use, warned in ``check``."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.checks import break_advice, check
from desktop.core.fonts import FontChoice, choose_font, find_marianne, installed_fonts_dir
from desktop.core.header import shipped_presets
from desktop.core.header_width import (
    KERNING_SLACK,
    REFERENCE_LINE,
    UNIT_PT,
    line_width,
    u_to_mm,
    widest_allowed,
)
from tests.core.test_checks import GOOD, NOW

ROOT = Path(__file__).resolve().parents[2]
LIBERATION = choose_font(ROOT / "resources" / "fonts")


def typefaces() -> list[FontChoice]:
    """Liberation Sans always; Marianne too where this machine has it."""
    faces = [FontChoice("Liberation Sans", "Arial", (ROOT / "resources" / "fonts",))]
    marianne = find_marianne(
        [installed_fonts_dir(), Path.home() / ".local/share/fonts", Path("/usr/share/fonts")]
    )
    if marianne is not None:
        faces.append(FontChoice("Marianne", "Marianne", (marianne,)))
    return faces


def test_the_reference_line_is_measured_in_liberation_sans() -> None:
    # fontTools' advance widths of LiberationSans-Bold at 1.05u with -0.01em tracking.
    face = typefaces()[0]
    assert line_width(REFERENCE_LINE, face) == pytest.approx(11.47, abs=0.01)
    assert widest_allowed(face) == pytest.approx(11.47 + KERNING_SLACK, abs=0.01)
    assert line_width("MINISTÈRE", face) < line_width("DE LA TRANSITION", face)


def test_lines_are_measured_as_printed() -> None:
    face = typefaces()[0]
    assert line_width("de l'intérieur", face) == line_width("DE L’INTÉRIEUR", face)
    assert line_width("  ", face) == 0.0


def test_the_unit_is_the_templates() -> None:
    template = (ROOT / "resources" / "templates" / "brand.typ").read_text(encoding="utf-8")
    unit = re.search(r"u: ([\d.]+)pt", template)
    assert unit is not None and float(unit.group(1)) == UNIT_PT


@pytest.mark.parametrize("face", typefaces(), ids=lambda f: f.family)
def test_every_shipped_preset_keeps_within_the_bloc_marque(face: FontChoice) -> None:
    too_wide = [
        (preset.name, line, round(line_width(line, face), 2))
        for preset in shipped_presets()
        for line in preset.lines
        if line_width(line, face) > widest_allowed(face)
    ]
    assert too_wide == []
    for preset in shipped_presets():
        release = replace(GOOD, header=preset.lines, ministries=(preset.name,))
        assert not [
            f for f in check(release, font=face, now=NOW) if f.field.startswith("header[")
        ], preset.name


def test_a_line_too_wide_is_warned_with_its_place_and_excess() -> None:
    face = typefaces()[0]
    line = "ET DE LA DÉCENTRALISATION"
    release = replace(GOOD, header=("MINISTÈRE", "DU TERRITOIRE", line), ministries=())
    found = [f for f in check(release, font=face, now=NOW) if f.field.startswith("header[")]
    excess = u_to_mm(line_width(line, face) - widest_allowed(face))
    assert 10 < excess < 25
    assert [(f.severity.value, f.field, f.message) for f in found] == [
        (
            "avertissement",
            "header[2]",
            f"ligne trop large pour le bloc-marque de {excess:.1f}\u00a0mm (Liberation Sans)".replace(
                ".", ","
            )
            + "\u00a0: coupez-la entre deux mots.",  # its only ET opens it: no other advice
        )
    ]


def test_the_advice_names_only_break_points_the_line_has() -> None:
    """The issue: « après une virgule ou avant ET » for a line with neither."""
    assert break_advice("DE LA CULTURE ET DE LA COMMUNICATION") == "avant «\u00a0ET\u00a0»"
    assert break_advice("DE L’ÉCONOMIE, DES FINANCES") == "après une virgule"
    assert (
        break_advice("DE L’ÉCONOMIE, DES FINANCES ET DE LA SOUVERAINETÉ")
        == "après une virgule ou avant «\u00a0ET\u00a0»"
    )
    assert break_advice("DE LA TRANSFORMATION ÉCOLOGIQUE") == "entre deux mots"
    assert break_advice("ET DE LA DÉCENTRALISATION") == "entre deux mots"
    assert break_advice("DE LA SANTÉ,") == "entre deux mots"  # a comma that ends it


def test_a_damaged_font_file_falls_back_on_the_substitute(tmp_path: Path) -> None:
    (tmp_path / "Marianne-Bold.ttf").write_bytes(b"not a font")
    face = FontChoice("Marianne", "Marianne", (tmp_path,))
    assert line_width(REFERENCE_LINE, face) == line_width(REFERENCE_LINE, typefaces()[0])


def test_the_metrics_are_kept_and_a_damaged_copy_is_never_used() -> None:
    from desktop.core import header_width
    from desktop.core.fonts import choose_font
    from desktop.services import paths

    font = choose_font()
    header_width._metrics.cache_clear()
    measured = header_width.line_width("ET DE LA DÉCENTRALISATION", font)
    kept = list(paths.cache_dir().glob("metrics-*.json"))
    assert len(kept) == 1
    kept[0].write_text("{ pas du JSON", encoding="utf-8")
    header_width._metrics.cache_clear()
    assert header_width.line_width("ET DE LA DÉCENTRALISATION", font) == measured
