"""``communique publish`` overwrites nothing it did not make: one page per release identity, a
foreign ``index.html``/``feed.xml`` refused (or replaced with ``--force``, said), links of a
hostile page never printed unless http(s), a re-publication replacing its earlier page and
entry, concurrent runs in real processes losing nothing; a rectificatif labelled and dated the
day it is made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from desktop.cli import main
from desktop.core.embargo import PARIS
from desktop.core.model import Release
from desktop.services.drafts import load_draft, save_draft
from tests.test_cli_mail import approve
from tests.test_cli_publish import ATOM, assert_valid_atom, entries

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def seed(example_path: Path) -> Release:
    return load_draft(example_path)


def draft(folder: Path, seed: Release, name: str, **changes: object) -> Path:
    path = folder / f"{name}.communique"
    release = replace(seed, identity=str(uuid.uuid4()), **changes)  # type: ignore[arg-type]
    save_draft(release, path)
    return path


def index_links(site: Path) -> list[str]:
    tree = lxml_html.document_fromstring((site / "index.html").read_bytes())
    return [str(a) for a in tree.xpath("//ul//h2/a/@href")]


# ---------------------------------------------------------------- foreign files


@pytest.mark.parametrize("name", ["index.html", "feed.xml"])
def test_a_foreign_index_or_feed_is_refused_then_replaced_with_force(
    tmp_path: Path, seed: Release, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "presse"
    site.mkdir()
    theirs = b"<html><body>Le site du ministere</body></html>\n"
    (site / name).write_bytes(theirs)
    one = draft(tmp_path, seed, "un")
    assert main(["publish", str(one), "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert (
        f"«\u00a0{name}\u00a0»" in err
        and "pas été écrit par Communiqué" in err
        and "--force" in err
    )
    assert (site / name).read_bytes() == theirs
    assert sorted(p.name for p in site.iterdir()) == [name]  # nothing written
    assert main(["publish", str(one), "--site", str(site), "--force"]) == 0
    err = capsys.readouterr().err
    assert "n’avait pas été écrit par Communiqué, est remplacé (--force)" in err
    assert (site / name).read_bytes() != theirs
    assert main(["publish", str(one), "--site", str(site)]) == 0  # ours now


def test_a_hostile_page_s_javascript_links_are_not_printed(tmp_path: Path, seed: Release) -> None:
    site = tmp_path / "presse"
    site.mkdir()
    assert main(["publish", str(draft(tmp_path, seed, "un")), "--site", str(site)]) == 0
    page = next(p for p in site.glob("2020-*.html"))
    hostile = page.read_bytes().replace(b'"contentUrl": "', b'"contentUrl": "javascript:alert(1)//')
    assert b"javascript:" in hostile
    (site / "piege.html").write_bytes(hostile.replace(b"urn:uuid:", b"urn:uuid:0"))
    assert (
        main(["publish", str(draft(tmp_path, seed, "deux", number=351)), "--site", str(site)]) == 0
    )
    for name in ("index.html", "feed.xml"):
        assert b"javascript:" not in (site / name).read_bytes()


# ---------------------------------------------------------------- one page per release


def test_two_releases_with_one_number_get_two_pages(tmp_path: Path, seed: Release) -> None:
    site = tmp_path / "presse"
    first = draft(tmp_path, seed, "un", headline="Premier communiqué")
    second = draft(tmp_path, seed, "deux", headline="Second communiqué")  # N°350 too
    assert main(["publish", str(first), str(second), "--site", str(site)]) == 0
    pages = sorted(p.name for p in site.glob("2020-*.html"))
    assert len(pages) == 2 and len(list(site.glob("2020-*.pdf"))) == 2
    assert len(entries(site)) == 2


def test_republishing_after_a_date_fix_replaces_the_page_and_the_entry(
    tmp_path: Path, seed: Release
) -> None:
    site = tmp_path / "presse"
    path = draft(tmp_path, seed, "un", date=date(2020, 11, 30))
    assert main(["publish", str(path), "--site", str(site)]) == 0
    [(first_id, first_page)] = entries(site)
    release = load_draft(path)
    save_draft(replace(release, date=date(2020, 11, 3)), path)
    assert main(["publish", str(path), "--site", str(site)]) == 0
    [(second_id, second_page)] = entries(site)
    assert second_id == first_id and second_page != first_page
    assert second_page.startswith("2020-11-03")
    names = sorted(p.name for p in site.iterdir())
    assert not any(n.startswith("2020-11-30") for n in names), names  # the wrong date is gone
    assert index_links(site) == [second_page]
    root = assert_valid_atom((site / "feed.xml").read_bytes())
    [entry] = root.findall("a:entry", ATOM)
    assert entry.findtext("a:updated", namespaces=ATOM)


def _publish(site: Path, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "publish", str(path), "--site", str(site)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_runs_lose_no_entry(tmp_path: Path, seed: Release) -> None:
    drafts = [draft(tmp_path, seed, f"c{i}", number=400 + i) for i in range(4)]
    for attempt in range(3):
        site = tmp_path / f"presse{attempt}"
        site.mkdir()
        runs = [_publish(site, path) for path in drafts]
        for run in runs:
            _out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
        assert len(index_links(site)) == len(drafts)
        assert len(entries(site)) == len(drafts)


# ---------------------------------------------------------------- a rectificatif


def test_a_rectificatif_is_labelled_and_dated_the_day_it_is_made(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "seed.communique"
    original.write_bytes(example_path.read_bytes())
    data = json.loads(original.read_text(encoding="utf-8"))
    data.pop("number", None)
    original.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["issue", "--start", "1", str(original)]) == 0
    label = load_draft(original).numbering
    assert label is not None
    capsys.readouterr()
    fixed = tmp_path / "rectificatif.communique"
    assert main(["correct", str(load_draft(original).number), "--output", str(fixed)]) == 0
    correction = load_draft(fixed)
    assert correction.date == datetime.now(PARIS).date()
    assert correction.date != load_draft(original).date
    assert main(["issue", "--start", "1", str(fixed)]) == 0
    approve(original)
    approve(fixed)
    site = tmp_path / "presse"
    assert main(["publish", str(original), str(fixed), "--site", str(site)]) == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    headline = load_draft(original).headline
    title = f"Rectificatif du {label.label}\u00a0: "
    assert title in index and title in feed
    page = next(p for p in site.glob("2*.html") if "Rectificatif" in p.read_text(encoding="utf-8"))
    tree = lxml_html.document_fromstring(page.read_bytes())
    assert tree.findtext(".//title").startswith(title)
    assert headline[:30] in tree.findtext(".//title")
    # Links both ways: the index and the feed join the rectificatif and the release it replaces.
    original_page = next(p.name for p in site.glob("2*.html") if p != page)
    index_tree = lxml_html.document_fromstring((site / "index.html").read_bytes())
    notes = index_tree.xpath("//p[@class='fr-communique-list__correction']")
    hrefs = sorted(str(a.get("href")) for note in notes for a in note.iter("a"))
    assert hrefs == sorted([original_page, page.name])
    texts = " ".join(note.text_content() for note in notes)
    assert (
        f"Rectifie le {label.label}" in texts and "Annulé et remplacé par le rectificatif" in texts
    )
    root = assert_valid_atom((site / "feed.xml").read_bytes())
    related = sorted(
        str(link.get("href")) for link in root.xpath("//a:link[@rel='related']", namespaces=ATOM)
    )
    assert related == sorted([original_page, page.name])


def test_a_page_named_like_a_script_link_is_not_listed(tmp_path: Path, seed: Release) -> None:
    site = tmp_path / "presse"
    assert main(["publish", str(draft(tmp_path, seed, "un")), "--site", str(site)]) == 0
    page = next(site.glob("2020-*.html"))
    hostile = page.read_bytes().replace(b"urn:uuid:", b"urn:uuid:1")
    (site / "javascript:alert(1).html").write_bytes(hostile)
    assert (
        main(["publish", str(draft(tmp_path, seed, "deux", number=351)), "--site", str(site)]) == 0
    )
    assert b"javascript:" not in (site / "index.html").read_bytes()
    assert b"javascript:" not in (site / "feed.xml").read_bytes()


def test_a_republication_removes_only_the_earlier_page_s_own_files(
    tmp_path: Path, seed: Release
) -> None:
    site = tmp_path / "presse"
    path = draft(tmp_path, seed, "un", date=date(2020, 11, 30))
    assert main(["publish", str(path), "--site", str(site)]) == 0
    old_page = next(site.glob("2020-11-30*.html"))
    # The earlier page is made to name other files of the folder as its own.
    (site / "autre.pdf").write_bytes(b"%PDF-1.7 ne pas effacer")
    data = old_page.read_bytes().replace(old_page.stem.encode() + b".odt", b"autre.pdf")
    old_page.write_bytes(data)
    save_draft(replace(load_draft(path), date=date(2020, 11, 3)), path)
    assert main(["publish", str(path), "--site", str(site)]) == 0
    assert (site / "autre.pdf").read_bytes() == b"%PDF-1.7 ne pas effacer"
    assert not old_page.exists() and not old_page.with_suffix(".pdf").exists()


@pytest.mark.parametrize(
    "url", ["https://exemple.fr/\x01", "https://exemple.fr/a b", "javascript:x"]
)
def test_a_url_with_control_characters_is_refused(
    tmp_path: Path, seed: Release, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one = draft(tmp_path, seed, "un")
    assert main(["publish", str(one), "--site", str(tmp_path / "presse"), "--url", url]) == 2
    assert "n’est pas une adresse web" in capsys.readouterr().err
    assert not (tmp_path / "presse").exists()
