"""Numbering per kind of document, on SQLite and PostgreSQL (the ``backend`` fixture): the
communiqués in CP, invitations and agendas unnumbered by default, each configurable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.kinds import DocumentKind
from desktop.resources import resource
from desktop.services.drafts import load_draft
from desktop.store.register import NotNumbered, Register, issue_draft

INVITATION = resource("examples", "invitation.communique")


def test_only_communiques_are_numbered_by_default(
    backend: str, tmp_path: Path, example_path: Path
) -> None:
    communique = tmp_path / "cp.communique"
    shutil.copy(example_path, communique)
    invitation = tmp_path / "invitation.communique"
    shutil.copy(INVITATION, invitation)
    with Register.open() as register:
        assert register.kind_series(DocumentKind.COMMUNIQUE) == "CP"
        assert register.kind_series(DocumentKind.INVITATION) is None
        assert register.kind_series(DocumentKind.AGENDA) is None
        outcome = issue_draft(communique, register=register, new=True)
        assert outcome.entry.series == "CP"
        with pytest.raises(NotNumbered, match="Invitation presse"):
            issue_draft(invitation, register=register)
    assert load_draft(invitation).number is None


def test_a_kind_numbered_in_a_series_of_its_own(backend: str, tmp_path: Path) -> None:
    invitation = tmp_path / "invitation.communique"
    shutil.copy(INVITATION, invitation)
    with Register.open() as register:
        register.set_policy("INV", fmt="INV n° {n}", create=True)
        register.set_kind_series(DocumentKind.INVITATION, "INV")
        assert register.kind_series(DocumentKind.INVITATION) == "INV"
        outcome = issue_draft(invitation, register=register)
        assert (outcome.entry.series, outcome.entry.label) == ("INV", "INV n° 1")
        register.set_kind_series(DocumentKind.COMMUNIQUE, None)
        assert register.kind_series(DocumentKind.COMMUNIQUE) is None
    with Register.open() as register:  # kept in the register
        assert register.kind_series(DocumentKind.INVITATION) == "INV"
    assert load_draft(invitation).number == 1


def test_the_register_command_says_and_sets_each_kind(
    backend: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["register", "kinds"]) == 0
    out = capsys.readouterr().out
    assert "communique (Communiqué de presse)\u00a0: série «\u00a0CP\u00a0»" in out
    assert "invitation (Invitation presse)\u00a0: non numéroté" in out
    assert main(["register", "kinds", "--set", "agenda", "CP"]) == 0
    assert "agenda (Agenda prévisionnel)\u00a0: série «\u00a0CP\u00a0»" in capsys.readouterr().out
    assert main(["register", "kinds", "--unnumbered", "agenda"]) == 0
    assert "agenda (Agenda prévisionnel)\u00a0: non numéroté" in capsys.readouterr().out
    assert main(["register", "kinds", "--set", "tract", "CP"]) == 2
    assert main(["register", "kinds", "--set", "agenda", "INCONNUE"]) != 0
    assert "INCONNUE" in capsys.readouterr().err
