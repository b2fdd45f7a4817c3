"""The PDF read back: tagged, PDF/A-2b and PDF/UA-1 declared, French, titled, fonts embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from desktop.core.model import Release


@pytest.fixture(scope="module")
def pdf(seed_outputs: dict[str, bytes]) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(seed_outputs["pdf"]))


def test_is_tagged_with_a_structure_tree(pdf: pikepdf.Pdf) -> None:
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root


def test_declares_pdfa_2b_and_pdfua_1(pdf: pikepdf.Pdf) -> None:
    meta = pdf.open_metadata()
    assert meta["pdfaid:part"] == "2"
    assert meta["pdfaid:conformance"] == "B"
    assert meta["pdfuaid:part"] == "1"
    assert "/OutputIntents" in pdf.Root


def test_language_and_title(pdf: pikepdf.Pdf, seed: Release) -> None:
    assert str(pdf.Root.Lang) == "fr-FR"
    meta = pdf.open_metadata()
    assert meta["dc:title"] == seed.headline.replace("'", "’")
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_every_font_is_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = []
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            fonts.append(target)
    assert fonts
    for font in fonts:
        descriptor = font.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_a_mailto_and_a_tel_link_per_contact(pdf: pikepdf.Pdf, seed: Release) -> None:
    uris = [
        str(annot.A.URI)
        for page in pdf.pages
        for annot in page.get("/Annots", [])
        if annot.get("/A") is not None and "/URI" in annot.A
    ]
    for contact in seed.contacts:
        assert f"mailto:{contact.email}" in uris
    assert "tel:+33-1-44-49-89-40" in uris
    assert "tel:+33-1-53-18-44-38" in uris


def test_is_a4(pdf: pikepdf.Pdf) -> None:
    box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box[2] == pytest.approx(595.28, abs=0.5) and box[3] == pytest.approx(841.89, abs=0.5)


def test_pdfua_check_finds_nothing(seed_outputs: dict[str, bytes]) -> None:
    tool = Path(sys.executable).with_name("pdfua")
    if not tool.exists() and shutil.which("pdfua") is None:
        pytest.skip("pdfua is not installed")
    command = [str(tool) if tool.exists() else "pdfua", "check", seed_outputs["pdf_path"].decode()]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no findings" in result.stdout
