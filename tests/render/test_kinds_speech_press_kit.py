"""Speeches, statements and press kits, read back from every format: headings nested and
bookmarked, the contents, table headers marked, images described, user text kept as text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.draft import dumps_draft, parse_draft
from desktop.core.images import PNG_SIGNATURE, ImageRefused, picture_from_url, read_picture
from desktop.core.model import Figure, Heading, Release, Table, plain_paragraph
from desktop.render.content import prepare
from desktop.render.html import render_fragment
from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf
from desktop.render.text import render_text
from desktop.services.drafts import load_draft
from tests.helpers import ROOT, photo_jpeg, small_png

EXAMPLES = ROOT / "resources" / "examples"


@pytest.fixture(scope="module")
def dossier() -> Release:
    return load_draft(EXAMPLES / "dossier.communique")


def _outline(pdf: bytes) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document, document.open_outline() as outline:

        def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
            for item in items:
                found.append((depth, item.title))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
    return found


def _tags(pdf: bytes) -> list[str]:
    tags: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    tags.append(str(node.S))
                kids = node.get("/K")
                if kids is not None:
                    walk(kids)
            elif isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)

        walk(document.Root.StructTreeRoot)
    return tags


def test_the_dossier_pdf_has_bookmarks_nested_under_the_headline_and_tagged_structure(
    dossier: Release,
) -> None:
    pdf = render_pdf(prepare(dossier))
    outline = _outline(pdf)
    assert outline[0][0] == 0 and outline[0][1].startswith("Rénover 700")
    titles = [title for _depth, title in outline]
    assert "Le plan en bref" in titles and "Annexes" in titles
    depth = dict((title, d) for d, title in outline)
    assert depth["Pourquoi rénover"] == depth["Le plan en bref"] + 1
    tags = _tags(pdf)
    for tag in ("/H1", "/H2", "/H3", "/TOC", "/TOCI", "/Table", "/TH", "/Figure", "/Caption"):
        assert tag in tags, tag
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 10


def test_the_docx_marks_its_table_header_and_has_a_contents_field(dossier: Release) -> None:
    from docx import Document

    from desktop.render.docx import render_docx

    prepared = prepare(dossier)
    data = render_docx(prepared, render_brand_png(prepared), brand_svg=render_brand_svg(prepared))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<w:tblHeader/>" in xml
    assert 'TOC \\o "2-3"' in xml
    entries = [p.text for p in Document(io.BytesIO(data)).paragraphs if "\t" in p.text]
    # the PDF's page numbers: the first chapter on page 3, after the cover and the contents
    assert entries[0] == "Le plan en bref\t3"
    assert entries[-1] == "Chiffres clés\t11"
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["Le plan en bref", "Les aides aux ménages"]
    assert document.tables[0].rows[0].cells[0].text == "Revenus du ménage"
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert any(d and d.startswith("Schéma aux couleurs") for d in described)


def test_the_odt_has_its_table_of_contents_and_header_rows(dossier: Release) -> None:
    from odf.opendocument import load
    from odf.table import TableHeaderRows
    from odf.text import TableOfContent

    from desktop.render.odt import render_odt

    prepared = prepare(dossier)
    data = render_odt(prepared, render_brand_png(prepared), render_brand_svg(prepared))
    document = load(io.BytesIO(data))
    tocs = document.getElementsByType(TableOfContent)
    assert len(tocs) == 1
    text = "".join(str(node) for node in tocs[0].childNodes)
    assert "Le plan en bref" in text and "Chiffres clés" in text
    from odf import teletype
    from odf.text import P

    lines = [teletype.extractText(p) for p in tocs[0].getElementsByType(P)]
    assert "Le plan en bref\t3" in lines and "Chiffres clés\t11" in lines
    assert document.getElementsByType(TableHeaderRows)


def test_speech_and_statement_say_their_delivery_mention_in_every_text_format() -> None:
    for name, mention in (
        ("discours", "Seul le prononcé fait foi"),
        ("declaration", "Tel que prononcé"),
    ):
        prepared = prepare(load_draft(EXAMPLES / f"{name}.communique"))
        assert mention in render_text(prepared)
        assert mention in render_fragment(prepared)
    statement = prepare(load_draft(EXAMPLES / "declaration.communique"))
    assert statement.dateline.endswith("18\u00a0h\u00a030")


def test_images_are_checked_from_their_own_bytes() -> None:
    with pytest.raises(ImageRefused):
        read_picture(b"GIF89a" + b"\0" * 100)
    with pytest.raises(ImageRefused):
        read_picture(small_png()[:-12])  # its end missing
    with pytest.raises(ImageRefused):
        picture_from_url("data:image/png;base64," + "A" * 1_200_000)
    picture = read_picture(photo_jpeg(640, 400))
    assert (picture.media_type, picture.width, picture.height) == ("image/jpeg", 640, 400)


def test_a_draft_refuses_a_figure_whose_image_is_not_one() -> None:
    from desktop.core.draft import DraftError

    draft = '{"format": "communique", "version": 2, "headline": "T", "body": [{"figure": {"image": "data:image/png;base64,AAAA", "alt": "x"}}]}'
    with pytest.raises(DraftError) as caught:
        parse_draft(draft)
    assert "body[0].figure.image" in str(caught.value.problems[0])


free_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda t: t.strip())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(heading=free_text, cell=free_text, caption=free_text, alt=free_text)
def test_free_text_in_the_new_blocks_stays_text(
    heading: str, cell: str, caption: str, alt: str
) -> None:
    release = Release(
        headline="Titre",
        body=(
            Heading(1, heading),
            Table(("Colonne", cell), ((cell, "x"),), caption),
            Figure(read_picture(small_png()), alt, caption),
        ),
    )
    assert parse_draft(dumps_draft(release)) == release
    prepared = prepare(release)
    fragment = render_fragment(prepared)
    from lxml import html

    tree = html.fragment_fromstring(fragment)
    assert tree.xpath("string(.//h2)").strip() == prepared.body[0].text.strip()
    assert [th.get("scope") for th in tree.iter("th")] == ["col", "col"]
    # The PDF compiles (nothing typed is read as Typst markup) and bookmarks the heading.
    assert len(_outline(render_pdf(prepared))) == 2
    # The word processors' XML holds the cell's text as text.
    from docx import Document
    from odf import teletype
    from odf.opendocument import load
    from odf.table import TableCell

    from desktop.render.docx import render_docx
    from desktop.render.odt import render_odt

    png, svg = render_brand_png(prepared), render_brand_svg(prepared)
    table = Document(io.BytesIO(render_docx(prepared, png, brand_svg=svg))).tables[0]
    shown_cell = "".join(run.text for run in prepared.body[1].rows[0][1])
    assert table.rows[0].cells[1].text.replace("\u2060", "") == shown_cell.replace("\u2060", "")
    cells = load(io.BytesIO(render_odt(prepared, png, svg))).getElementsByType(TableCell)
    assert teletype.extractText(cells[1]).replace("\u2060", "") == shown_cell.replace("\u2060", "")


@pytest.mark.parametrize("name", ["discours", "declaration", "dossier"])
def test_the_examples_pdf_pass_the_pdfua_checker(name: str, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("pdfua")
    if not tool.exists() and shutil.which("pdfua") is None:
        pytest.skip("pdfua is not installed")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(render_pdf(prepare(load_draft(EXAMPLES / f"{name}.communique"))))
    result = subprocess.run(
        [str(tool) if tool.exists() else "pdfua", "check", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "no findings" in result.stdout, result.stdout


def test_a_press_kit_without_chapters_has_its_cover_alone_and_no_empty_contents() -> None:
    from desktop.core.kinds import DocumentKind
    from desktop.core.press_kit import PressKit

    release = Release(
        document=DocumentKind.PRESS_KIT,
        headline="Un dossier sans chapitre",
        press_kit=PressKit("Sous-titre"),
        body=(plain_paragraph("Le texte du dossier."),),
    )
    pdf = render_pdf(prepare(release))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 2
    assert "/TOC" not in _tags(pdf)


def test_the_e_mail_frames_the_delivery_mention() -> None:
    from desktop.render.mail import mail_html

    html = mail_html(prepare(load_draft(EXAMPLES / "discours.communique")), "marque")
    from lxml import html as lxml_html

    [mention] = lxml_html.fromstring(html).find_class("fr-communique__delivery")
    assert mention.text_content() == "Seul le prononcé fait foi"
    assert "border:2px solid #000091" in mention.get("style")


def _png(width: int, height: int, *, depth: int = 8, colour: int = 6, body: bytes = b"") -> bytes:
    """A PNG by hand: its IHDR, then ``body`` in place of its image data if given (a file that
    lies about what it holds), else rows of zeros (compressed a thousandfold)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    if not body:
        pack = zlib.compressobj(9)
        row = b"\0" * (1 + width * 4 * depth // 8)
        body = chunk(b"IDAT", b"".join(pack.compress(row) for _ in range(height)) + pack.flush())
    return PNG_SIGNATURE + chunk(b"IHDR", header) + body + chunk(b"IEND", b"")


def test_an_image_that_lies_about_what_it_holds_is_refused_before_any_renderer() -> None:
    # A PNG's signature and header over a JPEG photograph: the renderers failed on it
    # (« erreur interne (UnexpectedEndOfFileError) ») after « check » had found nothing.
    with pytest.raises(ImageRefused, match=r"l’image PNG est (incomplète|endommagée)"):
        read_picture(_png(640, 400, body=photo_jpeg(640, 400)))
    # 6,300 × 6,300 pixels (under the 40 million) of 16-bit RGBA zeros: 300 kB that the
    # renderers decode into 318 MB each.
    with pytest.raises(ImageRefused, match="pixels"):
        read_picture(_png(6300, 6300, depth=16))
    assert read_picture(_png(300, 200)).width == 300
