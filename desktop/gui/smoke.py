"""The unattended run the installers' CI makes of the installed window
(``communique-app --smoke-export PDF BROUILLON``): the draft is opened, exported to PDF through
*Fichier › Exporter*'s own path, and the program quits, 0 when the PDF was written.

Nobody is there to click: every message the window would show in a dialog is written on the
error stream instead, and a watchdog ends the run (code 3) if it ever waits longer than
``WATCHDOG_S``, so a CI job fails instead of hanging.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.gui import dialogs

WATCHDOG_S = 90


def _say(_parent: Any, title: str, text: str = "", details: str = "", *_: Any) -> None:
    print(" ".join(part for part in (f"{title}\u00a0:", text, details) if part), file=sys.stderr)


def _say_refusal(_parent: Any, errors: list[str], _purpose: Any = None) -> None:
    print("Export refusé\u00a0:", *errors, sep="\n", file=sys.stderr)


def run(app: QApplication, export_pdf: Callable[[Path], bool], target: Path) -> None:
    """Schedule ``export_pdf(target)`` (the window's export) once the event loop runs; the loop
    ends with the outcome."""
    dialogs.show_error = _say  # type: ignore[assignment]
    dialogs.show_info = _say  # type: ignore[assignment]
    dialogs.refuse_export = _say_refusal  # type: ignore[assignment]
    QTimer.singleShot(WATCHDOG_S * 1000, lambda: app.exit(3))
    QTimer.singleShot(0, lambda: app.exit(0 if export_pdf(target) else 1))
