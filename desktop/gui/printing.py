"""*Fichier › Imprimer…*: the release on paper, the same pages as the exported PDF.

The release comes through the gate (``gate.PRINT``: refused while it has errors, marked
*PROJET* until approval, as an export). The pages come from the Typst template the PDF and the
preview use (as SVG, drawn at 300 dpi
for the printer, see ``PRINT_DPI``); the system's print dialog chooses the printer, the pages
and the copies. *Imprimer dans un fichier* (PDF) writes the exported PDF itself, the pages asked
for: text that can be selected and searched, a few dozen kilobytes, not a 1 MB picture of it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from desktop.core.errors import OutsideError
from desktop.core.plurals import plural
from desktop.gui import dialogs

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from desktop.usecases.gate import Clearance


def tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


class PrintError(OutsideError):
    """The printer refused the job; the message is for a person, in French."""


def new_printer(title: str) -> QPrinter:
    """An A4 portrait printer that draws on the whole sheet (the pages carry their margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(title)
    printer.setCreator("Communiqué")
    return printer


def chosen_pages(printer: QPrinter, count: int) -> range:
    """The pages the print dialog asked for (all of them unless a range was given)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return range(count)
    first = max(first, 1)
    last = min(last if last > 0 else count, count)
    return range(first - 1, last)


PRINT_DPI = 300
"""Pages go to the printer as pictures at this resolution: Qt's PDF writer (which the print
system receives on Linux and macOS) distorts Typst's glyph outlines when it is handed the SVG
as vectors (letters print bold and misshapen), while the same SVG drawn as a picture is exact."""


def page_image(svg: bytes, dpi: int = PRINT_DPI) -> QImage:
    """One page drawn at ``dpi`` on white (its translucent colours, the *PROJET* mark's,
    made readable by Qt first: ``svg_colours``)."""
    from desktop.gui.svg_colours import for_qt

    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    size = renderer.viewBoxF().size()  # in points (1/72 inch), as Typst sets the page
    image = QImage(
        math.ceil(size.width() * dpi / 72),
        math.ceil(size.height() * dpi / 72),
        QImage.Format.Format_RGB32,
    )
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def print_pages(printer: QPrinter, pages: Sequence[bytes]) -> int:
    """Draw ``pages`` (SVG, one per page) on ``printer``; returns how many were printed."""
    wanted = chosen_pages(printer, len(pages))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(tr("L’imprimante n’a pas accepté le document."))
    try:
        printed = 0
        for index in wanted:
            if printed and not printer.newPage():
                raise PrintError(tr("L’imprimante n’a pas accepté une nouvelle page."))
            image = page_image(pages[index])
            sheet = QRectF(painter.viewport())
            scale = min(sheet.width() / image.width(), sheet.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            target.moveCenter(sheet.center())
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def print_to_pdf_file(
    printer: QPrinter, clearance: Clearance, say: Callable[[str], None] | None = None
) -> int:
    """*Imprimer dans un fichier*: the PDF the export writes (same pages, same mark, text that
    can be selected), cut to the pages asked for, written through the gate and recorded in the
    register's history as an export (it left the office as one). Returns how many pages the
    file has; raises ``OutputRefused`` or ``PrintError``; ``say`` gets what could not be
    recorded."""
    import dataclasses
    import io

    import pikepdf

    from desktop.render.pdf import render_pdf
    from desktop.usecases import gate

    data = render_pdf(clearance.prepared)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        wanted = chosen_pages(printer, count)
        if len(wanted) != count:
            kept = pikepdf.new()
            kept.pages.extend(pdf.pages[i] for i in wanted)
            out = io.BytesIO()
            kept.save(out)
            data, count = out.getvalue(), len(wanted)
    from desktop.services.files import OutputRefused

    target = Path(printer.outputFileName())
    if target.suffix.lower() != ".pdf":  # "impression" typed in the dialog: impression.pdf
        target = target.with_name(target.name + ".pdf")
    as_export = dataclasses.replace(clearance, purpose=gate.EXPORT)
    try:
        sent = gate.send_out([gate.Parcel(as_export, (gate.OutFile(target, data, "pdf"),))])
    except OutputRefused:
        raise
    except OSError as exc:
        raise PrintError(
            tr("Le fichier n’a pas pu être écrit\u00a0: {reason}").format(
                reason=exc.strerror or exc
            )
        ) from exc
    for warning in sent.warnings:
        if say is not None:
            say(warning)
    return count


def print_release(parent: QWidget, clearance: Clearance, say: Callable[[str], None]) -> bool:
    """Ask the system's print dialog, then print the gate's ``clearance`` (its pages are the
    PDF's, with the same *PROJET* mark). Raises ``RenderError`` or ``PrintError`` (said by the
    window's one catch)."""
    from desktop.render.pdf import render_pages_svg

    prepared = clearance.prepared

    printer = new_printer(prepared.headline or tr("Communiqué"))
    if not dialogs.ask_print(parent, printer):
        return False
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            count = print_to_pdf_file(printer, clearance, say)
        else:
            pages = render_pages_svg(prepared)
            count = print_pages(printer, pages)
    finally:
        QGuiApplication.restoreOverrideCursor()
    say(tr("Imprimé\u00a0: {pages}").format(pages=plural(count, tr("page"), tr("pages"))))
    return True
