"""``communique publish``: a press-room folder with one page per release, an index and an Atom
feed; pages already there are kept, ids are stable, embargoed releases wait."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from desktop.cli import main
from desktop.core.model import Release
from desktop.core.typography import french
from desktop.services.drafts import load_draft, save_draft

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def assert_valid_atom(data: bytes) -> etree._Element:
    """The constraints of RFC 4287 a reader relies on: one id, title and updated per feed and
    entry (4.1.1, 4.1.2), an author for every entry (4.1.1), RFC 3339 dates (3.3), at most one
    alternate link per type and language (4.1.1), ids that are absolute IRIs (4.2.6)."""
    root = etree.fromstring(data)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for element in [root, *root.findall("a:entry", ATOM)]:
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"a:{required}", ATOM)) == 1, (required, element.tag)
        ident = element.findtext("a:id", namespaces=ATOM)
        assert ident.startswith(("urn:uuid:", "https://", "tag:")), ident
        for stamp in element.xpath("a:updated | a:published", namespaces=ATOM):
            parsed = datetime.fromisoformat(stamp.text.replace("Z", "+00:00"))
            assert parsed.tzinfo is not None and "T" in stamp.text
        alternates = element.xpath("a:link[@rel='alternate']/@type", namespaces=ATOM)
        assert len(alternates) == len(set(alternates))
    has_feed_author = root.find("a:author/a:name", ATOM) is not None
    for entry in root.findall("a:entry", ATOM):
        assert has_feed_author or entry.find("a:author/a:name", ATOM) is not None
        for link in entry.findall("a:link", ATOM):
            assert link.get("href")
    return root


def draft_of(folder: Path, seed: Release, name: str, **changes: object) -> Path:
    path = folder / f"{name}.communique"
    save_draft(replace(seed, **changes), path)  # type: ignore[arg-type]
    return path


@pytest.fixture
def seed(example_path: Path) -> Release:
    return load_draft(example_path)


def entries(site: Path) -> list[tuple[str, str]]:
    root = assert_valid_atom((site / "feed.xml").read_bytes())
    return [
        (
            e.findtext("a:id", namespaces=ATOM),
            e.xpath("a:link[@rel='alternate']/@href", namespaces=ATOM)[0],
        )
        for e in root.findall("a:entry", ATOM)
    ]


def test_publish_builds_the_folder(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "presse"
    assert main(["publish", str(example_path), "--site", str(site)]) == 0
    assert sorted(p.name for p in site.iterdir()) == [
        "2020-11-03-n350.html",
        "2020-11-03-n350.odt",
        "2020-11-03-n350.pdf",
        "feed.xml",
        "index.html",
    ]
    root = assert_valid_atom((site / "feed.xml").read_bytes())
    entry = root.find("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM).startswith("Jacqueline Gourault")
    assert entry.findtext("a:summary", namespaces=ATOM).startswith("Le Territoire")
    enclosures = entry.xpath("a:link[@rel='enclosure']", namespaces=ATOM)
    assert [(e.get("href"), e.get("type")) for e in enclosures] == [
        ("2020-11-03-n350.pdf", "application/pdf"),
        ("2020-11-03-n350.odt", "application/vnd.oasis.opendocument.text"),
    ]
    assert int(enclosures[0].get("length")) == (site / "2020-11-03-n350.pdf").stat().st_size
    index = lxml_html.document_fromstring((site / "index.html").read_bytes())
    assert index.xpath("//main//h2/a/@href") == ["2020-11-03-n350.html"]
    assert "3\u00a0novembre 2020 – N°350" in index.xpath("string(//main//li/p)")
    page = lxml_html.document_fromstring((site / "2020-11-03-n350.html").read_bytes())
    assert page.xpath("//ul[@class='fr-communique__files']//a/@href") == [
        "2020-11-03-n350.pdf",
        "2020-11-03-n350.odt",
        "index.html",
    ]
    assert str(site / "feed.xml") in capsys.readouterr().out


def test_a_second_run_keeps_earlier_pages_and_ids_newest_first(
    tmp_path: Path, seed: Release
) -> None:
    site = tmp_path / "presse"
    first = draft_of(tmp_path, seed, "a")
    assert main(["publish", str(first), "--site", str(site)]) == 0
    feed_id = etree.fromstring((site / "feed.xml").read_bytes()).findtext("a:id", namespaces=ATOM)
    before = entries(site)
    second = draft_of(
        tmp_path, seed, "b", number=351, date=date(2020, 11, 5), headline="Un second communiqué"
    )
    older = draft_of(
        tmp_path,
        seed,
        "c",
        number=349,
        date=date(2020, 10, 1),
        headline="Un communiqué plus ancien",
    )
    assert main(["publish", str(second), str(older), "--site", str(site)]) == 0
    after = entries(site)
    assert [href for _id, href in after] == [
        "2020-11-05-n351.html",
        "2020-11-03-n350.html",
        "2020-10-01-n349.html",
    ]
    assert before[0] in after  # the first page's entry, same id
    again = etree.fromstring((site / "feed.xml").read_bytes())
    assert again.findtext("a:id", namespaces=ATOM) == feed_id
    index = lxml_html.document_fromstring((site / "index.html").read_bytes())
    assert index.xpath("//main//h2/a/@href") == [href for _id, href in after]
    # Publishing the same drafts again changes no id.
    assert main(["publish", str(first), str(second), str(older), "--site", str(site)]) == 0
    assert entries(site) == after


def test_a_page_that_is_not_a_release_is_left_alone(tmp_path: Path, example_path: Path) -> None:
    site = tmp_path / "presse"
    site.mkdir()
    (site / "mentions-legales.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    assert main(["publish", str(example_path), "--site", str(site)]) == 0
    assert (site / "mentions-legales.html").read_text(encoding="utf-8").endswith("x</title>")
    assert [href for _id, href in entries(site)] == ["2020-11-03-n350.html"]


def test_an_embargoed_release_waits(
    tmp_path: Path, seed: Release, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "presse"
    later = datetime.now(UTC) + timedelta(days=2)
    draft = draft_of(tmp_path, seed, "e", embargo=later)
    assert main(["publish", str(draft), "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "sous embargo jusqu’au" in err and "--include-embargoed" in err
    assert not site.exists()
    assert main(["publish", str(draft), "--site", str(site), "--include-embargoed"]) == 0
    assert len(entries(site)) == 1
    page = (site / "2020-11-03-n350.html").read_text(encoding="utf-8")
    assert "SOUS EMBARGO" in page


def test_an_embargo_passed_is_published(tmp_path: Path, seed: Release) -> None:
    draft = draft_of(tmp_path, seed, "p", embargo=datetime(2020, 11, 3, 10, tzinfo=UTC))
    assert main(["publish", str(draft), "--site", str(tmp_path / "s")]) == 0


def test_one_refused_release_does_not_stop_the_others(tmp_path: Path, seed: Release) -> None:
    site = tmp_path / "presse"
    good = draft_of(tmp_path, seed, "g")
    bad = draft_of(tmp_path, seed, "h", headline="", number=400)
    assert main(["publish", str(bad), str(good), "--site", str(site)]) == 2
    assert [href for _id, href in entries(site)] == ["2020-11-03-n350.html"]


def test_hostile_headline_in_the_feed_and_index(tmp_path: Path, seed: Release) -> None:
    site = tmp_path / "presse"
    headline = "</title><script>alert(1)</script> ]]> & <![CDATA[x]]>"
    draft = draft_of(tmp_path, seed, "x", headline=headline)
    assert main(["publish", str(draft), "--site", str(site)]) == 0
    root = assert_valid_atom((site / "feed.xml").read_bytes())
    shown = french(headline)  # typography only: a no-break space before « ! »
    assert root.find("a:entry/a:title", ATOM).text == shown
    index = lxml_html.document_fromstring((site / "index.html").read_bytes())
    assert not index.xpath("//script")
    assert index.xpath("string(//main//h2/a)") == shown


def test_site_that_is_a_file_is_refused(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "fichier"
    site.write_text("x", encoding="utf-8")
    assert main(["publish", str(example_path), "--site", str(site)]) == 1
    assert "n’est pas un dossier" in capsys.readouterr().err


def test_url_must_be_a_web_address(tmp_path: Path, example_path: Path) -> None:
    assert (
        main(
            [
                "publish",
                str(example_path),
                "--site",
                str(tmp_path / "s"),
                "--url",
                "javascript:alert(1)",
            ]
        )
        == 2
    )
    assert (
        main(
            [
                "publish",
                str(example_path),
                "--site",
                str(tmp_path / "s"),
                "--url",
                "https://presse.example.gouv.fr/communiques",
            ]
        )
        == 0
    )
    root = etree.fromstring((tmp_path / "s" / "feed.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == (
        "https://presse.example.gouv.fr/communiques/"
    )
