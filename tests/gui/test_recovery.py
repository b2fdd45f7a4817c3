"""Nothing is lost: the autosave follows the edits, and a crash's work is offered back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from desktop.app import autosave_folder
from desktop.gui.main_window import MainWindow
from desktop.services.autosave import find_leftovers
from tests.helpers import ROOT, Dialogs, type_text


def test_autosave_follows_edits_and_never_touches_the_users_file(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    draft = tmp_path / "mien.communique"
    draft.write_bytes(example_path.read_bytes())
    window = make_window(draft)
    with qtbot.waitSignal(window.autosaver.autosaved, timeout=5_000):
        type_text(window.form.place, " Cedex")
    assert draft.read_bytes() == example_path.read_bytes()
    copy = window.autosaver.session.draft
    assert copy.parent == autosave_folder()
    assert '"place": "Paris Cedex"' in copy.read_text(encoding="utf-8")

    assert window.save()
    assert not copy.exists()  # saved: nothing left to recover
    window.close()
    assert find_leftovers(autosave_folder()) == []


def test_restore_after_a_crash(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    draft = tmp_path / "crash.communique"
    draft.write_bytes(example_path.read_bytes())
    crashed = make_window(draft)
    with qtbot.waitSignal(crashed.autosaver.autosaved, timeout=5_000):
        type_text(crashed.form.headline, " — édité")
    crashed.autosaver.session.abandon()  # what a crash leaves: the copy, and no owner

    fake_dialogs.restore = True
    window = make_window()
    assert window.offer_restore()
    assert window.release().headline.endswith(" — édité")
    assert window.path == draft.absolute()
    assert window.is_modified()
    assert window.isWindowModified()
    assert "restore?" in fake_dialogs.kinds()
    leftovers = find_leftovers(autosave_folder())
    assert leftovers == []


def test_declining_the_restore_deletes_the_copy(
    make_window: Any, fake_dialogs: Dialogs, qtbot: Any
) -> None:
    crashed = make_window()
    with qtbot.waitSignal(crashed.autosaver.autosaved, timeout=5_000):
        type_text(crashed.form.headline, "Perdu")
    crashed.autosaver.session.abandon()
    fake_dialogs.restore = False
    window = make_window()
    assert not window.offer_restore()
    assert window.release().headline == ""
    assert find_leftovers(autosave_folder()) == []


@pytest.mark.slow
def test_sigkill_then_restart_offers_the_edits(make_window: Any, fake_dialogs: Dialogs) -> None:
    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QApplication
        from desktop.app import build_window, configure_application
        app = QApplication([])
        configure_application(app)
        window = build_window()
        window.show()
        window.autosaver.autosaved.connect(lambda: print("saved", flush=True))
        window.form.headline.setPlainText("Tapé avant le plantage")
        app.exec()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "saved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    window: MainWindow = make_window()
    assert window.offer_restore()
    assert window.release().headline == "Tapé avant le plantage"
