"""The preview: the release's pages as the PDF will print them, following the typing.

Edits are coalesced by a single-shot timer. Typst compiles the pages to SVG on a plain Python
worker thread (it releases the interpreter while it works, so typing goes on); the page on
screen is drawn from its SVG on the GUI thread. The worker touches no Qt object at all: a Qt
call made from a second thread while it holds the interpreter can deadlock against the GUI
thread destroying a widget (PySide takes the interpreter inside Qt's locks). A result that a
newer edit has made stale is dropped; keeping the SVGs lets page turns and zooms redraw
without compiling again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CommuniqueError
from desktop.core.fonts import FontChoice
from desktop.core.model import Release

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from desktop.render.preview_pages import Layout

log = logging.getLogger(__name__)

DELAY_MS = 150
"""Pause in typing after which the preview is redrawn."""
POLL_MS = 4
"""How often the GUI thread looks whether the worker's pages are ready."""
ZOOMS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0)
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Job:
    generation: int
    release: Release | None
    """None: draw another page or zoom of the last release, without compiling again."""
    page: int
    scale: float
    """Device pixels per typographic point."""


@dataclass(frozen=True)
class PageImage:
    generation: int
    page: int
    page_count: int
    image: QImage | None
    error: str
    seconds: float
    """From the job's start to its page drawn: prepare and compile (worker), draw (GUI thread)."""


class PreviewRefused(CommuniqueError):
    """A release not typeset for the preview; the message is French."""


def compile_whole(
    release: Release, font: FontChoice, number: str | None = None, state: str = ""
) -> tuple[list[bytes], Layout]:
    """Runs on the worker thread: every page, and the layout the next quick pass estimates
    from."""
    from desktop.core.checks import too_long_to_typeset
    from desktop.render.content import prepare
    from desktop.render.pdf import render_pages_svg
    from desktop.render.preview_pages import layout_of

    refused = too_long_to_typeset(release, font)
    if refused is not None:  # a hostile draft: hundreds of pages, gigabytes to typeset
        raise PreviewRefused(refused)
    prepared = prepare(release, font=font, number=number, state=state)
    pages = render_pages_svg(prepared)
    return pages, layout_of(prepared, pages)


def compile_visible(
    release: Release,
    font: FontChoice,
    number: str | None,
    state: str,
    *,
    page: int,
    layout: Layout | None,
) -> list[bytes] | None:
    """Runs on the worker thread: a long document's pages up to the one shown, or None
    (``preview_pages.visible_first``)."""
    from desktop.core.checks import too_long_to_typeset
    from desktop.render.content import prepare
    from desktop.render.preview_pages import visible_first

    if too_long_to_typeset(release, font) is not None:
        return None  # the whole compile says why
    return visible_first(prepare(release, font=font, number=number, state=state), page, layout)


def draw_page(svg: bytes, scale: float) -> QImage:
    """One page drawn at ``scale`` device pixels per point, on white (its translucent colours
    made readable by Qt first: ``svg_colours``)."""
    from desktop.gui.svg_colours import for_qt

    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    size = renderer.defaultSize()  # in points: Typst writes the page size in pt
    image = QImage(
        QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))),
        QImage.Format.Format_RGB32,
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


