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
