"""What the window says about a document: title, recent list, proposed names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.core.document import (
    display_name,
    push_recent,
    suggested_stem,
    window_title,
    with_suffix,
)
from desktop.core.model import Release


def test_titles() -> None:
    assert window_title(None) == "Sans titre[*] — Communiqué"
    assert window_title(Path("/a/plan écoles.communique")) == "plan écoles[*] — Communiqué"
    assert display_name(Path("notes.txt")) == "notes.txt"


def test_recent_list_moves_to_front_without_duplicates(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.communique"), str(tmp_path / "b.communique")
    assert push_recent([a, b], Path(b)) == [b, a]
    assert push_recent([], Path(a)) == [a]
    many = [str(tmp_path / f"{i}.communique") for i in range(12)]
    assert len(push_recent(many, Path(a), limit=10)) == 10


def test_suggested_names() -> None:
    assert suggested_stem(Path("x/cp.communique"), Release()) == "cp"
    assert (
        suggested_stem(None, Release(headline="Plan : « écoles » / 2027 ?"))
        == "Plan « écoles » 2027"
    )
    assert suggested_stem(None, Release()) == "communique"
    assert with_suffix(Path("a"), ".pdf") == Path("a.pdf")
    assert with_suffix(Path("a.PDF"), ".pdf") == Path("a.PDF")


def test_core_modules_of_the_app_do_not_import_qt() -> None:
    code = "import sys, desktop.services.autosave, desktop.core.document; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
