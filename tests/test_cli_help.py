"""The command line speaks French throughout: argparse's headings, help line and errors too."""

from __future__ import annotations

import argparse
import ast
import inspect
import re

import pytest

from desktop import cli
from desktop.commands import argparse_fr

ENGLISH = re.compile(
    r"usage:|options:|positional arguments|optional arguments|show this help|error:|"
    r"(?<![-\w])(?:required|invalid|expected|unrecognized|choose from|not allowed|ambiguous)\b|"
    r"[A-Za-z]'[a-z]"
)
"""argparse's English, and straight apostrophes (French text takes ’)."""


def argparse_messages() -> set[str]:
    """Every message the running Python's argparse passes through gettext."""
    tree = ast.parse(inspect.getsource(argparse))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            found.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return found


def test_every_argparse_message_is_translated_or_a_developer_error() -> None:
    messages = argparse_messages()
    assert "usage: " in messages and "show this help message and exit" in messages
    missing = messages - set(argparse_fr.MESSAGES) - argparse_fr.DEVELOPER_ONLY
    assert not missing


def test_translations_keep_their_fields() -> None:
    for english, french in argparse_fr.MESSAGES.items():
        fields = re.findall(r"%(?:\(\w+\))?[sr]", english)
        kept = re.findall(r"%(?:\(\w+\))?[sr]", french)
        # The same fields; only the type's English name (int) may be left out.
        assert set(kept) <= set(fields) and set(fields) - set(kept) <= {"%(type)s"}, english
        assert len(kept) == len(set(kept)) or kept == fields, english
        assert not ENGLISH.search(french.replace("%(argument_name)s", "")), french


def all_parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """The parser of ``communique`` and of each of its commands and sub-commands."""
    found: list[tuple[str, argparse.ArgumentParser]] = []

    def walk(name: str, parser: argparse.ArgumentParser) -> None:
        found.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(f"{name} {sub_name}", sub)

    walk("communique", cli.build_parser())
    return found


@pytest.mark.parametrize("name", [name for name, _ in all_parsers()])
def test_help_is_french(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([*name.split()[1:], "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : communique")
    assert "afficher cette aide et quitter" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


@pytest.mark.parametrize(
    ("argv", "french"),
    [
        ([], "arguments obligatoires manquants : COMMANDE"),
        (
            ["exporte"],
            "argument COMMANDE : choix invalide : 'exporte' (possibles : 'export', 'check'",
        ),
        (["export"], "arguments obligatoires manquants : BROUILLON"),
        (["export", "a.communique", "--jobs"], "argument --jobs : une valeur est attendue"),
        (
            ["register", "list", "--year", "x"],
            "argument --year : «\u00a0x\u00a0»\u00a0: il faut un nombre entier de 1 à 9999 (année)",
        ),
        (["check", "a.communique", "--bavard"], "arguments inconnus : --bavard"),
        (
            ["register", "policy", "--continuous", "--yearly"],
            "argument --yearly : incompatible avec l’argument --continuous",
        ),
        (
            ["register", "list", "--se", "x"],
            "option ambiguë : --se peut désigner --search, --series",
        ),
    ],
)
def test_usage_errors_are_french(
    argv: list[str], french: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("utilisation : communique")
    assert "erreur : " + french in err
    assert not ENGLISH.search(err.replace("--bavard", "")), err
