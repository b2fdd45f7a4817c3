"""Long releases: a contact list that runs over a page, and a DOCX built in linear time."""

from __future__ import annotations

import io
import time
from dataclasses import replace

from pypdf import PdfReader

from desktop.core.model import Contact, Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pdf
from tests.render.readback import text_tops


def _contacts(count: int) -> tuple[Contact, ...]:
    return tuple(
        Contact(f"Service {i}", "01 44 49 89 40", f"presse{i}@interieur.gouv.fr")
        for i in range(count)
    )


def test_a_hundred_contacts_run_over_the_pages_and_all_are_printed(seed: Release) -> None:
    release = replace(seed, contacts=_contacts(100))
    reader = PdfReader(io.BytesIO(render_pdf(prepare(release))))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    for i in range(100):
        assert f"presse{i}@interieur.gouv.fr" in text
    assert len(pages) >= 3
    # The heading is on the page of the first contact.
    heading_page = next(i for i, page in enumerate(pages) if "Contacts presse" in page)
    assert "presse0@interieur.gouv.fr" in pages[heading_page]
    # Nothing is drawn below the bottom margin: every text line is above it.
    for page in reader.pages:
        lowest = max(top for _text, top in text_tops(page))
        assert lowest < float(page.mediabox.height) - 8 * 72 / 25.4  # the footer's baseline


def test_the_heading_goes_to_the_next_page_with_its_first_contact(seed: Release) -> None:
    """Fill page 1 so that only the heading would fit at its bottom."""
    for extra in range(0, 30):
        body = seed.body + tuple(Paragraph((Run("Une ligne de plus."),)) for _ in range(extra))
        release = replace(seed, body=body, contacts=_contacts(3))
        pages = [
            p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(prepare(release)))).pages
        ]
        if len(pages) > 1:
            heading_page = next(i for i, page in enumerate(pages) if "Contacts presse" in page)
            assert "presse0@interieur.gouv.fr" in pages[heading_page]
            return
    raise AssertionError("the release never ran over to a second page")


def _docx_seconds(paragraphs: int) -> float:
    release = Release(
        headline="Titre",
        body=tuple(
            Paragraph((Run(f"Paragraphe {i}, avec "), Run("un lien", link=f"https://a.fr/{i}")))
            for i in range(paragraphs)
        ),
    )
    prepared = prepare(release)
    png = render_brand_png(prepared)
    best = float("inf")
    for _ in range(3):
        # CPU time of this process: other work on a shared machine does not count against it
        start = time.process_time()
        render_docx(prepared, png)
        best = min(best, time.process_time() - start)
    return best


def test_the_docx_takes_time_in_proportion_to_its_paragraphs() -> None:
    """Four times the paragraphs, about four times the time (it was about eight, and more
    for longer releases: quadratic)."""
    small, large = _docx_seconds(1000), _docx_seconds(4000)
    assert large / small < 5.5, (small, large)
