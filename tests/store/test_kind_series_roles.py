"""Which series numbers each kind is the office's policy: on a team's server a desk cannot
change it (only an approver), and is told so in French."""

from __future__ import annotations

import pytest

from desktop.cli import main
from tests.store.test_register_attacks import Team, draft, team

pytestmark = pytest.mark.real_accounts

__all__ = ["draft", "team"]  # the fixtures, shared with the attack tests


def test_only_an_approver_changes_which_series_numbers_a_kind(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    team.be("claire", "Claire Dupont")
    assert main(["register", "kinds", "--set", "invitation", "CP"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("erreur") and "droits insuffisants" in err and "Traceback" not in err
    assert main(["register", "kinds", "--unnumbered", "communique"]) != 0
    capsys.readouterr()
    assert team.rows("SELECT count(*) FROM kind_series") == [(0,)]
    team.be("paul", "Paul Martin")
    assert main(["register", "kinds", "--set", "invitation", "CP"]) == 0
    assert team.rows("SELECT kind, series FROM kind_series") == [("invitation", "CP")]
    team.be("claire", "Claire Dupont")
    assert main(["register", "kinds", "--unnumbered", "invitation"]) != 0
    assert team.rows("SELECT kind, series FROM kind_series") == [("invitation", "CP")]
