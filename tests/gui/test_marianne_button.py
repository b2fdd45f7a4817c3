"""*Préférences › Installer Marianne…*: the command's code on a worker thread, a busy bar, a
French result, the font applied at once. A small fake DSFR package, no internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.fonts import FontChoice, choose_font, forget_choice, installed_fonts_dir
from desktop.gui import dialogs, settings
from desktop.gui.preferences import apply_preferences
from desktop.gui.preferences_dialog import PreferencesDialog
from desktop.services import marianne
from tests.services.test_marianne import _fake_marianne, _package


@pytest.fixture(scope="module")
def package_bytes() -> bytes:
    return _package(
        {
            "package.json": b'{"name": "@gouvfr/dsfr"}',
            "dist/fonts/Marianne-Regular.woff2": _fake_marianne("Regular"),
            "dist/fonts/Marianne-Bold.woff2": _fake_marianne("Bold"),
        }
    )


@pytest.fixture(autouse=True)
def _fresh_choice() -> Iterator[None]:
    forget_choice()
    yield
    forget_choice()


def answer(monkeypatch: pytest.MonkeyPatch, source: Path | str | None) -> list[object]:
    """``dialogs.ask_dsfr_package`` answers ``source``."""
    asked: list[object] = []

    def stand_in(_parent: object, folder: str) -> Path | str | None:
        asked.append(folder)
        return source

    monkeypatch.setattr(dialogs, "ask_dsfr_package", stand_in)
    return asked


def open_dialog(qtbot: Any, installed: list[str] | None = None) -> PreferencesDialog:
    dialog = PreferencesDialog(
        "",
        ask_package=dialogs.ask_dsfr_package,
        on_installed=(lambda: installed.append("applied")) if installed is not None else None,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_installs_from_a_package_file_and_applies_the_font(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, package_bytes: bytes
) -> None:
    package = tmp_path / "gouvfr-dsfr-1.15.3.tgz"
    package.write_bytes(package_bytes)
    answer(monkeypatch, package)
    applied: list[str] = []
    dialog = open_dialog(qtbot, applied)
    assert "introuvable" in dialog.status.text()
    with qtbot.waitSignal(dialog.installer.installed, timeout=20_000) as signal:
        dialog.install_button.click()
    written = signal.args[0]
    assert sorted(p.name for p in written) == ["Marianne-Bold.ttf", "Marianne-Regular.ttf"]
    assert all(p.parent == installed_fonts_dir() and p.stat().st_size > 10_000 for p in written)
    assert applied == ["applied"]
    assert dialog.install_status.text().startswith("✓ Marianne installée (2 fichiers dans ")
    assert dialog.status.text().startswith("✓ Marianne trouvée")
    assert dialog.install_button.isEnabled() and dialog.buttons.isEnabled()
    assert not dialog.busy.isVisibleTo(dialog)
    assert choose_font().is_marianne


def test_the_window_stays_alive_with_a_busy_bar_while_it_works(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, package_bytes: bytes
) -> None:
    package = tmp_path / "dsfr.tgz"
    package.write_bytes(package_bytes)
    answer(monkeypatch, package)
    release = threading.Event()
    real = marianne.install_marianne

    def slow(path: Path | None) -> list[Path]:
        assert release.wait(20)
        return real(path)

    monkeypatch.setattr("desktop.gui.marianne_install.install_marianne", slow)
    dialog = open_dialog(qtbot)
    dialog.show()
    dialog.install_button.click()
    # The event loop runs (waitUntil spins it) while the worker waits: the window is not frozen.
    qtbot.waitUntil(dialog.busy.isVisible)
    assert not dialog.install_button.isEnabled() and not dialog.buttons.isEnabled()
    assert dialog.install_status.text() == "Installation de Marianne depuis «\u00a0dsfr.tgz\u00a0»…"
    dialog.reject()  # Échap while it works: the dialog waits
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.installer.installed, timeout=20_000):
        release.set()
    assert not dialog.busy.isVisible() and dialog.install_button.isEnabled()


def test_a_bad_package_is_said_in_french(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "autre.tgz"
    package.write_bytes(_package({"package.json": b"{}"}))
    answer(monkeypatch, package)
    applied: list[str] = []
    dialog = open_dialog(qtbot, applied)
    with qtbot.waitSignal(dialog.installer.failed, timeout=20_000):
        dialog.install_button.click()
    assert dialog.install_status.text() == (
        "Marianne n’a pas été installée\u00a0: Ce paquet ne contient pas la police Marianne "
        "(fichiers Marianne-*.woff2 du paquet @gouvfr/dsfr)."
    )
    assert applied == [] and dialog.install_button.isEnabled()
    assert not choose_font().is_marianne


def test_a_missing_file_is_said_in_french(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, tmp_path / "absent.tgz")
    dialog = open_dialog(qtbot)
    with qtbot.waitSignal(dialog.installer.failed, timeout=20_000) as signal:
        dialog.install_button.click()
    assert "absent.tgz" in signal.args[0]
    assert "Traceback" not in dialog.install_status.text()


def test_download_fetches_from_the_registry(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, package_bytes: bytes
) -> None:
    from desktop.gui.marianne_install import DOWNLOAD

    answer(monkeypatch, DOWNLOAD)
    fetched: list[str] = []

    def from_registry(registry: str | None = None, *, timeout: float = 60.0) -> bytes:
        fetched.append("registry")
        return package_bytes

    monkeypatch.setattr(marianne, "download_package", from_registry)
    dialog = open_dialog(qtbot)
    with qtbot.waitSignal(dialog.installer.installed, timeout=20_000):
        dialog.install_button.click()
    assert fetched == ["registry"]
    assert (installed_fonts_dir() / "Marianne-Bold.ttf").is_file()


def test_cancelled_nothing_happens(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, None)
    dialog = open_dialog(qtbot)
    dialog.install_button.click()
    assert not dialog.installer.busy and not dialog.install_status.isVisibleTo(dialog)


def test_preferences_apply_the_installed_font_even_when_cancelled(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = settings.Settings(tmp_path / "settings.ini")
    fonts: list[FontChoice] = []

    def edit(_parent: object, _font_dir: str, on_installed: Any) -> str | None:
        (installed_fonts_dir()).mkdir(parents=True)
        (installed_fonts_dir() / "Marianne-Bold.ttf").write_bytes(b"")
        forget_choice()
        on_installed()
        return None  # then Annuler

    monkeypatch.setattr(dialogs, "edit_preferences", edit)
    assert apply_preferences(None, store, fonts.append)  # type: ignore[arg-type]
    assert [f.is_marianne for f in fonts] == [True]
