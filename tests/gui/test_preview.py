"""The preview follows the typing, off the GUI thread, and shows every page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.gui.main_window import MainWindow
from desktop.gui.preview import DELAY_MS
from desktop.services.drafts import load_draft
from tests.helpers import type_text


def wait_for_pages(preview: Any, qtbot: Any, pages: int) -> None:
    """Until the newest release asked is on screen with at least ``pages`` pages."""
    while (
        preview.last is None
        or preview.last.generation < preview._generation
        or preview.page_count < pages
    ):
        with qtbot.waitSignal(preview.previewUpdated, timeout=20_000):
            pass


def test_preview_follows_typing(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(window.preview.previewUpdated, timeout=5_000):
        type_text(window.form.headline, "Un titre")
    assert window.preview.last is not None
    assert window.preview.last.error == ""
    first = window.preview.image_label.pixmap().toImage()
    with qtbot.waitSignal(window.preview.previewUpdated, timeout=5_000):
        type_text(window.form.headline, " beaucoup plus long, sur deux lignes peut-être")
    assert window.preview.image_label.pixmap().toImage() != first


def test_edits_are_coalesced_and_stale_results_dropped(window: MainWindow, qtbot: Any) -> None:
    shown: list[int] = []
    window.preview.previewUpdated.connect(lambda: shown.append(window.preview.last.generation))
    with qtbot.waitSignal(window.preview.previewUpdated, timeout=5_000):
        type_text(window.form.headline, "abcdefghij")  # ten edits, one timer
    with qtbot.assertNotEmitted(window.preview.previewUpdated, wait=DELAY_MS * 2):
        pass  # ten keystrokes, one timer: no second render follows
    assert len(shown) == 1
    # a render asked while another runs: only the newest is shown
    preview = window.preview
    with qtbot.waitSignal(preview.previewUpdated, timeout=5_000):
        preview.show_release(replace(window.release(), headline="premier"), now=True)
        preview.show_release(replace(window.release(), headline="second"), now=True)
    assert preview.last is not None
    assert preview.last.generation == preview._generation


def test_pages_and_zoom(make_window: Any, example_path: Path, qtbot: Any) -> None:
    long = replace(load_draft(example_path))
    long = replace(long, body=long.body * 4)
    window = make_window()
    preview = window.preview
    window.document.replace_release(long, "test")
    # the window's first preview (of the release it opened with) may still be on its way:
    # wait for the preview of the long release, signal by signal
    wait_for_pages(preview, qtbot, 2)
    assert preview.page_count >= 2
    assert preview.page_label.text() == f"Page 1 sur {preview.page_count}"
    assert not preview.previous_button.isEnabled()
    with qtbot.waitSignal(preview.previewUpdated, timeout=5_000):
        window.actions_.next_page.trigger()
    assert preview.page == 1
    assert preview.page_label.text() == f"Page 2 sur {preview.page_count}"
    width = preview.image_label.pixmap().width()
    with qtbot.waitSignal(preview.previewUpdated, timeout=5_000):
        window.actions_.zoom_in.trigger()
    assert preview.image_label.pixmap().width() > width
    assert preview.zoom_label.text() == "90\u00a0%"


def test_a_long_press_kit_shows_the_page_on_screen_first(make_window: Any, qtbot: Any) -> None:
    """A 40-page press kit: after an edit, the page shown comes from a quick pass over the
    blocks it needs, then the whole document; both draw the same page."""
    from tests.benchmarks.bench import dossier_of_pages

    window = make_window()
    preview = window.preview
    window.document.replace_release(dossier_of_pages(40), "test")
    wait_for_pages(preview, qtbot, 40)
    images = []
    counts: list[int] = []
    preview.previewUpdated.connect(lambda: images.append(preview.image_label.pixmap().toImage()))
    preview.previewUpdated.connect(lambda: counts.append(preview.page_count))
    release = window.release()
    with qtbot.waitSignals([preview.previewUpdated] * 2, timeout=20_000):
        preview.show_release(replace(release, headline=release.headline + " !"), now=True)
    assert preview.quick_shown == 1
    assert len(counts) == 2 and counts[0] == counts[1] >= 40  # « Page 1 sur 45 » from the first
    assert preview.page_count >= 40
    assert len(images) == 2 and images[0] == images[1]
    assert preview.latencies[-1] < 0.9 * preview.last.seconds  # the page came before the whole


def test_a_release_too_long_to_typeset_is_not_previewed(make_window: Any, qtbot: Any) -> None:
    """A hostile draft opened (12 columns × 400 rows of 100 characters: 198 pages, 720 MB to
    typeset) is not compiled: the pane says why, as « check » does."""
    from desktop.core.model import Table

    window = make_window()
    preview = window.preview
    release = window.release()
    huge = Table(("a",) * 12, (("mot " * 25,) * 12,) * 400)
    with qtbot.waitSignal(preview.previewUpdated, timeout=20_000):
        preview.show_release(replace(release, body=(huge,)), now=True)
    assert preview.last is not None and preview.last.image is None
    assert "caractères dans les tableaux" in preview.last.error
    assert preview.last.seconds < 5
