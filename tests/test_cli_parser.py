"""A run of one command builds that command's parser alone; what it parses is the same."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from desktop import cli


def test_the_program_own_options_take_no_value() -> None:
    """``command_named`` skips every option before the command: none may take a value."""
    parser = cli.build_parser()
    for action in parser._actions:
        if action.option_strings:
            assert action.nargs == 0, action.option_strings


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["export", "a.communique"], "export"),
        (["--log", "check", "a.communique"], "check"),
        (["--lo", "register", "list"], "register"),
        (["dictionary", "export", "x.txt"], "dictionary"),
        ([], None),
        (["--help"], None),
        (["--version"], None),
        (["exprt", "a.communique"], None),
        (["--", "export"], None),
    ],
)
def test_command_named(argv: list[str], named: str | None) -> None:
    assert cli.command_named(argv) == named


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "a.communique", "--docx", "a.docx", "--pdf", "a.pdf", "--jobs", "2"],
        ["--log", "check", "a.communique"],
        ["register", "list"],
        ["lists", "show"],
        ["dictionary", "list"],
    ],
)
def test_one_command_parser_parses_as_the_whole(argv: list[str]) -> None:
    def parsed(parser: argparse.ArgumentParser) -> dict[str, object]:
        return {
            key: getattr(value, "__qualname__", value)
            for key, value in vars(parser.parse_args(argv)).items()
        }

    assert parsed(cli.build_parser(cli.command_named(argv))) == parsed(cli.build_parser())


def test_an_export_imports_no_other_command() -> None:
    code = (
        "import sys; from desktop import cli; "
        "cli.build_parser(cli.command_named(['export', 'a.communique'])); "
        "print(sorted(m for m in sys.modules if m.startswith('desktop.commands.')"
        " and not m.startswith('desktop.commands._')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['desktop.commands.argparse_fr', 'desktop.commands.export']"


def test_an_unknown_command_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["exprt", "a.communique"])
    err = capsys.readouterr().err
    assert "commande inconnue" in err or "choix invalide" in err
    assert "'export'" in err and "'mail'" in err
