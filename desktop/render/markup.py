"""What the XML-based outputs (HTML, ODT, Atom) share: text made safe for XML, link addresses."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, even escaped. The model's ``clean_text`` already
drops them from a draft; this keeps a renderer safe when it is handed text another way."""

ADDRESS_SCHEMES = ("https:", "http:", "mailto:", "tel:", "ftp:")
"""The only link targets an output makes live; anything else (``javascript:``, ``data:``…) is
printed but not linked."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML forbids (escaping is the serialiser's job)."""
    return _NOT_XML.sub("", text)


def safe_link(link: str | None) -> str | None:
    """The link's target when its scheme is one an output may follow, else ``None``. A bare
    ``www.`` address gets ``https://``."""
    if not link:
        return None
    target = xml_text(link.strip())
    if target.lower().startswith("www."):
        return f"https://{target}"
    return target if target.lower().startswith(ADDRESS_SCHEMES) else None


def run_link(text: str, link: str | None, address: bool) -> str | None:
    """Where a run leads: its link, or for an address typed in the text (``www.…``, an e-mail
    address), that address made live."""
    if link:
        return safe_link(link)
    if not address:
        return None
    if "@" in text and "://" not in text and not text.lower().startswith("mailto:"):
        return safe_link(f"mailto:{text}")
    return safe_link(text)


def link_address(link: str) -> str:
    """What a reader types to follow a link: the e-mail address or phone number for ``mailto:``
    and ``tel:``, else the address itself."""
    for scheme in ("mailto:", "tel:"):
        if link.lower().startswith(scheme):
            return link[len(scheme) :]
    return link
