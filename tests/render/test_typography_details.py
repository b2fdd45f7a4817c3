"""Typography details in both outputs: « Contact presse » for one contact, the superior « er »
of « 1er », and headlines whose lines do not end on a short word."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from docx import Document
from pypdf import PdfReader

from desktop.core.model import Contact, Release
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pdf
from tests.render.conftest import docx_text, pdf_text

NBSP = "\u00a0"


def _both(release: Release) -> tuple[bytes, bytes]:
    prepared = prepare(release)
    return render_pdf(prepared), render_docx(prepared, render_brand_png(prepared))


def test_one_contact_is_announced_in_the_singular(seed: Release) -> None:
    pdf, docx = _both(replace(seed, contacts=seed.contacts[:1]))
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Contact presse :" in text and "Contacts presse" not in text
    pdf, docx = _both(replace(seed, contacts=(*seed.contacts, Contact("Autre", "", "a@b.fr"))))
    assert "Contacts presse :" in pdf_text(pdf) and "Contacts presse :" in docx_text(docx)


def test_the_first_of_the_month_has_a_superior_er(seed: Release) -> None:
    pdf, docx = _both(replace(seed, date=date(2021, 4, 1)))
    document = Document(io.BytesIO(docx))
    dateline = next(p for p in document.paragraphs if p.style.name == "Lieu et date")
    assert dateline.text == f"Paris, le 1er{NBSP}avril 2021"
    assert [(r.text, bool(r.font.superscript)) for r in dateline.runs] == [
        ("Paris, le 1", False),
        ("er", True),
        (f"{NBSP}avril 2021", False),
    ]

    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip() in ("Paris, le 1", "er"):
            sizes[text.strip()] = size * tm[0] * cm[0]

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert sizes["er"] < 0.8 * sizes["Paris, le 1"]
    assert "Paris, le 1er avril 2021" in pdf_text(pdf)


def _headline_lines(pdf: bytes) -> list[str]:
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace(NBSP, " ")
    lines = [line.strip() for line in text.split("\n")]
    return lines[
        lines.index("Communiqué de presse") + 1 : next(
            i for i, line in enumerate(lines) if line.startswith("Paris, le")
        )
    ]


def test_a_headline_never_ends_a_line_on_a_short_word(seed: Release) -> None:
    headline = (
        "Le Gouvernement présente son plan pour les mobilités du quotidien dans les "
        "territoires ruraux à Lyon"
    )
    pdf, docx = _both(replace(seed, headline=headline))
    document = Document(io.BytesIO(docx))
    title = next(p for p in document.paragraphs if p.style.name == "Titre du communiqué")
    assert f"à{NBSP}Lyon" in title.text and f"Le{NBSP}Gouvernement" in title.text
    lines = _headline_lines(pdf)
    assert len(lines) == 2 and " ".join(lines) == headline
    assert all(len(line.split()[-1]) > 2 for line in lines)


def test_a_headline_over_two_lines_is_balanced(seed: Release) -> None:
    """Without balancing, the second line would hold a word or two."""
    headline = (
        "Le Gouvernement lance un appel à projets pour renaturer les villes et les "
        "villages ensemble"
    )
    pdf, _docx = _both(replace(seed, headline=headline))
    first, second = _headline_lines(pdf)
    assert len(second) > 0.6 * len(first), (first, second)
