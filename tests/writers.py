"""Every place in ``desktop/`` that writes a file, renames one, opens a database or sends a
message, found by reading the code (an AST scan): for the test that nothing bypasses the gate.

What counts as writing: ``atomic_write``/``atomic_write_all``, ``Path.write_bytes``/``write_text``,
``open``/``Path.open``/``os.fdopen`` with a mode that writes (``w``, ``a``, ``x``, ``+``),
``os.open`` with a flag that writes, ``tempfile.mkstemp``, ``shutil`` copies and moves,
``os.replace``/``rename``/``link``/``symlink`` (and ``portable.replace``), a one-argument ``.replace(x)``/``.rename(x)``
(``Path``'s; ``str.replace`` takes two), a log file handler, ``QSaveFile``, a database connection
(``sqlite3.connect``, ``psycopg.connect``), and SMTP's ``sendmail``/``send_message``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"

ALWAYS = {
    "atomic_write",
    "atomic_write_all",
    "write_bytes",
    "write_text",
    "mkstemp",
    "RotatingFileHandler",
    "FileHandler",
    "QSaveFile",
    "sendmail",
    "send_message",
}
SHUTIL = {"copy", "copy2", "copyfile", "copyfileobj", "copytree", "move"}
OS = {"replace", "rename", "renames", "link", "symlink"}
CONNECT = {"sqlite3", "psycopg"}
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"}


@dataclass(frozen=True, order=True)
class Writer:
    module: str
    function: str
    """The enclosing function, dotted (``Class.method``, ``outer.inner``), or ``<module>``."""
    call: str
    line: int

    @property
    def key(self) -> tuple[str, str]:
        return self.module, self.function


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _receiver(node: ast.Call) -> str:
    func = node.func
    return _name(func.value) if isinstance(func, ast.Attribute) else ""


def _mode(node: ast.Call, position: int) -> str:
    for keyword in node.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    if len(node.args) > position and isinstance(node.args[position], ast.Constant):
        return str(node.args[position].value)  # type: ignore[attr-defined]
    return "r"


def _writes(node: ast.Call) -> str | None:
    """What ``node`` does that writes, or None."""
    name = _name(node.func)
    receiver = _receiver(node)
    if name in ALWAYS:
        return name
    if receiver == "shutil" and name in SHUTIL:
        return f"shutil.{name}"
    if receiver == "os" and name in OS:
        return f"os.{name}"
    if receiver == "portable" and name == "replace":  # os.replace, portable (services.portable)
        return "portable.replace"
    if receiver in CONNECT and name == "connect":
        return f"{receiver}.connect"
    if name == "open" and receiver == "os":
        flags = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
        return "os.open (writing)" if flags & WRITE_FLAGS else None
    if name == "open" or name == "fdopen":
        builtin = isinstance(node.func, ast.Name) or receiver in ("os", "io", "builtins")
        mode = _mode(node, 1 if builtin else 0)
        return f"{name}({mode!r})" if set(mode) & set("wax+") else None
    if (
        name in ("replace", "rename")
        and isinstance(node.func, ast.Attribute)
        and len(node.args) == 1
        and not node.keywords
        and receiver not in ("os", "dataclasses")
    ):
        return f"Path.{name}"
    return None


class _Scan(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.scope: list[str] = []
        self.found: list[Writer] = []

    def _visit_scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = _visit_scope
    visit_AsyncFunctionDef = _visit_scope
    visit_ClassDef = _visit_scope

    def visit_Call(self, node: ast.Call) -> None:
        what = _writes(node)
        if what is not None:
            where = ".".join(self.scope) or "<module>"
            self.found.append(Writer(self.module, where, what, node.lineno))
        self.generic_visit(node)


def module_name(path: Path) -> str:
    return ".".join(("desktop", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__"
    )


def writers(package: Path = PACKAGE) -> Iterator[Writer]:
    for path in sorted(package.rglob("*.py")):
        scan = _Scan(module_name(path))
        scan.visit(ast.parse(path.read_text(encoding="utf-8")))
        yield from scan.found
