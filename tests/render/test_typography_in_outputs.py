"""The typography and the embargo line reach every output: PDF, DOCX and the preview."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from docx import Document
from pypdf import PdfReader

from desktop.core.embargo import PARIS
from desktop.core.model import Contact, Release
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pages_svg, render_pdf

NBSP, NNBSP = "\u00a0", "\u202f"


def raw_pdf_text(data: bytes) -> str:
    """The text as typed: words hyphenated at a line end joined again, and the space pypdf
    adds after a no-break space that justification stretched dropped."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = re.sub(r"[-\u00ad]\n(?=[a-zà-ÿ])", "", text.replace("\u00ad", "-"))
    return text.replace(NBSP + " ", NBSP)


def raw_docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.fixture(scope="module")
def outputs(seed: Release) -> dict[str, str]:
    first_of_month = replace(
        seed,
        date=date(2021, 1, 1),
        contacts=(
            Contact(
                "Cabinet J. Gourault", "0144498940", "communication.jg@cohesion-territoires.gouv.fr"
            ),
            *seed.contacts[1:],
        ),
    )
    prepared = prepare(first_of_month)
    return {
        "pdf": raw_pdf_text(render_pdf(prepared)),
        "docx": raw_docx_text(render_docx(prepared, render_brand_png(prepared))),
    }


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_seed_gets_french_typography(fmt: str, outputs: dict[str, str]) -> None:
    text = outputs[fmt]
    # (A line may end at the plain space between « France » and « Relance ».)
    assert f"«{NBSP}France Relance{NBSP}»" in re.sub(r" ?\n", " ", text)
    assert f"Contacts presse{NBSP}:" in text
    assert f"le 1er{NBSP}janvier 2021" in text
    assert f"01{NBSP}44{NBSP}49{NBSP}89{NBSP}40" in text  # typed as 0144498940
    assert f"400{NBSP}M€" in text
    assert "aujourd’hui" in text and "aujourd'hui" not in text


EMBARGO = "SOUS EMBARGO jusqu’au jeudi 5"


@pytest.fixture(scope="module")
def embargoed(seed: Release) -> Release:
    return replace(seed, embargo=datetime(2020, 11, 5, 10, 0, tzinfo=PARIS))


def test_the_embargo_line_is_in_the_pdf_and_the_docx(embargoed: Release) -> None:
    prepared = prepare(embargoed)
    pdf = raw_pdf_text(render_pdf(prepared)).replace("\n", " ")
    docx = raw_docx_text(render_docx(prepared, render_brand_png(prepared)))
    for text in (pdf, docx):
        assert f"{EMBARGO}{NBSP}novembre 2020 à 10{NBSP}h" in text
    assert pdf.index("SOUS EMBARGO") < pdf.index("Communiqué de presse")
    assert docx.index("SOUS EMBARGO") < docx.index("Communiqué de presse")


def test_the_embargo_line_is_in_the_preview(seed: Release, embargoed: Release) -> None:
    # The embargo is the only red text and frame on the page (rouge Marianne).
    assert "#e1000f" in render_pages_svg(prepare(embargoed))[0].decode().lower()
    assert "#e1000f" not in render_pages_svg(prepare(seed))[0].decode().lower()
