"""The release as an e-mail a journalist reads: text and HTML bodies, the files attached.

The parts come from the other renderers: the plain text is ``render_text`` (a paragraph a line,
as pasted), the HTML is ``render_fragment`` with the bloc-marque as an inline PNG (``cid:``) and
its styles written on each element, since mail clients drop ``<style>`` and never run a script.
The attachments (the PDF, and the formats asked for) come rendered from the mail use case
(``usecases.mail.compose_message``, through ``usecases.export.render_formats``). Nothing in the
message reaches out: no remote image, no tracking pixel, no rewritten link.

User text is data in the headers too: every header value is folded to one line (a newline in a
headline or a name can never start a new header) and encoded as RFC 2047 asks by the standard
library's ``email`` package; addresses are checked before they are placed.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from desktop.core.errors import CommuniqueError
from desktop.render import house_style
from desktop.render.content import PreparedRelease
from desktop.render.html import (
    FONT_STACK,
    NO_BREAK,
    TEXT_COLOUR,
    VOID_WBR,
    render_fragment,
)
from desktop.render.text import render_text

BRAND_CID_NAME = "bloc-marque"
TEST_PREFIX = "[TEST]"
_SPACES = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")
"""Breakable white space and line breaks; French no-break spaces stay."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


class AddressError(CommuniqueError, ValueError):
    """An address that cannot be placed in a message; the message is French."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str
    subtype: str


def one_line(text: str) -> str:
    """A header value on one line: every run of white space (newlines included) is one space."""
    return _SPACES.sub(" ", text).strip()


def mailbox(address: str, name: str = "") -> Address:
    """An ``Address`` for a header, refusing what is not one e-mail address (a newline, a comma,
    a second ``@``…) with a French message."""
    from desktop.core.addresses import checked_address

    address = address.strip()
    checked = None if _CONTROL.search(address) else checked_address(address)
    if checked is None:
        raise AddressError(f"adresse e-mail invalide : « {one_line(address)} »")
    local, _, domain = checked.rpartition("@")
    return Address(display_name=one_line(name), username=local, domain=domain)


def parse_sender(text: str) -> Address:
    """``Service de presse <presse@exemple.gouv.fr>`` or a bare address."""
    text = text.strip()
    if _CONTROL.search(text):
        raise AddressError("l’expéditeur ne doit tenir que sur une ligne")
    found = re.fullmatch(r"(?:\"?([^\"<>]*?)\"?\s*)?<([^<>]+)>", text)
    if found:
        return mailbox(found.group(2), found.group(1) or "")
    return mailbox(text)


def subject(prepared: PreparedRelease, *, test: bool = False) -> str:
    """The headline, after ``[SOUS EMBARGO jusqu’au … à … h (heure de Paris)]`` when there is an
    embargo, ``[PROJET]`` before that while the release is not approved (a message prepared for
    review never passes for the approved one), and ``[TEST]`` first for a test send."""
    parts = [TEST_PREFIX] if test else []
    if prepared.draft_mark:
        parts.append(f"[{prepared.draft_mark}]")
    if prepared.embargo:
        parts.append(f"[{prepared.embargo}]")
    parts.append(prepared.title)
    return one_line(" ".join(parts))


def build_message(
    prepared: PreparedRelease,
    *,
    sender: Address,
    attachments: Sequence[Attachment],
    brand_png: bytes,
    message_id: str | None = None,
    when: datetime | None = None,
    test: bool = False,
) -> EmailMessage:
    """The whole message: ``multipart/mixed`` holding ``multipart/alternative`` (text, then
    HTML with the bloc-marque as a related image) and the ``attachments``, in their order.
    Addressed to the office itself: recipients are given only to the SMTP envelope."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject(prepared, test=test)
    sender = header_address(sender) or sender
    message["From"] = sender
    message["To"] = sender
    reply_to = _reply_to(prepared)
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime((when or datetime.now(UTC)).astimezone(UTC))
    message["Message-ID"] = message_id or new_message_id(sender)
    message.set_content(render_text(prepared), subtype="plain", charset="utf-8")
    cid = make_msgid(idstring=BRAND_CID_NAME, domain=sender.domain or "communique.invalid")
    message.add_alternative(
        mail_html(prepared, cid[1:-1], brand_size(brand_png)), subtype="html", charset="utf-8"
    )
    html_part = list(message.iter_parts())[1]
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(
        brand_png,
        maintype="image",
        subtype="png",
        cid=cid,
        disposition="inline",
        filename="bloc-marque.png",
    )
    for item in attachments:
        message.add_attachment(
            item.data, maintype=item.maintype, subtype=item.subtype, filename=item.filename
        )
    # Last: set_content and add_attachment move Content-* headers into the parts they make.
    message["Content-Language"] = "fr"
    return message


def new_message_id(sender: Address) -> str:
    return make_msgid(idstring="communique", domain=sender.domain or "communique.invalid")


def _reply_to(prepared: PreparedRelease) -> Address | None:
    """The first press contact with an address a header can carry (see ``header_address``)."""
    for contact in prepared.contacts:
        if contact.email:
            try:
                found = header_address(mailbox(contact.email, contact.name))
            except AddressError:
                continue
            if found is not None:
                return found
    return None


BRAND_PNG_PPI = 600
"""The bloc-marque's picture is drawn at this resolution (``pdf.render_brand_png``)."""
CSS_PPI = 96


