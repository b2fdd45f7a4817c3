"""Benchmark of the desktop app (a script, not a test): start-up, and edit-to-preview time.

    python tests/benchmarks/bench_app.py [--runs 30]

1. Start-up: a fresh process until the window with the example draft is shown with its first
   preview page on screen (median of several cold processes; the imports are included).
3. Typing: time per keystroke in the body with the spelling on and off (it must not differ).
2. Edit to preview: one keystroke in the headline, then the time until the new page is on screen
   (``previewUpdated``), minus the 150 ms pause the preview waits for the typing to stop; and the
   rendering work itself (prepare, Typst SVG, drawing the page) on the worker thread. For a
   1-page and a 10-page release.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "seed.communique"

STARTUP = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from desktop.app import build_window, configure_application
app = QApplication([])
configure_application(app)
window = build_window(__import__("pathlib").Path(sys.argv[1]))
window.show()
shown = time.perf_counter()
def done():
    print(f"{shown - t0:.4f} {time.perf_counter() - t0:.4f}", flush=True)
    window.close()
    app.quit()
window.preview.previewUpdated.connect(done)
app.exec()
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def startup(runs: int) -> None:
    shown, usable, wall = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP, str(EXAMPLE)],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ.copy(),
        )
        wall.append(time.perf_counter() - started)
        a, b = out.stdout.split()
        shown.append(float(a))
        usable.append(float(b))
    print(
        f"start-up ({runs} processes): window shown {statistics.median(shown) * 1000:.0f} ms, "
        f"with its preview {statistics.median(usable) * 1000:.0f} ms (median, from the first "
        f"import); whole process incl. interpreter {statistics.median(wall) * 1000:.0f} ms"
    )


def edits(runs: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window, configure_application
    from desktop.gui.preview import DELAY_MS
    from desktop.services.drafts import load_draft

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    seed = load_draft(EXAMPLE)
    cases = {"1 page": seed, "10 pages": replace(seed, body=seed.body * 20)}
    for name, release in cases.items():
        window = build_window()
        window.show()
        loop = QEventLoop()
        window.preview.previewUpdated.connect(loop.quit)
        window.document.replace_release(release, "bench")
        QTimer.singleShot(20_000, loop.quit)
        loop.exec()
        window.preview.latencies.clear()
        work: list[float] = []
        for i in range(runs):
            window.form.headline.setPlainText(f"{release.headline} {i}")
            loop.exec()
            assert window.preview.last is not None
            work.append(window.preview.last.seconds)
        pages = window.preview.page_count
        latencies = [x - DELAY_MS / 1000 for x in window.preview.latencies]
        total = window.preview.latencies
        p95_total = percentile(total, 95) * 1000
        print(
            f"{name} ({pages} pages, {runs} edits): edit to preview on screen "
            f"p50 {statistics.median(total) * 1000:.0f} ms, p95 {p95_total:.0f}"
            f" ms (of which {DELAY_MS} ms is the typing pause; beyond it p50 "
            f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
            f"{percentile(latencies, 95) * 1000:.0f} ms); rendering work p50 "
            f"{statistics.median(work) * 1000:.0f} ms, p95 {percentile(work, 95) * 1000:.0f} ms"
        )
        window.autosaver.clear()
        window.preview.shutdown()
        window.hide()


def typing(keys: int) -> None:
    """Time per keystroke typed at the end of the body (key press and release, then every
    pending event handled, the spelling answers included), with the spelling on and off."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window, configure_application
    from desktop.services.drafts import load_draft

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    window = build_window()
    window.show()
    window.document.replace_release(load_draft(EXAMPLE), "bench")
    deadline = time.perf_counter() + 10
    while not window.form.spelling.is_ready and time.perf_counter() < deadline:
        QCoreApplication.processEvents()
    edit = window.form.body.text_edit
    realistic = (
        "La ministre a annoncé un accompagnement des entreprises du territoire, qui "
        "sera présenté aux élus lundi prochain. Une réunion se tiendra à Béthune. "
        "Le dispositif sera évalué en 2027 par l’Agence nationale de la cohésion des "
        "territoires, avec un minsitre. "
    )
    dense = "Le minsitre a anoncé un acompagnement des entreprises du territoire. "
    for name, sample in (("a paragraph as written", realistic), ("three typos a sentence", dense)):
        _type_into(window, edit, (sample * 20)[:keys], name)
    window.autosaver.clear()
    window.preview.shutdown()
    window.hide()


def _type_into(window: Any, edit: Any, text: str, name: str) -> None:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for on in (True, False, True, False):
        window.form.spelling.set_enabled(on)
        edit.setFocus()
        edit.moveCursor(edit.textCursor().MoveOperation.End)
        samples = []
        for char in text:
            key = (
                Qt.Key.Key_unknown
                if not char.isalnum() or not char.isascii()
                else Qt.Key(ord(char.upper()))
            )
            start = time.perf_counter()
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    edit, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
                )
            QCoreApplication.processEvents()
            samples.append((time.perf_counter() - start) * 1000)
        print(
            f"typing {name} at the end of the body, spelling {'on ' if on else 'off'} "
            f"({len(text)} keys): p50 {statistics.median(samples):.2f} ms, p95 "
            f"{percentile(samples, 95):.2f} ms a key; {len(edit.extraSelections())} words "
            "underlined"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Communiqué desktop benchmark")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--keys", type=int, default=400)
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["PYTHONPATH"] = str(ROOT)
    startup(options.startups)
    edits(options.runs)
    typing(options.keys)
    return 0


if __name__ == "__main__":
    sys.exit(main())
