"""The app is a desktop citizen: its icon loads, its entry and file type are well formed."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from typing import Any

from PySide6.QtGui import QIcon

from desktop.core.draft import SUFFIX
from desktop.resources import resource


def test_icon_loads(qapp: Any) -> None:
    icon = QIcon(str(resource("icons", "communique.svg")))
    assert not icon.pixmap(64, 64).isNull()


def test_desktop_entry_and_mime_type_agree() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(resource("desktop", "communique.desktop"), encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "communique-app %f"
    assert section["Name"] == "Communiqué"
    mime = section["MimeType"].rstrip(";")
    tree = ET.parse(resource("desktop", "communique-mime.xml"))
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    node = tree.getroot().find("m:mime-type", ns)
    assert node is not None
    assert node.get("type") == mime
    glob = node.find("m:glob", ns)
    assert glob is not None
    assert glob.get("pattern") == f"*{SUFFIX}"
