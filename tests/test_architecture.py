"""The shape of the code: layers that depend only inward, no circle of imports, and a ``prepare``
that reads no database."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.draft import load_draft

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("desktop", *path.relative_to(PACKAGE).with_suffix("").parts))
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of ours that ``path`` imports, at the top, in a function or for typing."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desktop"):
            if node.module in modules:
                out.add(node.module)
            out |= {
                f"{node.module}.{a.name}"
                for a in node.names
                if f"{node.module}.{a.name}" in modules
            }
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules}
    return out


MODULES = _modules()
GRAPH = {name: _imports(path, MODULES) for name, path in MODULES.items()}


def _cycles() -> Iterator[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    yield from found


def test_no_circle_of_imports() -> None:
    assert list(_cycles()) == []


def test_the_core_imports_neither_render_nor_gui_nor_commands() -> None:
    wrong = {
        (name, other)
        for name, others in GRAPH.items()
        if name.startswith("desktop.core")
        for other in others
        if other.startswith(("desktop.render", "desktop.gui", "desktop.commands"))
    }
    assert wrong == set()


def test_render_opens_no_database() -> None:
    wrong = {
        (name, other)
        for name, others in GRAPH.items()
        if name.startswith("desktop.render")
        for other in others
        if other
        in (
            "desktop.core.database",
            "desktop.core.register",
            "desktop.core.database_pg",
            "desktop.core.directory",
        )
    }
    assert wrong == set()


def test_features_take_the_document_not_the_window() -> None:
    importers = {name for name, others in GRAPH.items() if "desktop.gui.main_window" in others}
    assert importers <= {"desktop.app"}


@pytest.fixture
def numbered_draft_with_a_register(tmp_path: Path, example_path: Path) -> Path:
    """The seed, its number typed by hand (no recorded form), and a register on disk whose
    series prints numbers another way: only the register could say how."""
    from desktop.core import paths
    from desktop.core.draft import save_draft
    from desktop.core.register import Register

    with Register.open() as register:
        register.set_policy("CP", fmt="CP n° {n}")
    assert paths.register_path().is_file()
    release = load_draft(example_path)
    path = tmp_path / "numbered.communique"
    save_draft(release.__class__(**{**release.__dict__, "numbering": None}), path)
    return path


def test_preview_and_export_open_no_database(
    numbered_draft_with_a_register: Path, tmp_path: Path
) -> None:
    from desktop.core import paths
    from desktop.render.content import prepare
    from desktop.render.docx import render_docx
    from desktop.render.pdf import render_brand_png, render_pages_svg, render_pdf

    release = load_draft(numbered_draft_with_a_register)
    render_pages_svg(prepare(release))  # imports and caches, before listening
    events: list[tuple[str, str]] = []
    listening = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if listening[0] and event in ("open", "sqlite3.connect") and args:
            events.append((event, str(args[0])))

    sys.addaudithook(hook)
    try:
        prepared = prepare(release)
        render_pages_svg(prepared)
        render_pdf(prepared)
        render_docx(prepared, render_brand_png(prepared))
    finally:
        listening[0] = False
    register = paths.register_path()
    assert [e for e in events if e[0] == "sqlite3.connect"] == []
    assert [p for _, p in events if Path(p).name.startswith(register.name)] == []
    assert prepared.number == "N°350"  # what the draft alone says; the window passes the rest
    assert prepare(release, number="CP n° 350").number == "CP n° 350"
