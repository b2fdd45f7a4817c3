"""*Installer Marianne…*: ``communique fonts install-marianne`` run off the window's thread.

Converting the fonts takes a second or two, a download longer: the work runs on a worker thread
(``core.marianne.install_marianne``, the command's own code) while the dialog shows a busy bar,
and the result comes back to the window's thread by a timer that looks for it, as the preview
does. Nothing of Qt is touched from the worker.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.marianne import MarianneError, install_marianne

log = logging.getLogger(__name__)
POLL_MS = 30
DOWNLOAD: Literal["download"] = "download"
"""The answer to ``dialogs.ask_dsfr_package`` when the package is to come from the registry."""
PackageSource = Path | Literal["download"] | None
"""Where the package comes from: a .tgz, the npm registry, or nowhere (cancelled)."""


class MarianneInstaller(QObject):
    """One installation at a time; says ``installed`` (the files written) or ``failed``
    (a French message)."""

    installed = Signal(list)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._future: Future[list[Path]] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    @property
    def busy(self) -> bool:
        return self._future is not None

    def start(self, package: Path | None) -> None:
        """Install from ``package`` (a .tgz), or from the npm registry when it is None."""
        if self.busy:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marianne")
        self._future = self._executor.submit(install_marianne, package)
        self._poll.start()

    def _collect(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._poll.stop()
        self._future = None
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
        try:
            written = future.result()
        except MarianneError as exc:
            log.info("Marianne not installed: %s", exc)
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # never a traceback in the window
            log.exception("Marianne installation failed")
            self.failed.emit(f"Installation impossible\u00a0: {exc}")
            return
        log.info(
            "Marianne installed: %d files in %s",
            len(written),
            written[0].parent if written else "?",
        )
        self.installed.emit(written)
