"""The bloc-marque at the top left of the first page, at the same place with or without an
embargo, in the PDF (and so the preview, the same Typst pages) and in the DOCX."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn

from desktop.core.model import Release
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.house_style import HOUSE_STYLE
from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf
from tests.render.readback import ink_box, libreoffice_pdf, text_tops

MM = 72 / 25.4


@pytest.fixture(scope="module")
def embargoed(seed: Release) -> Release:
    return replace(seed, embargo=datetime(2020, 11, 5, 9, 0, tzinfo=UTC))


def _word_tops(pdf: bytes, word: str) -> list[float]:
    """Where each line holding ``word`` sits on page 1, in points from the page's top."""
    from pypdf import PdfReader

    return [top for text, top in text_tops(PdfReader(io.BytesIO(pdf)).pages[0]) if word in text]


def test_the_pdf_name_line_is_where_it_was_without_an_embargo(
    seed: Release, embargoed: Release
) -> None:
    plain = render_pdf(prepare(seed))
    boxed = render_pdf(prepare(embargoed))
    assert _word_tops(boxed, "GOUVERNEMENT") == pytest.approx(_word_tops(plain, "GOUVERNEMENT"))
    assert _word_tops(boxed, "EMBARGO")[0] > _word_tops(boxed, "GOUVERNEMENT")[0]


def test_the_pdf_bloc_marque_is_at_the_top_left_margin(seed: Release, embargoed: Release) -> None:
    page = HOUSE_STYLE.page
    for release in (seed, embargoed):
        top, left = ink_box(render_pdf(prepare(release)))
        assert top == pytest.approx(page.top * MM, abs=1)
        assert left == pytest.approx(page.left * MM, abs=1)


def test_the_docx_puts_the_embargo_under_the_bloc_marque(embargoed: Release) -> None:
    prepared = prepare(embargoed)
    document = Document(io.BytesIO(render_docx(prepared, render_brand_png(prepared))))
    first, second = document.paragraphs[:2]
    assert first._p.findall(".//" + qn("wp:docPr"))
    assert second.text.startswith("SOUS EMBARGO")
    assert second.style.name == "Embargo"


def test_libreoffice_puts_the_docx_bloc_marque_where_the_pdf_has_it(
    seed: Release, embargoed: Release
) -> None:
    places = []
    for release in (seed, embargoed):
        prepared = prepare(release)
        docx = render_docx(
            prepared, render_brand_png(prepared), brand_svg=render_brand_svg(prepared)
        )
        places.append(ink_box(libreoffice_pdf(docx)))
    pdf_top, pdf_left = ink_box(render_pdf(prepare(seed)))
    for top, left in places:
        assert top == pytest.approx(pdf_top, abs=1)
        assert left == pytest.approx(pdf_left, abs=1)
