"""The invitation's and the agenda's pages in Chromium: no horizontal scrolling down to 320 px
and axe-core's rules with no violation (their sections' headings, lists and links)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.resources import resource
from desktop.services.drafts import load_draft
from tests.render.browser import axe_violations, browser, open_page
from tests.render.test_html_in_browser import no_horizontal_scroll, page_file

__all__ = ["browser"]  # the fixture

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["invitation", "agenda"])
def test_the_page_of_each_kind_passes_axe(browser: Any, tmp_path: Path, name: str) -> None:
    path = page_file(tmp_path, load_draft(resource("examples", f"{name}.communique")))
    for width in (1280, 320):
        page = open_page(browser, path, width)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {width} px"
        assert axe_violations(page) == []
        assert page.locator("h2").count() >= 4
        page.context.close()
