"""One start of the app, of this version or of an earlier one, until its main window is shown.

    python window_shown.py DRAFT

Used by ``bench.py`` (a fresh process per run, offscreen). It works with any version of the app
that has ``desktop.app.main(argv)`` and a ``QMainWindow``: it only replaces ``QMainWindow.show``
by one that, once the window is shown, prints the wall-clock time (epoch seconds) and ends the
process at once. Whatever the version does after ``show`` (its event loop, its first preview) is
not counted, so two versions are compared on the same point: from the process's start to the
window on screen with the draft open.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtWidgets import QMainWindow

_show = QMainWindow.show


def _shown(self: QMainWindow) -> None:
    _show(self)
    print(f"{time.time():.6f}", flush=True)
    os._exit(0)  # nothing after the window is shown is measured


QMainWindow.show = _shown  # type: ignore[method-assign]

from desktop.app import main  # noqa: E402

sys.exit(main([sys.argv[1]]))
