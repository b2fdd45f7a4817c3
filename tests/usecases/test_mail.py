"""The mail use case against a real SMTP server on 127.0.0.1: the gate, sending to a list with
progress, cancelling and resuming without sending twice, the .eml, and what each leaves in the
register's history (on both backends)."""

from __future__ import annotations

import email
import hashlib
import json
import shutil
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest

pytest.importorskip("aiosmtpd")

from desktop.render.mail import parse_sender
from desktop.services.drafts import load_draft
from desktop.services.files import OutputRefused
from desktop.services.smtp_send import SmtpServer, settings
from desktop.store.mailing_lists import MailingLists, Member
from desktop.store.outputs import Output, outputs_of
from desktop.store.register import Register
from desktop.store.signoff import approve, set_signoff, status, submit
from desktop.usecases.gate import DraftRefused, NotApproved
from desktop.usecases.mail import (
    EML,
    PURPOSES,
    SEND,
    TEST,
    clear_for_mail,
    configured_server,
    send_test,
    write_eml,
)
from desktop.usecases.mail_sending import (
    AlreadySent,
    Notice,
    SendReport,
    send_to_lists,
)
from tests.smtp_server import ADDRESSES, SENDER, Recorder, running_server


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    with running_server(monkeypatch) as recorder:
        yield recorder


@pytest.fixture
def draft(tmp_path: Path, example_path: Path) -> Path:
    target = tmp_path / "seed.communique"
    shutil.copy(example_path, target)
    return target


def approved(draft: Path) -> Path:
    with Register.open() as register:
        submit(register, draft)
    with pytest.MonkeyPatch.context() as env:  # another person, on a connection of her own
        env.setenv("COMMUNIQUE_USER", "Directrice de cabinet")
        with Register.open() as register:
            approve(register, draft)
    return draft


def make_list(name: str = "presse", addresses: list[str] = ADDRESSES) -> None:
    with MailingLists.open() as lists:
        lists.create(name)
        lists.add(name, [Member(a, source="salon") for a in addresses])


def server() -> SmtpServer:
    return configured_server(settings())


