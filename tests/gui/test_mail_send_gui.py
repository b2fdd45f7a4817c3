"""*Envoyer par e-mail…* sending to a distribution list from the window, through a real SMTP
server on 127.0.0.1: progress dialog, stop and resume, the summary, the sign-off refusal."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.gui.mail_route_dialog import MailOffer, MailRoute, MailRouteDialog
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import load_draft, save_draft
from desktop.store.mailing_lists import MailingLists, Member
from desktop.store.register import Register
from desktop.store.signoff import approve, status, submit
from tests.helpers import Dialogs
from tests.smtp_server import ADDRESSES, Recorder, running_server

TIMEOUT_MS = 15_000


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    with running_server(monkeypatch) as recorder:
        yield recorder


@pytest.fixture
def draft(tmp_path: Path, example_path: Path) -> Path:
    """The seed, submitted and approved, with a list of five journalists in the register."""
    target = tmp_path / "seed.communique"
    save_draft(load_draft(example_path), target)
    with MailingLists.open() as lists:
        lists.create("presse")
        lists.add("presse", [Member(a, source="salon") for a in ADDRESSES])
    with Register.open() as register:
        submit(register, target)
        with pytest.MonkeyPatch.context() as env:
            env.setenv("COMMUNIQUE_USER", "Directrice de cabinet")
            approve(register, target)
    return target


def infos(fake_dialogs: Dialogs, kind: str = "info") -> list[tuple[Any, ...]]:
    return [args for k, args in fake_dialogs.asked if k == kind]


def send_and_wait(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(window.mailing.worker.finished, timeout=TIMEOUT_MS):
        window.mailing_actions["send"].trigger()


def test_the_window_sends_to_a_list_with_a_progress_bar_and_a_summary(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
) -> None:
    window = make_window(draft)
    fake_dialogs.mail_route = MailRoute(True, ("presse",))
    seen: list[tuple[int, int, str]] = []
    window.mailing.worker.progressed.connect(lambda *args: seen.append(args))
    with qtbot.waitSignal(window.mailing.worker.finished, timeout=TIMEOUT_MS):
        window.mailing_actions["send"].trigger()
        assert window.mailing.progress is not None  # shown at once; the send is on a worker
        assert window.mailing.progress.isVisible()
    assert sorted(smtp.recipients) == ADDRESSES
    assert all(len(r.rcpt_tos) == 1 for r in smtp.received)
    assert seen[-1] == (5, 5, ADDRESSES[-1])
    assert window.mailing.progress is None  # closed at the end
    [(offer,)] = [args for k, args in fake_dialogs.asked if k == "mail route"]
    assert offer == MailOffer(("presse",), smtp_host_port(), "")
    [(title, text, details)] = infos(fake_dialogs)
    assert title == "Envoi terminé"
    assert text == (
        "Envoi terminé\u00a0: 5\u00a0messages envoyés, aucune adresse refusée, aucun "
        "destinataire en attente."
    )
    assert details == ""
    # The send is in the draft file and in the register; the document shows the file as saved.
    assert json.loads(draft.read_text(encoding="utf-8"))["sent"][0]["recipients"] == 5
    assert not window.document.is_modified()
    with Register.open() as register:
        assert status(register, load_draft(draft)).state == "diffusé"


def smtp_host_port() -> str:
    import os

    return os.environ["COMMUNIQUE_SMTP"].removeprefix("smtp://")


def test_stopping_a_send_then_taking_it_up_again_sends_nobody_twice(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
) -> None:
    window = make_window(draft)
    fake_dialogs.mail_route = MailRoute(True, ("presse",))
    smtp.refuse = {ADDRESSES[4]}
    smtp.hold_at = 2  # the server holds the second message until the test lets it go
    with qtbot.waitSignal(window.mailing.worker.finished, timeout=TIMEOUT_MS):
        window.mailing_actions["send"].trigger()
        qtbot.waitUntil(smtp.holding.is_set, timeout=TIMEOUT_MS)
        progress = window.mailing.progress
        assert progress is not None
        qtbot.waitUntil(lambda: progress.value() == 1, timeout=TIMEOUT_MS)
        assert ADDRESSES[0] in progress.labelText()
        [stop] = [b for b in progress.findChildren(QPushButton) if b.text() == "Arrêter l’envoi"]
        stop.click()
        smtp.release.set()
    assert smtp.recipients == ADDRESSES[:2]
    [(title, text, _details)] = infos(fake_dialogs)
    assert title == "Envoi arrêté"
    assert text.startswith(
        "Envoi arrêté à votre demande\u00a0: 2\u00a0messages envoyés, aucune adresse refusée, "
        "3\u00a0destinataires en attente."
    )
    assert "pour reprendre\u00a0: personne ne recevra le message deux fois" in text
    assert "sent" not in json.loads(draft.read_text(encoding="utf-8"))

    fake_dialogs.asked.clear()
    send_and_wait(window, qtbot)
    assert sorted(smtp.recipients) == ADDRESSES[:4]  # each once; the fifth refused
    assert len({r.message["Message-ID"] for r in smtp.received}) == 1
    [(title, text, details)] = infos(fake_dialogs)
    assert title == "Envoi terminé"
    assert "4\u00a0messages envoyés, 1\u00a0adresse refusée" in text
    resumed, refused = details.splitlines()
    assert re.fullmatch(
        r"Reprise d’un envoi commencé le (1er|\d\d?)\u00a0[a-zéû]+ \d{4} à \d\d?\u00a0h"
        r"(\u00a0\d\d)?\u00a0: "
        r"3\u00a0destinataires restants\.",
        resumed,
    )
    assert (
        refused == f"Refusée par le serveur\u00a0: {ADDRESSES[4]} (550 5.1.1 Utilisateur inconnu)"
    )


def test_an_unapproved_release_is_not_sent_from_the_window(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
    example_path: Path,
    tmp_path: Path,
) -> None:
    other = tmp_path / "projet.communique"
    save_draft(load_draft(example_path), other)  # never submitted
    window = make_window(other)
    fake_dialogs.mail_route = MailRoute(True, ("presse",))  # as if the dialog had let it
    with qtbot.waitSignal(window.mailing.worker.failed, timeout=TIMEOUT_MS):
        window.mailing_actions["send"].trigger()
    [(offer,)] = [args for k, args in fake_dialogs.asked if k == "mail route"]
    assert "n’est pas validé (état «\u00a0brouillon\u00a0»)" in offer.obstacle
    [(title, text, *_)] = infos(fake_dialogs, "error")
    assert title == "Envoi refusé"
    assert text.startswith("Ce communiqué n’est pas validé (état «\u00a0brouillon\u00a0»)")
    assert smtp.received == []


def test_the_route_dialog(qtbot: Any) -> None:
    dialog = MailRouteDialog(MailOffer(("presse", "régions"), "127.0.0.1:25"))
    qtbot.addWidget(dialog)
    assert not dialog.send_button.isEnabled()  # no list ticked yet
    item = dialog.lists.item(1)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    assert dialog.send_button.isEnabled()
    dialog.send_button.click()
    assert dialog.route() == MailRoute(True, ("régions",))

    blocked = MailRouteDialog(MailOffer(("presse",), "", "Aucun serveur d’envoi."))
    qtbot.addWidget(blocked)
    assert not blocked.send_button.isEnabled() and blocked.obstacle.text()
    blocked.eml_button.click()
    assert blocked.route() == MailRoute(False)
