"""The core, the renderers and the command line run without Qt (servers, scripts, start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_core_export_and_cli_never_import_pyside6(tmp_path: Path, example_path: Path) -> None:
    script = f"""
import sys
import desktop.core.draft, desktop.core.typography, desktop.usecases.export
from desktop.cli import main
code = main(["export", {str(example_path)!r}, "--docx", {str(tmp_path / "a.docx")!r},
             "--pdf", {str(tmp_path / "a.pdf")!r}])
assert code == 0, code
loaded = [name for name in sys.modules if name.startswith(("PySide6", "shiboken"))]
assert not loaded, loaded
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.pdf").stat().st_size > 10_000
