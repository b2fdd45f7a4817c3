"""Save a picture of the window with the example draft open (for the README).

    python scripts/screenshot.py [OUT.png] [--draft FILE] [--size 1280x860]

Runs offscreen with its own empty settings, so the picture does not depend on who takes it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshot-app.png")
    parser.add_argument(
        "--draft", type=Path, default=ROOT / "resources" / "examples" / "seed.communique"
    )
    parser.add_argument("--size", default="1280x860")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="communique-shot-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window, configure_application

    app = QApplication(sys.argv[:1])
    configure_application(app)
    window = build_window(options.draft)
    width, height = (int(v) for v in options.size.split("x"))
    window.resize(width, height)
    window.show()

    def shoot() -> None:
        window.findings.check_now()  # the Vérifications panel, without waiting for its timer
        app.processEvents()
        options.out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(options.out))
        print(options.out)
        window.close()
        app.quit()

    window.preview.previewUpdated.connect(lambda: QTimer.singleShot(50, shoot))
    QTimer.singleShot(15_000, app.quit)
    app.exec()
    return 0 if options.out.is_file() else 1


if __name__ == "__main__":
    sys.exit(main())
