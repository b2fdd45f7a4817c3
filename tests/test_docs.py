"""The documentation says what the code says: the generated pages are current, every module is
listed, the README stays short and justifies each dependency, and no link points nowhere."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
GUIDE = ROOT / "resources" / "guide" / "guide.md"
README_MAX_LINES = 150


def _script(name: str) -> ModuleType:
    """A script of ``scripts/``, imported (scripts is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_is_current() -> None:
    script = _script("cli_reference")
    expected = script.reference()
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert current == expected, (
        f"docs/cli.md is stale (the parsers changed): run `{script.COMMAND}` and commit it"
    )


def test_the_cli_reference_names_every_command_and_option() -> None:
    import argparse

    from desktop import cli

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = []

    def walk(prog: str, parser: argparse.ArgumentParser) -> None:
        if f"`{prog}`" not in text:
            missing.append(prog)
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in text:
                    missing.append(f"{prog} {option}")
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(f"{prog} {name}", sub)

    walk("communique", cli.build_parser())
    assert missing == []


def test_every_module_is_in_the_architecture_page() -> None:
    script = _script("module_reference")
    page = (DOCS / "architecture.md").read_text(encoding="utf-8")
    modules = {
        path.relative_to(ROOT).as_posix()
        for entries in script.modules().values()
        for path, _ in entries
    }
    listed = script.listed(page)
    assert modules - listed == set(), (
        f"modules missing from docs/architecture.md: run `{script.COMMAND}`"
    )
    assert listed - modules == set(), (
        f"docs/architecture.md lists modules that are gone: run `{script.COMMAND}`"
    )


def test_the_module_list_is_current() -> None:
    script = _script("module_reference")
    current = (DOCS / "architecture.md").read_text(encoding="utf-8")
    assert current == script.expected_page(current), (
        f"a module's docstring changed since docs/architecture.md was written: run "
        f"`{script.COMMAND}`"
    )


def test_a_docstring_gives_its_first_sentence() -> None:
    first = _script("module_reference").first_sentence
    assert first("One thing. Another.") == "One thing."
    assert first("On a basis (RGPD, art. 6) kept. More.") == "On a basis (RGPD, art. 6) kept."
    assert first("``a.b`` does c.\n\nDetails.") == "``a.b`` does c."
    assert first("A heading without a stop") == "A heading without a stop"
    assert first(None) == "(no docstring)"


def test_the_readme_fits_on_a_few_screens() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines: move the detail to docs/"


def test_the_readme_shows_the_command_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in readme
    assert re.search(r"python -m pytest\b", ci)


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def test_the_readme_justifies_every_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_requirement_name(r) for r in project["dependencies"]}
    names |= {_requirement_name(r) for r in project["optional-dependencies"]["postgresql"]}
    table = README.read_text(encoding="utf-8").split("## Dependencies, and why each", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    justified = {
        _requirement_name(name.strip())
        for row in rows
        for name in re.sub(r"\(.*?\)", "", row.split("|")[1]).split(",")
    }
    assert names - justified == set()


def _markdown_pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md")), GUIDE]


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the page's headings."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            text = heading.group(1).strip().lower()
            found.add("".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-"))
    return found


@pytest.mark.parametrize("page", _markdown_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_reaches_a_file_and_a_heading(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path_part, _, anchor = target.partition("#")
        path = (page.parent / path_part).resolve() if path_part else page
        if not path.exists() or (anchor and path.suffix == ".md" and anchor not in _anchors(path)):
            broken.append(target)
    assert broken == []


def test_the_docs_index_lists_every_page_and_the_user_guide() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert {p for p in pages if f"({p})" not in index} == set()
    assert "(../resources/guide/guide.md)" in index


def test_the_user_guide_holds_no_markup_qt_would_swallow() -> None:
    """Qt's Markdown reader takes ``<adresse>`` for an HTML tag and drops the rest of the page."""
    text = GUIDE.read_text(encoding="utf-8")
    outside_code = re.sub(r"`[^`]*`", "", text)
    assert re.findall(r"<[^>\n]*>", outside_code) == []