class Calls:
    """``progress`` and ``cancel`` as a front end gives them, remembering what they were told."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.progress: list[tuple[int, int, str]] = []
        self.notices: list[Notice] = []
        self.stop_after = stop_after

    def on_progress(self, done: int, total: int, address: str) -> None:
        self.progress.append((done, total, address))

    def cancel(self) -> bool:
        return self.stop_after is not None and len(self.progress) > self.stop_after


def send(draft: Path, calls: Calls, *, again: bool = False) -> SendReport:
    outgoing = clear_for_mail(load_draft(draft), SEND)
    return send_to_lists(
        outgoing,
        sender=parse_sender(SENDER),
        server=server(),
        lists=["presse"],
        draft=draft,
        pause=0,
        progress=calls.on_progress,
        cancel=calls.cancel,
        notice=calls.notices.append,
        again=again,
    )


def test_sends_to_a_list_and_reports_progress(smtp: Recorder, draft: Path) -> None:
    approved(draft)
    make_list()
    calls = Calls()
    report = send(draft, calls)
    assert sorted(smtp.recipients) == ADDRESSES
    assert all(len(r.rcpt_tos) == 1 for r in smtp.received)
    assert calls.progress == [
        (0, 5, ""),
        *((i, 5, address) for i, address in enumerate(ADDRESSES, 1)),
    ]
    assert report.finished and report.sent == 5 and report.pending == ()
    assert report.recorded_in_draft
    assert json.loads(draft.read_text(encoding="utf-8"))["sent"][0]["recipients"] == 5
    with Register.open() as register:
        assert status(register, load_draft(draft)).state == "diffusé"


def test_a_cancelled_send_resumes_without_duplicates(smtp: Recorder, draft: Path) -> None:
    approved(draft)
    make_list()
    first = Calls(stop_after=2)  # the start, then two results: stop before the third
    report = send(draft, first)
    assert report.cancelled and not report.finished
    assert report.sent == 2 and len(report.pending) == 3
    assert smtp.recipients == ADDRESSES[:2]
    assert "sent" not in json.loads(draft.read_text(encoding="utf-8"))
    with Register.open() as register:
        assert status(register, load_draft(draft)).state == "validé"  # not yet diffusé

    second = Calls()
    report = send(draft, second)
    assert report.finished and report.sent == 5
    assert sorted(smtp.recipients) == ADDRESSES
    assert len(smtp.recipients) == len(set(smtp.recipients))
    assert second.progress[0] == (2, 5, "")
    assert [p[2] for p in second.progress[1:]] == ADDRESSES[2:]
    assert [n.kind for n in second.notices] == ["resumed"] and second.notices[0].count == 3
    assert len({r.message["Message-ID"] for r in smtp.received}) == 1


def test_sending_again_must_be_asked_for(smtp: Recorder, draft: Path) -> None:
    approved(draft)
    make_list()
    send(draft, Calls())
    with pytest.raises(AlreadySent):
        send(draft, Calls())
    report = send(draft, Calls(), again=True)  # diffusé: still allowed to go again
    assert report.sent == 5 and len(smtp.recipients) == 10


def test_an_unapproved_release_is_refused_for_sending(smtp: Recorder, draft: Path) -> None:
    make_list()
    with pytest.raises(NotApproved) as refused:
        send(draft, Calls())
    assert refused.value.state == "brouillon" and refused.value.exit_code == 2
    assert "«\u00a0brouillon\u00a0»" in str(refused.value) and "PROJET" in str(refused.value)
    with Register.open() as register:
        submit(register, draft)
    with pytest.raises(NotApproved, match="soumis"):
        send(draft, Calls())
    assert smtp.received == []
    with Register.open() as register:
        set_signoff(register, False)  # an office that does not use sign-off
    assert send(draft, Calls()).sent == 5


def test_a_test_copy_of_an_unapproved_release_is_marked(smtp: Recorder, draft: Path) -> None:
    make_list()
    outgoing = clear_for_mail(load_draft(draft), TEST)
    send_test(outgoing, "moi@example.gouv.fr", sender=parse_sender(SENDER), server=server())
    assert smtp.recipients == ["moi@example.gouv.fr"]
    assert smtp.received[0].message["Subject"].startswith("[TEST] [PROJET] ")


def test_a_release_with_errors_never_leaves(tmp_path: Path, example_path: Path) -> None:
    release = load_draft(example_path)
    broken = release.__class__(**{**release.__dict__, "headline": ""})
    for purpose in PURPOSES:
        with pytest.raises(DraftRefused) as refused:
            clear_for_mail(broken, purpose)
        assert any(f.is_error for f in refused.value.findings)


def test_the_eml_is_guarded_and_marked(tmp_path: Path, draft: Path) -> None:
    make_list()  # a register exists: sign-off applies
    outgoing = clear_for_mail(load_draft(draft), EML)
    with pytest.raises(OutputRefused):
        write_eml(outgoing, draft, sender=parse_sender(SENDER), inputs=(draft,))
    with pytest.raises(OutputRefused):
        write_eml(outgoing, tmp_path / "message.txt", sender=parse_sender(SENDER))
    target = write_eml(outgoing, tmp_path / "message.eml", sender=parse_sender(SENDER)).path
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["Subject"].startswith("[PROJET] ")


def test_a_clearance_serves_its_purpose_only(draft: Path) -> None:
    outgoing = clear_for_mail(load_draft(draft), EML)
    with pytest.raises(ValueError, match="cleared for eml"):
        send_to_lists(
            outgoing,
            sender=parse_sender(SENDER),
            server=SmtpServer("127.0.0.1", 1, require_tls=False),
            to=["a@example.org"],
        )


# ---------------------------------------------------------------- the register's history


def history(draft: Path) -> list[Output]:
    with Register.open() as register:
        return outputs_of(register, load_draft(draft))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_send_and_an_eml_each_leave_one_line_in_the_history(
    backend: str, smtp: Recorder, draft: Path, tmp_path: Path
) -> None:
    approved(draft)
    make_list()
    report = send(draft, Calls())
    [sent] = history(draft)
    received = smtp.received[0].message
    pdf = next(received.iter_attachments())
    assert (sent.kind, sent.kind_label, sent.state) == ("send", "envoi", "validé")
    assert (sent.recipients, sent.message_id) == (5, received["Message-ID"].strip())
    assert [(f.path, f.format) for f in sent.files] == [(pdf.get_filename(), "pdf")]
    assert sent.files[0].sha256 == sha256(pdf.get_content()) == report.send.pdf_sha256
    assert sent.number == "N°350" and sent.headline.startswith("Jacqueline Gourault")

    clearance = clear_for_mail(load_draft(draft), EML)
    written = write_eml(clearance, tmp_path / "message.eml", sender=parse_sender(SENDER))
    assert written.warnings == ()
    first, eml = history(draft)
    assert first == sent
    data = written.path.read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    assert (eml.kind, eml.state, eml.recipients) == ("eml", "diffusé", 0)
    assert eml.message_id == message["Message-ID"].strip()  # folded: too long for a line
    assert [(Path(f.path), f.format) for f in eml.files] == [
        (written.path.absolute(), "eml"),
        (Path(pdf.get_filename()), "pdf"),
    ]
    assert eml.files[0].sha256 == sha256(data) and eml.files[0].size == len(data)
    attached = next(message.iter_attachments()).get_content()
    assert eml.files[1].sha256 == sha256(attached)


def test_a_test_copy_and_an_unapproved_eml_are_recorded_as_such(
    smtp: Recorder, draft: Path, tmp_path: Path
) -> None:
    make_list()  # a register exists: sign-off applies, nothing is approved
    clearance = clear_for_mail(load_draft(draft), TEST)
    copy = send_test(clearance, "moi@example.gouv.fr", sender=parse_sender(SENDER), server=server())
    assert copy.address == "moi@example.gouv.fr" and copy.warnings == ()
    write_eml(
        clear_for_mail(load_draft(draft), EML), tmp_path / "m.eml", sender=parse_sender(SENDER)
    )
    test, eml = history(draft)
    assert (test.kind, test.kind_label, test.state, test.recipients) == (
        "test",
        "envoi de test",
        "brouillon",
        1,
    )
    assert test.message_id == smtp.received[0].message["Message-ID"].strip()
    assert (eml.kind, eml.state) == ("eml", "brouillon")
    with Register.open() as register:  # neither made the release diffusé
        assert status(register, load_draft(draft)).state == "brouillon"


def test_an_unfinished_send_is_recorded_once_it_is_finished(smtp: Recorder, draft: Path) -> None:
    approved(draft)
    make_list()
    send(draft, Calls(stop_after=2))
    assert history(draft) == []
    send(draft, Calls())
    [sent] = history(draft)
    assert (sent.kind, sent.recipients) == ("send", 5)


@pytest.mark.logs_warnings
def test_a_send_the_register_cannot_record_is_a_warning(
    smtp: Recorder, draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import outputs
    from desktop.store.register_errors import RegisterUnavailable

    approved(draft)
    make_list()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RegisterUnavailable("Le registre est en lecture seule.")

    monkeypatch.setattr(outputs, "record_output", refuse)
    report = send(draft, Calls())
    assert report.finished and sorted(smtp.recipients) == ADDRESSES
    assert report.warnings == (
        "le message est parti, mais son envoi n’a pas pu être noté au registre "
        "(Le registre est en lecture seule.).",
    )
