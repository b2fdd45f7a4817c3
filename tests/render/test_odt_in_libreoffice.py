"""The ODT opened by LibreOffice (headless): it converts cleanly, with the PDF's page count, and
holds the release's text. Skipped where LibreOffice is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.model import Release
from desktop.render.content import prepare
from desktop.render.odt import render_odt
from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf
from tests.render.corpus import corpus
from tests.render.layout_compare import convert_with_libreoffice, page_texts, soffice

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) absent"),
]


def test_libreoffice_opens_the_odt_with_the_pdfs_page_count(seed: Release, tmp_path: Path) -> None:
    releases = [seed, *corpus(6)]
    odts, pdfs = [], []
    for i, release in enumerate(releases):
        prepared = prepare(release)
        odt = tmp_path / f"release-{i}.odt"
        odt.write_bytes(
            render_odt(prepared, render_brand_png(prepared), render_brand_svg(prepared))
        )
        odts.append(odt)
        pdfs.append(render_pdf(prepared))
    out = tmp_path / "libreoffice"
    convert_with_libreoffice(odts, out)
    counts = []
    for odt, pdf in zip(odts, pdfs, strict=True):
        theirs = page_texts((out / f"{odt.stem}.pdf").read_bytes())
        counts.append((odt.stem, len(page_texts(pdf)), len(theirs)))
    assert all(ours == theirs for _name, ours, theirs in counts), counts
    seed_text = " ".join(page_texts((out / "release-0.pdf").read_bytes()))
    assert "Cabinet A. Pannier-Runacher" in seed_text
