"""The press room's pages link to each other: a rectificatif's page to the release it corrects
(« Rectifie le N°1 du … »), and the original's page, written again, to its rectificatif
(« Rectifié par le rectificatif N°2 »), read back from the HTML and followed in Chromium; and
pages published before pages were named by identity are recognised and replaced."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from desktop.cli import main
from desktop.core.model import Release
from desktop.render.site import CORRECTION_NOTE, read_entry
from desktop.services.drafts import load_draft, save_draft
from tests.render.browser import open_page
from tests.test_cli_mail import approve
from tests.test_cli_publish import entries


def note(page: Path) -> tuple[str, list[str]]:
    """The correction note of a page: its words and its links."""
    tree = lxml_html.document_fromstring(page.read_bytes())
    found = tree.xpath(f"//article/header/p[@class='{CORRECTION_NOTE}']")
    assert len(found) == 1, page
    words = " ".join(found[0].text_content().split())
    return words, [str(a.get("href")) for a in found[0].iter("a")]


@pytest.fixture
def original_and_rectificatif(tmp_path: Path, example_path: Path) -> tuple[Path, Path]:
    """The seed numbered N°1 and its rectificatif N°2, both approved."""
    original = tmp_path / "seed.communique"
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data.pop("number", None)
    original.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["issue", "--start", "1", str(original)]) == 0
    fixed = tmp_path / "rectificatif.communique"
    assert main(["correct", str(load_draft(original).number), "--output", str(fixed)]) == 0
    assert main(["issue", str(fixed)]) == 0
    approve(original)
    approve(fixed)
    return original, fixed


def publish(site: Path, *drafts: Path) -> None:
    assert main(["publish", *map(str, drafts), "--site", str(site)]) == 0


def pages(site: Path) -> tuple[Path, Path]:
    """The original's page and the rectificatif's."""
    found = sorted(site.glob("2*.html"))
    fixed = next(p for p in found if "Rectificatif" in p.read_text(encoding="utf-8"))
    return next(p for p in found if p != fixed), fixed


def test_the_original_s_page_is_written_again_with_a_link_to_its_rectificatif(
    tmp_path: Path, original_and_rectificatif: tuple[Path, Path]
) -> None:
    original, fixed = original_and_rectificatif
    site = tmp_path / "presse"
    publish(site, original)  # first the release alone: no note
    [first] = site.glob("2*.html")
    assert CORRECTION_NOTE.encode() not in first.read_bytes()
    publish(site, fixed)  # then its rectificatif, alone
    original_page, fixed_page = pages(site)
    assert original_page == first
    words, links = note(fixed_page)
    assert words.startswith("Rectifie le N°1 du ") and links == [original_page.name]
    assert words == f"Rectifie le N°1 du {' '.join(words.split()[4:7])}"
    words, links = note(original_page)
    assert words == "Rectifié par le rectificatif N°2." and links == [fixed_page.name]
    # the page written again is still a release page of ours, listed once
    entry = read_entry(original_page.name, original_page.read_bytes())
    assert entry is not None and entry.number == "N°1"
    assert len(entries(site)) == 2
    # once linked, publishing again changes neither page
    before = {p: p.read_bytes() for p in (original_page, fixed_page)}
    stamp = original_page.stat()
    publish(site, fixed)
    assert (original_page.stat().st_ino, original_page.stat().st_mtime_ns) == (
        stamp.st_ino,
        stamp.st_mtime_ns,
    )
    assert original_page.read_bytes() == before[original_page]


def test_published_together_both_pages_link(
    tmp_path: Path, original_and_rectificatif: tuple[Path, Path]
) -> None:
    site = tmp_path / "presse"
    publish(site, *original_and_rectificatif)
    original_page, fixed_page = pages(site)
    assert note(original_page)[1] == [fixed_page.name]
    assert note(fixed_page)[1] == [original_page.name]


def test_the_links_lead_from_page_to_page_in_chromium(
    chromium: Any, tmp_path: Path, original_and_rectificatif: tuple[Path, Path]
) -> None:
    site = tmp_path / "presse"
    publish(site, *original_and_rectificatif)
    original_page, fixed_page = pages(site)
    page = open_page(chromium, fixed_page, 1280)
    link = page.get_by_role("note").filter(has_text="Rectifie le").get_by_role("link")
    assert link.inner_text() == "N°1"
    link.click()
    page.wait_for_url(original_page.as_uri())
    back = page.get_by_role("note").filter(has_text="Rectifié par").get_by_role("link")
    assert back.inner_text() == "rectificatif N°2"
    if shots := os.environ.get("COMMUNIQUE_SHOTS"):
        page.screenshot(path=str(Path(shots) / "page-rectifiee.png"))
    back.click()
    page.wait_for_url(fixed_page.as_uri())
    assert page.requests_made == [fixed_page.as_uri(), original_page.as_uri(), fixed_page.as_uri()]


# ---------------------------------------------------------------- the naming before identities


def test_a_page_of_the_older_naming_is_replaced_by_the_same_release(
    tmp_path: Path, example_path: Path
) -> None:
    """Before identities, a page was named by its date and number and given an id of its name
    (what the program still does for a release without identity): the same release, now with
    an identity, replaces it instead of being listed twice."""
    site = tmp_path / "presse"
    seed = load_draft(example_path)
    path = tmp_path / "seed.communique"
    save_draft(replace(seed, identity=None), path)
    other = tmp_path / "autre.communique"
    save_draft(replace(seed, identity=None, number=351, headline="Un autre"), other)
    publish(site, path, other)
    old = site / "2020-11-03-n350.html"
    assert old.exists() and (site / "2020-11-03-n350.pdf").exists()
    assert len(entries(site)) == 2
    release: Release = replace(load_draft(path), identity=str(uuid.uuid4()))
    save_draft(release, path)
    publish(site, path)
    names = sorted(p.name for p in site.iterdir())
    assert not any(n.startswith("2020-11-03-n350.") for n in names), names
    assert len(entries(site)) == 2  # this release once, the other one kept
    assert (site / "2020-11-03-n351.html").exists()
    tree = lxml_html.document_fromstring((site / "index.html").read_bytes())
    links = [str(a) for a in tree.xpath("//ul//h2/a/@href")]
    assert len(links) == 2 and "2020-11-03-n350.html" not in links


def test_an_original_page_that_is_a_link_is_left_alone(
    tmp_path: Path, original_and_rectificatif: tuple[Path, Path]
) -> None:
    original, fixed = original_and_rectificatif
    site = tmp_path / "presse"
    publish(site, original)
    [page] = site.glob("2*.html")
    elsewhere = tmp_path / "ailleurs.html"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    publish(site, fixed)  # published all the same
    assert page.is_symlink() and elsewhere.read_bytes() == before
