"""``communique export``: what a person sees on the terminal, and what lands on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_export_writes_both_files_next_to_the_draft(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "seed.communique"
    shutil.copy(example_path, draft)
    assert main(["export", str(draft)]) == 0
    out, err = capsys.readouterr()
    assert (tmp_path / "seed.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "seed.docx").read_bytes().startswith(b"PK")
    assert str(tmp_path / "seed.pdf") in out
    assert "Liberation Sans" in err  # says which typeface was used


def test_export_to_chosen_paths_from_another_folder(tmp_path: Path, example_path: Path) -> None:
    result = run("export", str(example_path), "--docx", "a.docx", "--pdf", "a.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "a.docx").exists() and (tmp_path / "a.pdf").exists()


def test_only_the_format_asked_for(tmp_path: Path, example_path: Path) -> None:
    assert main(["export", str(example_path), "--pdf", str(tmp_path / "only.pdf")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["only.pdf"]


def test_an_invalid_draft_exits_2_with_one_line_per_problem_and_writes_nothing(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "bad.communique"
    draft.write_text(
        json.dumps(
            {"format": "communique", "version": 1, "date": "hier", "contacts": [{"email": 3}]}
        ),
        encoding="utf-8",
    )
    before = draft.read_bytes()
    result = run("export", str(draft))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if not line.startswith("avertissement")]
    assert len(lines) == 2
    assert any("date : « hier »" in line for line in lines)
    assert any("contacts[0].email : texte attendu" in line for line in lines)
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.communique"]
    assert draft.read_bytes() == before


@pytest.mark.parametrize("content", ["{not json", '{"format": "communique", "version": 99}', "[]"])
def test_corrupt_or_newer_drafts_exit_2(tmp_path: Path, content: str) -> None:
    draft = tmp_path / "x.communique"
    draft.write_text(content, encoding="utf-8")
    result = run("export", str(draft))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "erreur" in result.stderr or "version" in result.stderr or "brouillon" in result.stderr


def test_a_missing_draft_is_a_clear_message(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "absent.communique"))
    assert result.returncode == 1
    assert "introuvable" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.logs_warnings
def test_an_unwritable_folder(
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root writes anywhere: refuse the write as the system would
        import tempfile

        def refused(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", str(locked))

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    assert main(["export", str(example_path), "--pdf", str(locked / "a.pdf")]) == 1
    err = capsys.readouterr().err
    assert f"« {locked / 'a.pdf'} » : accès refusé" in err
    assert list(locked.iterdir()) == []


def test_an_output_in_a_missing_folder_or_on_a_folder(tmp_path: Path, example_path: Path) -> None:
    result = run("export", str(example_path), "--pdf", str(tmp_path / "nope" / "a.pdf"))
    assert result.returncode == 1 and "introuvable" in result.stderr
    result = run("export", str(example_path), "--docx", str(tmp_path))
    assert result.returncode == 2 and "n’est pas un nom de fichier" in result.stderr
    result = run("export", str(example_path), "--pdf", "")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_same_path_for_both_formats_is_refused(tmp_path: Path, example_path: Path) -> None:
    result = run("export", str(example_path), "--docx", "same", "--pdf", "./same", cwd=tmp_path)
    assert result.returncode == 2 and "même fichier" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_refused_second_file_leaves_the_first_untouched(
    tmp_path: Path, example_path: Path
) -> None:
    earlier = tmp_path / "keep.pdf"
    earlier.write_bytes(b"precious")
    result = run(
        "export",
        str(example_path),
        "--pdf",
        str(earlier),
        "--docx",
        str(tmp_path / "missing" / "a.docx"),
    )
    assert result.returncode == 1 and "introuvable" in result.stderr
    assert earlier.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


@pytest.mark.logs_warnings
def test_a_failed_export_keeps_the_earlier_file(
    tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"earlier export")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert main(["export", str(example_path), "--pdf", str(target)]) == 1
    assert target.read_bytes() == b"earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_usage_errors_are_in_french(tmp_path: Path) -> None:
    result = run("export")
    assert result.returncode == 2
    assert "arguments obligatoires manquants" in result.stderr


def test_a_batch_exports_every_good_draft_and_reports_the_bad_ones(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafts = []
    for i in range(17):  # enough to share the work between processes
        draft = tmp_path / f"r{i:02d}.communique"
        shutil.copy(example_path, draft)
        drafts.append(str(draft))
    (tmp_path / "r05.communique").write_text("{cassé", encoding="utf-8")
    assert main(["export", "--jobs", "2", *drafts]) == 2
    out, err = capsys.readouterr()
    assert len(list(tmp_path.glob("*.pdf"))) == 16 and len(list(tmp_path.glob("*.docx"))) == 16
    assert not (tmp_path / "r05.pdf").exists()
    assert "r05.communique" in err and "JSON invalide" in err
    assert out.splitlines()[0].endswith("r00.pdf")  # results come back in the order given


def test_several_drafts_refuse_single_output_paths(tmp_path: Path, example_path: Path) -> None:
    result = run("export", str(example_path), str(example_path), "--pdf", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "un seul brouillon" in result.stderr


@pytest.mark.logs_warnings
def test_a_failed_write_says_it_in_french_only(tmp_path: Path, example_path: Path) -> None:
    """The log's English lines stay in the log: stderr holds the French message alone."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "export",
            str(example_path),
            "--pdf",
            str(tmp_path / "absent" / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "introuvable" in done.stderr
    assert "write failed" not in done.stderr and "Errno" not in done.stderr
