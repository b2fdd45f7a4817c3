"""Which typeface: Marianne where the machine (or a chosen folder) has it, else the substitute."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core import fonts
from desktop.core.fonts import choose_font, uncovered
from desktop.resources import resource


@pytest.fixture(autouse=True)
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [])
    fonts._choose_font.cache_clear()


def test_without_marianne_the_shipped_substitute_is_used_and_said() -> None:
    choice = choose_font()
    assert not choice.is_marianne
    assert choice.family == "Liberation Sans" and choice.docx_family == "Arial"
    assert choice.folders == (resource("fonts"),)
    assert "Marianne n’est pas installée" in choice.notice
    # The app's way first (the finding opens Préférences), then the command line's.
    assert "Édition › Préférences › Installer Marianne…" in choice.notice
    assert "communique fonts install-marianne" in choice.notice


def test_a_folder_holding_marianne_from_the_environment_or_a_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "polices" / "Marianne"
    folder.mkdir(parents=True)
    shutil.copy(resource("fonts", "LiberationSans-Regular.ttf"), folder / "Marianne-Regular.otf")
    monkeypatch.setenv("COMMUNIQUE_FONT_DIR", str(tmp_path / "polices"))
    from_env = choose_font()
    assert from_env.is_marianne and from_env.docx_family == "Marianne"
    assert from_env.folders[0] == folder  # found below the folder named
    monkeypatch.delenv("COMMUNIQUE_FONT_DIR")
    assert choose_font(tmp_path).is_marianne  # the app's setting
    assert not choose_font().is_marianne


def test_other_files_named_marianne_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "marianne.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "Marianne-Regular.woff2").write_bytes(b"wOF2")  # Typst cannot read web fonts
    assert not choose_font(tmp_path).is_marianne


def test_what_the_typeface_cannot_draw() -> None:
    choice = choose_font()
    assert uncovered("Égalité « 400 M€ » – 10 h 30 œuvre", choice) == set()
    assert uncovered("漢 and 🎉", choice) == {"漢", "🎉"}
