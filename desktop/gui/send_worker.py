"""A send to distribution lists run off the window's thread, its progress brought back.

The use case (``usecases.mail_sending.send_to_lists``) runs on a worker thread: it renders the
PDF, talks to the register and to the SMTP server, and may pause between batches. It touches no
Qt object: its ``progress`` callback only stores the latest figures under a lock, and its
``cancel`` callback reads an ``Event``. On the window's thread a timer picks up the figures and
the result, and says them as signals (``gui.background``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.gui.background import OffThread

Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]
"""``job(progress, cancel)``, run on the worker thread; what it returns is ``finished``'s."""


class SendWorker(OffThread):
    """One send at a time. Says ``progressed(done, total, address)`` as results come, then
    ``finished(result)`` or ``failed(error)`` (a ``CommuniqueError``, or another exception:
    a fault, logged)."""

    progressed = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("mail", parent)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._shown: tuple[int, int, str] | None = None

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def start(self, job: Job) -> None:
        if self.busy:
            return
        self._stop.clear()
        self._latest = self._shown = None
        super().start(job, self._progress, self._stop.is_set)

    def cancel(self) -> None:
        """Stop before the next recipient (the message under way is finished first)."""
        self._stop.set()

    def shutdown(self) -> None:
        """The window closes: stop the send at the next recipient; what was sent is in the log,
        the rest waits for the next send."""
        self._stop.set()
        super().shutdown()

    def _progress(self, done: int, total: int, address: str) -> None:
        """On the worker thread: keep the latest figures."""
        with self._lock:
            self._latest = (done, total, address)

    def _look(self) -> None:
        """On the window's thread: say the latest figures."""
        with self._lock:
            latest = self._latest
        if latest is not None and latest != self._shown:
            self._shown = latest
            self.progressed.emit(*latest)
