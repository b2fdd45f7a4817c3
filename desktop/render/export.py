"""Exporting a release: prepare once, render each format, write each file atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.files import atomic_write
from desktop.core.model import Release
from desktop.render.content import PreparedRelease, prepare


@dataclass(frozen=True)
class ExportResult:
    prepared: PreparedRelease
    written: tuple[Path, ...]


def export_release(release: Release, *, docx: Path | None = None, pdf: Path | None = None,
                   prepared: PreparedRelease | None = None) -> ExportResult:
    """Write the requested formats. Raises ``OSError`` (nothing half-written) or ``RenderError``.

    Every format is rendered in memory before any file is written, so a failed render writes
    nothing at all.
    """
    from desktop.render.docx import render_docx
    from desktop.render.pdf import render_brand_png, render_pdf

    prepared = prepared or prepare(release)
    outputs: list[tuple[Path, bytes]] = []
    if pdf is not None:
        outputs.append((Path(pdf), render_pdf(prepared)))
    if docx is not None:
        outputs.append((Path(docx), render_docx(prepared, render_brand_png(prepared))))
    for path, data in outputs:
        atomic_write(path, data)
    return ExportResult(prepared, tuple(path for path, _ in outputs))
