"""Before Qt opens a window on Linux: are the X11 libraries its ``xcb`` plugin needs installed?

Without them Qt aborts with a message that names ``libxcb-cursor0`` whatever is really missing
(``libxcb-icccm4`` and ``libxcb-keysyms1`` on a bare Debian 12). This module asks the dynamic
loader which libraries the plugin cannot find and says it in French, with the package names of
Debian/Ubuntu and Fedora (the README's "System packages" section lists them all).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# shared object -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}
XCB_CORE = ("libxcb1", "libxcb")
"""libxcb-shape, -randr, -xfixes, -shm, -sync, -xkb, -render… all come in these packages."""

CURSOR = "libxcb-cursor.so.0"
"""Loaded by Qt at run time (not a link-time dependency), so asked for by name."""


def packages_for(library: str) -> tuple[str, str]:
    if library in PACKAGES:
        return PACKAGES[library]
    if library.startswith("libxcb"):
        return XCB_CORE
    stem = library.split(".so", maxsplit=1)[0]
    return stem, stem


def xcb_will_be_used(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether Qt is about to open an X11 window (Linux, no other platform asked for)."""
    if not sys.platform.startswith("linux"):
        return False
    if "-platform" in argv:
        index = argv.index("-platform")
        return index + 1 < len(argv) and argv[index + 1].startswith("xcb")
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].startswith("xcb")
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries the plugin (or Qt's xcb support) cannot load, as the loader sees
    them; empty when everything is there or when it cannot be told."""
    import ctypes  # here: a start that uses no X11 window (offscreen, Wayland) does not pay
    import shutil
    import subprocess

    try:
        ctypes.CDLL(str(plugin))
        plugin_loads = True
    except OSError:
        plugin_loads = False
    missing: list[str] = []
    if not plugin_loads:
        ldd = shutil.which("ldd")
        if ldd is None:
            return []
        try:
            listing = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        for line in listing.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.strip() == "not found" and name not in missing:
                missing.append(name)
    try:
        ctypes.CDLL(CURSOR)
    except OSError:
        missing.append(CURSOR)
    return missing


def xcb_plugin() -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    plugin = folder / "libqxcb.so"
    return plugin if plugin.is_file() else None


def message(missing: list[str]) -> str:
    debian = " ".join(dict.fromkeys(packages_for(name)[0] for name in missing))
    fedora = " ".join(dict.fromkeys(packages_for(name)[1] for name in missing))
    return (
        "Communiqué ne peut pas ouvrir sa fenêtre\u00a0: il manque à ce système "
        f"{'la bibliothèque' if len(missing) == 1 else 'les bibliothèques'} X11 "
        f"{', '.join(missing)}.\n"
        f"Sous Debian ou Ubuntu\u00a0: sudo apt install {debian}\n"
        f"Sous Fedora\u00a0: sudo dnf install {fedora}\n"
        "La liste complète est dans le README, section «\u00a0System packages\u00a0».\n"
        "La ligne de commande (communique export, check, issue) fonctionne sans fenêtre."
    )


NO_DISPLAY = (
    "Communiqué ne peut pas ouvrir sa fenêtre\u00a0: aucun écran n’est disponible (ni "
    "DISPLAY ni WAYLAND_DISPLAY n’est défini dans cet environnement).\n"
    "Lancez-le depuis une session graphique, ou par SSH avec «\u00a0ssh -X\u00a0».\n"
    "La ligne de commande (communique export, check, issue) fonctionne sans fenêtre."
)


def no_display(environ: dict[str, str] | os._Environ[str]) -> bool:
    """No X11 display and no Wayland one to open a window on (a bare SSH session, a
    container): Qt would blame a library (``libxcb-cursor0``) for it."""
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def problem(argv: list[str]) -> str | None:
    """A French message if Qt is about to fail for want of a display or of X11 libraries,
    else None."""
    if not xcb_will_be_used(argv, os.environ):
        return None
    if no_display(os.environ):
        return NO_DISPLAY
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    return message(missing) if missing else None
