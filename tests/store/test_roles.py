"""The roles' script printed in the team documentation is the one ``register init --roles`` runs."""

from __future__ import annotations

from pathlib import Path

from desktop.store.roles import grant_sql

ROOT = Path(__file__).resolve().parents[2]


def test_the_documented_script_is_the_one_run() -> None:
    assert grant_sql("public") in (ROOT / "docs" / "team-register.md").read_text("utf-8")


def test_roles_on_a_file_are_refused_in_french(capsys: object) -> None:
    import pytest

    from desktop.cli import main

    assert main(["register", "init", "--roles"]) == 2
    err = pytest.CaptureFixture.readouterr(capsys).err  # type: ignore[arg-type]
    assert "compte du système" in err and "Traceback" not in err
    from desktop.services.paths import register_path

    assert not register_path().exists()  # refused before anything was made
