"""Render the app's icon (resources/icons/communique.svg) for the installers: PNG sizes for
Linux's hicolor theme, ``communique.ico`` for Windows, ``communique.icns`` for macOS.

    python packaging/make_icons.py OUTPUT_FOLDER

Qt draws the SVG (QtSvg, already a dependency); Pillow (installed with pikepdf) packs the .ico
and the .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main(out: Path) -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "communique.svg"))
    if not renderer.isValid():
        raise SystemExit("communique.svg is not a valid SVG")
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        image.save(folder / "communique.png")
    images[256].save(out / "communique.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    images[512].save(out / "communique.icns")
    print(f"icons in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
