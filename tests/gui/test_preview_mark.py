"""The preview shows the sign-off state as the export does (issue 22, item 3): the *PROJET* mark
light, as in the PDF (Typst writes its colour as ``#RRGGBBAA``, which Qt's SVG reader took for
black), on screen and on paper, and gone as soon as the release is approved."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.core.model import Release
from desktop.gui.preview import draw_page
from desktop.gui.printing import page_image
from desktop.gui.svg_colours import for_qt
from desktop.render.content import prepare
from desktop.render.pdf import render_pages_svg
from desktop.store.register import Register
from tests.helpers import Dialogs, type_text

RELEASE = Release(headline="Plan vélo", kind="Communiqué de presse")
EXPORTED = (233, 233, 245)
"""The PDF's mark over white: rgb(0, 0, 145) at 22/255 (the template's colour)."""
NO_MARK = 20
"""Fewer light blue pixels than this (every other one counted): no mark."""


def pixels(image: QImage) -> list[tuple[int, int, int]]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return [
        QColor(image.pixel(x, y)).getRgb()[:3]
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    ]


def mark_pixels(image: QImage) -> list[tuple[int, int, int]]:
    """The light bluish pixels: the mark (the page's own blue, the rule under the header, is
    dark: only the antialiased edges of it are light, a few pixels)."""
    return [p for p in pixels(image) if min(p) > 200 and p[2] - p[0] > 4]


def page(state: str) -> bytes:
    return render_pages_svg(prepare(RELEASE, state=state))[0]


def test_typst_writes_the_mark_with_an_alpha_that_qt_gets_as_an_opacity() -> None:
    svg = page("brouillon")
    assert b'fill="#00009116"' in svg  # what Qt's SVG reader does not understand
    fixed = for_qt(svg)
    assert b'fill="#000091" fill-opacity="0.0863"' in fixed
    assert b"#00009116" not in fixed
    assert for_qt(b'<path style="stroke: #ff000080"/>') == (
        b'<path style="stroke:#ff0000;stroke-opacity:0.502"/>'
    )
    assert for_qt(b'<path fill="#000000"/>') == b'<path fill="#000000"/>'


def test_the_preview_and_the_print_draw_the_mark_light_as_the_pdf() -> None:
    for draw in (lambda svg: draw_page(svg, 1.0), lambda svg: page_image(svg, dpi=72)):
        image, clean = draw(page("brouillon")), draw(page("validé"))
        marked = pixels(image)
        changed = [m for m, c in zip(marked, pixels(clean), strict=True) if m != c]
        assert len(changed) > 500  # the mark is there…
        assert not [p for p in changed if max(p) < 100]  # …and nowhere near black
        colour, _count = Counter(mark_pixels(image)).most_common(1)[0]
        assert all(abs(a - b) <= 4 for a, b in zip(colour, EXPORTED, strict=True)), colour
        assert len(mark_pixels(clean)) < NO_MARK


@pytest.fixture
def submitted(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """A window with « Plan vélo » saved and submitted by Léa Martin, in an office with a
    register (sign-off applies)."""
    Register.open().close()
    window = make_window()
    type_text(window.form.headline, "Plan vélo")
    fake_dialogs.paths = [tmp_path / "plan"]
    assert window.save()
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    return window


def test_the_preview_loses_the_mark_when_the_release_is_approved(
    submitted: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = submitted
    preview = window.preview
    qtbot.waitUntil(lambda: preview.last is not None and preview.last.image is not None)
    qtbot.waitUntil(lambda: len(mark_pixels(preview.last.image)) > 500)
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")  # a second person approves
    with qtbot.waitSignal(preview.previewUpdated, timeout=10_000):
        assert window.signoff.approve()  # no keystroke after it
    assert preview.last is not None and preview.last.image is not None
    assert len(mark_pixels(preview.last.image)) < NO_MARK


def test_an_approval_from_another_desk_reaches_the_window_without_a_keystroke(
    submitted: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer submitted and waits: a colleague approves on their own desk. The writer's
    status bar and preview say *validé* when the window comes back to the front (and, while it
    stays there, at the next look at the register), not *soumis* with PROJET until an export."""
    from PySide6.QtCore import QEvent

    from desktop.gui import signoff
    from desktop.store.signoff import approve

    window = submitted
    preview = window.preview
    assert window.signoff.state_label.text() == "État\u00a0: soumis"
    assert window.signoff._recheck.isActive()  # looks again while it waits
    assert window.signoff._recheck.interval() == signoff.RECHECK_MS
    qtbot.waitUntil(lambda: preview.last is not None and preview.last.image is not None)
    qtbot.waitUntil(lambda: len(mark_pixels(preview.last.image)) > 500)

    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")  # the other desk
    assert window.path is not None
    with Register.open() as register:
        approve(register, window.path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")

    with qtbot.waitSignal(preview.previewUpdated, timeout=10_000):
        window.changeEvent(QEvent(QEvent.Type.ActivationChange))  # back to the front
        window.signoff.recheck()  # (offscreen, the window is never the active one)
    assert window.signoff.state_label.text().startswith("État\u00a0: validé")
    assert not window.signoff._recheck.isActive()
    assert preview.last is not None and preview.last.image is not None
    assert len(mark_pixels(preview.last.image)) < NO_MARK
