"""The DOCX, laid out by LibreOffice, has the PDF's pages: the same page count on a corpus of
20 drafts of 1 to 4 pages, and each page starting within a few lines of the PDF's.

``python scripts/compare_layouts.py`` prints the same comparison draft by draft.
"""

from __future__ import annotations

from pathlib import Path

from tests.render.corpus import corpus
from tests.render.layout_compare import compare_releases
from tests.render.readback import need

MOST_LINES_APART = 3
"""Typst and LibreOffice break some lines differently (LibreOffice never breaks a URL after a
slash, Typst may); a page may start up to this many lines earlier or later."""


def test_the_docx_has_the_pdf_pages(tmp_path: Path) -> None:
    need("soffice")
    results = compare_releases(corpus(20), tmp_path)
    pages = sorted({r.pdf_pages for r in results})
    assert pages[0] == 1 and pages[-1] >= 4
    report = "\n".join(f"{r.name}: {r.pdf_pages} / {r.docx_pages} {r.page_end_lines}"
                       for r in results)
    assert all(r.pdf_pages == r.docx_pages for r in results), report
    assert max(r.worst for r in results) <= MOST_LINES_APART, report
    near = [v for r in results for v in r.page_end_lines]
    assert sum(abs(v) <= 2 for v in near) >= 0.8 * len(near), report
