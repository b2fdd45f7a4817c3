"""*Installer Marianne…*: ``communique fonts install-marianne`` run off the window's thread.

Converting the fonts takes a second or two, a download longer: the work runs on a worker thread
(``core.marianne.install_marianne``, the command's own code) while the dialog shows a busy bar,
and the result comes back to the window's thread by a timer that looks for it, as the preview
does. Nothing of Qt is touched from the worker.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal

from desktop.gui.background import OffThread
from desktop.services.marianne import MarianneError, install_marianne

log = logging.getLogger(__name__)
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
        self._work = OffThread("marianne", self)
        self._work.finished.connect(self._installed)
        self._work.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return self._work.busy

    def start(self, package: Path | None) -> None:
        """Install from ``package`` (a .tgz), or from the npm registry when it is None."""
        self._work.start(lambda: install_marianne(package))

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(
            str(exc) if isinstance(exc, MarianneError) else f"Installation impossible\u00a0: {exc}"
        )

    def _installed(self, written: list[Path]) -> None:
        log.info(
            "Marianne installed: %d files in %s",
            len(written),
            written[0].parent if written else "?",
        )
        self.installed.emit(written)
