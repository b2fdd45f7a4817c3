"""The installers' recipes agree with the program: names, entry points, file type, smoke test.

The Windows and macOS workflow cannot run here; what it relies on is checked as far as Linux
allows (the spec builds the .deb in .ci/package; these tests check the files' agreement)."""

from __future__ import annotations

import configparser
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

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
