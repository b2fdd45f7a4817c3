"""A fault of ours is logged and said in French; the window stays open."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from desktop.app import install_last_resort
from desktop.gui.main_window import MainWindow
from tests.helpers import Dialogs


@pytest.mark.logs_warnings
def test_an_escaped_exception_is_logged_and_shown(
    window: MainWindow,
    fake_dialogs: Dialogs,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(sys, "stderr", None)  # a GUI script may have no stderr at all
    install_last_resort(window)
    try:
        raise RuntimeError("panne de démonstration")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL, logger="desktop"):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert any(
        "panne de démonstration" in r.getMessage() and r.levelno == logging.CRITICAL
        for r in caplog.records
    )
    kind, args = fake_dialogs.asked[-1]
    assert kind == "error" and args[0] == "Erreur inattendue"
    assert window.isVisible()


def test_nothing_is_logged_when_all_goes_well(
    window: MainWindow, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="desktop"):
        window.form.headline.setFocus()
        window.preview.show_release(window.release(), now=True)
        qtbot.waitUntil(lambda: window.preview.last is not None)
    assert [r for r in caplog.records if r.name.startswith("desktop")] == []
