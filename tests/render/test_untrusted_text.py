"""User text is data, never markup; any text exports to both formats without an exception."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.draft import release_from_json
from desktop.core.model import Contact, Paragraph, Release, Run
from desktop.core.typography import french
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.pdf import render_brand_png, render_pdf
from tests.render.conftest import docx_text, pdf_text, squash

INJECTIONS = [
    '#read("/etc/passwd")',
    "$x$",
    "*a*",
    "<l>",
    "@r",
    "]",
    "\\u{41}",
    '#import "/etc/passwd"',
    "_souligné_ `code` = titre",
    "#{ panic() }",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_markup_comes_out_literally(payload: str) -> None:
    release = Release(
        headline=payload,
        body=(Paragraph((Run(payload, bold=True),)),),
        contacts=(Contact(payload, "", ""),),
        date=date(2020, 11, 3),
        header=(payload,),
    )
    prepared = prepare(release)
    literal = squash(french(payload))  # typography may curl quotes; nothing else changes
    pdf = pdf_text(render_pdf(prepared))
    assert pdf.count(literal) >= 3, pdf
    assert "root:" not in pdf
    docx = docx_text(render_docx(prepared, render_brand_png(prepared)))
    assert docx.count(literal) >= 3


def test_links_are_only_web_and_mail() -> None:
    with pytest.raises(Exception, match="lien attendu"):
        release_from_json(
            {
                "format": "communique",
                "version": 1,
                "body": [{"paragraph": [{"text": "x", "link": "file:///etc/passwd"}]}],
            }
        )


free_text = st.text(max_size=300)
runs = st.lists(
    st.one_of(
        free_text,
        st.fixed_dictionaries(
            {"text": free_text},
            optional={
                "bold": st.booleans(),
                "italic": st.booleans(),
                "link": st.sampled_from(
                    ["https://www.gouvernement.fr", "mailto:presse@example.gouv.fr"]
                ),
            },
        ),
    ),
    max_size=4,
)
blocks = st.one_of(
    free_text,
    st.fixed_dictionaries({"paragraph": runs}),
    st.fixed_dictionaries({"list": st.lists(runs, max_size=3)}),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headline=free_text,
    body=st.lists(blocks, max_size=4),
    name=free_text,
    phone=free_text,
    email=free_text,
    header=st.lists(free_text, min_size=1, max_size=3),
    place=free_text,
)
def test_any_unicode_in_any_field_exports_to_both_formats(
    headline: str,
    body: list[object],
    name: str,
    phone: str,
    email: str,
    header: list[str],
    place: str,
) -> None:
    release = release_from_json(
        {
            "format": "communique",
            "version": 1,
            "headline": headline,
            "body": body,
            "header": header,
            "place": place,
            "date": "2021-01-01",
            "contacts": [{"name": name, "phone": phone, "email": email}],
        }
    )
    prepared = prepare(release)
    assert render_pdf(prepared).startswith(b"%PDF")
    docx = render_docx(prepared, render_brand_png(prepared))
    from docx import Document

    Document(io.BytesIO(docx))


@pytest.mark.parametrize(
    "text",
    [
        "🇫🇷 Communiqué 🎉 avec émojis 👩‍👩‍👧",
        "بيان صحفي من الوزارة، باريس",
        "שלום עולם \u200fmixed\u200f direction",
        "控制\x00字符\x0b测试\x1f",
        "Ｆｕｌｌｗｉｄｔｈ and combining e\u0301 and ZWJ\u200d",
    ],
)
def test_unusual_scripts_export(text: str) -> None:
    release = release_from_json(
        {"format": "communique", "version": 1, "headline": text, "body": [text]}
    )
    prepared = prepare(release)
    assert render_pdf(prepared).startswith(b"%PDF")
    render_docx(prepared, render_brand_png(prepared))


def test_a_20000_character_paragraph_exports() -> None:
    words = ("développement économique des territoires " * 500)[:20000]
    release = Release(headline="Long", body=(Paragraph((Run(words),)),))
    prepared = prepare(release)
    pdf = render_pdf(prepared)
    assert "développement économique" in pdf_text(pdf)
    assert len(docx_text(render_docx(prepared, render_brand_png(prepared)))) > 19000


@pytest.mark.parametrize("invisible", ["\xad", "0\xad", "a\xadb", "\u200b", " \u2060 "])
def test_an_address_of_invisible_characters_only(invisible: str) -> None:
    # Found by hypothesis: Typst fails on a link around invisible text alone.
    release = release_from_json(
        {
            "format": "communique",
            "version": 1,
            "headline": "T",
            "contacts": [{"name": "N", "email": invisible}],
            "body": [{"paragraph": [{"text": invisible, "link": "https://a.fr"}]}],
        }
    )
    assert render_pdf(prepare(release)).startswith(b"%PDF")


def test_a_20000_character_word_without_a_space_exports() -> None:
    word = "é" * 20000
    release = Release(
        headline="Long", body=(Paragraph((Run(word),)),), contacts=(Contact("x" * 300, "", ""),)
    )
    prepared = prepare(release)
    text = pdf_text(render_pdf(prepared)).replace("\u200b", "")
    assert text.replace("Communiqué", "").count("é") == 20000


def test_a_headline_longer_than_a_docx_property_exports() -> None:
    from docx import Document

    headline = "Un titre très long " * 20
    prepared = prepare(Release(headline=headline))
    document = Document(io.BytesIO(render_docx(prepared, render_brand_png(prepared))))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert headline.strip() in docx_text(render_docx(prepared, render_brand_png(prepared)))
