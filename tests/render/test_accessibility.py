"""Accessibility of the PDF beyond the tags: links underlined (colour alone fails WCAG 1.4.1),
one link area per line, the embargo a paragraph, the headline's text directly in its H1."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from desktop.core.model import Contact, Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.pdf import render_pdf
from tests.render.readback import gray_page

EMAIL = "communication.deal-guadeloupe@developpement-durable.gouv.fr"
URL = "https://www.demarches-simplifiees.fr/commencer/appel-a-projets-renaturer-les-villes"


@pytest.fixture(scope="module")
def wrapping(seed: Release) -> bytes:
    """Links at every place of a line, so that some run over two lines."""
    body = tuple(
        Paragraph((Run("mot " * i + "voir "), Run(URL, link=URL), Run(" ou écrire.")))
        for i in range(0, 24, 2)
    )
    contacts = tuple(
        Contact("Service de presse " + "du ministère " * (i % 5), "01 44 49 89 40", EMAIL)
        for i in range(8)
    )
    release = replace(
        seed, body=body, contacts=contacts, embargo=datetime(2020, 11, 5, 9, 0, tzinfo=UTC)
    )
    return render_pdf(prepare(release))


def _links(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[pikepdf.Dictionary]:
    return [a for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]


def _overlap(a: list[float], b: list[float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def test_no_link_area_covers_another(wrapping: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(wrapping))
    wrapped = 0
    for page in pdf.pages:
        rects = [[float(v) for v in a.Rect] for a in _links(pdf, page)]
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert _overlap(a, b) < 1.0, (a, b)
        uris = [str(a.A.URI) for a in _links(pdf, page)]
        wrapped += len(uris) - len(set(uris))
    assert wrapped > 0  # some links did run over two lines


def test_every_link_area_belongs_to_its_link_element(wrapping: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(wrapping))
    tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    keys = []
    for page in pdf.pages:
        for annotation in _links(pdf, page):
            key = int(annotation.StructParent)
            keys.append(key)
            element = tree[key]
            assert element.S == "/Link"
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert any(
                isinstance(k, pikepdf.Dictionary)
                and k.get("/Type") == "/OBJR"
                and k.Obj.objgen == annotation.objgen
                for k in kids
            )
    assert len(keys) == len(set(keys))
    assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) > max(keys)


def test_pdfua_check_finds_nothing_with_wrapped_links(wrapping: bytes, tmp_path: Path) -> None:
    tool = Path(sys.executable).with_name("pdfua")
    if not tool.exists() and shutil.which("pdfua") is None:
        pytest.skip("pdfua is not installed")
    (tmp_path / "wrapped.pdf").write_bytes(wrapping)
    result = subprocess.run(
        [str(tool) if tool.exists() else "pdfua", "check", str(tmp_path / "wrapped.pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "no findings" in result.stdout, result.stdout


def test_links_are_underlined(seed_outputs: dict[str, bytes]) -> None:
    """Under each link's text, a row of the link's colour as wide as the link."""
    ppi = 144
    pdf = pikepdf.open(io.BytesIO(seed_outputs["pdf"]))
    width, _height, pixels = gray_page(seed_outputs["pdf"], ppi=ppi)
    page_height = float(pdf.pages[0].MediaBox[3])
    links = _links(pdf, pdf.pages[0])
    assert links
    for link in links:
        x0, y0, x1, y1 = (float(v) for v in link.Rect)
        left, right = round(x0 * ppi / 72) + 2, round(x1 * ppi / 72) - 2
        top, bottom = round((page_height - y1) * ppi / 72), round((page_height - y0) * ppi / 72)
        rows = [pixels[y * width + left : y * width + right] for y in range(top, bottom + 3)]
        assert any(sum(p < 128 for p in row) > 0.9 * len(row) for row in rows), link.A.URI


def _kids(element: pikepdf.Dictionary) -> list[object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def test_the_embargo_is_a_paragraph_and_the_headline_holds_its_text(wrapping: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(wrapping))
    document = _kids(pdf.Root.StructTreeRoot)[0]
    top = [k.S for k in _kids(document) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    assert top[:4] == ["/Figure", "/P", "/P", "/H1"]  # bloc-marque, embargo, kind, headline
    assert "/Span" not in top
    heading = next(
        k for k in _kids(document) if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/H1"
    )
    assert _kids(heading)
    assert not any(
        isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/P" for k in _kids(heading)
    )
