"""The installers' recipes agree with the program: names, entry points, file type, smoke test.

The Windows and macOS workflow cannot run here; what it relies on is checked as far as Linux
allows (the spec builds the .deb in .ci/package; these tests check the files' agreement)."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.core.draft import SUFFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def test_the_scripts_are_executable() -> None:
    for path in (
        PACKAGING / "build_deb.sh",
        PACKAGING / "debian" / "postinst",
        PACKAGING / "debian" / "postrm",
        ROOT / ".ci" / "package",
    ):
        assert os.access(path, os.X_OK), path


def test_the_spec_builds_both_programs_and_ships_the_resources() -> None:
    spec = (PACKAGING / "communique.spec").read_text(encoding="utf-8")
    assert '"communique", True' in spec and '"communique-app", False' in spec
    assert '(str(ROOT / "resources"), "desktop/_resources")' in spec
    assert (PACKAGING / "entry_cli.py").is_file() and (PACKAGING / "entry_app.py").is_file()


def test_the_menu_entry_runs_the_wrapper_the_package_installs() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "resources" / "desktop" / "communique.desktop", encoding="utf-8")
    program = entry["Desktop Entry"]["Exec"].split()[0]
    build = (PACKAGING / "build_deb.sh").read_text(encoding="utf-8")
    assert program == "communique-app" and "for program in communique communique-app" in build


def test_the_windows_package_registers_the_draft_suffix_and_installs_per_machine() -> None:
    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    package = ET.parse(PACKAGING / "windows" / "communique.wxs").getroot().find("w:Package", ns)
    assert package is not None and package.get("Scope") == "perMachine"
    keys = {v.get("Key") for v in package.iter(f"{{{ns['w']}}}RegistryValue")}
    assert rf"Software\Classes\{SUFFIX}" in keys
    assert package.find("w:MajorUpgrade", ns) is not None


def test_the_workflow_builds_installs_smoke_tests_and_publishes_on_both_systems() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "NOT RUN YET" in text
    for job in ("windows-latest", "macos-latest"):
        assert f"runs-on: {job}" in text
    assert text.count("pyinstaller --noconfirm packaging/communique.spec") == 2
    assert "/quiet" in text and "hdiutil create" in text
    assert text.count('communique-app.exe" -Wait') == 1 and 'communique-app" --smoke-export' in text
    assert text.count("actions/upload-artifact") == 2
    assert re.search(r"msiexec\.exe .*'/x'", text)


def test_the_readme_says_the_workflow_has_not_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "installers.yml`) has not run" in readme


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb builds the .deb")
def test_no_installed_file_is_writable_by_other_accounts(tmp_path: Path) -> None:
    """A build made under a loose umask (002 on many desktops, 000 in some CI images) kept its
    files group- or world-writable in ``/opt/communique``: once installed, another account
    could change the program every user runs."""
    dist = tmp_path / "dist" / "communique"
    (dist / "_internal").mkdir(parents=True)
    for name in ("communique", "communique-app"):
        (dist / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (dist / name).chmod(0o777)
    (dist / "_internal" / "base_library.zip").write_bytes(b"PK")
    (dist / "_internal" / "base_library.zip").chmod(0o666)
    (dist / "_internal" / "libpython3.so").write_bytes(b"\x7fELF")
    (dist / "_internal" / "libpython3.so").chmod(0o775)
    out = tmp_path / "communique.deb"
    subprocess.run(
        [str(PACKAGING / "build_deb.sh"), str(dist), str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "DEB_COMPRESSION": "gzip"},
        timeout=300,
    )
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(out)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    loose = [line for line in listing if line[5] == "w" or line[8] == "w"]
    assert loose == []
    assert any(
        line.startswith("-rwxr-xr-x") and "opt/communique/communique" in line for line in listing
    )
