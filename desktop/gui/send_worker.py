"""A send to distribution lists run off the window's thread, its progress brought back.

The use case (``usecases.mail_sending.send_to_lists``) runs on a worker thread: it renders the
PDF, talks to the register and to the SMTP server, and may pause between batches. It touches no
Qt object: its ``progress`` callback only stores the latest figures under a lock, and its
``cancel`` callback reads an ``Event``. On the window's thread a timer picks up the figures and
the result, and says them as signals, as the preview and the Marianne installer do (a Qt call
from a second thread can deadlock against the GUI thread destroying a widget).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import CommuniqueError

log = logging.getLogger(__name__)
POLL_MS = 30

Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]
"""``job(progress, cancel)``, run on the worker thread; what it returns is ``finished``'s."""


class SendWorker(QObject):
    """One send at a time. Says ``progressed(done, total, address)`` as results come, then
    ``finished(result)`` or ``failed(error)`` (a ``CommuniqueError``, or another exception:
    a fault, logged)."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._future: Future[Any] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._shown: tuple[int, int, str] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    @property
    def busy(self) -> bool:
        return self._future is not None

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def start(self, job: Job) -> None:
        if self.busy:
            return
        self._stop.clear()
        self._latest = self._shown = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")
        self._future = self._executor.submit(job, self._progress, self._stop.is_set)
        self._poll.start()

    def cancel(self) -> None:
        """Stop before the next recipient (the message under way is finished first)."""
        self._stop.set()

    def shutdown(self) -> None:
        """The window closes: stop the send at the next recipient; what was sent is in the log,
        the rest waits for the next send."""
        self._stop.set()
        self._poll.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=False)

    def _progress(self, done: int, total: int, address: str) -> None:
        """On the worker thread: keep the latest figures."""
        with self._lock:
            self._latest = (done, total, address)

    def _collect(self) -> None:
        """On the window's thread: say the latest figures, then the result."""
        with self._lock:
            latest = self._latest
        if latest is not None and latest != self._shown:
            self._shown = latest
            self.progressed.emit(*latest)
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
            log.info("send not done: %s", exc)
            self.failed.emit(exc)
            return
        except Exception as exc:  # never a traceback in the window
            log.error("send failed", exc_info=exc)
            self.failed.emit(exc)
            return
        self.finished.emit(result)
