"""Addresses exactly as typed: no hyphen added at a line end, no zero-width space, in the PDF's
text, in the DOCX, and in LibreOffice's layout of the DOCX (French hyphenation on)."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.model import Contact, Paragraph, Release, Run
from desktop.render.content import address_pieces, prepare, split_addresses
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pdf
from tests.render.readback import libreoffice_pdf, pdftotext

EMAILS = (
    "communication.deal-guadeloupe@developpement-durable.gouv.fr",
    "presse.cabinet@economie-finances-souverainete.gouv.fr",
)
URLS = (
    "https://www.demarches-simplifiees.fr/commencer/appel-a-projets-renaturer-les-villes",
    "https://www.ecologie.gouv.fr/politiques-publiques/renaturation-villes?source=communique",
)
FILLER = "Les services de l’État accompagnent les collectivités territoriales volontaires"


@pytest.fixture(scope="module")
def release(seed: Release) -> Release:
    """Addresses at every place of a line: each paragraph starts a few words further."""
    body = []
    for i in range(14):
        lead = " ".join(FILLER.split()[: 1 + i % 9]) + " " + "x" * (i % 5) + " "
        body.append(
            Paragraph(
                (
                    Run(f"{lead}écrire à {EMAILS[i % 2]} ou lire "),
                    Run(URLS[i % 2], link=URLS[i % 2]),
                    Run(f" et {URLS[(i + 1) % 2]} pour en savoir plus."),
                )
            )
        )
    contacts = tuple(
        Contact(f"Service {'de presse ' * (i % 4)}{i}", "01 44 49 89 40", EMAILS[i % 2])
        for i in range(6)
    )
    return replace(seed, body=tuple(body), contacts=contacts)


def joined(text: str) -> str:
    """The text with its lines joined as they break: an address broken across two lines reads
    whole, and a hyphen added at a line end would show as one more character. LibreOffice
    writes the text after a held hyphen (``-`` and a word joiner) as a new piece, which pypdf
    reads with spaces before it, never with a line end: those spaces are not in the text."""
    text = re.sub(r"(?<=\w-) +(?=\w)| +(?=\n)", "", text)
    return text.replace("\u00ad", "-").replace("\n", "")


def assert_exact(text: str) -> None:
    assert "\u200b" not in text
    flat = joined(text)
    for address in (*EMAILS, *URLS):
        assert address in flat


def test_an_address_is_its_own_run_and_keeps_its_trailing_punctuation_out() -> None:
    runs = split_addresses(Run("Voir https://a.fr/b. Écrire à x.y@z-w.gouv.fr, merci"))
    assert [(r.text, r.address) for r in runs] == [
        ("Voir ", False),
        ("https://a.fr/b", True),
        (". Écrire à ", False),
        ("x.y@z-w.gouv.fr", True),
        (", merci", False),
    ]


def test_address_pieces_join_to_the_address_and_never_end_on_a_hyphen() -> None:
    for address in (*EMAILS, *URLS, "a" * 100):
        pieces = address_pieces(address)
        assert "".join(pieces) == address
        assert not any(piece.endswith("-") for piece in pieces[:-1])


def test_the_pdf_text_has_every_address_exactly(release: Release) -> None:
    from pypdf import PdfReader

    pdf = render_pdf(prepare(release))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert_exact(text)


def test_pdftotext_reads_every_address_exactly(release: Release) -> None:
    text = pdftotext(render_pdf(prepare(release)))
    assert_exact(text)
    # pdftotext drops a hyphen that ends a line: none of an address's lines may end with one.
    for line in text.splitlines():
        if line.endswith("-"):
            assert not any(line.split()[-1] in address for address in (*EMAILS, *URLS))


def test_the_docx_has_every_address_in_runs_no_one_hyphenates(release: Release) -> None:
    prepared = prepare(release)
    document = Document(io.BytesIO(render_docx(prepared, render_brand_png(prepared))))
    addresses = set()
    for run in document.element.body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        # Each hyphen of an address held by a word joiner: no line ends there.
        assert "-" not in text.replace("-\u2060", "") or not ("@" in text or "://" in text)
        text = text.replace("\u2060", "")
        if "@" in text or text.startswith("https://"):
            lang = run.find(qn("w:rPr")).find(qn("w:lang"))
            assert lang is not None and lang.get(qn("w:val")) == "zxx", text
            addresses.add(text)
    assert set(EMAILS) | set(URLS) <= addresses
    links = {
        document.part.rels[h.get(qn("r:id"))].target_ref
        for h in document.element.body.iter(qn("w:hyperlink"))
    }
    assert {f"mailto:{e}" for e in EMAILS} | set(URLS) <= links


def test_libreoffice_lays_out_every_address_exactly(release: Release) -> None:
    from pypdf import PdfReader

    prepared = prepare(release)
    pdf = libreoffice_pdf(render_docx(prepared, render_brand_png(prepared)))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert_exact(text)


_LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=14)


@st.composite
def _addresses(draw: st.DrawFn) -> str:
    labels = draw(st.lists(_LABEL, min_size=1, max_size=4))
    domain = "-".join(draw(st.lists(_LABEL, min_size=1, max_size=3))) + ".gouv.fr"
    if draw(st.booleans()):
        return ".".join(labels) + "@" + domain
    return f"https://www.{domain}/" + "/".join("-".join((label, label)) for label in labels)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(address=_addresses(), lead=st.integers(min_value=0, max_value=30))
def test_any_address_anywhere_on_a_line_reads_back_exactly(
    seed: Release, address: str, lead: int
) -> None:
    from pypdf import PdfReader

    words = " ".join(FILLER.split() * 3)[: lead * 3]
    release = replace(
        seed,
        body=(
            Paragraph(
                (
                    Run(f"{words} voir {address} et {address} "),
                    Run(address, link=address if "@" not in address else f"mailto:{address}"),
                    Run(" merci."),
                )
            ),
        ),
    )
    pdf = render_pdf(prepare(release))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "\u200b" not in text
    assert joined(text).count(address) >= 3
