"""The release as an e-mail: structure, French headers, no injection, the .eml read back."""

from __future__ import annotations

import email
import re
import shutil
from dataclasses import replace
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.cli import main
from desktop.core.model import Contact, plain_paragraph
from desktop.render.content import prepare
from desktop.render.mail import (
    AddressError,
    Attachment,
    build_message,
    mailbox,
    parse_sender,
    subject,
)
from desktop.render.text import render_text
from desktop.services.drafts import load_draft

SENDER = "Service de presse <presse@example.gouv.fr>"
PDF = Attachment("c.pdf", b"%PDF-1.7", "application", "pdf")


def read_back(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture
def seed_eml(tmp_path: Path, example_path: Path) -> tuple[Path, EmailMessage]:
    draft = tmp_path / "seed.communique"
    shutil.copy(example_path, draft)
    target = tmp_path / "a.eml"
    assert main(["mail", str(draft), "--eml", str(target), "--from", SENDER]) == 0
    return draft, read_back(target.read_bytes())


def test_the_eml_holds_the_whole_release_in_reading_order(
    seed_eml: tuple[Path, EmailMessage], example_path: Path
) -> None:
    _, message = seed_eml
    assert message.get_content_type() == "multipart/mixed"
    assert message["X-Unsent"] == "1"
    assert message["Content-Language"] == "fr"
    alternative = next(message.iter_parts())
    assert alternative.get_content_type() == "multipart/alternative"
    kinds = [p.get_content_type() for p in alternative.iter_parts()]
    assert kinds == ["text/plain", "multipart/related"]
    prepared = prepare(load_draft(example_path))
    text_part = message.get_body(("plain",))
    assert text_part is not None
    text = text_part.get_content()
    assert text.replace("\r\n", "\n") == render_text(prepared)  # the text format, as it is
    # paragraphs unwrapped (render.text); on the wire the part is encoded, so that no line of
    # the message passes RFC 5322's 78 characters
    assert text_part["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert max(len(line) for line in message.as_bytes().splitlines()) <= 78
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    # An address's <wbr> and held hyphens are inside a word: they join, as a reader sees it.
    joined = re.sub(r"</?(?:wbr|span)\b[^>]*>", "", html.split("<body", 1)[1])
    plain = words(re.sub(r"<[^>]+>", " ", joined))
    places = [
        plain.find(words(fragment))
        for fragment in (
            prepared.kind,
            "Jacqueline Gourault et Agnès",
            "Paris, le 3 novembre 2020",
            "N°350",
            "Le Territoire d’industrie de Béthune-Bruay",
            "France Relance",
            "Cabinet A. Pannier-Runacher",
            "presse@industrie.gouv.fr",
        )
    ]
    assert -1 not in places and places == sorted(places)
    assert "<script" not in html and "http" not in re.sub(r'href="[^"]*"', "", html)


def test_the_bloc_marque_is_an_inline_image_with_alt_text(
    seed_eml: tuple[Path, EmailMessage],
) -> None:
    _, message = seed_eml
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    cid = re.search(r'<img src="cid:([^"]+)" alt="([^"]+)"', html)
    assert cid is not None and "GOUVERNEMENT" in cid.group(2)
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1
    assert images[0]["Content-ID"].strip() == f"<{cid.group(1)}>"
    assert images[0].get_content().startswith(b"\x89PNG")


def test_the_pdf_is_attached_and_is_the_release(
    seed_eml: tuple[Path, EmailMessage], tmp_path: Path
) -> None:
    _, message = seed_eml
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["communique-2020-11-03-n350.pdf"]
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(attachments[0].get_content())
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Béthune" in text


def test_headers(seed_eml: tuple[Path, EmailMessage]) -> None:
    _, message = seed_eml
    assert str(message["From"]) == SENDER
    assert str(message["To"]) == SENDER  # addressed to the office itself
    assert "communication.jg@cohesion-territoires.gouv.fr" in str(message["Reply-To"])
    assert message["Message-ID"].endswith("@example.gouv.fr>")
    assert message["Subject"].startswith("Jacqueline Gourault et Agnès Pannier-Runacher")
    assert "Cc" not in message and "Bcc" not in message


def test_french_headers_are_encoded_as_rfc_2047_asks(example_path: Path) -> None:
    raw = build_message(
        prepare(load_draft(example_path)),
        sender=parse_sender("Service de presse du ministère <p@example.gouv.fr>"),
        attachments=[PDF],
        brand_png=b"\x89PNG",
    ).as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    assert b"=?utf-8?" in head
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    assert read_back(raw)["From"].addresses[0].display_name == "Service de presse du ministère"


def test_the_embargo_is_in_the_subject(example_path: Path) -> None:
    release = replace(
        load_draft(example_path),
        embargo=datetime(2020, 11, 5, 10, 0, tzinfo=ZoneInfo("Europe/Paris")),
    )
    assert subject(prepare(release)).startswith(
        "[SOUS EMBARGO jusqu’au jeudi 5\u00a0novembre 2020 à 10\u00a0h (heure de Paris)] Jacqueline"
    )
    assert subject(prepare(release), test=True).startswith("[TEST] [SOUS EMBARGO")


@pytest.mark.parametrize(
    "headline",
    [
        "Titre\r\nBcc: espion@example.org",
        "Titre\nTo: x@example.org",
        "Titre\u2028Cc: y@z.fr",
        "Titre\rX-Evil: 1",
        "Titre\x85Bcc: a@b.fr",
    ],
)
def test_a_newline_in_the_headline_cannot_add_a_header(example_path: Path, headline: str) -> None:
    release = replace(load_draft(example_path), headline=headline)
    message = build_message(
        prepare(release),
        sender=parse_sender(SENDER),
        attachments=[PDF],
        brand_png=b"\x89PNG",
    )
    back = read_back(message.as_bytes())
    assert back["Bcc"] is None and back["Cc"] is None and back["X-Evil"] is None
    assert [str(a) for a in back["To"].addresses] == [SENDER]
    assert "\n" not in back["Subject"] and "\r" not in back["Subject"]


@pytest.mark.parametrize(
    "address",
    [
        "a@example.org\r\nBcc: b@example.org",
        "a@example.org\nBcc: b@example.org",
        "a@example.org, b@example.org",
        "Bob <a@example.org>",
        "a@b@example.org",
        "",
        "a@\u2028b.fr",
    ],
)
def test_an_address_that_is_not_one_is_refused(address: str) -> None:
    with pytest.raises(AddressError):
        mailbox(address)


def test_a_contact_name_with_a_newline_stays_in_reply_to(example_path: Path) -> None:
    release = replace(
        load_draft(example_path),
        contacts=(Contact(name="Cabinet\r\nBcc: x@example.org", email="presse@example.gouv.fr"),),
    )
    message = build_message(
        prepare(release),
        sender=parse_sender(SENDER),
        attachments=[PDF],
        brand_png=b"\x89PNG",
    )
    back = read_back(message.as_bytes())
    assert back["Bcc"] is None
    assert back["Reply-To"].addresses[0].addr_spec == "presse@example.gouv.fr"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_any_headline_reads_back_as_one_subject_line(headline: str) -> None:
    from desktop.core.text import clean_text

    release = replace(
        load_draft(Path(__file__).parents[2] / "resources" / "examples" / "seed.communique"),
        headline=clean_text(headline),
        body=(plain_paragraph("x"),),
    )
    prepared = prepare(release)
    message = build_message(
        prepared, sender=parse_sender(SENDER), attachments=[PDF], brand_png=b"\x89PNG"
    )
    back = read_back(message.as_bytes())
    assert sorted(back.keys()) == sorted(
        [
            "Subject",
            "From",
            "To",
            "Reply-To",
            "Date",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "Content-Language",
        ]
    )
    assert back["Subject"] == subject(prepared)


def test_a_release_with_errors_is_refused(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "bad.communique"
    draft.write_text(
        example_path.read_text(encoding="utf-8").replace(
            '"headline": "', '"headline": "" , "x_old": "'
        ),
        encoding="utf-8",
    )
    target = tmp_path / "bad.eml"
    assert main(["mail", str(draft), "--eml", str(target), "--from", SENDER]) == 2
    assert not target.exists()
    assert "envoi refusé" in capsys.readouterr().err


def test_without_a_sender_it_says_how_to_give_one(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mail", str(example_path), "--eml", str(tmp_path / "a.eml")]) == 2
    assert "COMMUNIQUE_SENDER" in capsys.readouterr().err
    assert (
        main(
            [
                "mail",
                str(example_path),
                "--eml",
                str(tmp_path / "a.eml"),
                "--from",
                "Presse <presse@example.gouv.fr>\nBcc: x@y.fr",
            ]
        )
        == 2
    )


def test_odt_and_docx_attached_when_asked(tmp_path: Path, example_path: Path) -> None:
    target = tmp_path / "a.eml"
    assert (
        main(["mail", str(example_path), "--eml", str(target), "--from", SENDER, "--odt", "--docx"])
        == 0
    )
    names = [a.get_filename() for a in read_back(target.read_bytes()).iter_attachments()]
    assert names == [  # the PDF of every message, then the others in the registry's order
        "communique-2020-11-03-n350.pdf",
        "communique-2020-11-03-n350.docx",
        "communique-2020-11-03-n350.odt",
    ]
