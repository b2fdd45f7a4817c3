"""The body's structured blocks in the draft file: headings, tables and figures, read (every
problem reported with its place, in French) and written back.

``{"heading": {"level": 1, "text": "…"}}``, ``{"table": {"header": [...], "rows": [[...]],
"caption": "…"}}``, ``{"figure": {"image": "data:image/png;base64,…", "alt": "…", "caption":
"…"}}``: each a one-key object, as the paragraph and the list are (``docs/draft-format.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.core.blocks import (
    HEADING_LEVELS,
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Picture,
    Run,
    Table,
)
from desktop.core.images import ImageRefused, picture_from_url, picture_to_url
from desktop.core.text import clean_text

BLOCK_KEYS = frozenset({"heading", "table", "figure"})
HEADING_KEYS = frozenset({"level", "text"})
TABLE_KEYS = frozenset({"header", "rows", "caption"})
FIGURE_KEYS = frozenset({"image", "alt", "caption"})
MAX_COLUMNS = 12
"""A table on a portrait page: past a dozen columns nothing can be read."""
MAX_ROWS = 400

Fail = Callable[[str, str], None]


def read_block(key: str, value: object, where: str, fail: Fail) -> Heading | Table | Figure | None:
    """The block ``{key: value}`` at ``where``; None (after ``fail``) when it cannot be read."""
    at = f"{where}.{key}"
    if not isinstance(value, dict):
        fail(at, "objet attendu.")
        return None
    allowed = {"heading": HEADING_KEYS, "table": TABLE_KEYS, "figure": FIGURE_KEYS}[key]
    unknown = set(value) - allowed
    if unknown:
        fail(at, "clé(s) inconnue(s)\u00a0: " + ", ".join(sorted(unknown)) + ".")
    if key == "heading":
        return _heading(value, at, fail)
    if key == "table":
        return _table(value, at, fail)
    return _figure(value, at, fail)


def _text(value: object, where: str, fail: Fail, *, multiline: bool = False) -> str | None:
    if not isinstance(value, str):
        fail(where, "texte attendu.")
        return None
    return clean_text(value, multiline=multiline)


def _heading(value: dict[str, Any], at: str, fail: Fail) -> Heading | None:
    level = value.get("level", 1)
    if isinstance(level, bool) or level not in HEADING_LEVELS:
        fail(f"{at}.level", "niveau de titre attendu\u00a0: 1 (chapitre) ou 2 (section).")
        return None
    text = _text(value.get("text", ""), f"{at}.text", fail)
    return None if text is None else Heading(int(level), text)


def _cells(value: object, where: str, fail: Fail) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        fail(where, "liste de cellules (textes) attendue.")
        return None
    if not value or len(value) > MAX_COLUMNS:
        fail(where, f"une ligne de tableau a de 1 à {MAX_COLUMNS} cellules.")
        return None
    cells = [_text(cell, f"{where}[{i}]", fail, multiline=True) for i, cell in enumerate(value)]
    return None if any(cell is None for cell in cells) else tuple(c or "" for c in cells)


def _table(value: dict[str, Any], at: str, fail: Fail) -> Table | None:
    header = _cells(value.get("header"), f"{at}.header", fail)
    rows_value = value.get("rows", [])
    if not isinstance(rows_value, list) or len(rows_value) > MAX_ROWS:
        fail(f"{at}.rows", f"liste de lignes attendue (au plus {MAX_ROWS}).")
        return None
    rows = [_cells(row, f"{at}.rows[{i}]", fail) for i, row in enumerate(rows_value)]
    caption = _text(value.get("caption", ""), f"{at}.caption", fail)
    if header is None or caption is None or any(row is None for row in rows):
        return None
    for i, row in enumerate(rows):
        if row is not None and len(row) != len(header):
            fail(
                f"{at}.rows[{i}]",
                f"{len(row)} cellules\u00a0: la ligne d’en-tête en a {len(header)}.",
            )
            return None
    return Table(header, tuple(row for row in rows if row is not None), caption)


def _figure(value: dict[str, Any], at: str, fail: Fail) -> Figure | None:
    image = value.get("image")
    picture: Picture | None = None
    if not isinstance(image, str):
        fail(f"{at}.image", "image attendue (data:image/png;base64,…).")
    else:
        try:
            picture = picture_from_url(image)
        except ImageRefused as exc:
            fail(f"{at}.image", str(exc))
    alt = _text(value.get("alt", ""), f"{at}.alt", fail)
    caption = _text(value.get("caption", ""), f"{at}.caption", fail)
    if picture is None or alt is None or caption is None:
        return None
    return Figure(picture, alt, caption)


def block_to_json(block: Heading | Table | Figure) -> dict[str, object]:
    if isinstance(block, Heading):
        return {"heading": {"level": block.level, "text": block.text}}
    if isinstance(block, Table):
        table: dict[str, object] = {
            "header": list(block.header),
            "rows": [list(row) for row in block.rows],
        }
        if block.caption:
            table["caption"] = block.caption
        return {"table": table}
    figure: dict[str, object] = {"image": picture_to_url(block.image), "alt": block.alt}
    if block.caption:
        figure["caption"] = block.caption
    return {"figure": figure}


def any_block_to_json(block: Block) -> object:
    """Any block of the body as the draft writes it: a plain paragraph as a string."""
    if isinstance(block, Paragraph):
        runs = runs_to_json(block.runs)
        return runs if isinstance(runs, str) else {"paragraph": runs}
    if isinstance(block, BulletList):
        return {"list": [runs_to_json(item) for item in block.items]}
    return block_to_json(block)


def runs_to_json(runs: tuple[Run, ...]) -> str | list[object]:
    if all(run == Run(run.text) for run in runs):
        return "".join(run.text for run in runs)
    out: list[object] = []
    for run in runs:
        if run == Run(run.text):
            out.append(run.text)
            continue
        item: dict[str, object] = {"text": run.text}
        if run.bold:
            item["bold"] = True
        if run.italic:
            item["italic"] = True
        if run.link:
            item["link"] = run.link
        if run.lang:
            item["lang"] = run.lang
        out.append(item)
    return out
