"""A ``CommuniqueError`` that escapes what a person asked is said once, in French, in a dialog;
it is not a fault of ours. Anything else still goes to the last resort (« Erreur inattendue »)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.app import install_last_resort, install_refusals
from desktop.gui.actions import add_action
from desktop.gui.main_window import MainWindow
from desktop.store.register_errors import RegisterRefused
from tests.helpers import Dialogs

REFUSED = "Le N°3 a déjà été attribué\u00a0: choisissez un numéro plus grand."


def _action_raising(window: MainWindow, exc: Exception) -> None:
    def slot() -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # as a long action does
        raise exc

    add_action(window, window.actions_.menus["tools"], "Essai", slot).trigger()


def test_a_refusal_from_an_action_is_said_in_a_dialog(
    window: MainWindow, fake_dialogs: Dialogs, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="desktop"):
        _action_raising(window, RegisterRefused(REFUSED))
    assert fake_dialogs.asked[-1] == ("error", ("Opération impossible", REFUSED))
    assert [kind for kind, _ in fake_dialogs.asked] == ["error"]
    assert QGuiApplication.overrideCursor() is None
    assert any(REFUSED in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)
    assert window.isVisible()


@pytest.mark.logs_warnings
def test_a_fault_still_goes_to_the_last_resort(
    window: MainWindow, fake_dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(sys, "stderr", None)  # no traceback printed in the test's output
    install_last_resort(window)
    install_refusals(window)  # as desktop.app.main stacks them
    _action_raising(window, RuntimeError("panne de démonstration"))
    kind, (title, _text, details) = fake_dialogs.asked[-1]
    assert (kind, title) == ("error", "Erreur inattendue")
    assert "panne de démonstration" in details
    _action_raising(window, RegisterRefused(REFUSED))
    assert fake_dialogs.asked[-1] == ("error", ("Opération impossible", REFUSED))


@pytest.mark.parametrize("action", ["register_action", "directory_action", "history"])
def test_a_register_that_cannot_be_opened_is_said_by_every_tool(
    window: MainWindow,
    fake_dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "absent" / "registre.sqlite"))
    chosen = window.signoff.history_action if action == "history" else getattr(window, action)
    chosen.trigger()
    kind, (title, message) = fake_dialogs.asked[-1]
    assert (kind, title) == ("error", "Opération impossible")
    assert "n’existe pas" in message and "Traceback" not in message
