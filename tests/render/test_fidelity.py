"""Issue 23: the same release in every format — ordinals superior, links and their addresses,
the PROJET mark and the state, the contacts heading, the DOCX's list spacing and embargo."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import UTC, date, datetime
from itertools import pairwise

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from desktop.core.model import BulletList, Contact, Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.html import render_html
from desktop.render.mail import brand_size, mail_html
from desktop.render.odt import render_odt
from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf
from desktop.render.text import render_text
from tests.render.readback import need

RELEASE = Release(
    header=("MINISTÈRE DE L’ÉCONOMIE, DES FINANCES ET DE LA RELANCE",),
    headline="Le 1er ministre au XXIe siècle",
    date=date(2021, 4, 1),
    embargo=datetime(2021, 4, 1, 8, 0, tzinfo=UTC),
    body=(
        Paragraph(
            (
                Run("Voir "),
                Run("le site du ministère", link="https://www.economie.gouv.fr/plan"),
                Run(" ou www.info.gouv.fr pour le 2e volet."),
            )
        ),
        BulletList(((Run("un"),), (Run("deux"),), (Run("trois"),))),
    ),
    contacts=(Contact("Cabinet", "01 44 49 89 40", "presse@economie.gouv.fr"),),
)


def outputs(state: str = "") -> dict[str, bytes]:
    prepared = prepare(RELEASE, state=state)
    png, svg = render_brand_png(prepared), render_brand_svg(prepared)
    return {
        "pdf": render_pdf(prepared),
        "docx": render_docx(prepared, png, brand_svg=svg),
        "odt": render_odt(prepared, png, svg),
        "html": render_html(prepared, svg),
        "txt": render_text(prepared).encode("utf-8"),
    }


def docx_superscripts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    return [
        "".join(t.text or "" for t in r.iter(qn("w:t")))
        for r in document.element.body.iter(qn("w:r"))
        if r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}") is not None
    ]


def odt_xml(data: bytes, name: str = "content.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


ODT = {
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def test_ordinals_are_superior_in_every_format() -> None:
    files = outputs()
    # headline 1er and XXIe, dateline 1er, embargo 1er, body 2e
    assert sorted(docx_superscripts(files["docx"])) == ["e", "e", "er", "er", "er"]
    content = odt_xml(files["odt"])
    superior = {
        s.get(f"{{{ODT['style']}}}name")
        for s in content.iter(f"{{{ODT['style']}}}style")
        if any(
            "super" in (p.get(f"{{{ODT['style']}}}text-position") or "")
            for p in s.iter(f"{{{ODT['style']}}}text-properties")
        )
    }
    spans = [
        "".join(span.itertext())
        for span in content.iter(f"{{{ODT['text']}}}span")
        if span.get(f"{{{ODT['text']}}}style-name") in superior
    ]
    assert sorted(spans) == ["e", "e", "er", "er", "er"]
    html = files["html"].decode("utf-8")
    assert sorted(re.findall(r"<sup>([^<]*)</sup>", html)) == ["e", "e", "er", "er", "er"]
    # The PDF: each ending is a word of its own, set higher than the digits before it.
    need("pdftotext")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=files["pdf"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    words = re.findall(r'yMin="([\d.]+)"[^>]*>([^<]*)<', boxes)
    raised = [
        text
        for (top_before, before), (top, text) in pairwise(words)
        if text in ("er", "e") and before in ("1", "XXI", "2") and float(top) < float(top_before)
    ]
    assert sorted(raised) == ["e", "e", "er", "er", "er"]


def test_a_link_shows_its_address_in_every_format_and_typed_addresses_are_links() -> None:
    files = outputs()
    address = "(https://www.economie.gouv.fr/plan)"
    assert address in files["txt"].decode("utf-8")
    need("pdftotext")
    pdf_text = subprocess.run(
        ["pdftotext", "-", "-"], input=files["pdf"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert address in pdf_text.replace("\n", " ")
    docx = Document(io.BytesIO(files["docx"]))
    text = "\n".join(p.text for p in docx.paragraphs).replace("\u2060", "")
    assert address in text
    links = {rel.target_ref for rel in docx.part.rels.values() if rel.is_external}
    assert {"https://www.economie.gouv.fr/plan", "https://www.info.gouv.fr"} <= links
    from pypdf import PdfReader

    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(io.BytesIO(files["pdf"])).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert {"https://www.economie.gouv.fr/plan", "https://www.info.gouv.fr"} <= uris
    odt = etree.tostring(odt_xml(files["odt"]), encoding="unicode")
    assert 'href="https://www.info.gouv.fr"' in odt


def test_projet_is_its_own_mark_and_the_state_is_in_every_format() -> None:
    files = outputs("brouillon")
    styles = odt_xml(files["odt"], "styles.xml")
    header = styles.find(f".//{{{ODT['style']}}}master-page/{{{ODT['style']}}}header")
    assert header is not None and "PROJET" in "".join(header.itertext())
    meta = etree.tostring(odt_xml(files["odt"], "meta.xml"), encoding="unicode")
    assert "état : brouillon" in meta and ">brouillon<" in meta
    assert b"PROJET" not in zipfile.ZipFile(io.BytesIO(files["odt"])).read("content.xml")
    html = files["html"].decode("utf-8")
    assert 'class="fr-communique__projet"' in html and "fr-communique__filigrane" in html
    projet = re.search(r'<p class="fr-communique__projet"[^>]*>', html)
    assert projet is not None and "embargo" not in projet.group(0)
    assert 'name="status" content="brouillon"' in html
    docx = Document(io.BytesIO(files["docx"]))
    assert docx.core_properties.content_status == "brouillon"
    header_xml = docx.sections[0].header._element.xml
    assert 'opacity="0.0863"' in header_xml and 'fillcolor="#000091"' in header_xml
    text = files["txt"].decode("utf-8").split("\n\n")
    assert text[0].startswith("MINISTÈRE") and text[1].startswith("PROJET – ")


def test_docx_lists_are_spaced_and_the_embargo_is_red() -> None:
    files = outputs()
    docx = Document(io.BytesIO(files["docx"]))
    lists = docx.styles["Liste du communiqué"].element
    contextual = lists.find(f"{qn('w:pPr')}/{qn('w:contextualSpacing')}")
    assert contextual is not None and contextual.get(qn("w:val")) == "0"
    assert str(docx.styles["Embargo"].font.color.rgb) == "E1000F"


def test_contacts_heading_is_a_heading_in_every_format() -> None:
    files = outputs()
    docx = Document(io.BytesIO(files["docx"]))
    level = docx.styles["Titre des contacts presse"].element.find(
        f"{qn('w:pPr')}/{qn('w:outlineLvl')}"
    )
    assert level is not None and level.get(qn("w:val")) == "1"
    headings = odt_xml(files["odt"]).findall(f".//{{{ODT['text']}}}h")
    assert [h.get(f"{{{ODT['text']}}}outline-level") for h in headings] == ["1", "2"]
    assert "<h2" in files["html"].decode("utf-8")
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(files["pdf"]))
    kinds = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds.append(str(node["/S"]))
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    assert "/H1" in kinds and "/H2" in kinds


def test_the_mail_bloc_marque_keeps_the_pdf_scale() -> None:
    """The symbol as tall whatever the name: the picture's width follows the name."""
    short = prepare(Release(header=("GOUVERNEMENT",), headline="T"))
    long = prepare(RELEASE)
    sizes = [brand_size(render_brand_png(p)) for p in (short, long)]
    assert sizes[0] is not None and sizes[1] is not None
    assert sizes[1][0] > sizes[0][0]  # a longer name, a wider block…
    for prepared, size in zip((short, long), sizes, strict=True):
        page = mail_html(prepared, "bloc", size)
        assert f'width="{size[0]}"' in page and "max-width:100%" not in page
    assert brand_size(b"not a picture") is None


