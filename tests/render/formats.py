"""Reading the new formats back as a person (or a screen reader) meets them."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from tests.render.conftest import squash

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def html_tree(data: bytes) -> Any:
    return lxml_html.document_fromstring(data)


def html_text(data: bytes) -> str:
    """The page's visible text in document order (the head and the SVG's drawing left out)."""
    body = html_tree(data).find("body")
    # Inline marks inside a word (an address's <wbr> and held hyphens) are not word breaks.
    etree.strip_tags(body, "wbr", "span")
    return squash(" ".join(t for t in body.itertext()))


def json_ld(data: bytes) -> dict[str, Any]:
    scripts = html_tree(data).xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    loaded: dict[str, Any] = json.loads(scripts[0].text)
    return loaded


def odt_xml(data: bytes, part: str = "content.xml") -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def odt_text(data: bytes) -> str:
    """The document's paragraphs and headings in order (the bloc-marque's paragraph gives its
    alternative text)."""
    root = odt_xml(data)
    for line_break in root.iter(f"{{{ODF_TEXT}}}line-break"):
        line_break.text = " "  # a reader sees a line end (the headline's balanced lines)
    return squash(
        " ".join("".join(el.itertext()) for el in root.iter(f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"))
    )
