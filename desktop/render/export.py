"""Exporting a release: prepare once, render each format, write each file atomically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.files import atomic_write_all, check_output
from desktop.core.model import Release
from desktop.render.content import PreparedRelease, prepare


@dataclass(frozen=True)
class ExportResult:
    prepared: PreparedRelease
    written: tuple[Path, ...]


def export_release(release: Release, *, docx: Path | None = None, pdf: Path | None = None,
                   prepared: PreparedRelease | None = None,
                   inputs: Iterable[Path] = ()) -> ExportResult:
    """Write the requested formats. Raises ``OSError`` (nothing half-written) or ``RenderError``.

    Every format is rendered in memory, then all files are written together
    (``atomic_write_all``): a failed render or a refused write leaves every target as it was.
    A target that is one of ``inputs`` (the draft), the register or an autosave, or is not a
    regular file, is refused first (``OutputRefused``, an ``OSError``).
    """
    inputs = tuple(inputs)
    for target in (pdf, docx):
        if target is not None:
            check_output(Path(target), inputs=inputs)
    from desktop.render.docx import render_docx
    from desktop.render.pdf import render_brand_png, render_pdf

    prepared = prepared or prepare(release)
    outputs: list[tuple[Path, bytes]] = []
    if pdf is not None:
        outputs.append((Path(pdf), render_pdf(prepared)))
    if docx is not None:
        outputs.append((Path(docx), render_docx(prepared, render_brand_png(prepared))))
    atomic_write_all(outputs)
    return ExportResult(prepared, tuple(path for path, _ in outputs))
