"""A batch against hostile conditions: a worker that dies, an absurd number of processes, a
draft that is a symbolic-link loop (issue 10, item 3, and what was tried beyond it)."""

from __future__ import annotations

import concurrent.futures
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main


class _DyingPool:
    """A process pool whose workers die after the first result, as when one is killed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _DyingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, function: Any, jobs: list[Any], chunksize: int = 1) -> Iterator[Any]:
        from concurrent.futures.process import BrokenProcessPool

        yield function(jobs[0])
        raise BrokenProcessPool("a worker died")


def test_a_dead_worker_is_reported_per_draft_not_as_a_traceback(
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _DyingPool)
    drafts = []
    for i in range(16):
        drafts.append(str(tmp_path / f"r{i:02d}.communique"))
        shutil.copy(example_path, drafts[-1])
    assert main(["export", "--jobs", "2", *drafts]) == 1
    err = capsys.readouterr().err
    assert (tmp_path / "r00.pdf").exists()
    assert err.count("non exporté") == 15 and "r15.communique" in err


@pytest.mark.parametrize("jobs", ["65", "99999999999999999999999", "-1", "deux"])
def test_an_absurd_number_of_processes_is_refused(
    jobs: str, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--jobs", jobs, str(example_path)])
    assert exited.value.code == 2
    assert "de 0 à 64" in capsys.readouterr().err


def test_a_symbolic_link_loop_is_said_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.communique").symlink_to(tmp_path / "b.communique")
    (tmp_path / "b.communique").symlink_to(tmp_path / "a.communique")
    assert main(["check", str(tmp_path / "a.communique")]) == 2
    said = capsys.readouterr().out
    assert "trop de liens symboliques" in said and "Too many" not in said


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["fifo", "long name", "draft"])
def test_a_register_path_that_is_no_register_is_said_in_french(
    tmp_path: Path, example_path: Path, kind: str
) -> None:
    import os
    import subprocess
    import sys

    if kind == "fifo":
        target = tmp_path / "registre.sqlite"
        os.mkfifo(target)
    elif kind == "long name":
        target = tmp_path / ("r" * 300 + ".sqlite")
    else:
        target = tmp_path / "d.communique"
        shutil.copy(example_path, target)
    before = target.read_bytes() if kind == "draft" else b""
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "register", "list"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        env={**os.environ, "COMMUNIQUE_REGISTER": str(target)},
    )
    assert "Traceback" not in result.stderr
    if kind == "draft":  # not a register file's name: refused before anything is opened
        assert result.returncode == 2
        assert "ne désigne ni un serveur PostgreSQL" in result.stderr
    else:
        assert result.returncode == 1
        assert "Le registre" in result.stderr
    assert not any(
        english in result.stderr for english in ("File name too long", "file is not a database")
    )
    if kind == "draft":
        assert target.read_bytes() == before
