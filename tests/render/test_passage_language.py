"""A passage in another language (a run's ``lang``): kept by the draft, tagged in every format,
hyphenated in its language (or not at all) and never spell-checked as French."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pikepdf
import pytest
from docx import Document
from lxml import etree

from desktop.core.checks import check
from desktop.core.draft import FORMAT_VERSION, DraftError, dumps_draft, parse_draft
from desktop.core.model import Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.mail import mail_html
from desktop.usecases.export import render_formats
from tests.render.formats import html_tree
from tests.render.readback import libreoffice_pdf, need, pdftotext

ENGLISH = (
    "The government guarantees that the administration of manufacturing establishments in "
    "metropolitan territories meets considerations of reconstruction, unconditionally and "
    "characteristically. "
) * 4
"""Words that French and English hyphenate differently (gou-ver-ne-ment / gov-ern-ment)."""
QUOTE = "Don't worry: it works!"


def release() -> Release:
    return Release(
        headline="Un passage en anglais",
        date=date(2026, 11, 3),
        body=(
            Paragraph(
                (
                    Run("Le ministre a dit : "),
                    Run(QUOTE, lang="en"),
                    Run(" Puis il a lu : "),
                    Run(ENGLISH, lang="en-GB"),
                    Run(" Fin !"),
                )
            ),
        ),
    )


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return render_formats(prepare(release()), ["pdf", "docx", "odt", "html"])


def test_the_draft_keeps_a_passage_language_and_refuses_a_bad_one() -> None:
    written = dumps_draft(release())
    data = json.loads(written)
    assert data["version"] == FORMAT_VERSION == 3
    assert {"text": QUOTE, "lang": "en"} in data["body"][0]["paragraph"]
    assert parse_draft(written) == release()
    for bad in ("english", "fr", "EN", "", 3, "en_GB"):
        data["body"][0]["paragraph"][1]["lang"] = bad
        with pytest.raises(DraftError) as caught:
            parse_draft(json.dumps(data))
        assert caught.value.problems[0].field == "body[0].paragraph[1].lang"
        assert "code de langue attendu" in caught.value.problems[0].message


def test_a_format_2_draft_reads_as_it_did() -> None:
    old = {"format": "communique", "version": 2, "headline": "T", "body": ["Un texte."]}
    assert parse_draft(json.dumps(old)).body == (Paragraph((Run("Un texte."),)),)


def test_french_spacing_does_not_touch_the_foreign_passage() -> None:
    runs = prepare(release()).body[0].items[0]
    english = "".join(r.text for r in runs if r.lang == "en")
    assert english == "Don’t worry: it works!"  # no space before « : » nor « ! »
    assert runs[-1].text == " Fin\u202f!"  # the French around it keeps its rules


def _tagged_languages(pdf: bytes) -> list[tuple[str, str]]:
    """Each structure element with a /Lang, and the text its marked content holds."""
    found: list[tuple[str, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:

        def visit(node: object) -> None:
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/Lang" in node:
                found.append((str(node.get("/S")), str(node.Lang)))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                visit(kid)

        visit(document.Root.StructTreeRoot)
        assert str(document.Root.Lang) == "fr-FR"
    return found


def test_the_pdf_tags_the_passage_with_its_language(outputs: dict[str, bytes]) -> None:
    assert ("/Quote", "en") in _tagged_languages(outputs["pdf"])
    assert ("/Quote", "en-GB") in _tagged_languages(outputs["pdf"])


def _hyphenated_words(text: str) -> list[tuple[str, str]]:
    """(before, after) for each word broken at a line end with a hyphen."""
    return re.findall(r"(\w+)[\u00ad-]\n(\w+)", text)


def _break_heads(words: set[str], lang: str) -> set[str]:
    """Where Typst's ``lang`` patterns allow each word to break: the part before each break."""
    import typst

    source = "#set par(justify: true)\n" + "\n".join(
        f'#block(width: 1pt, text(lang: "{lang}", hyphenate: true)[{w}])\n#block[|]'
        for w in sorted(words)
    )
    pdf = typst.compile(source.encode(), format="pdf")
    heads = set()
    for block in pdftotext(pdf).split("|"):
        lines = block.strip().split("\n")
        for k in range(1, len(lines)):
            heads.add("".join(lines[:k]).replace("\u00ad", "").replace("-", ""))
    return heads


