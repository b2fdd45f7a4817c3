"""Unix assumptions stay in one place: locks, permissions, the user's id, signals and file
replacement only in ``services/portable.py``; the home folder, ``/tmp`` and ``HOME`` only in
``services/paths.py``; names made from a person's text go through ``core.filenames``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"
PORTABLE = PACKAGE / "services" / "portable.py"
PATHS = PACKAGE / "services" / "paths.py"

_UNIX_MODULES = {"fcntl", "msvcrt", "signal", "pwd", "grp", "termios"}
_OS_CALLS = {
    "chmod",
    "fchmod",
    "lchmod",
    "umask",
    "getuid",
    "geteuid",
    "getgid",
    "replace",
    "rename",
    "kill",
    "chown",
}
_PATH_TEXT = re.compile(r"^~|/tmp\b|(?:^|_)HOME$")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def test_unix_calls_only_in_the_portability_module() -> None:
    found = []
    for path, tree in _sources():
        if path == PORTABLE:
            continue
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [
                    f"{where}: import {a.name}" for a in node.names if a.name in _UNIX_MODULES
                ]
            elif isinstance(node, ast.ImportFrom) and node.module in _UNIX_MODULES:
                found.append(f"{where}: from {node.module}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in _OS_CALLS
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                found.append(f"{where}:{node.lineno}: os.{node.attr}")
            elif isinstance(node, ast.Attribute) and node.attr in {"chmod", "lchmod", "rename"}:
                found.append(f"{where}:{node.lineno}: .{node.attr}()")
    assert found == [], "use desktop.services.portable:\n" + "\n".join(found)


def test_home_tmp_and_home_variables_only_in_the_paths_module() -> None:
    found = []
    for path, tree in _sources():
        if path == PATHS:
            continue
        where = path.relative_to(ROOT)
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and _PATH_TEXT.search(node.value)
            ):
                found.append(f"{where}:{node.lineno}: {node.value!r}")
            elif isinstance(node, ast.Attribute) and node.attr in {"home", "expanduser"}:
                found.append(f"{where}:{node.lineno}: .{node.attr}()")
            elif isinstance(node, ast.Attribute) and node.attr == "gettempdir":
                found.append(f"{where}:{node.lineno}: tempfile.gettempdir()")
    assert found == [], "use desktop.services.paths:\n" + "\n".join(found)


def test_the_rules_see_what_they_forbid(tmp_path: Path) -> None:
    """The patterns are not vacuous: each catches a sample."""
    assert _PATH_TEXT.search("~/Documents") and _PATH_TEXT.search("/tmp/x")
    assert _PATH_TEXT.search("XDG_DATA_HOME") and _PATH_TEXT.search("HOME")
    assert not _PATH_TEXT.search("HOMEPAGE") and not _PATH_TEXT.search("a~b")
