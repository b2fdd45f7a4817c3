"""Addresses in the HTML page, laid out by a real Chromium at 360 px and printed: a line ends
inside an address only after ``/ . @ ? & =`` (or inside a part longer than a whole line), never
at the address's own hyphen (« demarches- »); copied, the address is exactly as typed."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import Contact, Paragraph, Release, Run
from desktop.render.content import ADDRESS_BREAKS, address_pieces, prepare
from desktop.render.house_style import HOUSE_STYLE
from desktop.render.html import render_html
from desktop.render.pdf import render_brand_svg
from tests.render.browser import open_page, with_character_tops
from tests.render.line_breaks import bad_line_ends

pytestmark = pytest.mark.slow

URL = (
    "https://www.demarches-simplifiees.fr/commencer/aide-exceptionnelle-guadeloupe-martinique"
    "?source=communique&annee=2026"
)
EMAIL = "contact-entreprises@prefecture-guadeloupe.gouv.fr"
CONTACT = "pref-communication-interministerielle@guadeloupe.pref.gouv.fr"


def release() -> Release:
    return Release(
        headline="Les démarches en ligne",
        date=date(2026, 11, 3),
        body=(
            *tuple(
                Paragraph((Run(f"{lead} {URL} avant la fin du mois, ou écrivent à {EMAIL}."),))
                for lead in (
                    "Les entreprises déposent leur dossier sur",
                    "Les associations aussi, sur",
                    "Et les collectivités d’outre-mer sur",
                    "Enfin, tous les autres sur",
                )
            ),
            Paragraph(
                (
                    Run("Le dispositif complet est décrit sur "),
                    Run(
                        "le site du ministère", link="https://www.economie.gouv.fr/plan-de-relance"
                    ),
                    Run("."),
                )
            ),
        ),
        contacts=(Contact("Préfecture de la Guadeloupe", "0590999039", CONTACT),),
    )


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prepared = prepare(release())
    path = tmp_path_factory.mktemp("addresses") / "page.html"
    path.write_bytes(render_html(prepared, render_brand_svg(prepared)))
    return path


LINE_ENDS = """
() => {
  const out = [];
  for (const link of document.querySelectorAll('.fr-communique a')) {
    const chars = window.characterTops(link);
    const text = chars.map(c => c.ch).join('');
    const breaks = [];
    for (let i = 1; i < chars.length; i++) {
      if (chars[i].top !== null && chars[i - 1].top !== null && chars[i].top > chars[i - 1].top) {
        breaks.push(i);
      }
    }
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    link.parentNode.appendChild(probe);
    const width = link.closest('p, li').clientWidth;
    out.push({text, breaks, width, measure: null});
    out[out.length - 1].pieceWidths = {};
    for (const piece of %PIECES%[text] || []) {
      probe.textContent = piece;
      out[out.length - 1].pieceWidths[piece] = probe.getBoundingClientRect().width;
    }
    probe.remove();
  }
  return out;
}
"""


def _line_ends_inside_parts(page: Any) -> tuple[list[str], int]:
    """Each line end inside an address part that would fit on a line, as ``end | start``; and
    how many line ends the addresses had in all."""
    texts = [URL, EMAIL, CONTACT, "https://www.economie.gouv.fr/plan-de-relance"]
    pieces = {text: address_pieces(text) for text in texts}
    found = with_character_tops(page).evaluate(LINE_ENDS.replace("%PIECES%", repr(pieces)))
    bad, seen = [], 0
    for link in found:
        text = link["text"]
        if text not in pieces:  # a link's words, or the phone number
            assert not any(c in text for c in "/@"), text
            continue
        for at in link["breaks"]:
            seen += 1
            if text[at - 1] in ADDRESS_BREAKS:
                continue
            start = 0
            for piece in pieces[text]:
                if start <= at - 1 < start + len(piece):
                    break
                start += len(piece)
            if link["pieceWidths"].get(piece, 0) > link["width"]:
                continue  # a part longer than a line must break inside
            bad.append(f"{text[:at]} | {text[at:]}")
    return bad, seen


def test_at_360_px_no_line_ends_inside_an_address_part(chromium: Any, page_path: Path) -> None:
    page = open_page(chromium, page_path, 360)
    try:
        bad, seen = _line_ends_inside_parts(page)
        copied = page.evaluate(
            "() => [...document.querySelectorAll('.fr-communique a')].map(a => a.textContent)"
        )
    finally:
        page.context.close()
    assert seen >= 4, "the addresses no longer wrap at 360 px: the test tests nothing"
    assert bad == []
    assert URL in copied and EMAIL in copied and CONTACT in copied  # nothing added


def test_printed_no_line_ends_inside_an_address_part(chromium: Any, page_path: Path) -> None:
    text_width = HOUSE_STYLE.page.width - HOUSE_STYLE.page.left - HOUSE_STYLE.page.right
    page = open_page(chromium, page_path, round(text_width * 96 / 25.4))  # the A4 page's text
    try:
        page.emulate_media(media="print")
        bad, seen = _line_ends_inside_parts(page)
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        page.context.close()
    assert seen >= 2, "the addresses no longer wrap in print: the test tests nothing"
    assert bad == []
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    assert [end for end in bad_line_ends(pdf, prepare(release())) if "-" in end] == []
