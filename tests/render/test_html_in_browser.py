"""The HTML page in a real browser (Chromium): screenshots at 1280 and 320 px, reflow at 200 %
and 400 % zoom, no request to anywhere, and axe-core's rules with no violation."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import BulletList, Contact, Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.html import render_html
from desktop.render.pdf import render_brand_svg
from tests.render.browser import axe_violations, open_page

pytestmark = pytest.mark.slow


def page_file(folder: Path, release: Release, name: str = "page.html") -> Path:
    prepared = prepare(release)
    path = folder / name
    path.write_bytes(render_html(prepared, render_brand_svg(prepared)))
    return path


def shots_folder(tmp_path: Path) -> Path:
    """Where the screenshots go: ``COMMUNIQUE_SHOTS`` to keep them and look at them."""
    folder = Path(os.environ.get("COMMUNIQUE_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def rich_release() -> Release:
    """Everything a page can hold: embargo, list, styled runs, a link, a long address."""
    return Release(
        header=("MINISTÈRE", "DE L’ÉCONOMIE,", "DES FINANCES", "ET DE LA RELANCE"),
        headline="Le 1er plan « France Relance » : 100 Md€ pour l’industrie",
        date=date(2020, 9, 1),
        number=12,
        embargo=datetime(2020, 9, 3, 8, 0, tzinfo=UTC),
        body=(
            Paragraph(
                (
                    Run("Texte "),
                    Run("gras", bold=True),
                    Run(" et "),
                    Run("italique", italic=True),
                    Run(" ; voir "),
                    Run("le portail", link="https://www.economie.gouv.fr/plan-de-relance"),
                    Run("."),
                )
            ),
            BulletList(
                (
                    (Run("premier point"),),
                    (
                        Run(
                            "second point, écrit à "
                            "https://www.economie.gouv.fr/un/chemin/tres/long/qui/ne/tient/pas"
                        ),
                    ),
                )
            ),
            Paragraph((Run("Fin."),)),
        ),
        contacts=(Contact("Cabinet du ministre", "01 53 18 41 13", "presse@economie.gouv.fr"),),
    )


def no_horizontal_scroll(page: Any) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_seed_page_in_chromium(browser: Any, seed: Release, tmp_path: Path) -> None:
    path = page_file(tmp_path, seed)
    shots = shots_folder(tmp_path)
    for width in (1280, 320):
        page = open_page(browser, path, width)
        page.screenshot(path=str(shots / f"seed-{width}.png"), full_page=True)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {width} px"
        assert [u for u in page.requests_made if u != path.as_uri()] == []
        assert page.title().startswith("Jacqueline Gourault")
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == []
        page.context.close()


def test_rich_page_reflows_and_passes_axe(browser: Any, tmp_path: Path) -> None:
    path = page_file(tmp_path, rich_release())
    shots = shots_folder(tmp_path)
    # 200 % zoom of a 1280 px window is a 640 CSS px viewport; 400 % is 320.
    for width in (1280, 640, 320):
        page = open_page(browser, path, width)
        page.screenshot(path=str(shots / f"rich-{width}.png"), full_page=True)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {width} px"
        assert axe_violations(page) == []
        embargo = page.locator(".fr-communique__embargo").bounding_box()
        headline = page.locator("h1").bounding_box()
        assert embargo["y"] < headline["y"]
        page.context.close()


def test_axe_does_find_a_fault(browser: Any, tmp_path: Path) -> None:
    """The check can fail: the same page without its lang attribute is reported."""
    path = page_file(tmp_path, rich_release())
    broken = path.read_text(encoding="utf-8").replace(' lang="fr"', "", 1)
    path.write_text(broken, encoding="utf-8")
    page = open_page(browser, path, 1280)
    assert "html-has-lang" in {v["id"] for v in axe_violations(page)}
    page.context.close()


def test_print_is_a4(browser: Any, seed: Release, tmp_path: Path) -> None:
    path = page_file(tmp_path, seed)
    page = open_page(browser, path, 1280)
    pdf = page.pdf(prefer_css_page_size=True)
    page.context.close()
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    (shots_folder(tmp_path) / "seed-print.pdf").write_bytes(pdf)


def test_press_room_index_and_page_pass_axe(
    browser: Any, example_path: Path, tmp_path: Path
) -> None:
    from desktop.cli import main

    site = tmp_path / "presse"
    assert main(["publish", str(example_path), "--site", str(site)]) == 0
    shots = shots_folder(tmp_path)
    for name in ("index.html", "2020-11-03-n350.html"):
        for width in (1280, 320):
            page = open_page(browser, site / name, width)
            page.screenshot(path=str(shots / f"site-{name}-{width}.png"), full_page=True)
            assert no_horizontal_scroll(page)
            assert axe_violations(page) == [], name
            page.context.close()
    index = open_page(browser, site / "index.html", 1280)
    index.click("text=Jacqueline Gourault")
    assert index.url.endswith("2020-11-03-n350.html")
    index.context.close()


@pytest.mark.parametrize("name", ["invitation", "agenda", "discours", "declaration", "dossier"])
def test_the_kinds_examples_pass_axe_and_reflow(name: str, browser: Any, tmp_path: Path) -> None:
    """Each kind's example: an invitation's and an agenda's sections (headings, lists, links), a
    speech, a statement and a press kit (headings, tables with their header cells, figures with
    their alternative text, the contents as a nav of links)."""
    from desktop.services.drafts import load_draft

    examples = Path(__file__).resolve().parents[2] / "resources" / "examples"
    path = page_file(tmp_path, load_draft(examples / f"{name}.communique"))
    for width in (1280, 320):
        page = open_page(browser, path, width)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {width} px"
        assert axe_violations(page) == []
        if name in ("invitation", "agenda"):  # the kind's own sections, each a heading
            assert page.locator("h2").count() >= 4
        page.context.close()
