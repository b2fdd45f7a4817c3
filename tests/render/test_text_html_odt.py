"""The ODT, the HTML page and the plain text: the whole release in reading order, the metadata,
and user text kept as data in each."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop.core.model import BulletList, Contact, Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.html import render_html
from desktop.render.odt import render_odt
from desktop.render.pdf import render_brand_png, render_brand_svg
from desktop.render.text import render_text, runs_text
from tests.render.conftest import squash
from tests.render.formats import html_text, html_tree, json_ld, odt_text, odt_xml
from tests.render.test_reading_order import assert_in_order, expected_sequence

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
HOSTILE = [
    "</p><script>alert(1)</script>",
    "]]>",
    "a & b &amp; c",
    "<!-- x -->",
    "</script><b>gras</b>",
    "\x00\x0bbip\x1f",
    "'\"><img src=x onerror=alert(1)>",
    "\u2028ligne\u2029",
]


def outputs(release: Release) -> dict[str, bytes]:
    prepared = prepare(release)
    svg = render_brand_svg(prepared)
    return {
        "html": render_html(prepared, svg),
        "odt": render_odt(prepared, render_brand_png(prepared), svg),
        "txt": render_text(prepared).encode("utf-8"),
    }


@pytest.fixture(scope="module")
def seed_formats(seed: Release) -> dict[str, bytes]:
    return outputs(seed)


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "html":
        return html_text(data)
    if fmt == "odt":
        return odt_text(data)
    return squash(data.decode("utf-8"))


@pytest.mark.parametrize("fmt", ["html", "odt", "txt"])
def test_every_part_of_the_seed_in_reading_order(
    fmt: str, seed: Release, seed_formats: dict[str, bytes]
) -> None:
    text = text_of(fmt, seed_formats[fmt])
    assert_in_order(
        text, ["GOUVERNEMENT", "Liberté", "Égalité", "Fraternité", *expected_sequence(seed)]
    )


# ---------------------------------------------------------------- plain text


def test_text_keeps_each_paragraph_on_one_line_for_pasting(
    seed: Release, seed_formats: dict[str, bytes]
) -> None:
    """Pasted into a CMS or a mail, a hard-wrapped text arrives as ragged short lines: each
    paragraph is one line, paragraphs separated by one blank line."""
    text = seed_formats["txt"].decode("utf-8")
    lines = text.splitlines()
    paragraphs = [squash(runs_text(item)) for block in prepare(seed).body for item in block.items]
    assert len(paragraphs) >= 5
    for paragraph in paragraphs:
        assert paragraph in (squash(line) for line in lines), paragraph
    assert max(len(line) for line in lines) > 200  # the seed's long paragraphs, unwrapped
    assert "\n\n\n" not in text
    assert lines[:4] == ["GOUVERNEMENT", "Liberté", "Égalité", "Fraternité"]
    assert "Paris, le 3\u00a0novembre 2020" in lines


def test_text_bullets_and_link_addresses_in_full() -> None:
    release = Release(
        headline="Titre",
        date=date(2024, 5, 2),
        body=(
            Paragraph((Run("Voir "), Run("le site", link="https://www.info.gouv.fr/a"), Run("."))),
            BulletList(((Run("premier point " * 8),), (Run("second"),))),
        ),
    )
    text = render_text(prepare(release))
    assert "le site (https://www.info.gouv.fr/a)." in text
    assert "- " + ("premier point " * 8).strip() in text.splitlines()  # one line an item
    assert "- second" in text.splitlines()


def test_a_line_break_typed_in_a_paragraph_is_kept() -> None:
    release = Release(headline="T", body=(Paragraph((Run("Première ligne\nseconde ligne"),)),))
    assert "Première ligne\nseconde ligne\n" in render_text(prepare(release))


def test_a_long_address_is_never_cut() -> None:
    address = "https://www.example.gouv.fr/" + "tres-long-chemin/" * 6
    text = render_text(prepare(Release(headline="T", body=(Paragraph((Run(address),)),))))
    assert address in text.splitlines()


# ---------------------------------------------------------------- HTML page


def test_html_structure_and_metadata(seed_formats: dict[str, bytes]) -> None:
    page = seed_formats["html"]
    assert page.startswith(b"<!DOCTYPE html>")
    tree = html_tree(page)
    assert tree.get("lang") == "fr"
    assert tree.xpath("//meta[@charset='utf-8']")
    assert len(tree.xpath("//h1")) == 1
    assert tree.findtext(".//title").startswith("Jacqueline Gourault")
    assert tree.xpath("//meta[@name='description']/@content")[0].startswith("Le Territoire")
    header = tree.xpath("//article/header")[0]
    header_text = squash(" ".join(header.itertext()))
    assert "Paris, le 3 novembre 2020" in header_text and "N°350" in header_text
    assert header.xpath(".//time/@datetime") == ["2020-11-03"]
    svg = header.xpath(".//svg")[0]
    assert svg.get("role") == "img"
    assert svg.findtext("title").startswith("Marianne – GOUVERNEMENT")
    address = tree.xpath("//address")[0]
    assert address.xpath(".//a/@href") == [
        "tel:+33-1-44-49-89-40",
        "mailto:communication.jg@cohesion-territoires.gouv.fr",
        "tel:+33-1-53-18-44-38",
        "mailto:presse@industrie.gouv.fr",
    ]
    assert len(tree.xpath("//div[@class='fr-communique__body']/p")) == 6


def test_html_is_self_contained(seed_formats: dict[str, bytes]) -> None:
    tree = html_tree(seed_formats["html"])
    assert not tree.xpath("//link | //img | //iframe | //script[@src] | //*[@src]")
    style = tree.findtext(".//style")
    assert "url(" not in style and "@import" not in style
    # Only the bloc-marque's own pictures, inline, as data.
    assert all(h.startswith(("data:", "#")) for h in tree.xpath("//svg//@href"))


def test_html_json_ld_news_article(seed_formats: dict[str, bytes]) -> None:
    data = json_ld(seed_formats["html"])
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Jacqueline Gourault")
    assert data["datePublished"] == "2020-11-03"
    assert datetime.fromisoformat(data["dateModified"])
    assert data["publisher"] == {"@type": "Organization", "name": "GOUVERNEMENT"}
    assert data["inLanguage"] == "fr-FR"
    assert data["identifier"] == "N°350"


def test_html_embargo_comes_before_the_headline() -> None:
    release = Release(
        headline="Titre", date=date(2024, 5, 2), embargo=datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    )
    text = html_text(render_html(prepare(release), render_brand_svg(prepare(release))))
    assert text.index("SOUS EMBARGO") < text.index("Titre")


def test_html_a_link_shows_its_address_and_only_web_links_are_live() -> None:
    release = Release(
        headline="T",
        body=(
            Paragraph(
                (Run("le site", link="https://www.info.gouv.fr/"), Run(" ou www.service-public.fr"))
            ),
        ),
    )
    tree = html_tree(render_html(prepare(release), render_brand_svg(prepare(release))))
    body = tree.xpath("//div[@class='fr-communique__body']/p")[0]
    assert "le site (https://www.info.gouv.fr/)" in squash("".join(body.itertext()))
    # The address in brackets leads where the link does: the same in every format.
    assert body.xpath(".//a/@href") == [
        "https://www.info.gouv.fr/",
        "https://www.info.gouv.fr/",
        "https://www.service-public.fr",
    ]


def hostile_release(payload: str) -> Release:
    return Release(
        header=(payload,),
        kind=payload,
        headline=payload,
        date=date(2024, 5, 2),
        body=(
            Paragraph((Run(payload, bold=True), Run(payload, italic=True))),
            BulletList(((Run(payload),),)),
        ),
        contacts=(Contact(payload, "01 44 49 89 40", "a@b.fr"),),
    )


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_stays_text(payload: str) -> None:
    formats = outputs(hostile_release(payload))
    tree = html_tree(formats["html"])
    assert len(tree.xpath("//script")) == 1  # the JSON-LD only
    assert not tree.xpath("//img | //body//b | //*[@onerror]")
    assert len(tree.xpath("//h1")) == 1
    shown = "".join(tree.xpath("//h1")[0].itertext())
    for markup in ("<", ">", "&", "]]"):  # typed markup is shown as typed, never parsed
        if markup in payload:
            assert markup in shown
    assert json_ld(formats["html"])["headline"]  # still valid JSON
    root = odt_xml(formats["odt"])  # well-formed XML whatever the text
    heading = root.find(".//text:h", NS)
    assert heading is not None and "".join(heading.itertext()).strip()
    assert formats["txt"].decode("utf-8")


def test_hostile_headline_comes_out_literally_in_html_and_odt() -> None:
    payload = "</p><script>alert(1)</script> ]]> & <b>"
    formats = outputs(hostile_release(payload))
    assert squash(payload) in html_text(formats["html"])
    assert squash(payload) in odt_text(formats["odt"])
    assert payload in formats["txt"].decode("utf-8")


free_text = st.text(max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headline=free_text, body=free_text, name=free_text)
def test_any_text_gives_well_formed_html_and_odt(headline: str, body: str, name: str) -> None:
    release = Release(
        headline=headline, body=(Paragraph((Run(body),)),), contacts=(Contact(name, "", ""),)
    )
    formats = outputs(release)
    assert len(html_tree(formats["html"]).xpath("//h1")) == 1
    json_ld(formats["html"])
    odt_xml(formats["odt"])
    odt_xml(formats["odt"], "styles.xml")
    formats["txt"].decode("utf-8")


# ---------------------------------------------------------------- ODT


def test_odt_package_mimetype_first_and_stored(seed_formats: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(seed_formats["odt"])) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"))
        listed = set(manifest.xpath("//manifest:file-entry/@manifest:full-path", namespaces=NS))
        for name in archive.namelist():
            if name not in ("mimetype", "META-INF/manifest.xml"):
                assert name in listed, name
                etree.fromstring(archive.read(name)) if name.endswith(".xml") else None
    # The raw mimetype entry sits at offset 30+8 of the file: what ODF's magic number needs.
    assert seed_formats["odt"][30:38] == b"mimetype"


def test_odt_french_styles_heading_list_links_and_alt(seed_formats: dict[str, bytes]) -> None:
    content = odt_xml(seed_formats["odt"])
    styles = odt_xml(seed_formats["odt"], "styles.xml")
    default = styles.find(
        ".//style:default-style[@style:family='paragraph']/style:text-properties", NS
    )
    assert (default.get(f"{{{NS['fo']}}}language"), default.get(f"{{{NS['fo']}}}country")) == (
        "fr",
        "FR",
    )
    names = set(styles.xpath("//style:style/@style:display-name", namespaces=NS))
    assert {"Titre du communiqué", "Texte du communiqué", "Contact presse", "Lieu et date"} <= names
    heading = content.find(".//text:h", NS)
    assert heading.get(f"{{{NS['text']}}}outline-level") == "1"
    frame = content.find(".//draw:frame", NS)
    assert frame.findtext("svg:title", namespaces=NS).startswith("Marianne – GOUVERNEMENT")
    # Once: LibreOffice's tagged PDF joins a title and a description (« X - X »).
    assert frame.findtext("svg:desc", namespaces=NS) is None
    images = frame.xpath("draw:image/@xlink:href", namespaces=NS)
    assert images == ["Pictures/bloc-marque.svg", "Pictures/bloc-marque.png"]
    links = content.xpath("//text:a/@xlink:href", namespaces=NS)
    assert "mailto:presse@industrie.gouv.fr" in links and "tel:+33-1-53-18-44-38" in links
    footer = styles.find(".//style:master-page/style:footer", NS)
    assert footer.find(".//text:page-number", NS) is not None
    assert footer.find(".//text:page-count", NS) is not None


def test_odt_bullets_are_a_real_list() -> None:
    release = Release(headline="T", body=(BulletList(((Run("un"),), (Run("deux"),))),))
    prepared = prepare(release)
    content = odt_xml(render_odt(prepared, render_brand_png(prepared), render_brand_svg(prepared)))
    items = content.findall(".//text:list/text:list-item", NS)
    assert ["".join(i.itertext()) for i in items] == ["un", "deux"]


def test_odt_metadata(seed_formats: dict[str, bytes]) -> None:
    meta = odt_xml(seed_formats["odt"], "meta.xml")
    assert meta.findtext(".//dc:title", namespaces=NS).startswith("Jacqueline Gourault")
    assert meta.findtext(".//dc:subject", namespaces=NS) == "Communiqué de presse"
    assert meta.findtext(".//dc:language", namespaces=NS) == "fr-FR"
    assert datetime.fromisoformat(meta.findtext(".//meta:creation-date", namespaces=NS))
    assert meta.findtext(".//meta:initial-creator", namespaces=NS) == "GOUVERNEMENT"


def test_clipboard_fragment_keeps_bold_italic_links_and_lists() -> None:
    from desktop.render.html import render_fragment

    release = Release(
        headline="T",
        body=(
            Paragraph(
                (
                    Run("gras", bold=True),
                    Run(" et "),
                    Run("penché", italic=True),
                    Run(" : "),
                    Run("site", link="https://www.info.gouv.fr/"),
                )
            ),
            BulletList(((Run("un"),), (Run("deux"),))),
        ),
    )
    from lxml import html as lxml_html

    tree = lxml_html.fragment_fromstring(render_fragment(prepare(release)), create_parent="div")
    assert tree.xpath("string(.//strong)") == "gras"
    assert tree.xpath("string(.//em)") == "penché"
    assert tree.xpath(".//a/@href") == ["https://www.info.gouv.fr/"] * 2
    assert tree.xpath(".//ul/li/text()") == ["un", "deux"]
    assert not tree.xpath(".//svg | .//style | .//script")


def test_one_house_style_value_changes_the_odt_and_the_html(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace as changed

    from desktop.render import house_style

    monkeypatch.setattr(
        house_style,
        "HOUSE_STYLE",
        changed(
            house_style.HOUSE_STYLE,
            link_colour="#123456",
            body=house_style.Paragraph(12, after=9, justify=True),
        ),
    )
    release = Release(headline="T", contacts=(Contact("A", "", "a@b.fr"),))
    formats = outputs(release)
    assert "a{color:#123456" in html_tree(formats["html"]).findtext(".//style")
    styles = odt_xml(formats["odt"], "styles.xml")
    link = styles.xpath(
        "//style:style[@style:display-name='Lien']/style:text-properties", namespaces=NS
    )[0]
    assert link.get(f"{{{NS['fo']}}}color") == "#123456"
    body = styles.xpath(
        "//style:style[@style:display-name='Texte du communiqué']/style:text-properties",
        namespaces=NS,
    )[0]
    assert body.get(f"{{{NS['fo']}}}font-size") == "12pt"


def test_a_link_that_is_not_web_mail_or_phone_is_never_live() -> None:
    """The draft reader refuses such links; the renderers do not rely on it."""
    release = Release(
        headline="T",
        body=(
            Paragraph(
                (
                    Run("clic", link="javascript:alert(1)"),
                    Run(" "),
                    Run("fichier", link="file:///etc"),
                )
            ),
        ),
    )
    formats = outputs(release)
    assert not html_tree(formats["html"]).xpath("//body//a")
    assert not odt_xml(formats["odt"]).findall(".//text:a", NS)
    assert "clic" in html_text(formats["html"]) and "clic" in odt_text(formats["odt"])
    assert "javascript" not in formats["txt"].decode() and "file:" not in formats["txt"].decode()
