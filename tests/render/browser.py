"""A real browser for the HTML tests: Debian's Chromium driven by Playwright, and axe-core.

Nothing is downloaded here: the browser is the system's (``/usr/bin/chromium``, never
``playwright install``), axe-core is the file ``.ci/run`` unpacks from the npm registry into
``.cache/axe-core`` (or ``COMMUNIQUE_AXE_JS``). Whatever is missing makes the tests skip with the
reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("COMMUNIQUE_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def axe_path() -> Path | None:
    candidate = Path(
        os.environ.get("COMMUNIQUE_AXE_JS") or ROOT / ".cache" / "axe-core" / "axe.min.js"
    )
    return candidate if candidate.is_file() else None


def launched_chromium() -> Iterator[Any]:
    """A headless Chromium, or a skip naming what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright absent (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "Chromium absent: apt-get install chromium (Debian), or set COMMUNIQUE_CHROMIUM"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Chromium alone, for the tests that need no axe-core."""
    yield from launched_chromium()


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    """The same headless Chromium, with axe-core at hand, or a skip naming what is missing.
    One browser for the session: a second sync Playwright session in one process fails
    (« using Playwright Sync API inside the asyncio loop »)."""
    if axe_path() is None:
        pytest.skip(
            "axe-core absent: .ci/run unpacks it into .cache/axe-core "
            "(npm pack axe-core@4), or set COMMUNIQUE_AXE_JS"
        )
    return chromium


def open_page(browser: Any, path: Path, width: int, *, zoom: float = 1.0) -> Any:
    """A new page of ``width`` CSS pixels showing the file; every request other than the file
    itself is recorded in ``page.requests_made`` (a self-contained page makes none)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        device_scale_factor=zoom,
        java_script_enabled=True,
        offline=True,
    )
    page = context.new_page()
    made: list[str] = []
    page.on("request", lambda request: made.append(request.url))
    page.goto(path.as_uri())
    page.requests_made = made
    return page


CHARACTER_TOPS = """
window.characterTops = element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      chars.push({ch: node.data[i], top: box ? Math.round(box.top) : null});
    }
  }
  return chars;
};
"""


def with_character_tops(page: Any) -> Any:
    """The page with ``characterTops(element)``: each character of the element's text with the
    top of the line it is set on (where lines end, as the browser laid them out)."""
    page.add_script_tag(content=CHARACTER_TOPS)
    return page


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page (WCAG 2.2 A and AA, and best practices)."""
    axe = axe_path()
    assert axe is not None
    page.add_script_tag(path=str(axe))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]
