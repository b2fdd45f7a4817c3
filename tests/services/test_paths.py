"""One place for the app's folders, following the platform's conventions, and its log file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from desktop.services import logs, paths
from desktop.store import database

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux's")


@linux
def test_folders_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    assert paths.data_dir() == tmp_path / "d" / "communique"
    assert paths.autosave_dir() == tmp_path / "d" / "communique" / "autosave"
    assert paths.settings_file() == tmp_path / "c" / "communique" / "communique.ini"
    assert paths.log_dir() == tmp_path / "s" / "communique"
    assert database.register_path() == tmp_path / "d" / "communique" / "register.sqlite"


@linux
def test_relative_xdg_values_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    assert paths.data_dir() == Path.home() / ".local" / "share" / "communique"


@pytest.mark.logs_warnings
def test_the_log_file_receives_our_records(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger(logs.ROOT_LOGGER)
    before = list(logger.handlers)
    try:
        target = logs.setup()
        assert target == paths.log_dir() / "communique.log"
        assert logs.setup() == target  # set up twice: still one handler
        assert len(logger.handlers) == len(before) + 1
        logging.getLogger("desktop.services.files").warning("écriture impossible : %s", "x.pdf")
        for handler in logger.handlers:
            handler.flush()
        assert "WARNING" in target.read_text(encoding="utf-8")
        assert "écriture impossible : x.pdf" in target.read_text(encoding="utf-8")
    finally:
        for handler in logger.handlers[len(before) :]:
            handler.close()
            logger.removeHandler(handler)


def test_an_unwritable_log_folder_never_stops_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "log_dir", lambda: blocker / "logs")
    assert logs.setup() is None


def test_records_held_before_the_log_is_open_are_written_first() -> None:
    """The app opens its log once the window is on screen; what was said before is not lost."""
    logger = logging.getLogger(logs.ROOT_LOGGER)
    before = list(logger.handlers)
    try:
        logs.hold()
        logs.hold()  # held twice: one buffer
        logging.getLogger("desktop.gui.preview").info("avant la fenêtre")
        target = logs.setup()
        assert target is not None
        logging.getLogger("desktop.app").info("après la fenêtre")
        assert len(logger.handlers) == len(before) + 1  # the buffer is gone, the file is there
        for handler in logger.handlers:
            handler.flush()
        text = target.read_text(encoding="utf-8")
        assert text.index("avant la fenêtre") < text.index("après la fenêtre")
    finally:
        for handler in logger.handlers[len(before) :]:
            handler.close()
            logger.removeHandler(handler)
