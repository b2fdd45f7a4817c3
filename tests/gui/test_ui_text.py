"""What the window's text looks like: placeholders that fit, guillemets that hold, headers that
show their first line."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from desktop.core.model import Release
from desktop.gui.form import header_presets
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import save_draft

GUI = Path(__file__).resolve().parents[2] / "desktop" / "gui"


def test_the_body_placeholder_fits_at_the_default_width(window: MainWindow) -> None:
    edit = window.form.body.text_edit
    room = edit.viewport().width() - 2 * edit.document().documentMargin()
    assert "\n" not in edit.placeholderText()  # Qt draws only the first line
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module but its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_guillemets_hold_their_words_with_no_break_spaces() -> None:
    loose = [
        f"{path.name}:{line}: {text!r}"
        for path in sorted(GUI.glob("*.py"))
        for line, text in _strings(path)
        if "« " in text or " »" in text
    ]
    assert loose == []


def _longest_preset() -> tuple[str, tuple[str, ...]]:
    return max(header_presets(), key=lambda preset: len(preset[1]))


def test_a_long_ministry_header_shows_its_first_line(window: MainWindow) -> None:
    name, lines = _longest_preset()
    assert len(lines) > 3  # taller than the field
    [action] = [a for a in window.form.header_presets.menu().actions() if a.text() == name]
    action.trigger()
    header = window.form.header
    assert header.verticalScrollBar().value() == 0
    assert header.firstVisibleBlock().text() == "MINISTÈRE"


def test_an_opened_draft_shows_the_first_header_line(make_window: Any, tmp_path: Path) -> None:
    path = tmp_path / "long.communique"
    save_draft(Release(header=_longest_preset()[1], headline="Titre"), path)
    header = make_window(path).form.header
    assert header.verticalScrollBar().value() == 0
    assert header.firstVisibleBlock().text() == "MINISTÈRE"
