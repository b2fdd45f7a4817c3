"""No argument makes a traceback: every command and sub-command, given names that are not UTF-8,
empty, over-long, or holding control characters in each of its places (positionals and options
that take a value), answers with a French line and exits with 0, 1 or 2; and the inputs the
command line reads are bounded (a FIFO, /dev/zero, a decompression bomb, a number of 31 digits).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import build_parser, main

NOT_UTF8 = os.fsdecode(b"\xff\xfe-nom.communique")
HOSTILE = [
    NOT_UTF8,
    "",
    "a" * 300,
    "x" * 5000 + ".communique",
    "https://exemple.fr/\x01\x7f",
    "ligne\nsuivante",
    "\x00",
    "-",
    "..",
    "/dev/zero",
]
ENGLISH_MARKS = ("Traceback", "Errno", "Error:", "object has no attribute")


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    sub = _subparsers(parser)
    if sub is None:
        yield path, parser
        return
    for name, child in sub.choices.items():
        yield from commands(child, (*path, name))


def argument_lists(parser: argparse.ArgumentParser, value: str) -> Iterator[list[str]]:
    """``value`` in each positional place (the others given a harmless name), and after each
    option that takes a value."""
    positionals = [a for a in parser._actions if not a.option_strings and a.dest != "help"]
    fill = ["presse" for _ in positionals]
    for index in range(len(positionals)):
        args = list(fill)
        args[index] = value
        yield args
    for action in parser._actions:
        if action.option_strings and action.nargs != 0 and action.dest != "help":
            if action.choices is not None:
                continue
            yield [*fill, action.option_strings[-1], value]


COMMANDS = sorted(commands(build_parser()))
CASES = [
    (path, args)
    for path, parser in COMMANDS
    for value in HOSTILE
    for args in argument_lists(parser, value)
    if path[:1] not in (("mail",),)  # tested against its server in test_cli_mail*
]


@pytest.mark.parametrize(
    ("path", "args"), CASES, ids=lambda x: " ".join(x)[:40].encode("unicode_escape").decode()
)
def test_no_argument_gives_a_traceback(
    path: tuple[str, ...], args: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    os.chdir(tmp_path)
    try:
        code = main([*path, *args])
    except SystemExit as exc:  # argparse's refusal: French, exit 2
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert code in (0, 1, 2), said
    assert not any(mark in said for mark in ENGLISH_MARKS), said


@given(st.text(min_size=0, max_size=400), st.sampled_from(COMMANDS))
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_free_text_in_any_place(
    value: str, command: tuple[tuple[str, ...], argparse.ArgumentParser]
) -> None:
    path, parser = command
    if path[:1] == ("mail",):
        return
    for args in argument_lists(parser, value):
        try:
            code = main([*path, *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        assert code in (0, 1, 2)


# ---------------------------------------------------------------- bounded inputs


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "tube"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [["fonts", "install-marianne"], ["dictionary", "import"], ["lists", "import", "presse"]],
)
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_fifo_or_a_device_is_never_read(
    command: list[str], kind: str, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if command[0] == "lists":
        assert main(["lists", "create", "presse"]) == 0
    target = str(fifo) if kind == "fifo" else "/dev/zero"
    assert main([*command, target]) == 1  # returns at once: a blocking read would hang here
    assert "n’est pas un fichier ordinaire" in capsys.readouterr().err


def _tarball(members: dict[str, int], path: Path) -> Path:
    class Zeros(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left = size

        def read(self, size: int = -1) -> bytes:
            size = self.left if size < 0 else min(size, self.left)
            self.left -= size
            return b"\0" * size

    with tarfile.open(path, "w:gz", compresslevel=9) as archive:
        for name, size in members.items():
            info = tarfile.TarInfo(name)
            info.size = size
            archive.addfile(info, Zeros(size))
    return path


def test_a_decompression_bomb_is_refused_without_unpacking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _tarball({"package/dist/fonts/Marianne-Bold.woff2": 800 * 2**20}, tmp_path / "b.tgz")
    assert bomb.stat().st_size < 2_000_000
    assert main(["fonts", "install-marianne", str(bomb)]) == 2
    assert "démesuré une fois décompressé" in capsys.readouterr().err
    large = _tarball({"package/dist/fonts/Marianne-Bold.woff2": 6 * 2**20}, tmp_path / "l.tgz")
    assert main(["fonts", "install-marianne", str(large)]) == 2
    assert "trop volumineux pour une police" in capsys.readouterr().err


def test_an_empty_package_is_said_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "vide.tgz"
    empty.write_bytes(b"")
    assert main(["fonts", "install-marianne", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "il est vide, abîmé" in err and "ReadError" not in err


def test_an_imported_number_out_of_bounds_is_refused(
    tmp_path: Path,
    example_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = tmp_path / "a.communique"
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data.pop("number", None)
    draft.write_text(json.dumps(data), encoding="utf-8")
    assert main(["issue", "--start", "1", str(draft)]) == 0
    export = tmp_path / "export.json"
    assert main(["register", "export", str(export)]) == 0
    dump = json.loads(export.read_text(encoding="utf-8"))
    entries = dump["tables"]["entries"]
    entries["rows"][0][entries["columns"].index("number")] = 10**30
    export.write_text(json.dumps(dump), encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "neuf.sqlite"))
    assert main(["register", "init"]) == 0
    capsys.readouterr()
    assert main(["register", "import", str(export)]) == 2
    err = capsys.readouterr().err
    assert "entries.number" in err and "Traceback" not in err
