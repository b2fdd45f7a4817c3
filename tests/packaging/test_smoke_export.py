"""The check the installers run on the installed program: ``communique-app --smoke-export PDF
DRAFT`` opens the draft in the window (offscreen), exports it through the same path as
*Fichier › Exporter*, and quits with 0; run here from the checkout, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import SEED

ROOT = Path(__file__).resolve().parents[2]


def _app(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_window_opens_the_example_exports_it_and_quits(tmp_path: Path) -> None:
    done = _app("--smoke-export", "sortie.pdf", str(SEED), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "sortie.pdf").pages)
    text = text.replace("\u00ad", "")
    assert "Communiqué de presse" in text
    assert "Traceback" not in done.stderr


def test_the_smoke_option_needs_a_draft_and_is_hidden(tmp_path: Path) -> None:
    done = _app("--smoke-export", "sortie.pdf", cwd=tmp_path)
    assert done.returncode == 2
    assert "--smoke-export demande un BROUILLON" in done.stderr
    assert not (tmp_path / "sortie.pdf").exists()
    shown = _app("--help", cwd=tmp_path)
    assert shown.returncode == 0 and "smoke" not in shown.stdout


def test_a_refused_export_ends_with_1_without_waiting(tmp_path: Path) -> None:
    """The target is a folder: the window would show its error dialog and wait for a click; in
    the smoke run nobody clicks, so the dialog must not block (the installer's CI would hang)."""
    (tmp_path / "dossier.pdf").mkdir()
    done = _app("--smoke-export", "dossier.pdf", str(SEED), cwd=tmp_path)
    assert done.returncode == 1
    assert "dossier.pdf" in done.stderr


def test_a_mistake_in_the_site_settings_stops_the_window_with_a_french_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register named wrongly by IT must not send numbers to a local register instead."""
    broken = tmp_path / "settings.toml"
    broken.write_text('[registre]\nadrese = "x.sqlite"\n', encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_SITE_SETTINGS", str(broken))
    done = _app("--smoke-export", "sortie.pdf", str(SEED), cwd=tmp_path)
    assert done.returncode == 1
    assert "clé «\u00a0adrese\u00a0» inconnue" in done.stderr and str(broken) in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "sortie.pdf").exists()
