"""The format registry (issue 19, item 3): a format registered with one line is a flag of
``communique export``, a file of ``communique publish`` (the window's menu: tests/gui)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from desktop.cli import build_parser, main
from desktop.usecases import formats
from desktop.usecases.formats import Format
from tests.helpers import markdown_format


@pytest.fixture
def markdown() -> Iterator[Format]:
    fmt = formats.register(markdown_format())  # the one line a new format needs
    yield fmt
    formats.unregister(fmt.name)


def test_the_built_in_formats() -> None:
    assert formats.names() == ("docx", "pdf", "odt", "html", "txt", "ics")
    assert [f.name for f in formats.published()] == ["pdf", "odt", "ics"]
    assert all(
        f.suffix.startswith(".") and f.file_filter.endswith(f"(*{f.suffix})")
        for f in formats.all_formats()
    )


def test_a_name_or_suffix_is_registered_once(markdown: Format) -> None:
    with pytest.raises(ValueError, match="already registered"):
        formats.register(markdown)


def test_a_new_format_is_a_flag_of_export(
    markdown: Format, tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(["export", "x.communique", "--md", "a.md"])
    assert args.md == Path("a.md")
    target = tmp_path / "cp.md"
    assert main(["export", str(example_path), "--md", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Jacqueline Gourault")
    assert str(target) in capsys.readouterr().out
    assert main(["export", str(example_path), "--md", str(tmp_path / "cp.txt")]) == 2
    assert "doit se terminer par «" in capsys.readouterr().err


def test_a_new_published_format_is_in_the_press_room(
    markdown: Format, tmp_path: Path, example_path: Path
) -> None:
    site = tmp_path / "presse"
    assert main(["publish", str(example_path), "--site", str(site)]) == 0
    assert (site / "2020-11-03-n350.md").read_text(encoding="utf-8").startswith("# Jacqueline")
    page = lxml_html.document_fromstring((site / "2020-11-03-n350.html").read_bytes())
    assert page.xpath("//ul[@class='fr-communique__files']//a/text()") == [
        "Version PDF",
        "Version ODT (modifiable)",
        "Version Markdown",
        "Tous les communiqués",
    ]
    feed = etree.fromstring((site / "feed.xml").read_bytes())
    types = feed.xpath(
        "//a:link[@rel='enclosure']/@type", namespaces={"a": "http://www.w3.org/2005/Atom"}
    )
    assert types == ["application/pdf", "application/vnd.oasis.opendocument.text", "text/markdown"]


def test_the_files_an_e_mail_carries() -> None:
    assert [f.name for f in formats.attached()] == ["pdf", "ics"]  # the .ics: when it has one
    assert [f.name for f in formats.attached_on_request()] == ["docx", "odt"]
    assert [f.name for f in formats.attached(["odt", "docx"])] == ["pdf", "ics", "docx", "odt"]
    with pytest.raises(ValueError, match="not attached on request"):
        formats.attached(["html"])
    assert formats.ODT.attach_help == "joindre aussi l’ODT"
    assert formats.DOCX.attach_help == "joindre aussi le DOCX"


def test_a_new_format_attached_on_request_is_a_flag_of_mail(
    tmp_path: Path, example_path: Path
) -> None:
    import email
    from dataclasses import replace
    from email import policy

    fmt = formats.register(replace(markdown_format(), mail=formats.ON_REQUEST))
    try:
        target = tmp_path / "a.eml"
        sender = "Presse <presse@example.gouv.fr>"
        assert (
            main(["mail", str(example_path), "--eml", str(target), "--from", sender, "--md"]) == 0
        )
    finally:
        formats.unregister(fmt.name)
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    parts = [(a.get_filename(), a.get_content_type()) for a in message.iter_attachments()]
    assert parts == [
        ("communique-2020-11-03-n350.pdf", "application/pdf"),
        ("communique-2020-11-03-n350.md", "text/markdown"),
    ]
