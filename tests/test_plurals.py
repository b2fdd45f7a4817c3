"""Counts are said in real French: « 1 résultat. », « 2 résultats. », never « résultat(s) »
(the new-user trial found about forty « (s) » in what the window and the commands say)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from desktop.core.plurals import NBSP, agree, plural

ROOT = Path(__file__).resolve().parents[1]
HEDGED = re.compile(r"[^\W\d_]\((?:s|e|es|x)\)", re.IGNORECASE)
"""« résultat(s) », « effacé(e) », « présent(e)s »: a hedged agreement."""
ALLOWED = {"http(s)"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            # a string statement is documentation, wherever it stands (attribute docstrings too)
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def hedged_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-strings' text included, docstrings left out) that
    hedge an agreement with « (s) » or « (e) »."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = _docstrings(tree)
    faults = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for match in HEDGED.finditer(node.value):
                text = node.value[max(0, match.start() - 4) : match.end()]
                if not any(allowed in text for allowed in ALLOWED):
                    faults.append((node.lineno, node.value))
    return faults


MODULES = sorted((ROOT / "desktop").rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hedged_plural_in_what_the_app_says(module: Path) -> None:
    assert hedged_strings(module) == []


def test_the_guard_sees_a_hedged_plural_in_an_f_string(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""Doc: résultat(s) is fine."""\nn = 2\nx = f"{n} résultat(s)."\ny = "effacé(e)"\n'
    )
    assert sorted(line for line, _ in hedged_strings(module)) == [3, 4]


@pytest.mark.parametrize(
    ("count", "phrase", "expected"),
    [
        (0, "résultat", "0 résultat"),
        (1, "résultat", "1 résultat"),
        (2, "résultat", "2 résultats"),
        (40, "contact ajouté", "40 contacts ajoutés"),
        (3, "prix", "3 prix"),
        (-1, "page", "-1 page"),
    ],
)
def test_plural_agrees_in_french(count: int, phrase: str, expected: str) -> None:
    assert plural(count, phrase) == expected


def test_an_irregular_phrase_gives_its_plural_and_a_no_break_space() -> None:
    assert plural(2, "déjà présent", "déjà présents") == "2 déjà présents"
    assert plural(1, "déjà présent", "déjà présents") == "1 déjà présent"
    assert plural(5, "destinataire", space=NBSP) == "5\u00a0destinataires"
    assert agree(2, "refusée") == "refusées"


def test_the_commands_say_one_result_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(["archive", "search", "plan"]) == 0  # no register yet
    assert capsys.readouterr().err.strip() == "0 résultat : les archives sont vides."
