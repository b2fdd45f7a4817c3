"""*Envoyer par e-mail…* from the window, against a real SMTP server on 127.0.0.1: extra
addresses beside the lists, a test copy to oneself, a summary per address (delivered, waiting,
refused) when a server puts an address off, then resumed; pictures for the README."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from PySide6.QtCore import Qt

from desktop.gui.mail_route_dialog import MailOffer, MailRoute, MailRouteDialog, split_addresses
from desktop.gui.main_window import MainWindow
from tests.gui import test_mail_send_gui as base
from tests.helpers import Dialogs
from tests.smtp_server import ADDRESSES, Recorder

smtp = base.smtp
draft = base.draft
SHOTS = os.environ.get("COMMUNIQUE_SHOTS", "")
"""A folder to save the dialogs' pictures in (docs/ for the README), when set."""


def test_lists_and_extra_addresses_each_get_one_message(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
) -> None:
    window = make_window(draft)
    fake_dialogs.mail_route = MailRoute(True, ("presse",), ("agence@exemple.fr", ADDRESSES[0]))
    base.send_and_wait(window, qtbot)
    assert sorted(smtp.recipients) == sorted([*ADDRESSES, "agence@exemple.fr"])
    [(title, text, _details)] = base.infos(fake_dialogs)
    assert title == "Envoi terminé" and "6\u00a0messages envoyés" in text


def test_a_test_to_oneself_from_the_window(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
) -> None:
    window = make_window(draft)
    before = draft.read_bytes()
    fake_dialogs.mail_route = MailRoute(True, test=True)
    base.send_and_wait(window, qtbot)
    assert smtp.recipients == ["presse@example.gouv.fr"]
    assert smtp.received[0].message["Subject"].startswith("[TEST]")
    [(title, text, _details)] = base.infos(fake_dialogs)
    assert title == "Test envoyé" and "presse@example.gouv.fr" in text
    assert draft.read_bytes() == before  # a test is not a send


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for the picture
def test_an_address_put_off_waits_then_the_next_send_serves_it(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    qtbot: Any,
    smtp: Recorder,
    draft: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.usecases import mail_sending

    monkeypatch.setattr(mail_sending, "retry_delays", lambda _pause: (0.0, 0.0))
    window = make_window(draft)
    fake_dialogs.mail_route = MailRoute(True, ("presse",))
    smtp.rcpt_answers[ADDRESSES[2]] = ["451 4.7.1 Greylisted"] * 3
    smtp.refuse = {ADDRESSES[4]}
    base.send_and_wait(window, qtbot)
    [(title, text, details)] = base.infos(fake_dialogs)
    assert title == "Envoi en attente"
    assert "3\u00a0messages envoyés, 1\u00a0adresse refusée, 1\u00a0destinataire en attente" in text
    assert (
        f"Refusée par le serveur\u00a0: {ADDRESSES[4]} (550 5.1.1 Utilisateur inconnu)" in details
    )
    assert f"En attente (refus temporaire)\u00a0: {ADDRESSES[2]} (451 4.7.1 Greylisted)" in details
    assert "sent" not in json.loads(draft.read_text(encoding="utf-8"))
    if SHOTS:
        _picture(qtbot, title, text, details, Path(SHOTS) / "envoi-resume.png")
    fake_dialogs.asked.clear()
    base.send_and_wait(window, qtbot)  # the server now takes it
    assert sorted(smtp.recipients) == ADDRESSES[:4]
    [(title, _text, _details)] = base.infos(fake_dialogs)
    assert title == "Envoi terminé"


def _picture(qtbot: Any, title: str, text: str, details: str, out: Path) -> None:
    """The summary as the window shows it (``dialogs._tell``'s box), saved as a picture."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text)
    box.setInformativeText(details)
    box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.grab().save(str(out))
    box.close()


def test_the_route_dialog_takes_extra_addresses_and_offers_a_test(qtbot: Any) -> None:
    dialog = MailRouteDialog(MailOffer(("presse", "régions"), "127.0.0.1:25"))
    qtbot.addWidget(dialog)
    assert not dialog.send_button.isEnabled() and dialog.test_button.isEnabled()
    dialog.addresses.setText("redaction@exemple.fr; agence@exemple.fr")
    assert dialog.send_button.isEnabled()  # addresses alone are an audience
    item = dialog.lists.item(0)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "envoi-par-e-mail.png"))
    dialog.send_button.click()
    assert dialog.route() == MailRoute(
        True, ("presse",), ("redaction@exemple.fr", "agence@exemple.fr")
    )
    no_server = MailRouteDialog(MailOffer(("presse",), "", "Aucun serveur d’envoi."))
    qtbot.addWidget(no_server)
    assert not no_server.test_button.isEnabled()


def test_split_addresses() -> None:
    assert split_addresses(" a@x.fr,b@y.fr ;\nc@z.fr  ") == ("a@x.fr", "b@y.fr", "c@z.fr")
    assert split_addresses("  ") == ()


def test_without_a_server_the_mail_dialog_says_which_file_to_fill_and_why_an_address_fails(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A press officer told « envoi.json » has no idea where it is: the message names the file
    of this machine, and an address that is wrong says what is wrong with it."""
    from desktop.services import paths
    from desktop.services.smtp_send import SMTP_ENV_VAR, settings

    monkeypatch.delenv(SMTP_ENV_VAR, raising=False)
    obstacle = window.mailing._offer(settings()).obstacle
    assert str(paths.config_dir() / "envoi.json") in obstacle
    assert "COMMUNIQUE_SMTP" in obstacle
    monkeypatch.setenv(SMTP_ENV_VAR, "ftp://mail.ministere.gouv.fr")
    obstacle = window.mailing._offer(settings()).obstacle
    assert "invalide" in obstacle and "ftp" in obstacle
    assert "n’est configuré" not in obstacle
