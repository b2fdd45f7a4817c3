"""Logging: module loggers under ``desktop`` everywhere things can fail, and one rotating file in
the log folder, set up by the app (always) and by the command line (``--log``). Its lines are
written with their passwords masked."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Any

from desktop.services import paths, portable
from desktop.services.conninfo import mask
from desktop.services.files import PRIVATE_FILE, private_folder

ROOT_LOGGER = "desktop"
FILE_NAME = paths.LOG_FILE
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


_ADDRESS = re.compile(r"(?<![/\w.+%'-])[\w.+%'-]+@[\w-]+(?:\.[\w-]+)+")
"""An e-mail address (accents allowed), not the ``user@host`` of a ``scheme://`` address."""
ADDRESS_MASK = "<adresse>"


class MaskingFormatter(logging.Formatter):
    """Every line with its passwords masked (``conninfo.mask``) and its e-mail addresses
    replaced by ``<adresse>``: whatever a record quotes (a connection string, a server's
    error, a refusal naming a journalist's address), no password and no address reaches the
    log file."""

    def format(self, record: logging.LogRecord) -> str:
        return _ADDRESS.sub(ADDRESS_MASK, mask(super().format(record)))


def log_file() -> Path:
    return paths.log_dir() / FILE_NAME


MAX_HELD = 1_000
"""Records kept in memory at most before the log file is open."""


class RotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, readable by its owner only (0600) from its first byte, after each
    rotation too (rotated copies keep it: they are renamed)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        os.close(fd)
        portable.copy_mode(Path(self.baseFilename), PRIVATE_FILE)
        return super()._open()


class _Held(logging.Handler):
    """Our loggers' records made before the log file is open (``hold``), for ``setup``."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < MAX_HELD:
            self.records.append(record)


def hold(level: int = logging.INFO) -> None:
    """Keep our loggers' records in memory until ``setup`` opens the log file and writes them
    there first. The app opens the file once its window is on screen: the rotating handler's
    module (and the socket module it imports) costs start-up a few milliseconds."""
    logger = logging.getLogger(ROOT_LOGGER)
    if not any(isinstance(handler, _Held) for handler in logger.handlers):
        logger.addHandler(_Held())
    logger.setLevel(level)


def _release_held(logger: logging.Logger, into: logging.Handler | None) -> None:
    for handler in [h for h in logger.handlers if isinstance(h, _Held)]:
        logger.removeHandler(handler)
        if into is not None:
            for record in handler.records:
                into.handle(record)


def setup(level: int = logging.INFO) -> Path | None:
    """Send our loggers' records to the rotating log file (those ``hold`` kept first); returns
    its path, or None when the folder cannot be written (logging must never stop the work)."""
    import logging.handlers  # imported here: 15 ms that start-up need not pay

    logger = logging.getLogger(ROOT_LOGGER)
    target = log_file()
    for handler in logger.handlers:
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and Path(handler.baseFilename) == target
        ):
            _release_held(logger, handler)
            return target
    try:
        private_folder(target.parent)
        handler = RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        _release_held(logger, None)
        return None
    handler.setFormatter(MaskingFormatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    _release_held(logger, handler)
    return target