def test_a_link_stays_one_link() -> None:
    """A link's words are not split into several links (a screen reader would list each)."""
    release = Release(
        headline="T",
        body=(
            Paragraph(
                (Run("le site de la Préfecture du 1er arrondissement", link="https://a.fr/"),)
            ),
        ),
    )
    html = render_html(prepare(release), render_brand_svg(prepare(release))).decode("utf-8")
    assert html.count('href="https://a.fr/"') == 2  # the link, then its address in brackets
    assert ">le site de la Préfecture du 1er arrondissement</a>" in html


def test_the_press_room_index_sets_ordinals_superior() -> None:
    from desktop.render.site import SiteEntry, render_index

    entry = SiteEntry("a.html", "id", "Titre", date(2021, 6, 1), datetime(2021, 6, 1, tzinfo=UTC))
    page = render_index([entry]).decode("utf-8")
    assert "1<sup>er</sup>\u00a0juin 2021</time>" in page


def test_html_print_keeps_the_contacts_with_their_heading() -> None:
    """In print, as in the PDF (checked by printing with Chromium: the four-page draft's
    contacts all on its last page, under their heading)."""
    page = render_html(prepare(RELEASE), render_brand_svg(prepare(RELEASE))).decode("utf-8")
    assert ".fr-communique__contacts{break-inside:avoid}" in page
