"""Exporting a release: prepare once, render each format, write each file atomically."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import Release
from desktop.render.content import PreparedRelease, prepare
from desktop.services.files import atomic_write_all, check_output


@dataclass(frozen=True)
class ExportResult:
    prepared: PreparedRelease
    written: tuple[Path, ...]


def export_release(
    release: Release,
    *,
    docx: Path | None = None,
    pdf: Path | None = None,
    odt: Path | None = None,
    html: Path | None = None,
    txt: Path | None = None,
    prepared: PreparedRelease | None = None,
    inputs: Iterable[Path] = (),
) -> ExportResult:
    """Write the requested formats. Raises ``OSError`` (nothing half-written) or ``RenderError``.

    Every format is rendered in memory, then all files are written together
    (``atomic_write_all``): a failed render or a refused write leaves every target as it was.
    Typst (the bloc-marque pictures, then the PDF) works on a second thread while python-docx
    builds the DOCX on this one: Typst releases the interpreter, so on two cores both go on at
    once. A target that is one of ``inputs`` (the draft), the register or an autosave, or is not
    a regular file, is refused first (``OutputRefused``, an ``OSError``).
    """
    inputs = tuple(inputs)
    for target in (pdf, docx, odt, html, txt):
        if target is not None:
            check_output(Path(target), inputs=inputs)
    from desktop.render import pdf as typst_render

    prepared = prepared or prepare(release)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst") as pool:
        brand: Future[tuple[bytes, bytes]] | None = None
        if docx is not None or odt is not None or html is not None:
            brand = pool.submit(
                lambda: (
                    typst_render.render_brand_png(prepared),
                    typst_render.render_brand_svg(prepared),
                )
            )
        pdf_bytes = pool.submit(typst_render.render_pdf, prepared) if pdf is not None else None
        outputs: list[tuple[Path, bytes]] = []
        docx_bytes = _render_docx(prepared, brand) if brand is not None and docx else None
        if pdf is not None and pdf_bytes is not None:
            outputs.append((Path(pdf), pdf_bytes.result()))
        if docx is not None and docx_bytes is not None:
            outputs.append((Path(docx), docx_bytes))
        if brand is not None:
            outputs += _render_others(prepared, brand, odt=odt, html=html)
    if txt is not None:
        from desktop.render.text import render_text

        outputs.append((Path(txt), render_text(prepared).encode("utf-8")))
    atomic_write_all(outputs)
    return ExportResult(prepared, tuple(path for path, _ in outputs))


def _render_docx(prepared: PreparedRelease, brand: Future[tuple[bytes, bytes]]) -> bytes:
    from desktop.render.docx import prepare_base, render_docx

    prepare_base(prepared)  # python-docx's import and the base document, while Typst draws
    png, svg = brand.result()
    return render_docx(prepared, png, brand_svg=svg)


def _render_others(
    prepared: PreparedRelease,
    brand: Future[tuple[bytes, bytes]],
    *,
    odt: Path | None,
    html: Path | None,
) -> list[tuple[Path, bytes]]:
    """The ODT and the HTML page, from the same bloc-marque pictures as the DOCX."""
    outputs: list[tuple[Path, bytes]] = []
    if odt is not None:
        from desktop.render.odt import render_odt

        png, svg = brand.result()
        outputs.append((Path(odt), render_odt(prepared, png, svg)))
    if html is not None:
        from desktop.render.html import render_html

        outputs.append((Path(html), render_html(prepared, brand.result()[1])))
    return outputs
