"""The shape of the code: layers that depend only inward, no circle of imports, and a ``prepare``
that reads no database."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.drafts import load_draft

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


# The layers, inward first: a module may import its own layer and the layers before it.
# ``desktop`` itself (the version and the app's name) and ``desktop.resources`` are the base.
LAYERS: dict[str, set[str]] = {
    "base": set(),
    "core": {"base"},
    "services": {"base", "core"},
    "store": {"base", "core", "services"},
    "render": {"base", "core", "services"},
    "usecases": {"base", "core", "services", "store", "render"},
    "commands": {"base", "core", "services", "store", "render", "usecases"},
    "gui": {"base", "core", "services", "store", "render", "usecases"},
    "app": {"base", "core", "services", "store", "render", "usecases", "commands", "gui"},
}

# The domain reads no machine state, with these exceptions, each with its reason. The test fails
# when an entry is no longer needed, so the list only shrinks.
DOMAIN_EXCEPTIONS = {
    ("desktop.core.fonts", "desktop.services.paths"): "Marianne where the installer put it",
    ("desktop.core.header_width", "desktop.services"): "font metrics kept in the cache folder",
    (
        "desktop.core.header_width",
        "desktop.services.paths",
    ): "font metrics kept in the cache folder",
    (
        "desktop.core.header_width",
        "desktop.services.files",
    ): "font metrics kept in the cache folder",
}


def layer(module: str) -> str:
    parts = module.split(".")
    if module in ("desktop", "desktop.resources"):
        return "base"
    if parts[1] in ("cli", "console"):
        return "commands"
    if parts[1] in ("app", "__main__"):
        return "app"
    return parts[1]


def test_every_module_belongs_to_a_layer() -> None:
    assert {layer(name) for name in MODULES} <= set(LAYERS)


def test_layers_depend_only_inward() -> None:
    wrong = {
        (name, other)
        for name, others in GRAPH.items()
        for other in others
        if layer(other) != layer(name) and layer(other) not in LAYERS[layer(name)]
    }
    assert wrong == set(DOMAIN_EXCEPTIONS)


def test_the_domain_imports_no_qt_database_or_network_library() -> None:
    forbidden = ("PySide6", "sqlite3", "psycopg", "smtplib", "enchant", "keyring", "urllib")
    found = set()
    for name, path in MODULES.items():
        if layer(name) != "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found |= {(name, n) for n in names if n.split(".")[0] in forbidden}
    assert found == set()


def test_render_opens_no_database() -> None:
    wrong = {
        (name, other)
        for name, others in GRAPH.items()
        if name.startswith("desktop.render")
        for other in others
        if other
        in (
            "desktop.store.database",
            "desktop.store.register",
            "desktop.store.database_pg",
            "desktop.store.directory",
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
    from desktop.services import paths
    from desktop.services.drafts import save_draft
    from desktop.store.register import Register

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
    from desktop.render.content import prepare
    from desktop.render.docx import render_docx
    from desktop.render.pdf import render_brand_png, render_pages_svg, render_pdf
    from desktop.services import paths

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
