"""The ``communique`` console script ends ``export`` and ``check`` without Python's finalization:
the files, the output and the exit code are the same as through ``desktop.cli``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import SEED

RUN = "from desktop.console import main; main()"


def _console(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_export_writes_its_files_says_them_and_exits_0(tmp_path: Path) -> None:
    done = _console("export", str(SEED), "--docx", "a.docx", "--pdf", "a.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.split()) == ["a.docx", "a.pdf"]
    assert "avertissement" in done.stderr  # what was said on the way is flushed too
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "a.docx").read_bytes().startswith(b"PK")


def test_a_refused_export_keeps_its_exit_code_and_message(tmp_path: Path) -> None:
    draft = tmp_path / "vide.communique"
    draft.write_text("{}", encoding="utf-8")
    done = _console("export", str(draft), "--pdf", "a.pdf", cwd=tmp_path)
    via_cli = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "export", str(draft), "--pdf", "a.pdf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == via_cli.returncode == 2
    assert done.stderr == via_cli.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_the_log_is_flushed_before_the_end(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-c", RUN, "--log", "check", str(SEED)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode in (0, 1), done.stderr
    logged = (tmp_path / "state" / "communique" / "communique.log").read_text(encoding="utf-8")
    assert "communique check" in logged
    assert str(SEED) not in logged  # the command, never its arguments (they may name a person)


def test_other_commands_end_the_usual_way(tmp_path: Path) -> None:
    done = _console("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("Communiqué ")
