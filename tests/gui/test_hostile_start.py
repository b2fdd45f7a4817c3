"""The app at start-up against hostile files: a draft holding a number of thousands of digits,
an autosave whose metadata is damaged (issue 10, item 2). It says so and keeps running."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from desktop.app import autosave_folder
from desktop.core.model import Release
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import save_draft
from tests.helpers import Dialogs


def test_a_draft_with_a_huge_integer_is_refused_at_start(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    example_path: Path,
) -> None:
    draft = tmp_path / "n.communique"
    text = example_path.read_text(encoding="utf-8").rstrip().removesuffix("}")
    draft.write_text(text + ', "x": ' + "9" * 5000 + "}", encoding="utf-8")
    window = make_window(draft)
    kind, args = fake_dialogs.asked[-1]
    assert kind == "error" and "nombre" in args[2]
    assert window.path is None


def test_damaged_autosave_metadata_still_offers_the_copy(
    make_window: Callable[..., MainWindow], fake_dialogs: Dialogs
) -> None:
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    save_draft(Release(headline="Copie de secours"), folder / "abc.communique")
    (folder / "abc.json").write_text(
        json.dumps(
            {
                "pid": 10**30,
                "session": "abc",
                "source": None,
                "saved_at": "9999-12-31T23:59:59+14:00",
            }
        ),
        encoding="utf-8",
    )
    save_draft(Release(headline="Plus ancienne"), folder / "def.communique")
    (folder / "def.json").write_text(
        json.dumps(
            {"pid": -1, "session": "def", "source": "a\u0000b", "saved_at": "2026-11-03T10:00:00"}
        ),
        encoding="utf-8",
    )
    window = make_window()
    fake_dialogs.restore = True
    assert window.offer_restore()
    assert any(kind == "restore?" for kind, _ in fake_dialogs.asked)
    assert window.release().headline in ("Copie de secours", "Plus ancienne")


def test_export_onto_the_open_draft_is_refused(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    example_path: Path,
) -> None:
    draft = tmp_path / "ouvert.communique"
    draft.write_bytes(example_path.read_bytes())
    before = draft.read_bytes()
    window = make_window(draft)
    assert not window.export_to(pdf=draft)
    kind, args = fake_dialogs.asked[-1]
    assert kind == "error" and "brouillon" in args[1]
    assert draft.read_bytes() == before
