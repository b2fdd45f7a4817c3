"""A press room: the index page and the Atom feed of a folder of release pages.

The folder holds one HTML page per release (``html.render_html``), with its PDF and ODT. Each
page carries what the index and the feed need in its JSON-LD (id, headline, dates, number,
summary, files), so the folder is its own database: pages published earlier, by another run or
another machine, are read back and listed, never lost.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from desktop.core.embargo import PARIS
from desktop.core.filenames import portable_name
from desktop.core.typography import long_date, ordinal_parts
from desktop.render import house_style
from desktop.render.html import FONT_STACK, TEXT_COLOUR
from desktop.render.markup import xml_text

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
INDEX = "index.html"
FEED = "feed.xml"
GENERATOR = "Communiqué"
GENERATOR_MARK = b'<meta name="generator" content="Communiqu\xc3\xa9">'
SITE_TITLE = "Communiqués de presse"
_NAMESPACE = uuid.UUID("6f1c1f0e-43f5-5b8e-9a63-0c5a6d3e1c11")
"""Ids of entries are UUIDs derived from the page's name in this namespace: the same release
gets the same id on every run and every machine."""


@dataclass(frozen=True)
class Enclosure:
    href: str
    media_type: str
    length: int


@dataclass(frozen=True)
class SiteEntry:
    """One release of the press room, as its page's JSON-LD describes it."""

    page: str
    """The page's file name, relative to the folder: ``2020-11-03-n350.html``."""
    id: str
    headline: str
    published: date | None
    updated: datetime
    number: str = ""
    summary: str = ""
    publisher: str = ""
    enclosures: tuple[Enclosure, ...] = field(default=())
    replaces: str = ""
    """For a rectificatif, the number it replaces as printed (``N°350``)."""
    replaces_date: date | None = None

    @property
    def sort_key(self) -> tuple[date, str, str]:
        return (self.published or date.min, self.number.zfill(12), self.page)


def page_name(
    published: date | None, number: str, headline: str, identity: str | None = None
) -> str:
    """A stable, readable file name: the date and the number (``2020-11-03-n350.html``), or the
    headline's first words when there is no number yet; with the release's ``identity``, a
    short mark of it after them (``2020-11-03-n350-3f2a9c1d.html``), so that two releases never
    share a name (two series printing N°1, two headlines alike in their first words)."""
    stem = published.isoformat() if published else "sans-date"
    words = _slug(number) or _slug(headline)[:48].rstrip("-") or "communique"
    if identity:
        words += "-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return portable_name(f"{stem}-{words}", suffix=".html")


