"""The DOCX and the ODT, laid out by LibreOffice, have the PDF's pages: the same page count on a
corpus of 24 drafts of 1 to 5 pages (one in four marked *PROJET*), and each page starting within
two lines of the PDF's.

``python scripts/compare_layouts.py`` prints the same comparison draft by draft.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.render.content import prepare
from tests.render.corpus import ADDRESSES, corpus, stress_drafts
from tests.render.layout_compare import Comparison, compare_releases
from tests.render.line_breaks import bad_line_ends, page_lines
from tests.render.readback import need

MOST_LINES_APART = 2
"""Typst and LibreOffice break a few lines differently; a page may start up to this many lines
earlier or later (measured: 88 of 90 page starts on the same line, none more than one apart)."""


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Comparison], Path]:
    need("soffice")
    folder = tmp_path_factory.mktemp("corpus")
    return compare_releases(corpus(24) + stress_drafts(), folder), folder


def test_the_docx_has_the_pdf_pages(compared: tuple[list[Comparison], Path]) -> None:
    results, _folder = compared
    pages = sorted({r.pdf_pages for r in results})
    assert pages[0] == 1 and pages[-1] >= 4
    report = "\n".join(
        f"{r.name}: {r.pdf_pages} / {r.docx_pages} / {r.odt_pages} {r.page_end_lines} "
        f"{r.odt_page_end_lines}"
        for r in results
    )
    assert all(r.pdf_pages == r.docx_pages == r.odt_pages for r in results), report
    assert max(r.worst for r in results) <= MOST_LINES_APART, report
    near = [v for r in results for v in r.page_end_lines + r.odt_page_end_lines]
    assert sum(v == 0 for v in near) >= 0.8 * len(near), report


def test_every_address_of_the_corpus_reads_back_whole(
    compared: tuple[list[Comparison], Path],
) -> None:
    """From the PDF and from LibreOffice's PDF of the DOCX: no character added, none lost."""
    results, folder = compared
    for r in results:
        for pdf in (
            folder / f"{r.name}.pdf",
            folder / "libreoffice" / f"{r.name}.pdf",
            folder / "libreoffice-odt" / f"{r.name}.pdf",
        ):
            reader = PdfReader(io.BytesIO(pdf.read_bytes()))
            lines = "\n".join(page.extract_text() for page in reader.pages).split("\n")
            text = "\n".join(line for line in lines if not re.fullmatch(r"\s*\d+ / \d+\s*", line))
            text = text.replace("\u00ad", "-")  # pypdf reads Typst's hyphens so
            # LibreOffice writes what follows a held hyphen (``-`` and a word joiner) as a new
            # piece, which pypdf reads with spaces, never with a line end.
            text = re.sub(r"(?<=\w-) +(?=\w)| +(?=\n)", "", text)
            assert "\u200b" not in text
            flat = text.replace("\n", "")
            typed = [a for a in ADDRESSES if a in flat]
            assert typed, pdf
            for address in ADDRESSES:
                # Found once whole; a broken one would show as a near miss instead.
                assert flat.count(address) == flat.count(address[:20]), (pdf, address)


def test_no_line_ends_inside_a_word_in_any_format(
    compared: tuple[list[Comparison], Path],
) -> None:
    """PDF, DOCX and ODT read back (the last two through LibreOffice's PDF): every line ends
    between two words, after a piece of an address, or with a hyphenation of an ordinary word
    (``line_breaks``): never inside an address, a proper noun or a number, nor at a no-break
    space."""
    results, folder = compared
    releases = corpus(24) + stress_drafts()
    found = {}
    for r, release in zip(results, releases, strict=True):
        prepared = prepare(release, state="brouillon" if int(r.name[-2:]) % 4 == 1 else "")
        for pdf in (
            folder / f"{r.name}.pdf",
            folder / "libreoffice" / f"{r.name}.pdf",
            folder / "libreoffice-odt" / f"{r.name}.pdf",
        ):
            bad = bad_line_ends(pdf.read_bytes(), prepared)
            if bad:
                found[str(pdf.relative_to(folder))] = bad
    assert not found, found


def _headline_lines(pdf: bytes, kind: str, headline: str) -> list[str]:
    lines = [line.replace("\u00a0", " ").replace("\u202f", " ") for line in page_lines(pdf)]
    start = next(i for i, line in enumerate(lines) if line.strip() == kind) + 1
    wanted = len(re.sub(r"\s", "", headline))
    taken: list[str] = []
    while sum(len(re.sub(r"\s", "", line)) for line in taken) < wanted:
        taken.append(lines[start + len(taken)].strip())
    return taken


def test_the_headline_breaks_where_the_pdf_balances_it(
    compared: tuple[list[Comparison], Path],
) -> None:
    """Word and LibreOffice do not balance lines: the DOCX and the ODT carry the PDF's."""
    results, folder = compared
    releases = corpus(24) + stress_drafts()
    for r, release in zip(results, releases, strict=True):
        prepared = prepare(release)
        expected = _headline_lines(
            (folder / f"{r.name}.pdf").read_bytes(), prepared.kind, prepared.headline_display
        )
        for sub in ("libreoffice", "libreoffice-odt"):
            pdf = (folder / sub / f"{r.name}.pdf").read_bytes()
            assert _headline_lines(pdf, prepared.kind, prepared.headline_display) == expected, (
                sub,
                r.name,
            )