def brand_size(png: bytes) -> tuple[int, int] | None:
    """The bloc-marque's size in CSS pixels: the PDF's size, whatever the name's length, so
    that the Marianne symbol is always as tall (a width forced on it would shrink a long
    ministry's symbol to a few pixels)."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 24:
        return None
    width, height = struct.unpack(">II", png[16:24])
    return round(width * CSS_PPI / BRAND_PNG_PPI), round(height * CSS_PPI / BRAND_PNG_PPI)


def header_address(address: Address) -> Address | None:
    """``address`` as a header of an ASCII message carries it: its domain in IDNA
    (``exémple.fr`` as ``xn--exmple-cva.fr``); None when its local part is not ASCII (only an
    SMTPUTF8 message could carry it, and a header encoded word would break it)."""
    if not address.username.isascii():
        return None
    if address.domain.isascii():
        return address
    from email_validator import EmailNotValidError, validate_email

    try:
        domain = validate_email(f"a@{address.domain}", check_deliverability=False).ascii_domain
    except EmailNotValidError:
        return None
    return Address(display_name=address.display_name, username=address.username, domain=domain)


def mail_html(
    prepared: PreparedRelease, brand_cid: str, size: tuple[int, int] | None = None
) -> str:
    """``render_fragment``'s article in a minimal document, the bloc-marque as ``cid:`` image
    with its alternative text at its fixed ``size`` (``brand_size``), each element styled inline
    from the house style."""
    article = lxml_html.fragment_fromstring(render_fragment(prepared))
    for brand in article.iter("div"):
        if "fr-communique__brand" in (brand.get("class") or ""):
            for child in list(brand):
                brand.remove(child)
            etree.SubElement(
                brand,
                "img",
                {
                    "src": f"cid:{brand_cid}",
                    "alt": prepared.brand_alt,
                    **({"width": str(size[0]), "height": str(size[1])} if size is not None else {}),
                    "style": "display:block;border:0",
                },
            )
            break
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        style = _style_for(element)
        if style:
            element.set("style", ";".join(filter(None, (element.get("style"), style))))
    for header in article.iter("header"):  # the stylesheet's header>p:last-child
        if len(header):
            after = house_style.HOUSE_STYLE.meta_after / house_style.HOUSE_STYLE.body.size
            header[-1].set("style", f"{header[-1].get('style', '')};margin-bottom:{after:.3g}em")
    root = etree.Element("html", lang="fr", dir="ltr")
    head = etree.SubElement(root, "head")
    title = etree.SubElement(head, "title")
    title.text = prepared.title
    body = etree.SubElement(root, "body", style="margin:0;padding:0;background:#ffffff")
    holder = etree.SubElement(
        body,
        "div",
        style=(
            f"max-width:42em;margin:0 auto;padding:16px;font-family:{FONT_STACK};"
            f"color:{TEXT_COLOUR};line-height:1.5;font-size:16px"
        ),
    )
    holder.append(article)
    page: str = lxml_html.tostring(
        root, doctype="<!DOCTYPE html>", encoding="unicode", method="html"
    )
    return page.replace(VOID_WBR, "<wbr>") + "\n"


def _style_for(element: Any) -> str:
    style = house_style.HOUSE_STYLE
    classes = set((element.get("class") or "").split())
    base = style.body.size

    def sized(spec: house_style.Paragraph) -> str:
        return (
            f"font-size:{spec.size / base:.3g}em;font-weight:{'700' if spec.bold else '400'};"
            f"margin:0 0 {spec.after / spec.size:.3g}em"
        )

    if "fr-communique__embargo" in classes:
        box = style.embargo
        return (
            f"{sized(style.embargo_text)};color:{box.colour};"
            f"border:2px solid {box.colour};padding:6px 10px"
        )
    if "fr-communique__projet" in classes:
        mark = style.draft_mark
        return (
            f"{sized(style.embargo_text)};color:{mark.colour};"
            f"border:2px dashed {mark.colour};padding:6px 10px"
        )
    if "fr-communique__delivery" in classes:  # a speech's « Seul le prononcé fait foi »
        return (
            f"{sized(style.delivery)};color:{style.link_colour};"
            f"border:2px solid {style.link_colour};padding:6px 10px"
        )
    for name, spec in (
        ("fr-communique__speaker", style.section),
        ("fr-communique__subtitle", style.chapter),
        ("fr-communique__kind", style.kind),
        ("fr-communique__headline", style.headline),
        ("fr-communique__dateline", style.dateline),
        ("fr-communique__number", style.number),
    ):
        if name in classes:
            return sized(spec)
    if "fr-communique__brand" in classes:
        return f"margin:0 0 {style.brand_after / base:.3g}em"
    if NO_BREAK in classes:  # an address's hyphen held to the next character
        return "white-space:nowrap"
    tag = element.tag
    if tag == "a":
        return f"color:{style.link_colour};text-decoration:underline"
    if tag == "h2":
        in_body = element.getparent() is not None and "fr-communique__body" in (
            element.getparent().get("class") or ""
        )
        return sized(style.chapter if in_body else style.contacts_heading)
    if tag == "h3":
        return sized(style.section)
    if tag in ("th", "td"):
        return f"border:1px solid {style.table_rule};padding:4px 6px;text-align:left"
    if tag == "table":
        return f"border-collapse:collapse;margin:0 0 {style.table_after / base:.3g}em"
    if tag == "address":
        return "font-style:normal"
    if tag == "p":
        return f"margin:0 0 {style.body.after / base:.3g}em"
    if tag == "ul":
        return f"margin:0 0 {style.list_after / base:.3g}em;padding-left:1.5em"
    return ""


def attachment_stem(number: int | None, date_text: str | None) -> str:
    """An ASCII file name for the attachments: ``communique-2020-11-03-n350``."""
    parts = ["communique", *(p for p in (date_text, f"n{number}" if number else None) if p)]
    return "-".join(parts)