class PreviewPane(QWidget):
    """The pages, with Page précédente / suivante and zoom."""

    previewUpdated = Signal()
    """A new page image is on screen."""

    _layout: Layout | None
    _quick: Future[list[bytes] | None] | None
    quick_shown: int

    def __init__(self, font: FontChoice, zoom: float = 0.75, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = zoom if zoom in ZOOMS else 0.75
        self.page = 0
        self.page_count = 0
        self.last: PageImage | None = None
        self._release: Release | None = None
        self._number: str | None = None
        self._state = ""
        self._generation = 0
        self._in_flight: Job | None = None
        self._wanted: Job | None = None
        self._edited_at: float | None = None
        self._shown_once = False
        self.latencies: list[float] = []
        """Seconds from the last edit to its page on screen (read by the benchmark)."""

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._render_now)

        self.font_choice = font
        self._pages: list[bytes] = []
        self._executor: ThreadPoolExecutor | None = None  # made at the first compile (``_pool``)
        self._future: Future[tuple[list[bytes], Layout | None]] | None = None
        # How the last whole compile laid the document out (the quick pass estimates from it),
        # the quick pass of a long document (its pages up to the one shown), and how many
        # pages came from a quick pass (read by the tests).
        self._layout, self._quick, self.quick_shown, self._started_at = None, None, 0, 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

        bar = self._build_bar()
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setAccessibleName(self.tr("Aperçu de la page"))
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image_label)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet(
            "QScrollArea { background: #8a8a8a; } QLabel { background: #8a8a8a; }"
        )
        self.scroll_area.setMinimumWidth(320)
        # A Tab stop, so the arrows and Page Up/Down scroll a zoomed page.
        self.scroll_area.setAccessibleName(self.tr("Aperçu du communiqué"))
        self.scroll_area.setAccessibleDescription(
            self.tr("La page telle qu’elle sera exportée\u202f; les flèches la font défiler.")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)
        self._sync_controls()

    def _build_bar(self) -> QHBoxLayout:
        """Aperçu, page navigation, zoom."""
        self.previous_button = self._button("◀", self.tr("Page précédente"), self.previous_page)
        self.next_button = self._button("▶", self.tr("Page suivante"), self.next_page)
        self.page_label = QLabel()
        self.zoom_out_button = self._button("−", self.tr("Zoom arrière"), self.zoom_out)
        self.zoom_in_button = self._button("+", self.tr("Zoom avant"), self.zoom_in)
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("<b>Aperçu</b>")))
        bar.addStretch(1)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)

        return bar

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ requests

    def show_release(
        self, release: Release, *, now: bool = False, number: str | None = None, state: str = ""
    ) -> None:
        """The release changed: draw it after a pause in typing (or at once). ``number`` is
        its number as printed (``Document.number_label``), ``state`` its sign-off state
        (``Document.signoff_state``: *PROJET* until approval)."""
        self._release = release
        self._number = number
        self._state = state
        self._edited_at = time.perf_counter()
        if now:
            self._timer.stop()
            self._render_now()
        else:
            self._timer.start()

    def _scale(self) -> float:
        return self.zoom * self.logicalDpiX() / POINTS_PER_INCH * self.devicePixelRatioF()

    def _render_now(self) -> None:
        if self._release is None:
            return
        self._request(self._release)

    def _request(self, release: Release | None) -> None:
        self._generation += 1
        job = Job(self._generation, release, self.page, self._scale())
        if release is None and self._wanted is not None and self._wanted.release is not None:
            job = Job(self._generation, self._wanted.release, self.page, self._scale())
        if self._in_flight is None and self._shown_once:
            self._start(job)
        else:
            self._wanted = job

    def showEvent(self, event: QShowEvent) -> None:
        """The first compile waits for the pane to be on screen: while the window is being built,
        the worker's imports and ``prepare`` would take the interpreter from the GUI thread, and
        the release at hand (the draft opened, not the empty one the window starts with) is the
        only one worth compiling."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self._start_first)  # once ``show`` has returned

    def _start_first(self) -> None:
        if self._in_flight is None and self._wanted is not None:
            self._start(self._wanted)

    def _start(self, job: Job) -> None:
        self._in_flight = job
        self._wanted = None
        self._started_at = time.perf_counter()
        if job.release is None:  # another page or zoom: the pages are already compiled
            from concurrent.futures import Future

            done: Future[tuple[list[bytes], Layout | None]] = Future()
            done.set_result((self._pages, self._layout))
            self._future = done
        else:
            pool = self._pool()
            self._quick = None
            if self._layout is not None:
                self._quick = pool.submit(
                    compile_visible,
                    job.release,
                    self.font_choice,
                    self._number,
                    self._state,
                    page=job.page,
                    layout=self._layout,
                )
            self._future = pool.submit(
                compile_whole, job.release, self.font_choice, self._number, self._state
            )
        self._poll.start()

    def _collect_quick(self) -> None:
        """On the GUI thread: the page shown from the quick pass, while the whole compiles."""
        quick, self._quick = self._quick, None
        job = self._in_flight
        if quick is None or job is None or self._wanted is not None:
            return
        try:
            pages = quick.result()
        except Exception as exc:
            log.info("quick preview pass failed: %s", exc)
            return
        if not pages or job.page >= len(pages):
            return
        image = draw_page(pages[job.page], job.scale)
        self.quick_shown += 1
        self._show(
            PageImage(
                job.generation,
                job.page,
                # the whole's page count, as the quick pass's footer prints it
                max(self._layout.pages if self._layout else self.page_count, job.page + 1),
                image,
                "",
                time.perf_counter() - self._started_at,
            )
        )

    def _collect(self) -> None:
        """On the GUI thread: take the worker's pages when they are ready, draw the page."""
        if self._quick is not None and self._quick.done():
            self._collect_quick()
        if self._future is None or not self._future.done():
            return
        self._quick = None
        self._poll.stop()
        future, self._future = self._future, None
        job, self._in_flight = self._in_flight, None
        assert job is not None
        error = ""
        try:
            self._pages, self._layout = future.result()
        except PreviewRefused as exc:  # said on the pane, as « check » says it: no fault
            error = str(exc)
        except Exception as exc:
            error = str(exc) or exc.__class__.__name__
            log.warning("preview not compiled: %s", error, exc_info=True)
        if self._wanted is not None:
            self._start(self._wanted)  # this result is stale: a newer job replaces it
            return
        page = min(max(job.page, 0), max(len(self._pages) - 1, 0))
        image = None
        if self._pages and not error:
            try:
                image = draw_page(self._pages[page], job.scale)
            except Exception as exc:
                error = str(exc) or exc.__class__.__name__
                log.warning("preview page not drawn: %s", error, exc_info=True)
        self._show(
            PageImage(
                job.generation,
                page,
                len(self._pages),
                image,
                error,
                time.perf_counter() - self._started_at,
            )
        )

    def _show(self, result: PageImage) -> None:
        self.last = result
        self.page_count = result.page_count
        self.page = result.page
        if result.error:
            self.status.setText(
                self.tr("L’aperçu n’a pas pu être dessiné\u00a0: {error}").format(
                    error=result.error
                )
            )
            self.status.show()
        else:
            self.status.hide()
        if result.image is not None:
            pixmap = QPixmap.fromImage(result.image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.image_label.setPixmap(pixmap)
        self._sync_controls()
        if self._edited_at is not None:
            self.latencies.append(time.perf_counter() - self._edited_at)
            self._edited_at = None
        self.previewUpdated.emit()

    # ------------------------------------------------------------ navigation

    def set_page(self, page: int) -> None:
        page = min(max(page, 0), max(self.page_count - 1, 0))
        if page != self.page:
            self.page = page
            self._request(None)
            self._sync_controls()

    def previous_page(self) -> None:
        self.set_page(self.page - 1)

    def next_page(self) -> None:
        self.set_page(self.page + 1)

    def set_zoom(self, zoom: float) -> None:
        if zoom != self.zoom:
            self.zoom = zoom
            self._request(None)
            self._sync_controls()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom), ZOOMS[0]))

    def _sync_controls(self) -> None:
        count = max(self.page_count, 1)
        self.page_label.setText(
            self.tr("Page {page} sur {count}").format(page=min(self.page + 1, count), count=count)
        )
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count - 1)
        self.zoom_label.setText(f"{round(self.zoom * 100)}\u00a0%")
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])

    def set_font(self, font: FontChoice) -> None:
        self.font_choice = font  # used from the next compile on

    def _pool(self) -> ThreadPoolExecutor:
        """The worker thread's pool, made at first use: ``concurrent.futures`` is imported once
        the window is shown, and a pool shut down before any compile refuses work all the same."""
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")
        return self._executor

    def shutdown(self) -> None:
        """Stop the worker thread (before the window goes away)."""
        self._timer.stop()
        self._poll.stop()
        self._wanted = None  # a first compile still waiting for the event loop is not started
        self._pool().shutdown(wait=True, cancel_futures=True)
