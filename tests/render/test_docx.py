"""The DOCX read back with python-docx: styles, picture with alt text, links, language, title."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from desktop.core.model import Release


@pytest.fixture(scope="module")
def document(seed_outputs: dict[str, bytes]):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(seed_outputs["docx"]))


def test_the_bloc_marque_is_a_picture_with_alt_text_at_the_top(document) -> None:  # type: ignore[no-untyped-def]
    first = document.paragraphs[0]
    doc_prs = first._p.findall(".//" + qn("wp:docPr"))
    assert len(doc_prs) == 1
    assert doc_prs[0].get("descr") == "Marianne – GOUVERNEMENT – Liberté, Égalité, Fraternité"
    assert document.inline_shapes[0].width.cm < 6


def test_named_styles_a_user_can_restyle(document) -> None:  # type: ignore[no-untyped-def]
    by_style = {p.style.name: p.text for p in document.paragraphs if p.text}
    assert by_style["Type de communiqué"] == "Communiqué de presse"
    assert by_style["Titre du communiqué"].startswith("Jacqueline Gourault")
    assert by_style["Lieu et date"] == "Paris, le 3\u00a0novembre 2020"
    assert by_style["Numéro du communiqué"] == "N°350"
    assert by_style["Titre des contacts presse"] == "Contacts presse\u00a0:"
    assert sum(p.style.name == "Texte du communiqué" for p in document.paragraphs) == 6
    assert sum(p.style.name == "Contact presse" for p in document.paragraphs) == 2


def test_a_mailto_hyperlink_per_contact(document, seed: Release) -> None:  # type: ignore[no-untyped-def]
    part = document.part
    links = {}
    for hyperlink in part.element.body.iter(qn("w:hyperlink")):
        target = part.rels[hyperlink.get(qn("r:id"))].target_ref
        links[target] = "".join(t.text for t in hyperlink.iter(qn("w:t"))).replace("\u2060", "")
    for contact in seed.contacts:
        assert links[f"mailto:{contact.email}"] == contact.email


def test_french_by_default_and_core_properties(document, seed: Release) -> None:  # type: ignore[no-untyped-def]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"
    props = document.core_properties
    assert props.title == seed.headline.replace("'", "’")
    assert props.subject == "Communiqué de presse"
    assert props.language == "fr-FR"
    assert props.created is not None


def test_hyphenation_is_on(document) -> None:  # type: ignore[no-untyped-def]
    assert document.settings.element.find(qn("w:autoHyphenation")) is not None


def test_the_base_document_is_kept_for_the_next_process_and_rebuilt_when_damaged(
    seed: Release,
) -> None:
    """The command line reads the base document from the cache folder rather than building it;
    a damaged or foreign file there is never used."""
    from desktop.render import docx as docx_render
    from desktop.render.content import prepare
    from desktop.services import paths

    prepared = prepare(seed)
    docx_render._base_document.cache_clear()
    docx_render.prepare_base(prepared)
    cached = list(paths.cache_dir().glob("docx-base-*.docx"))
    assert len(cached) == 1
    assert Document(cached[0]).styles["Titre du communiqué"] is not None

    cached[0].write_bytes(b"not a zip")
    docx_render._base_document.cache_clear()
    docx_render.prepare_base(prepared)
    assert Document(cached[0]).styles["Titre du communiqué"] is not None
    base, ids = docx_render._base_document(
        prepared.font.docx_family, docx_render.house_style.HOUSE_STYLE
    )
    assert ids["Titre du communiqué"]
    assert Document(io.BytesIO(base)).styles["Titre du communiqué"] is not None
