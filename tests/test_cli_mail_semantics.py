"""``communique mail --send`` as mail servers mean it, against aiosmtpd on 127.0.0.1: each
recipient's answer counts for that recipient only (4xx put off and tried again, 5xx refused,
an answer after DATA for that message), an audience of nobody is refused, internationalised
addresses go with SMTPUTF8 and IDNA or are refused for that address alone, and two processes
sending one release at once deliver each message exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from desktop.cli import main
from tests import test_cli_mail as base
from tests.smtp_server import ADDRESSES, Recorder

smtp = base.smtp
draft = base.draft
make_list = base.make_list
send = base.send

ROOT = Path(__file__).resolve().parents[1]


def sent_record(draft: Path) -> Any:
    return json.loads(draft.read_text(encoding="utf-8")).get("sent")


# ---------------------------------------------------------------- per recipient


def test_greylisting_is_tried_again_in_the_run(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    recorder.rcpt_answers[ADDRESSES[0]] = ["451 4.7.1 Greylisted, try again later"]
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == ADDRESSES
    assert "Envoyé à 5 destinataires ; 0 refusé" in capsys.readouterr().out


def test_a_lasting_4xx_is_left_waiting_and_served_by_the_next_run(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    recorder.rcpt_answers[ADDRESSES[1]] = ["451 4.7.1 Greylisted"] * 3
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse") == 1
    captured = capsys.readouterr()
    assert sorted(recorder.recipients) == sorted(a for a in ADDRESSES if a != ADDRESSES[1])
    assert "1 en attente" in captured.out and "Traceback" not in captured.err
    assert f"mise en attente par le serveur : {ADDRESSES[1]} (451 4.7.1 Greylisted)" in (
        captured.err
    )
    assert sent_record(draft) is None  # not finished: not « déjà envoyé »
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == ADDRESSES  # the waiting one now, nobody twice
    assert sent_record(draft)[0]["recipients"] == 5


def test_an_answer_after_data_counts_for_that_message_only(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    recorder.data_answers[ADDRESSES[0]] = ["452 4.2.2 Mailbox full"] * 3
    recorder.data_answers[ADDRESSES[2]] = ["554 5.7.1 Message refused"]
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse", "--batch", "10") == 1
    assert sorted(recorder.recipients) == sorted([ADDRESSES[1], *ADDRESSES[3:]])
    err = capsys.readouterr().err
    assert f"refusée par le serveur : {ADDRESSES[2]} (554 5.7.1 Message refused)" in err
    assert f"en attente par le serveur : {ADDRESSES[0]} (452 4.2.2 Mailbox full)" in err
    assert send(draft, "--list", "presse") == 0  # the full mailbox has room now
    assert sorted(recorder.recipients) == sorted(a for a in ADDRESSES if a != ADDRESSES[2])
    assert len(recorder.recipients) == len(set(recorder.recipients))
    assert send(draft, "--list", "presse") == 2  # finished: the refused one is not tried again
    assert "déjà été envoyé" in capsys.readouterr().err


# ---------------------------------------------------------------- nobody to send to


def test_an_empty_list_is_refused_and_nothing_recorded(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    make_list("vide", [])
    before = draft.read_bytes()
    assert send(draft, "--list", "vide") == 2
    assert "personne à qui envoyer" in capsys.readouterr().err
    assert draft.read_bytes() == before and recorder.received == []
    assert main(["sent"]) == 0
    assert "Aucun envoi" in capsys.readouterr().err
    make_list("presse", ADDRESSES[:2])  # the real send is not blocked
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == ADDRESSES[:2]


def test_a_list_of_objectors_only_is_refused(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES[:1])
    assert main(["lists", "object", ADDRESSES[0]]) == 0
    assert send(draft, "--list", "presse", "--to", ADDRESSES[0]) == 2
    assert "personne à qui envoyer" in capsys.readouterr().err
    assert recorder.received == [] and sent_record(draft) is None


# ---------------------------------------------------------------- internationalised addresses


def test_an_accented_address_without_smtputf8_is_refused_for_itself_alone(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, start = smtp
    start(enable_SMTPUTF8=False)
    make_list("presse", ["josé@example.org", *ADDRESSES[:2]])
    assert send(draft, "--list", "presse") == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "josé@example.org (adresse internationalisée" in captured.err
    assert sorted(recorder.recipients) == ADDRESSES[:2]


def test_smtputf8_and_idna_when_the_server_offers_them(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, start = smtp
    start(enable_SMTPUTF8=True)
    make_list("presse", ["josé@example.org", "jose@exémple.fr"])
    assert send(draft, "--list", "presse") == 0, capsys.readouterr().err
    assert sorted(recorder.recipients) == ["jose@xn--exmple-cva.fr", "josé@example.org"]


def test_idna_domains_need_no_smtputf8(smtp: tuple[Recorder, Any], draft: Path) -> None:
    recorder, start = smtp
    start(enable_SMTPUTF8=False)
    assert send(draft, "--to", "rédaction@exémple.fr", "--to", "jose@exémple.fr") == 0
    assert recorder.recipients == ["jose@xn--exmple-cva.fr"]


# ---------------------------------------------------------------- one sender at a time


def _cli(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_sending_one_release_deliver_each_message_once(
    backend: str, smtp: tuple[Recorder, Any], draft: Path
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES)
    recorder.hold_at = 2  # the first process stops in the middle of its send
    first = _cli("mail", str(draft), "--send", "--list", "presse", "--pause", "0")
    assert recorder.holding.wait(60)
    second = _cli("mail", str(draft), "--send", "--list", "presse", "--pause", "0")
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 1, err
    assert "déjà en cours" in err and "Traceback" not in err
    recorder.release.set()
    _out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    third = _cli("mail", str(draft), "--send", "--list", "presse", "--pause", "0")
    _out, err = third.communicate(timeout=60)
    assert third.returncode == 2 and "déjà été envoyé" in err
    assert sorted(recorder.recipients) == ADDRESSES  # exactly once each


def test_two_processes_started_together_deliver_each_message_once(
    backend: str, smtp: tuple[Recorder, Any], draft: Path
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES)
    runs = [
        _cli("mail", str(draft), "--send", "--list", "presse", "--pause", "0") for _ in range(3)
    ]
    codes = []
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert "Traceback" not in err
        codes.append(run.returncode)
    assert 0 in codes
    assert sorted(recorder.recipients) == ADDRESSES


def test_a_draft_edited_during_the_send_is_not_overwritten(
    smtp: tuple[Recorder, Any], draft: Path
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES[:3])
    recorder.hold_at = 2
    run = _cli("mail", str(draft), "--send", "--list", "presse", "--pause", "0")
    assert recorder.holding.wait(60)
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["headline"] = "Titre corrigé pendant l’envoi"
    edited = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    draft.write_text(edited, encoding="utf-8")
    time.sleep(0.01)
    recorder.release.set()
    _out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert draft.read_text(encoding="utf-8") == edited  # the edit is kept
    assert "a été modifié pendant l’envoi" in err
    assert sorted(recorder.recipients) == ADDRESSES[:3]


def test_reply_to_an_internationalised_contact_is_a_valid_header(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["contacts"][0]["email"] = "presse@exémple.fr"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    base.approve(draft)
    assert send(draft, "--to", ADDRESSES[0]) == 0, capsys.readouterr().err
    reply_to = recorder.received[0].message["Reply-To"]
    assert reply_to.addresses[0].addr_spec == "presse@xn--exmple-cva.fr"


def test_a_rectificatif_has_its_own_sends(
    smtp: tuple[Recorder, Any], tmp_path: Path, example_path: Path
) -> None:
    recorder, _ = smtp
    original = tmp_path / "original.communique"
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data.pop("number", None)
    original.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["issue", "--start", "1", str(original)]) == 0
    base.approve(original)
    make_list("presse", ADDRESSES[:2])
    assert send(original, "--list", "presse") == 0
    number = json.loads(original.read_text(encoding="utf-8"))["number"]
    fixed = tmp_path / "rectificatif.communique"
    assert main(["correct", str(number), "--output", str(fixed)]) == 0
    assert "sent" not in json.loads(fixed.read_text(encoding="utf-8"))
    assert main(["issue", "--start", "1", str(fixed)]) == 0
    base.approve(fixed)
    assert send(fixed, "--list", "presse") == 0  # not « déjà envoyé »: its own send
    subjects = [r.message["Subject"] for r in recorder.received]
    assert sum(s.startswith("Rectificatif du N°") for s in subjects) == 2
    assert sorted(recorder.recipients) == sorted(ADDRESSES[:2] * 2)
