"""The PDF against the DOCX as LibreOffice lays it out: page counts, and where each page ends.

Where a page ends is measured in words of text read back from both PDFs (the bloc-marque's
name, which the DOCX holds as a picture, left out), then turned into lines with the release's
own words per line. Used by ``test_layout_parity`` and ``scripts/compare_layouts.py``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core.model import Release
from desktop.render.content import prepare
from desktop.render.docx import render_docx
from desktop.render.odt import render_odt
from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf

_FOOTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$|^\s*PROJET( – .*)?$")
"""The page numbers, and the *PROJET* mark (the PDF's diagonal word, the ODT's page header)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class Comparison:
    name: str
    pdf_pages: int
    docx_pages: int
    page_end_lines: tuple[float, ...]
    """For each page but the last, how many lines later (positive) or earlier the DOCX's page
    ends than the PDF's."""

    @property
    def worst(self) -> float:
        return max((abs(v) for v in self.page_end_lines + self.odt_page_end_lines), default=0.0)

    odt_pages: int = 0
    odt_page_end_lines: tuple[float, ...] = ()
    """The same for the ODT, as LibreOffice lays it out."""


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        lines = (page.extract_text() or "").replace("\u00ad\n", "").split("\n")
        pages.append("\n".join(line for line in lines if not _FOOTER.match(line)))
    return pages


def _characters(pages: list[str]) -> tuple[str, list[int], list[int]]:
    """All the text without spaces or hyphens (``in-`` / ``dustrielle`` and ``indus-`` /
    ``trielle`` read the same), with each character's line, and each page's first line."""
    chars: list[str] = []
    line_of: list[int] = []
    first_lines: list[int] = []
    line = 0
    for page in pages:
        first_lines.append(line)
        for text in page.replace("\u00ad", "-").split("\n"):
            kept = re.sub(r"[\s\-]", "", text)
            if not kept:
                continue
            chars.append(kept)
            line_of.extend([line] * len(kept))
            line += 1
    return "".join(chars), line_of, first_lines


def compare(name: str, pdf: bytes, docx_pdf: bytes, header: tuple[str, ...]) -> Comparison:
    """Where each of LibreOffice's pages starts, in lines of the PDF from where the PDF's
    page starts: the first characters of the page are looked up in the PDF's text."""
    ours, theirs = page_texts(pdf), page_texts(docx_pdf)
    text, line_of, first_lines = _characters(ours)
    gaps = []
    for page in range(1, min(len(ours), len(theirs))):
        start = re.sub(r"[\s\-]", "", theirs[page].replace("\u00ad", "-"))[:40]
        found = [m.start() for m in re.finditer(re.escape(start), text)] if start else []
        gaps.append(
            min(
                (float(line_of[i] - first_lines[page]) for i in found),
                key=abs,
                default=float("inf"),
            )
        )
    return Comparison(name, len(ours), len(theirs), tuple(gaps))


def convert_with_libreoffice(docx_files: list[Path], out: Path) -> None:
    """One LibreOffice run for all files (its start-up is most of the time)."""
    command = [
        str(soffice()),
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, docx_files),
    ]
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    command.insert(1, f"-env:UserInstallation=file://{profile}")
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)


def compare_releases(releases: list[Release], folder: Path) -> list[Comparison]:
    """The PDF against LibreOffice's layout of the DOCX and of the ODT. One release in four
    carries the *PROJET* mark (a watermark in the DOCX, the ODT's page header)."""
    folder.mkdir(parents=True, exist_ok=True)
    docx_files, odt_files, pdfs, headers = [], [], [], []
    for i, release in enumerate(releases):
        prepared = prepare(release, state="brouillon" if i % 4 == 1 else "")
        png, svg = render_brand_png(prepared), render_brand_svg(prepared)
        docx = folder / f"draft-{i:02d}.docx"
        docx.write_bytes(render_docx(prepared, png, brand_svg=svg))
        odt = folder / f"draft-{i:02d}.odt"
        odt.write_bytes(render_odt(prepared, png, svg))
        pdf = render_pdf(prepared)
        (folder / f"draft-{i:02d}.pdf").write_bytes(pdf)
        docx_files.append(docx)
        odt_files.append(odt)
        pdfs.append(pdf)
        headers.append(prepared.header)
    out, odt_out = folder / "libreoffice", folder / "libreoffice-odt"
    convert_with_libreoffice(docx_files, out)
    convert_with_libreoffice(odt_files, odt_out)
    results = []
    for docx, pdf, header in zip(docx_files, pdfs, headers, strict=True):
        by_docx = compare(docx.stem, pdf, (out / f"{docx.stem}.pdf").read_bytes(), header)
        by_odt = compare(docx.stem, pdf, (odt_out / f"{docx.stem}.pdf").read_bytes(), header)
        results.append(
            replace(by_docx, odt_pages=by_odt.docx_pages, odt_page_end_lines=by_odt.page_end_lines)
        )
    return results
