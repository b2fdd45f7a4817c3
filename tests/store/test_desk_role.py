"""A desk's day under its least-privilege role on PostgreSQL (``register init --roles``, the
desk a member of ``communique_writers``, never the owner): lists, numbering, a real
``mail --send`` to aiosmtpd, its resume and its log, and ``publish``, each recorded under the
desk's role."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from desktop.cli import main
from tests.smtp_server import ADDRESSES, Recorder
from tests.store.test_register_attacks import Team, draft, team
from tests.test_cli_mail import smtp

pytestmark = pytest.mark.real_accounts

__all__ = ["draft", "smtp", "team"]  # the fixtures


def test_a_writer_desk_sends_and_publishes(
    team: Team,
    draft: Path,
    smtp: tuple[Recorder, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recorder, _ = smtp
    team.be("claire", "Claire Dupont")
    assert main(["lists", "create", "presse"]) == 0
    for address in ADDRESSES[:3]:
        assert main(["lists", "add", "presse", address, "--basis", "consentement"]) == 0
    assert main(["issue", "--start", "1", str(draft)]) == 0
    assert main(["submit", str(draft)]) == 0
    team.be("paul", "Paul Martin")
    assert main(["approve", str(draft)]) == 0
    capsys.readouterr()

    team.be("claire", "Claire Dupont")
    recorder.rcpt_answers[ADDRESSES[2]] = ["451 4.7.1 Greylisted"] * 3  # left waiting
    assert main(["mail", str(draft), "--send", "--list", "presse", "--pause", "0"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "permission" not in err.lower(), err
    assert sorted(recorder.recipients) == sorted(ADDRESSES[:2])
    recorder.rcpt_answers.clear()
    assert main(["mail", str(draft), "--send", "--list", "presse", "--pause", "0"]) == 0, (
        capsys.readouterr().err
    )
    assert sorted(recorder.recipients) == sorted(ADDRESSES[:3])  # each exactly once
    assert main(["sent", str(draft)]) == 0
    assert "envoyés : 3 ; terminé" in capsys.readouterr().out
    assert json.loads(draft.read_text(encoding="utf-8"))["sent"]

    site = tmp_path / "presse"
    assert main(["publish", str(draft), "--site", str(site)]) == 0, capsys.readouterr().err
    assert len(list(site.glob("2026-11-03-*.html"))) == 1

    outputs = team.rows("SELECT kind, author FROM release_outputs ORDER BY created_at")
    assert outputs == [("send", "Claire Dupont"), ("publication", "Claire Dupont")]
    state = team.rows("SELECT state FROM release_outputs WHERE kind = 'publication'")
    assert state == [("diffusé",)], state  # sent first, so published as diffusé

    # the people's rights, from the desk too
    assert main(["lists", "object", ADDRESSES[1]]) == 0, capsys.readouterr().err
    assert main(["lists", "forget", ADDRESSES[0]]) == 0, capsys.readouterr().err
    left = team.rows("SELECT address FROM mailing_members ORDER BY address")
    assert left == [(ADDRESSES[2],)]
    assert team.rows(f"SELECT count(*) FROM mail_deliveries WHERE address = '{ADDRESSES[0]}'") == [
        (0,)
    ]
