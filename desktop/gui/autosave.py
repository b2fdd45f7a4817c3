"""When to autosave: a few seconds after a change, and every 30 s while changes are unsaved.

The copy itself and the crash detection are Qt-free (``desktop/services/autosave.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.model import Release
from desktop.services.autosave import AutosaveSession

log = logging.getLogger(__name__)

AFTER_CHANGE_MS = 2_000
EVERY_MS = 30_000


class Autosaver(QObject):
    """Saves ``snapshot()`` (release, user's file) while ``needed()`` says there are changes."""

    autosaved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        folder: Path,
        snapshot: Callable[[], tuple[Release, Path | None]],
        needed: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = AutosaveSession(folder)
        self._snapshot = snapshot
        self._needed = needed
        self._pending = False
        self._failed_once = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.save_now)
        self._every = QTimer(self)
        self._every.setInterval(EVERY_MS)
        self._every.timeout.connect(self._tick)
        self._every.start()

    def changed(self) -> None:
        """A change was made. The timer is not restarted: steady typing is still saved."""
        self._pending = True
        if not self._soon.isActive():
            self._soon.start()

    def _tick(self) -> None:
        if self._pending:
            self.save_now()

    def save_now(self) -> None:
        self._soon.stop()
        if not self._needed():
            self._pending = False
            self.session.clear()
            return
        release, source = self._snapshot()
        try:
            self.session.save(release, source)
        except OSError as exc:
            log.warning("autosave failed: %s", exc)
            if not self._failed_once:
                self._failed_once = True
                self.failed.emit(str(exc))
            return
        self._pending = False
        self.autosaved.emit()

    def clear(self) -> None:
        """The document was saved or dropped: nothing to recover."""
        self._soon.stop()
        self._pending = False
        self.session.clear()

    def close(self) -> None:
        self._soon.stop()
        self._every.stop()
        self.session.close()
