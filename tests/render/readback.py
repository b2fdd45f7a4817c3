"""Reading outputs back as a person would see them: poppler's text and pixels, LibreOffice's
layout of the DOCX. Each helper needs a tool CI may not have: tests skip without it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.render.layout_compare import convert_with_libreoffice, soffice


def need(tool: str) -> None:
    missing = soffice() is None if tool == "soffice" else shutil.which(tool) is None
    if missing:
        pytest.skip(f"{tool} is not installed")


def pdftotext(pdf: bytes) -> str:
    need("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def libreoffice_pdf(docx: bytes, *, suffix: str = "docx") -> bytes:
    """The DOCX (or the ODT: ``suffix="odt"``) as LibreOffice lays it out (with its French
    hyphenation patterns, if installed)."""
    need("soffice")
    folder = Path(tempfile.mkdtemp(prefix="communique-lo-"))
    (folder / f"release.{suffix}").write_bytes(docx)
    convert_with_libreoffice([folder / f"release.{suffix}"], folder)
    data = (folder / "release.pdf").read_bytes()
    shutil.rmtree(folder, ignore_errors=True)
    return data


def gray_page(pdf: bytes, *, page: int = 1, ppi: int = 144) -> tuple[int, int, bytes]:
    """The page as 8-bit grey pixels (width, height, rows), from pdftoppm's PGM."""
    need("pdftoppm")
    result = subprocess.run(
        ["pdftoppm", "-gray", "-singlefile", "-r", str(ppi), "-f", str(page), "-l", str(page), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    header, _, rest = result.stdout.partition(b"\n")
    assert header == b"P5"
    size, _, rest = rest.partition(b"\n")
    _max, _, pixels = rest.partition(b"\n")
    width, height = map(int, size.split())
    return width, height, pixels


def ink_box(pdf: bytes, *, ppi: int = 144, dark: int = 200) -> tuple[float, float]:
    """The top and the left of what is drawn on page 1, in points from the page's top left."""
    width, height, pixels = gray_page(pdf, ppi=ppi)
    top = next(y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < dark)
    left = min(
        x
        for x in range(width)
        for y in range(top, min(height, top + int(ppi / 2)))
        if pixels[y * width + x] < dark
    )
    return top * 72 / ppi, left * 72 / ppi


def text_tops(page: Any) -> list[tuple[str, float]]:
    """Each piece of text of a pypdf page with its baseline, in points from the page's top."""
    height = float(page.mediabox.height)
    tops: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip():  # the text's origin, through the text matrix then the CTM
            tops.append((text, height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])))

    page.extract_text(visitor_text=visit)
    return tops
