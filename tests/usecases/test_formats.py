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
    assert formats.names() == ("docx", "pdf", "odt", "html", "txt")
    assert [f.name for f in formats.published()] == ["pdf", "odt"]
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
