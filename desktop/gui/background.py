"""One piece of work off the window's thread: the function runs on a worker thread, and its
result comes back to the window's thread by a timer that looks for it (as the preview does).
Nothing of Qt is touched from the worker: a Qt call from a second thread can deadlock against
the GUI thread destroying a widget. The Marianne installer, the send to lists and *Tester la
connexion* run this way."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import CommuniqueError

log = logging.getLogger(__name__)

POLL_MS = 30


class OffThread(QObject):
    """One task at a time; says ``finished(result)`` or ``failed(error)`` (a
    ``CommuniqueError``, or another exception: a fault, logged)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._future: Future[Any] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    @property
    def busy(self) -> bool:
        return self._future is not None

    def start(self, work: Callable[..., Any], *args: Any) -> None:
        """Run ``work(*args)`` on a worker thread (nothing when one is already running)."""
        if self.busy:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._future = self._executor.submit(work, *args)
        self._poll.start()

    def shutdown(self) -> None:
        """The window closes: stop looking; the worker ends on its own."""
        self._poll.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=False)

    def _look(self) -> None:
        """On the window's thread, at every look: what a subclass says while the work runs."""

    def _collect(self) -> None:
        self._look()
        future = self._future
        if future is None or not future.done():
            return
        self._poll.stop()
        self._future = None
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
        try:
            result = future.result()
        except CommuniqueError as exc:
            log.info("%s not done: %s", self._name, exc)
            self.failed.emit(exc)
            return
        except Exception as exc:  # never a traceback in the window
            log.error("%s failed", self._name, exc_info=exc)
            self.failed.emit(exc)
            return
        self.finished.emit(result)
