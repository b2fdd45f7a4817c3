"""One house style: a value changed in ``render/house_style.py`` changes every output; the DOCX
laid out by LibreOffice keeps the PDF's pages."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from desktop.core.model import Release
from desktop.render import house_style
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pdf

CHANGED = replace(
    house_style.HOUSE_STYLE,
    page=replace(house_style.HOUSE_STYLE.page, width=200.0, left=30.0),
    body=replace(house_style.HOUSE_STYLE.body, size=12.5),
    link_colour="#123456",
)


def _outputs(seed: Release) -> tuple[pikepdf.Pdf, object]:
    prepared = prepare(seed)
    pdf = pikepdf.open(io.BytesIO(render_pdf(prepared)))
    return pdf, Document(io.BytesIO(render_docx(prepared, render_brand_png(prepared))))


def _content(pdf: pikepdf.Pdf) -> str:
    return b"\n".join(page.Contents.read_bytes() for page in pdf.pages).decode("latin-1")


def _fill_colours(pdf: pikepdf.Pdf) -> set[tuple[int, ...]]:
    found = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:scn|rg)", _content(pdf))
    return {tuple(round(float(v) * 255) for v in triple) for triple in found}


def test_one_value_changes_every_output(seed: Release, monkeypatch: pytest.MonkeyPatch) -> None:
    before_pdf, before_docx = _outputs(seed)
    monkeypatch.setattr(house_style, "HOUSE_STYLE", CHANGED)
    pdf, docx = _outputs(seed)

    # Page width and margin.
    assert float(before_pdf.pages[0].MediaBox[2]) == pytest.approx(210 * 72 / 25.4, abs=0.1)
    assert float(pdf.pages[0].MediaBox[2]) == pytest.approx(200 * 72 / 25.4, abs=0.1)
    section = docx.sections[0]  # type: ignore[attr-defined]
    assert section.page_width.mm == pytest.approx(200, abs=0.1)
    assert section.left_margin.mm == pytest.approx(30, abs=0.1)
    assert before_docx.sections[0].page_width.mm == pytest.approx(210, abs=0.1)  # type: ignore[attr-defined]

    # Body type size.
    assert " 12.5 Tf" in _content(pdf) and " 12.5 Tf" not in _content(before_pdf)
    body = docx.styles["Texte du communiqué"]  # type: ignore[attr-defined]
    assert body.font.size.pt == 12.5

    # Link colour: 0x12/255, 0x34/255, 0x56/255 as a PDF fill colour; the DOCX's link style.
    assert (0x12, 0x34, 0x56) in _fill_colours(pdf)
    assert (0x12, 0x34, 0x56) not in _fill_colours(before_pdf)
    link = docx.styles["Hyperlink"]  # type: ignore[attr-defined]
    assert str(link.font.color.rgb) == "123456"


def test_the_gui_draws_links_in_the_house_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PySide6")
    from desktop.core.model import Run
    from desktop.gui.body_codec import run_format

    monkeypatch.setattr(house_style, "HOUSE_STYLE", CHANGED)
    fmt = run_format(Run("site", link="https://www.gouvernement.fr"))
    assert fmt.foreground().color().name() == "#123456"


def test_list_indents_come_from_the_house_style(seed: Release) -> None:
    from desktop.core.model import BulletList, Run

    release = replace(seed, body=(BulletList(((Run("un"),), (Run("deux"),))),))
    prepared = prepare(release)
    document = Document(io.BytesIO(render_docx(prepared, render_brand_png(prepared))))
    numbering = document.part.numbering_part.element
    style = house_style.HOUSE_STYLE
    indents = {(i.get(qn("w:left")), i.get(qn("w:hanging"))) for i in numbering.iter(qn("w:ind"))}
    assert (
        str(round(style.list_body_indent * 20)),
        str(round((style.list_body_indent - style.list_indent) * 20)),
    ) in indents
