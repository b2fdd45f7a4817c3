"""Every shipped example (``resources/examples``) is checked clean by ``communique check`` and
exports to every format it has, each read back; its PDF passes the PDF/UA checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar
from odf.opendocument import load as load_odt
from odf.text import H

from desktop.cli import main
from desktop.resources import resource
from desktop.services.drafts import load_draft

EXAMPLES = sorted(resource("examples").glob("*.communique"))
TYPEFACE = "avertissement police"
"""Marianne is not installed where the tests run: the one finding about the machine."""
EVENT_PAST = "l’événement est passé"
"""Depends on the day the tests run, not on the example (the invitation is for March 2027)."""
EXPECTED = {
    "invitation": ("Date et horaires", "Lieu", "Programme", "Modalités pour la presse"),
    "agenda": ("Lundi 22\u00a0mars 2027", "Mercredi 24\u00a0mars 2027"),
}


def test_every_kind_with_details_has_an_example() -> None:
    assert {"invitation", "agenda", "seed"} <= {p.stem for p in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_check_finds_nothing(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(example)])
    out, err = capsys.readouterr()
    lines = [
        line
        for line in (out + err).splitlines()
        if line.strip() and not line.startswith(TYPEFACE) and EVENT_PAST not in line
    ]
    assert lines == []


def pdfua_tool() -> str | None:
    tool = Path(sys.executable).with_name("pdfua")
    return str(tool) if tool.exists() else shutil.which("pdfua")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_exports_to_every_format(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = load_draft(example)
    draft = tmp_path / example.name
    shutil.copy(example, draft)
    suffixes = ["pdf", "docx", "odt", "html", "txt"]
    if example.stem in EXPECTED:
        suffixes.append("ics")
    flags = [item for s in suffixes for item in (f"--{s}", str(tmp_path / f"out.{s}"))]
    assert main(["export", str(draft), *flags]) == 0, capsys.readouterr().err
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "out.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert release.headline.split()[0] in text
    docx_text = "\n".join(p.text for p in Document(str(tmp_path / "out.docx")).paragraphs)
    odt = load_odt(str(tmp_path / "out.odt"))
    odt_headings = [str(h) for h in odt.getElementsByType(H)]
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    plain = (tmp_path / "out.txt").read_text(encoding="utf-8")
    for heading in EXPECTED.get(example.stem, ()):
        assert heading in " ".join(text.split()) or heading.replace("\u00a0", " ") in text
        assert heading in docx_text
        assert heading in odt_headings
        assert f">{heading}</h2>" in html
        assert heading in plain
    if "ics" in suffixes:
        assert Calendar.from_ical((tmp_path / "out.ics").read_bytes()).walk("VEVENT")
    assert zipfile.is_zipfile(tmp_path / "out.docx")
    tool = pdfua_tool()
    if tool is None:
        pytest.skip("pdfua is not installed")
    result = subprocess.run(
        [tool, "check", str(tmp_path / "out.pdf")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "no findings" in result.stdout, result.stdout
