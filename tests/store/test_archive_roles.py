"""The archive on a team's server with least-privilege roles: a desk's export is kept and found,
and a desk cannot rewrite what the archive holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.database import RegisterError
from tests.store.test_register_attacks import Team, draft, team

pytestmark = pytest.mark.real_accounts

__all__ = ["draft", "team"]  # the fixtures, shared with the attack tests


def test_a_writer_keeps_an_export_in_the_archive_and_cannot_rewrite_it(
    team: Team, draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team.be("claire", "Claire Dupont")
    assert main(["export", str(draft), "--pdf", str(tmp_path / "annonce.pdf")]) == 0
    capsys.readouterr()
    assert main(["archive", "search", "relancer"]) == 0
    assert "Une annonce" in capsys.readouterr().out
    assert team.rows("SELECT count(*) FROM archive") == [(1,)]
    with pytest.raises(RegisterError):
        team.write("claire", "UPDATE archive SET headline = 'Autre chose'")
    with pytest.raises(RegisterError):
        team.write("claire", "DROP TABLE archive")


def test_a_desk_removes_its_import_but_not_its_export(
    team: Team, draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.importing.corpus import content, text_of

    team.be("claire", "Claire Dupont")
    assert main(["export", str(draft), "--pdf", str(tmp_path / "annonce.pdf")]) == 0
    old = tmp_path / "ancien.txt"
    old.write_text(text_of(content(7), 0), encoding="utf-8")
    assert main(["import", str(old), "--archive"]) == 0
    assert main(["import", str(old), "--archive"]) == 0  # kept once
    capsys.readouterr()
    assert team.rows("SELECT count(*) FROM archive") == [(2,)]
    ids = {
        row[0]: row[1] for row in team.rows("SELECT id, source FROM archive")
    }  # the export has no file of its own
    exported = next(key for key, source in ids.items() if not source)
    imported = next(key for key, source in ids.items() if source)
    assert main(["archive", "remove", exported]) == 2
    assert "sorti du bureau" in capsys.readouterr().err
    assert main(["archive", "remove", imported]) == 0  # as the desk's own least-privilege role
    assert team.rows("SELECT count(*) FROM archive") == [(1,)]
