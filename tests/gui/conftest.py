"""Fixtures for the window tests: the app configured as ``main`` does, dialogs that never block."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.app import build_window, configure_application
from desktop.gui import autosave, dialogs
from desktop.gui.main_window import MainWindow
from tests.helpers import Dialogs


@pytest.fixture(autouse=True)
def _quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The autosave's few seconds after a change, shortened so tests do not wait for them."""
    monkeypatch.setattr(autosave, "AFTER_CHANGE_MS", 150)


@pytest.fixture
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    stand_ins = Dialogs()
    stand_ins.install(monkeypatch)
    return stand_ins


@pytest.fixture
def make_window(
    qapp: QApplication,
    qtbot: Any,
    fake_dialogs: Dialogs,
) -> Iterator[Callable[..., MainWindow]]:
    configure_application(qapp)
    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, show: bool = True) -> MainWindow:
        window = build_window(path)
        windows.append(window)
        if show:
            window.show()
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)  # shortcuts need the active window
        return window

    yield make
    fake_dialogs.save_choice = dialogs.Choice.DISCARD
    for window in windows:
        window.close()
        window.preview.shutdown()
        window.deleteLater()
    QCoreApplication.processEvents()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()
