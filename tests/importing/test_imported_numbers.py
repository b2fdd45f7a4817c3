"""An imported release keeps its number as the old release printed it (« N° 2024-087 », not
« N°87 »): in the draft, in every export and in the archive."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from desktop.core.numbers import is_imported, printed_number
from desktop.core.recognise_parts import number_of
from desktop.services.drafts import load_draft
from desktop.store.archive import Archive
from desktop.usecases.export import export_release
from desktop.usecases.importing import import_files, import_text
from tests.importing.corpus import pasted


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("N° 2024-087", "N° 2024-087", 87),
        ("CP n° 2023-141", "CP n° 2023-141", 141),
        ("N°350", "N°350", 350),
        ("Communiqué n°\u00a012/2021", "N° 12/2021", 12),
    ],
)
def test_the_number_line_gives_the_printed_form(line: str, label: str, value: int) -> None:
    found = number_of(line)
    assert found is not None and (found.value, found.label) == (value, label)


@pytest.mark.parametrize("line", ["N° 2024-087", "CP n° 2023-141"])
def test_an_imported_number_keeps_its_form_in_the_draft_and_exports(
    line: str, tmp_path: Path
) -> None:
    done = import_text(pasted(number=line), tmp_path)
    assert done.draft is not None
    release = load_draft(done.draft)  # read back from the file
    assert is_imported(release.numbering)
    assert printed_number(release) == line
    out = tmp_path / "out"
    out.mkdir()
    targets = {
        "txt": out / "cp.txt",
        "html": out / "cp.html",
        "docx": out / "cp.docx",
        "pdf": out / "cp.pdf",
    }
    export_release(release, targets)
    assert line in targets["txt"].read_text(encoding="utf-8")
    assert line in targets["html"].read_text(encoding="utf-8").replace("\u00a0", " ")
    words = "\n".join(p.text for p in docx.Document(str(targets["docx"])).paragraphs)
    assert line in words.replace("\u00a0", " ")
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(targets["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert line in " ".join(pdf.replace("\u00a0", " ").split())
    assert "N°87" not in pdf and "N°141" not in pdf


def test_the_archive_lists_and_finds_the_printed_form(backend: str, tmp_path: Path) -> None:
    source = tmp_path / "cp.txt"
    source.write_text(pasted(number="CP n° 2023-141"), encoding="utf-8")
    archive = Archive.open()
    (done,) = import_files([source], tmp_path, archive=archive)
    assert done.draft is not None
    (hit,) = archive.search("archives départementales")
    assert hit.number == "CP n° 2023-141"


def test_a_register_does_not_take_an_imported_number_for_its_own(tmp_path: Path) -> None:
    from desktop.store.register import number_label

    done = import_text(pasted(number="N° 2024-087"), tmp_path)
    assert done.draft is not None
    assert number_label(load_draft(done.draft)) == "N° 2024-087"


def test_issuing_an_imported_draft_says_whose_number_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    done = import_text(pasted(number="N° 2024-087"), tmp_path)
    assert done.draft is not None
    assert main(["issue", str(done.draft), "--start", "200"]) != 0
    err = capsys.readouterr().err
    assert "porte le numéro « N° 2024-087 », repris du document importé" in err
    assert "Traceback" not in err
    assert main(["issue", str(done.draft), "--new"]) == 0  # the office numbers it anew
    assert capsys.readouterr().out.strip() == "N°200"
    release = load_draft(done.draft)
    assert release.number == 200 and not is_imported(release.numbering)
