"""The app's identity and its folders, per platform, without Qt: the one place that says where
Communiqué keeps its data, settings, autosaved copies and log.

Linux follows the XDG base directories (``$XDG_DATA_HOME/communique`` and so on, relative values
ignored as the specification says); macOS and Windows their own conventions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID, DISPLAY_NAME
from desktop.services import conninfo, site_settings

__all__ = ["APP_ID", "DISPLAY_NAME"]
FOLDER_NAME = "Communique"
"""The folder name on macOS and Windows (no accent: older tools mangle it)."""


def home_dir() -> Path:
    """The user's home folder: where file dialogs start when nothing better is known."""
    return Path.home()


def _xdg(variable: str, default: Path) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if value and Path(value).is_absolute() else default


def data_dir() -> Path:
    """The register, the directory, user presets, the autosave folder."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / FOLDER_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / FOLDER_NAME
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share") / APP_ID


def config_dir() -> Path:
    """The settings file."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Roaming") / FOLDER_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / FOLDER_NAME
    return _xdg("XDG_CONFIG_HOME", Path.home() / ".config") / APP_ID


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def log_dir() -> Path:
    """Where the rotating log is written (``$XDG_STATE_HOME`` on Linux)."""
    if sys.platform in ("win32", "darwin"):
        return data_dir() / "logs"
    return _xdg("XDG_STATE_HOME", Path.home() / ".local" / "state") / APP_ID


def cache_dir() -> Path:
    """What can be rebuilt at any time (the DOCX base document): deleting it loses nothing."""
    if sys.platform == "win32":
        return data_dir() / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / FOLDER_NAME
    return _xdg("XDG_CACHE_HOME", Path.home() / ".cache") / APP_ID


REGISTER_ENV_VAR = "COMMUNIQUE_REGISTER"
REGISTER_FILE = "register.sqlite"
SENDING_FILE = "envoi.json"
"""The sender and SMTP server of the user (``services.smtp_send``), in ``config_dir``."""
PRESETS_FILE = "modeles-en-tete.json"
"""The header presets (``store.presets``), in ``data_dir``."""
LOG_FILE = "communique.log"
"""The rotating log (``services.logs``), in ``log_dir``."""


SERVER_SCHEMES = conninfo.URI_SCHEMES


def _register_setting() -> str:
    """``COMMUNIQUE_REGISTER``, else the register IT preset for the machine
    (``services.site_settings``), else nothing."""
    return (
        os.environ.get(REGISTER_ENV_VAR, "").strip() or site_settings.site_settings().register or ""
    )


def register_url() -> str | None:
    """``COMMUNIQUE_REGISTER`` when it names a PostgreSQL server (a team's shared register): a
    URI or a libpq keyword string (``conninfo.is_server``)."""
    override = _register_setting()
    return override if override and conninfo.is_server(override) else None


def _register_file(value: str) -> bool:
    """A complete path ending in ``.sqlite``: absolute here or on Windows (``C:\\…``,
    ``\\\\serveur\\partage``), or from the home folder (``~/…``). A relative one would name
    another register, with numbers of its own, in each folder the program is started from."""
    import re

    text = value.strip()
    return conninfo.is_register_file(text) and (
        Path(text).expanduser().is_absolute() or bool(re.match(r"^(?:[A-Za-z]:[\\/]|\\\\)", text))
    )


def register_path() -> Path:
    """``COMMUNIQUE_REGISTER`` when set to a file (a team's shared file), else the user's data
    folder (also where a server register's user keeps nothing: see ``register_url``).

    A value that is neither a server's address nor a path ending in ``.sqlite`` is refused
    (``conninfo.RegisterAddressRefused``, its password masked): it is never taken as a file
    name."""
    override = _register_setting()
    if override and not conninfo.is_server(override):
        if not _register_file(override):
            variable = (
                REGISTER_ENV_VAR
                if os.environ.get(REGISTER_ENV_VAR, "").strip()
                else f"[registre] adresse ({site_settings.site_settings_file()})"
            )
            raise conninfo.refusal(variable, override)
        return Path(override).expanduser()
    return data_dir() / REGISTER_FILE


def register_exists() -> bool:
    """Whether there is a register to read: a server is always there to ask, a file once made.
    A value of ``COMMUNIQUE_REGISTER`` that names neither counts as a register (one was meant):
    opening it gives the refusal, and what is shown meanwhile is marked, never clean."""
    override = _register_setting()
    if override and not (conninfo.is_server(override) or _register_file(override)):
        return True
    return register_url() is not None or register_path().is_file()


def register_named() -> bool:
    """Whether ``COMMUNIQUE_REGISTER`` names a register (a server, or a file made or not)."""
    return bool(os.environ.get(REGISTER_ENV_VAR, "").strip())


def register_missing() -> bool:
    """A register was named (``COMMUNIQUE_REGISTER``) but is not there: a file that does not
    exist. Such a register cannot be reached, so a release cannot be known to be approved: what
    is shown is marked PROJET, never clean. Only the default location, not made yet, is an
    office that keeps no register (no sign-off)."""
    return register_named() and not register_exists()


def settings_file() -> Path:
    return config_dir() / f"{APP_ID}.ini"


def own_files() -> list[Path]:
    """The program's own settings, presets and log: no output replaces them (``files``)."""
    return [
        settings_file(),
        config_dir() / SENDING_FILE,
        data_dir() / PRESETS_FILE,
        log_dir() / LOG_FILE,
    ]


def system_font_dirs() -> list[Path]:
    """Where the system and the user keep fonts (Marianne may have been installed there)."""
    home = Path.home()
    preset = site_settings.site_settings().font_dir  # the office's typeface, set by IT
    return ([Path(preset)] if preset else []) + _font_dirs(home)


def _font_dirs(home: Path) -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [
        _xdg("XDG_DATA_HOME", home / ".local" / "share") / "fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]
