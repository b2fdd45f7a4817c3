"""One start of the app, offscreen, with a draft: prints when the window was shown and usable.

Used by bench.py (a fresh process per run). Prints one JSON line: the wall-clock time (epoch
seconds) at which the window was shown, and at which the first preview page was on screen, and
the peak resident memory then.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import build_window, configure_application


def peak_rss_mb() -> float:
    """VmHWM: ru_maxrss would include the benchmark process this one was started from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    app = QApplication([])
    configure_application(app)
    window = build_window(Path(sys.argv[1]))
    window.show()
    shown = time.time()

    def ready() -> None:
        usable = time.time()
        rss = peak_rss_mb()
        print(json.dumps({"shown": shown, "usable": usable, "rss_mb": round(rss, 1)}), flush=True)
        window.close()
        app.quit()

    window.preview.previewUpdated.connect(ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
