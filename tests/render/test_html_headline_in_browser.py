"""The HTML page's headline breaks where the PDF's does, in Chromium at 1280 px and in print;
on a narrow screen it makes its own lines (the PDF's breaks hidden)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.html import render_html
from desktop.render.pdf import render_brand_svg, render_pdf
from tests.render.browser import open_page, with_character_tops
from tests.render.line_breaks import page_lines

pytestmark = pytest.mark.slow

HEADLINES = (
    "Jacqueline Gourault et Agnès Pannier-Runacher annoncent le soutien de l’État au projet de "
    "reconversion du site de Béthune-Bruay dans le cadre du plan France Relance",
    "Le Gouvernement lance la concertation nationale sur l’avenir des mobilités du quotidien "
    "dans les territoires ruraux",
    "Plan de relance : 1,2 milliard d’euros pour la rénovation énergétique des bâtiments publics",
)

HEADLINE_LINES = """
() => {
  const lines = [];
  let top = null;
  for (const {ch, top: at} of window.characterTops(document.querySelector('h1'))) {
    if (at === null) { continue; }
    if (top === null || at > top + 4) { lines.push(''); top = at; }
    lines[lines.length - 1] += ch;
  }
  return lines.map(line => line.trim());
}
"""


def release(headline: str) -> Release:
    return Release(headline=headline, date=date(2026, 11, 3), body=(Paragraph((Run("Texte."),)),))


def pdf_headline_lines(release: Release) -> list[str]:
    """The PDF's headline, line by line (between the kind and the dateline)."""
    lines = page_lines(render_pdf(prepare(release)))
    start = lines.index("Communiqué de presse") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Paris, le"))
    return [line.strip() for line in lines[start:end]]


def _words(lines: list[str]) -> list[str]:
    return [" ".join(line.replace("\u00a0", " ").split()) for line in lines]


@pytest.mark.parametrize("headline", HEADLINES)
def test_the_headline_breaks_where_the_pdf_does(
    chromium: Any, tmp_path: Path, headline: str
) -> None:
    prepared = prepare(release(headline))
    path = tmp_path / "page.html"
    path.write_bytes(render_html(prepared, render_brand_svg(prepared)))
    expected = _words(pdf_headline_lines(release(headline)))
    assert len(expected) >= 2, "a one-line headline tests nothing"
    for width, media in ((1280, "screen"), (794, "print")):
        page = open_page(chromium, path, width)
        try:
            page.emulate_media(media=media)
            shown = _words(with_character_tops(page).evaluate(HEADLINE_LINES))
        finally:
            page.context.close()
        assert shown == expected, (width, media)
    page = open_page(chromium, path, 360)
    try:
        narrow = _words(with_character_tops(page).evaluate(HEADLINE_LINES))
    finally:
        page.context.close()
    assert " ".join(narrow) == " ".join(expected)  # the same words, in its own lines
    assert narrow != expected