def test_the_pdf_hyphenates_the_passage_in_english(outputs: dict[str, bytes]) -> None:
    """Typst breaks its words where English patterns do (« gov-ernment »), never where only
    French ones would (« go-vernment », « ma-nufacturing »)."""
    broken = [
        (head, tail)
        for head, tail in _hyphenated_words(pdftotext(outputs["pdf"]))
        if (head + tail) in ENGLISH
    ]
    assert broken, "no English word was hyphenated: the test text no longer tests anything"
    words = {head + tail for head, tail in broken}
    english, french = _break_heads(words, "en"), _break_heads(words, "fr")
    assert french - english, "French and English break these words alike: no test"
    assert all(head in english for head, _ in broken), (broken, english)


def test_the_docx_tags_the_passage(outputs: dict[str, bytes]) -> None:
    document = Document(io.BytesIO(outputs["docx"]))
    languages = {
        run.text: run._r.rPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
        ).get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text in (QUOTE.replace("'", "’"), ENGLISH)
    }
    assert languages == {QUOTE.replace("'", "’"): "en", ENGLISH: "en-GB"}


def test_the_odt_tags_the_passage(outputs: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(outputs["odt"])) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    ns = {
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    }
    languages = {}
    for span in root.iterfind(".//text:span", ns):
        name = span.get(f"{{{ns['text']}}}style-name")
        (props,) = root.xpath(
            "//style:style[@style:name=$n]/style:text-properties", namespaces=ns, n=name
        )
        language = props.get(f"{{{ns['fo']}}}language")
        country = props.get(f"{{{ns['fo']}}}country")
        languages["".join(span.itertext())] = (language, country)
    assert languages[QUOTE.replace("'", "’")] == ("en", "none")
    assert languages[ENGLISH] == ("en", "GB")


def test_the_html_and_the_mail_tag_the_passage(outputs: dict[str, bytes]) -> None:
    page = html_tree(outputs["html"])
    mail = html_tree(mail_html(prepare(release()), "brand@x"))
    for tree in (page, mail):
        spans = {"".join(s.itertext()): s.get("lang") for s in tree.iterfind(".//span[@lang]")}
        assert spans == {QUOTE.replace("'", "’"): "en", ENGLISH: "en-GB"}
        assert tree.getroottree().getroot().get("lang") == "fr"


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_libreoffice_does_not_hyphenate_the_passage_in_french(
    outputs: dict[str, bytes], kind: str
) -> None:
    """LibreOffice reads the passage's language: no French pattern breaks its words (it has
    no English patterns here, so none breaks them at all)."""
    need("soffice")
    text = pdftotext(libreoffice_pdf(outputs[kind], suffix=kind))
    assert "Don’t worry: it works!" in text
    broken = [pair for pair in _hyphenated_words(text) if (pair[0] + pair[1]) in ENGLISH]
    if broken:
        words = {head + tail for head, tail in broken}
        french_only = _break_heads(words, "fr") - _break_heads(words, "en")
        assert not [pair for pair in broken if pair[0] in french_only], broken


class _FrenchOnly:
    """A speller that knows no English word."""

    def misspellings(self, text: str) -> list[object]:
        class Word:
            def __init__(self, word: str) -> None:
                self.word = word

        return [Word(w) for w in re.findall(r"\w+", text) if w in {"worry", "works"}]

    def suggest(self, word: str) -> list[str]:
        return []


def test_spelling_leaves_the_passage_alone() -> None:
    findings = check(release(), speller=_FrenchOnly())
    assert not [f for f in findings if "mot inconnu" in f.message]
    french = Release(headline="T", date=date(2026, 11, 3), body=(Paragraph((Run("Don't worry"),)),))
    assert [f for f in check(french, speller=_FrenchOnly()) if "worry" in f.message]
