"""A mistake in the settings IT presets is said in a dialog, and the window does not open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop import app
from desktop.gui import dialogs


def test_the_dialog_names_the_file_and_the_window_stays_closed(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "settings.toml"
    broken.write_text("[envoi\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_SITE_SETTINGS", str(broken))
    shown: list[tuple[Any, ...]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda *args: shown.append(args))
    built: list[object] = []
    monkeypatch.setattr(app, "build_window", lambda *args: built.append(args))
    assert app.main([]) == 1
    assert built == []
    (_parent, title, text, details) = shown[0]
    assert title == "Communiqué ne peut pas démarrer"
    assert str(broken) in text and "TOML" in text
    assert "service informatique" in details
