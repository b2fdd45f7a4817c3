"""Hostile paths: no command writes over an input (a draft, the register, an autosave), over
anything but a regular file, or to a name it then cannot use (issue 10, items 1 and 2)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import paths


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def draft(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "d.communique"
    shutil.copy(example_path, path)
    return path


def test_pdf_onto_the_draft_itself_is_refused_and_the_draft_kept(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = draft.read_bytes()
    assert main(["export", str(draft), "--pdf", str(draft)]) == 2
    err = capsys.readouterr().err
    assert f"« {draft} »" in err and "brouillon" in err
    assert draft.read_bytes() == before
    assert sorted(p.name for p in draft.parent.iterdir()) == ["d.communique"]


def test_a_draft_named_pdf_is_not_overwritten_by_its_own_export(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.pdf"
    shutil.copy(example_path, notes)
    before = notes.read_bytes()
    assert main(["export", str(notes)]) == 2
    assert f"« {notes} »" in capsys.readouterr().err  # names the clashing path
    assert notes.read_bytes() == before
    assert not (tmp_path / "notes.docx").exists()  # nothing written at all


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_link_to_the_draft_is_seen_for_what_it_is(
    draft: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = draft.parent / "sortie.pdf"
    if link == "symlink":
        target.symlink_to(draft)
    else:
        os.link(draft, target)
    before = draft.read_bytes()
    assert main(["export", str(draft), "--pdf", str(target)]) == 2
    assert "brouillon" in capsys.readouterr().err
    assert draft.read_bytes() == before


def test_an_output_in_a_batch_that_is_another_draft_of_the_batch_is_refused(
    tmp_path: Path, example_path: Path
) -> None:
    first = tmp_path / "a.communique"
    other = tmp_path / "a.docx"  # a draft that happens to be named a.docx
    shutil.copy(example_path, first)
    shutil.copy(example_path, other)
    before = other.read_bytes()
    result = run("export", str(first), str(other))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert other.read_bytes() == before


def test_two_drafts_of_a_batch_cannot_write_the_same_file(
    tmp_path: Path, example_path: Path
) -> None:
    for name in ("cp.communique", "cp.json"):
        shutil.copy(example_path, tmp_path / name)
    result = run("export", str(tmp_path / "cp.communique"), str(tmp_path / "cp.json"))
    assert result.returncode == 2
    assert "pour « " in result.stderr
    assert not (tmp_path / "cp.pdf").exists()


def test_contacts_export_onto_the_register_is_refused(tmp_path: Path) -> None:
    register = paths.register_path()
    assert main(["contacts", "add", "--name", "Cabinet", "--phone", "0144498940"]) == 0
    before = register.read_bytes()
    result = run(
        "contacts",
        "export",
        str(register),
        env={**os.environ, "COMMUNIQUE_REGISTER": str(register)},
    )
    assert result.returncode == 2, result.stderr
    assert "registre" in result.stderr and "Traceback" not in result.stderr
    assert register.read_bytes() == before
    assert main(["contacts", "list"]) == 0  # still a register


@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_the_register_companions_are_protected(tmp_path: Path, companion: str) -> None:
    from desktop.services.files import OutputRefused, check_output

    register = paths.register_path()
    with pytest.raises(OutputRefused, match="registre"):
        check_output(register.with_name(register.name + companion))


def test_an_autosave_is_protected(tmp_path: Path) -> None:
    from desktop.services.files import OutputRefused, check_output

    autosave = paths.autosave_dir()
    autosave.mkdir(parents=True)
    copy = autosave / "0123.communique"
    copy.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputRefused, match="sauvegarde automatique"):
        check_output(copy)


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_output_onto_a_non_regular_file_is_refused(
    draft: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "fifo":
        target = draft.parent / "tube.pdf"
        os.mkfifo(target)
    elif kind == "device":
        # A private copy of /dev/null: were the guard broken, only this node would be replaced.
        target = draft.parent / "null.pdf"
        try:
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("creating a device node needs root")
    else:
        target = draft.parent / "dossier.pdf"
        target.mkdir()
    try:
        code = main(["export", str(draft), "--pdf", str(target)])
    except SystemExit as exited:  # argparse refuses a folder's name outright
        code = exited.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    if kind == "device":
        assert target.is_char_device()  # not replaced by a file


@pytest.mark.parametrize(
    ("option", "name"), [("--pdf", "sortie.docx"), ("--docx", "x.pdf"), ("--pdf", "sans-extension")]
)
def test_the_suffix_must_match_the_format(
    draft: Path, option: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(draft), option, str(draft.parent / name)]) == 2
    err = capsys.readouterr().err
    assert "doit se terminer par" in err
    assert not (draft.parent / name).exists()


def test_an_output_name_over_the_system_limit_is_a_french_error(draft: Path) -> None:
    result = run("export", str(draft), "--pdf", str(draft.parent / ("x" * 300 + ".pdf")))
    assert result.returncode == 2
    assert "trop long" in result.stderr and "Traceback" not in result.stderr


def test_a_legal_249_character_name_is_written(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = draft.parent / ("x" * 245 + ".pdf")
    assert len(target.name) == 249
    assert main(["export", str(draft), "--pdf", str(target)]) == 0, capsys.readouterr().err
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in draft.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_an_output_through_a_symlink_writes_the_file_it_points_to(tmp_path: Path) -> None:
    from desktop.services.files import atomic_write

    real = tmp_path / "vrai.pdf"
    real.write_bytes(b"ancien")
    link = tmp_path / "lien.pdf"
    link.symlink_to(real)
    atomic_write(link, b"nouveau")
    assert link.is_symlink()
    assert real.read_bytes() == b"nouveau"


def test_a_batch_writes_every_valid_draft_and_reports_the_bad_one(
    tmp_path: Path, example_path: Path
) -> None:
    seed = json.loads(example_path.read_text(encoding="utf-8"))
    for name in ("a", "c"):
        shutil.copy(example_path, tmp_path / f"{name}.communique")
    (tmp_path / "b.communique").write_text(
        json.dumps({**seed, "body": ["é\u00a0" * 22_000]}), encoding="utf-8"
    )
    result = run("export", *(str(tmp_path / f"{n}.communique") for n in "abc"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    for name in ("a", "c"):
        assert (tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF")
        assert (tmp_path / f"{name}.docx").exists()
    assert not (tmp_path / "b.pdf").exists()
    assert "b.communique" in result.stderr
