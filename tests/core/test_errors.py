"""One error root: every exception the program defines is a ``CommuniqueError`` with a French
message and an exit code, so that each front end catches errors in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.core.draft import DraftError, DraftFileError
from desktop.core.errors import EXIT_INVALID, EXIT_IO, CommuniqueError
from desktop.store.register_errors import RegisterRefused, RegisterUnavailable

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
BUILTIN_ROOTS = {"Exception", "BaseException", "ValueError", "OSError", "RuntimeError", "TypeError"}


def _exception_classes() -> list[tuple[str, str, set[str]]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases}
                found.append((str(path.relative_to(PACKAGE)), node.name, bases))
    return found


def test_no_exception_class_starts_a_root_of_its_own() -> None:
    own_roots = [
        (where, name)
        for where, name, bases in _exception_classes()
        if bases & BUILTIN_ROOTS and not bases - BUILTIN_ROOTS and name != "CommuniqueError"
    ]
    assert own_roots == []


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (DraftError([]), EXIT_INVALID),
        (DraftFileError([]), EXIT_IO),
        (RegisterRefused("non"), EXIT_INVALID),
        (RegisterUnavailable("verrouillé"), EXIT_IO),
    ],
)
def test_each_error_says_its_exit_code(error: CommuniqueError, code: int) -> None:
    assert isinstance(error, CommuniqueError)
    assert error.exit_code == code
