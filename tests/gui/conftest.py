"""Fixtures for the window tests: the app configured as ``main`` does, dialogs that never block."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.app import build_window, configure_application, install_refusals
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
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., MainWindow]]:
    """Windows as ``desktop.app.main`` makes them, refusals said in a dialog; a fault of ours
    still reaches pytest-qt, which fails the test."""
    configure_application(qapp)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, show: bool = True) -> MainWindow:
        window = build_window(path)
        install_refusals(window)
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
