"""Every remembered option, declared once here with its type and default, over one QSettings file.

The file lives in the platform's config folder (``core.paths.settings_file``), looked up
when the settings are opened, so tests that point ``XDG_CONFIG_HOME`` elsewhere stay isolated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop.services import paths

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    kind: type


RECENT_FILES: Option[list[str]] = Option("files/recent", [], list)
LAST_OPEN_DIR: Option[str] = Option("files/last_open_dir", "", str)
LAST_EXPORT_DIR: Option[str] = Option("files/last_export_dir", "", str)
PRESS_ROOM_DIR: Option[str] = Option("files/press_room_dir", "", str)
"""The press room's folder (*Publier dans l’espace presse…*), asked once, proposed after."""
WINDOW_GEOMETRY: Option[QByteArray] = Option("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE: Option[QByteArray] = Option("window/state", QByteArray(), QByteArray)
SPLITTER_STATE: Option[QByteArray] = Option("window/splitter", QByteArray(), QByteArray)
FINDINGS_STATE: Option[QByteArray] = Option("window/findings", QByteArray(), QByteArray)
"""The height of the Vérifications panel under the form."""
PREVIEW_ZOOM: Option[float] = Option("preview/zoom", 0.75, float)
FONT_DIR: Option[str] = Option("fonts/folder", "", str)
"""A folder holding Marianne, for machines where it is not installed system-wide."""

OPTIONS = (
    RECENT_FILES,
    LAST_OPEN_DIR,
    LAST_EXPORT_DIR,
    PRESS_ROOM_DIR,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    SPLITTER_STATE,
    FINDINGS_STATE,
    PREVIEW_ZOOM,
    FONT_DIR,
)


def settings_path() -> Path:
    return paths.settings_file()


class Settings:
    """Typed access to the options; a value of the wrong type reads as the default."""

    def __init__(self, path: Path | None = None) -> None:
        self._qsettings = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)

    def get(self, option: Option[T]) -> T:
        value: Any = self._qsettings.value(option.key, None)
        if value is None:
            return option.default
        if option.kind is list:
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list):
                return [str(item) for item in value if item]  # type: ignore[return-value]
            return option.default
        if option.kind is float:
            try:
                return float(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return option.default
        return value if isinstance(value, option.kind) else option.default  # type: ignore[return-value]

    def set(self, option: Option[T], value: T) -> None:
        self._qsettings.setValue(option.key, value)

    def sync(self) -> None:
        self._qsettings.sync()
