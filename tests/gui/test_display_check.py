"""Qt's missing X11 libraries are named in French, with their packages, instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.gui import display_check


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, True),
        ([], {"QT_QPA_PLATFORM": "offscreen"}, False),
        ([], {"QT_QPA_PLATFORM": "xcb"}, True),
        ([], {"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        (["-platform", "offscreen"], {}, False),
        (["-platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, True),
        ([], {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_xcb_is_checked_only_when_qt_will_use_it(
    argv: list[str], environ: dict[str, str], expected: bool
) -> None:
    assert display_check.xcb_will_be_used(argv, environ) is expected


def test_the_message_names_each_library_and_its_packages() -> None:
    text = display_check.message(
        ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-xinerama.so.0"]
    )
    assert "les bibliothèques X11 libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxcb1" in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms libxcb" in text
    assert "libxcb-cursor0" not in text  # what Qt would have blamed


def _missing_here() -> list[str]:
    plugin = display_check.xcb_plugin()
    return display_check.missing_libraries(plugin) if plugin else []


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _missing_here(),
    reason="every X11 library Qt needs is installed on this machine",
)
def test_the_app_says_what_is_missing_instead_of_aborting() -> None:
    environ = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    environ["DISPLAY"] = ":97"
    done = subprocess.run(
        [sys.executable, "-m", "desktop"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Communiqué ne peut pas ouvrir sa fenêtre" in done.stderr
    for library in _missing_here():
        assert library in done.stderr
    assert "Aborted" not in done.stderr and "qt.qpa" not in done.stderr


def test_no_display_at_all_is_said_in_french_naming_the_variables() -> None:
    """The issue: in a shell with no display, Qt's English message blamed libxcb-cursor0."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "aucun écran n’est disponible" in done.stderr
    assert "DISPLAY" in done.stderr and "WAYLAND_DISPLAY" in done.stderr
    assert "libxcb" not in done.stderr
    assert "Aborted" not in done.stderr and "qt.qpa" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_display_or_a_wayland_one_is_enough() -> None:
    assert display_check.no_display({})
    assert not display_check.no_display({"DISPLAY": ":0"})
    assert not display_check.no_display({"WAYLAND_DISPLAY": "wayland-0"})
