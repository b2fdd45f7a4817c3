"""The preview: the release's pages as the PDF will print them, following the typing.

Edits are coalesced by a single-shot timer; the work (prepare, Typst to SVG, SVG to an image of
the page on screen) runs on a worker thread, one job at a time, so typing never waits for it. A
result that a newer edit has made stale is dropped. Typst's SVG of a page is the same layout as
its PDF; keeping the SVGs lets page turns and zooms redraw without compiling again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap
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

from desktop.core.fonts import FontChoice
from desktop.core.model import Release

DELAY_MS = 150
"""Pause in typing after which the preview is redrawn."""
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
    """Time the worker spent: prepare, compile, draw."""


class RenderWorker(QObject):
    """Lives on the preview thread; holds the last release's pages as SVG."""

    done = Signal(object)

    def __init__(self, font: FontChoice) -> None:
        super().__init__()
        self.font = font
        self._pages: list[bytes] = []

    @Slot(object)
    def run(self, job: Job) -> None:
        started = time.perf_counter()
        try:
            if job.release is not None:
                from desktop.render.content import prepare
                from desktop.render.pdf import render_pages_svg

                self._pages = render_pages_svg(prepare(job.release, font=self.font))
            page = min(max(job.page, 0), max(len(self._pages) - 1, 0))
            image = draw_page(self._pages[page], job.scale) if self._pages else None
            result = PageImage(job.generation, page, len(self._pages), image, "",
                               time.perf_counter() - started)
        except Exception as exc:
            message = str(exc) or exc.__class__.__name__
            result = PageImage(job.generation, job.page, len(self._pages), None, message,
                               time.perf_counter() - started)
        self.done.emit(result)


def draw_page(svg: bytes, scale: float) -> QImage:
    """One page drawn at ``scale`` device pixels per point, on white."""
    renderer = QSvgRenderer(QByteArray(svg))
    size = renderer.defaultSize()  # in points: Typst writes the page size in pt
    image = QImage(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))),
                   QImage.Format.Format_RGB32)
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
    _submit = Signal(object)

    def __init__(self, font: FontChoice, zoom: float = 0.75, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = zoom if zoom in ZOOMS else 0.75
        self.page = 0
        self.page_count = 0
        self.last: PageImage | None = None
        self._release: Release | None = None
        self._generation = 0
        self._in_flight: Job | None = None
        self._wanted: Job | None = None
        self._edited_at: float | None = None
        self.latencies: list[float] = []
        """Seconds from the last edit to its page on screen (read by the benchmark)."""

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._render_now)

        # Load the image-format plugins here, on the GUI thread: drawing the first page decodes
        # the bloc-marque's embedded images, and loading plugins from the worker while the GUI
        # thread loads them too (an icon) can deadlock where a Python message handler is
        # installed (the worker waits for the interpreter, holding the plugin loader's lock).
        QImageReader.supportedImageFormats()
        self._thread = QThread(self)
        self._thread.setObjectName("preview")
        self._worker = RenderWorker(font)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

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
            "QScrollArea { background: #8a8a8a; } QLabel { background: #8a8a8a; }")
        self.scroll_area.setMinimumWidth(320)
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

    def show_release(self, release: Release, *, now: bool = False) -> None:
        """The release changed: draw it after a pause in typing (or at once)."""
        self._release = release
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
        if self._in_flight is None:
            self._start(job)
        else:
            self._wanted = job

    def _start(self, job: Job) -> None:
        self._in_flight = job
        self._wanted = None
        self._submit.emit(job)

    @Slot(object)
    def _on_done(self, result: PageImage) -> None:
        self._in_flight = None
        if self._wanted is not None:
            self._start(self._wanted)  # this result is stale: a newer job replaces it
            return
        self.last = result
        self.page_count = result.page_count
        self.page = result.page
        if result.error:
            self.status.setText(self.tr("L’aperçu n’a pas pu être dessiné : {error}").format(
                error=result.error))
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
        self.page_label.setText(self.tr("Page {page} sur {count}").format(
            page=min(self.page + 1, count), count=count))
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count - 1)
        self.zoom_label.setText(f"{round(self.zoom * 100)}\u00a0%")
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])

    def set_font(self, font: FontChoice) -> None:
        self._worker.font = font  # read by the worker at its next job

    def shutdown(self) -> None:
        """Stop the worker thread (before the window goes away)."""
        self._timer.stop()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