def release_entry_id(identity: str) -> str:
    """The feed id of a release with an identity: the same whatever its page's name (a date
    fixed and published again updates the entry instead of adding one)."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'release:' + identity)}"


def safe_href(href: str) -> bool:
    """A link the press room may print: a file name of the folder, or an http(s) address
    (never ``javascript:``, ``data:`` or another scheme)."""
    if any(ord(c) < 0x20 or c in "\\\x7f" for c in href) or not href.strip():
        return False
    scheme = href.split("/", 1)[0]
    if ":" in scheme:
        return href.lower().startswith(("http://", "https://"))
    return not href.startswith("//")


def is_ours_index(data: bytes) -> bool:
    """An ``index.html`` this program wrote (its generator mark, or its list's class)."""
    return GENERATOR_MARK in data or b'class="fr-communique-list"' in data


def is_ours_feed(data: bytes) -> bool:
    """A ``feed.xml`` this program wrote: an Atom feed whose generator is Communiqué."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return root.tag == f"{{{ATOM}}}feed" and (
        (root.findtext(f"{{{ATOM}}}generator") or "").strip() == GENERATOR
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entry_id(page: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, page)}"


def page_metadata(entry: SiteEntry) -> dict[str, Any]:
    """What ``html.render_html`` adds to the page's JSON-LD for the press room (for a
    rectificatif, the release it replaces as ``isBasedOn``)."""
    based: dict[str, Any] = {}
    if entry.replaces:
        based = {"isBasedOn": {"@type": "NewsArticle", "identifier": entry.replaces}}
        if entry.replaces_date:
            based["isBasedOn"]["datePublished"] = entry.replaces_date.isoformat()
    return {
        **based,
        "@id": entry.id,
        "url": entry.page,
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "contentUrl": e.href,
                "encodingFormat": e.media_type,
                "contentSize": str(e.length),
            }
            for e in entry.enclosures
        ],
    }


def read_entry(page: str, data: bytes) -> SiteEntry | None:
    """The entry a page describes, or None for a page that is not a release of ours (it is
    left alone, and not listed)."""
    try:
        tree = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            found = json.loads(script.text or "")
        except ValueError:
            continue
        if not isinstance(found, dict) or found.get("@type") != "NewsArticle":
            continue
        if not isinstance(found.get("@id"), str):
            continue
        try:
            return _entry_from(page, found)
        except (TypeError, ValueError, KeyError):
            return None
    return None


def _entry_from(page: str, data: dict[str, Any]) -> SiteEntry:
    published = data.get("datePublished")
    updated = datetime.fromisoformat(str(data["dateModified"]))
    enclosures = tuple(
        Enclosure(str(m["contentUrl"]), str(m["encodingFormat"]), int(m.get("contentSize", 0)))
        for m in data.get("associatedMedia", ())
        if isinstance(m, dict) and safe_href(str(m.get("contentUrl", "")))
    )
    publisher = data.get("publisher", {})
    based = data.get("isBasedOn")
    based = based if isinstance(based, dict) else {}
    based_date = based.get("datePublished")
    return SiteEntry(
        page=page,
        id=str(data["@id"]),
        headline=str(data.get("headline", "")),
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        updated=updated if updated.tzinfo else updated.replace(tzinfo=UTC),
        number=str(data.get("identifier", "")),
        summary=str(data.get("description", "")),
        publisher=str(publisher.get("name", "")) if isinstance(publisher, dict) else "",
        enclosures=enclosures,
        replaces=str(based.get("identifier", "")),
        replaces_date=date.fromisoformat(based_date) if isinstance(based_date, str) else None,
    )


def corrections(entries: list[SiteEntry]) -> dict[str, tuple[SiteEntry, str]]:
    """Links both ways between a rectificatif and the release it replaces, when both are in
    the folder: page name → (the other entry, ``replaces`` or ``replaced``)."""
    by_number = {(e.number, e.published): e for e in entries if e.number}
    found: dict[str, tuple[SiteEntry, str]] = {}
    for entry in entries:
        if not entry.replaces:
            continue
        original = by_number.get((entry.replaces, entry.replaces_date)) or next(
            (e for (n, _d), e in by_number.items() if n == entry.replaces), None
        )
        if original is not None and original.page != entry.page:
            found[entry.page] = (original, "replaces")
            found[original.page] = (entry, "replaced")
    return found


CORRECTION_NOTE = "fr-communique__correction"


def with_correction_note(page: bytes, other: SiteEntry, how: str) -> bytes:
    """``page`` (a release page this program wrote) with the note that links it to ``other``:
    on a rectificatif (``how`` is ``replaces``) « Rectifie le N°350 du 3 novembre 2020 », on
    the release it replaces « Rectifié par le rectificatif N°351 », at the end of the page's
    header. A note there already is replaced, so the same links give the same bytes."""
    if not page.lstrip().lower().startswith(b"<!doctype html>"):
        return page  # not a page of ours: left as it is
    tree = lxml_html.document_fromstring(page)
    for old in tree.xpath(f"//p[@class='{CORRECTION_NOTE}']"):
        old.drop_tree()
    headers = tree.xpath("//article/header")
    if not headers:
        return page
    note = etree.SubElement(headers[0], "p", {"class": CORRECTION_NOTE, "role": "note"})
    note.text = "Rectifie le " if how == "replaces" else "Rectifié par le "
    link = etree.SubElement(note, "a", href=other.page)
    link.text = xml_text(
        other.number.strip() if how == "replaces" else f"rectificatif {other.number}".strip()
    )
    link.tail = "."
    if how == "replaces" and other.published:
        link.tail = " du "
        when = etree.SubElement(note, "time", datetime=other.published.isoformat())
        _with_ordinals(when, long_date(other.published))
        when.tail = "."
    rendered: bytes = lxml_html.tostring(
        tree, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"
    )
    return rendered + b"\n"


def newest_first(entries: list[SiteEntry]) -> list[SiteEntry]:
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


# ---------------------------------------------------------------- the index page


def render_index(entries: list[SiteEntry], *, title: str = SITE_TITLE) -> bytes:
    """The list of releases, newest first: date, number, headline linked to its page."""
    style = house_style.HOUSE_STYLE
    root = etree.Element("html", lang="fr", dir="ltr")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    etree.SubElement(head, "meta", name="generator", content=GENERATOR)
    etree.SubElement(head, "title").text = xml_text(title)
    etree.SubElement(
        head,
        "link",
        rel="alternate",
        type="application/atom+xml",
        href=FEED,
        title=f"{xml_text(title)} (flux Atom)",
    )
    etree.SubElement(head, "style").text = (
        f"html{{font-family:{FONT_STACK};color:{TEXT_COLOUR};background:#fff;line-height:1.5}}"
        "body{margin:0}"
        ".fr-container{box-sizing:border-box;max-width:42rem;margin:0 auto;"
        "padding:1.5rem 1rem 3rem;overflow-wrap:break-word}"
        f"h1{{font-size:{style.headline.size / style.body.size * 1.3:.3g}rem;line-height:1.25}}"
        ".fr-communique-list{list-style:none;margin:0;padding:0}"
        ".fr-communique-list li{margin:0 0 1.5rem}"
        ".fr-communique-list h2{font-size:1.1rem;margin:0.2rem 0;line-height:1.3}"
        ".fr-communique-list p{margin:0}"
        f"a{{color:{style.link_colour};text-decoration:underline;overflow-wrap:anywhere}}"
        "a:focus-visible{outline:2px solid currentColor;outline-offset:2px}"
    )
    main = etree.SubElement(etree.SubElement(root, "body"), "main", {"class": "fr-container"})
    etree.SubElement(main, "h1").text = xml_text(title)
    feed = etree.SubElement(main, "p")
    etree.SubElement(feed, "a", href=FEED).text = "S’abonner au flux Atom des communiqués"
    if not entries:
        etree.SubElement(main, "p").text = "Aucun communiqué publié pour l’instant."
    listing = etree.SubElement(main, "ul", {"class": "fr-communique-list"})
    links = corrections(entries)
    for entry in newest_first(entries):
        item = etree.SubElement(listing, "li")
        meta = etree.SubElement(item, "p", {"class": "fr-communique-list__meta"})
        if entry.published:
            when = etree.SubElement(meta, "time", datetime=entry.published.isoformat())
            _with_ordinals(when, long_date(entry.published))
        if entry.number:
            if entry.published:
                when.tail = " – "
            meta_number = etree.SubElement(meta, "span")
            meta_number.text = xml_text(entry.number)
        heading = etree.SubElement(item, "h2")
        etree.SubElement(heading, "a", href=entry.page).text = xml_text(
            entry.headline or entry.page
        )
        link = links.get(entry.page)
        if link is not None:
            other, how = link
            note = etree.SubElement(item, "p", {"class": "fr-communique-list__correction"})
            note.text = "Rectifie le " if how == "replaces" else "Annulé et remplacé par le "
            label = other.number if how == "replaces" else f"rectificatif {other.number}"
            etree.SubElement(note, "a", href=other.page).text = xml_text(label.strip())
    page: bytes = lxml_html.tostring(
        root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"
    )
    return page + b"\n"


# ---------------------------------------------------------------- the Atom feed


def _with_ordinals(parent: Any, text: str) -> None:
    """``text`` in ``parent``, each ordinal's ending superior (``1<sup>er</sup> juin``)."""
    last = None
    for part, superior in ordinal_parts(text):
        if superior:
            last = etree.SubElement(parent, "sup")
            last.text = part
        elif last is None:
            parent.text = (parent.text or "") + part
        else:
            last.tail = (last.tail or "") + part


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def render_feed(
    entries: list[SiteEntry], *, feed_id: str, base_url: str | None = None, title: str = SITE_TITLE
) -> bytes:
    """An Atom feed (RFC 4287): one entry per release, newest first, each with its page as
    ``alternate`` link and its PDF and ODT as ``enclosure`` links."""
    ordered = newest_first(entries)
    links = corrections(entries)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, "fr")
    if base_url:
        feed.set(XML_BASE, base_url if base_url.endswith("/") else base_url + "/")
    _atom(feed, "id", feed_id)
    _atom(feed, "title", title)
    updated = max((e.updated for e in ordered), default=datetime(2000, 1, 1, tzinfo=UTC))
    _atom(feed, "updated", rfc3339(updated))
    publisher = next((e.publisher for e in ordered if e.publisher), "") or "Communiqué"
    _atom(etree.SubElement(feed, f"{{{ATOM}}}author"), "name", publisher)
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=FEED)
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=INDEX)
    _atom(feed, "generator", GENERATOR)
    for entry in ordered:
        item = etree.SubElement(feed, f"{{{ATOM}}}entry")
        _atom(item, "id", entry.id)
        _atom(item, "title", entry.headline or entry.page)
        _atom(item, "updated", rfc3339(entry.updated))
        if entry.published:
            midnight = datetime.combine(entry.published, time(0), tzinfo=PARIS)
            _atom(item, "published", midnight.isoformat(timespec="seconds"))
        if entry.publisher:
            _atom(etree.SubElement(item, f"{{{ATOM}}}author"), "name", entry.publisher)
        if entry.summary:
            _atom(item, "summary", entry.summary)
        etree.SubElement(
            item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.page
        )
        if entry.page in links:
            other = links[entry.page][0]
            etree.SubElement(
                item,
                f"{{{ATOM}}}link",
                rel="related",
                type="text/html",
                href=other.page,
                title=xml_text(other.headline or other.page),
            )
        for enclosure in entry.enclosures:
            etree.SubElement(
                item,
                f"{{{ATOM}}}link",
                rel="enclosure",
                href=enclosure.href,
                type=enclosure.media_type,
                length=str(enclosure.length),
            )
    data: bytes = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data


def read_feed_id(data: bytes) -> str | None:
    """The id of an existing feed, kept so that readers do not see a new feed."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    found = root.findtext(f"{{{ATOM}}}id")
    return found.strip() if found and found.strip() else None


def new_feed_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _atom(parent: Any, tag: str, text: str) -> Any:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = xml_text(text)
    return element
