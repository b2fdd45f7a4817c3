"""*Édition › Préférences… › Envoi des courriels*: the SMTP settings set in a form, checked with
French messages, kept atomically in ``envoi.json`` (0600) with the password masked and never
logged, and *Tester la connexion* run on a worker thread against a real SMTP server on the
loopback (``tests/smtp_server.py``)."""

from __future__ import annotations

import json
import logging
import os
import stat
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.gui.preferences_dialog import PreferencesDialog
from desktop.services import mail_settings, smtp_send
from tests.smtp_server import free_port, running_server

SENDER = "Service de presse <presse@culture.gouv.fr>"
SECRET = "m0t-de-passe-Secret"


@pytest.fixture(autouse=True)
def keyring_store(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    """No system keyring (a headless Linux) unless a test fills ``keyring_store[\"on\"]``:
    the user's real keyring is never touched."""
    import keyring
    from keyring.errors import NoKeyringError

    store: dict[Any, str] = {}

    def get(service: str, user: str) -> str | None:
        if "on" not in store:
            raise NoKeyringError("none")
        return store.get((service, user))

    def put(service: str, user: str, secret: str) -> None:
        if "on" not in store:
            raise NoKeyringError("none")
        store[(service, user)] = secret

    monkeypatch.setattr(keyring, "get_password", get)
    monkeypatch.setattr(keyring, "set_password", put)
    return store


def open_dialog(qtbot: Any) -> PreferencesDialog:
    dialog = PreferencesDialog("")
    qtbot.addWidget(dialog)
    return dialog


def fill(
    dialog: PreferencesDialog, host: str, port: str, user: str = "", password: str = ""
) -> None:
    dialog.smtp_host.setText(host)
    dialog.smtp_port.setText(port)
    dialog.smtp_user.setText(user)
    dialog.smtp_password.setText(password)
    dialog.smtp_sender.setText(SENDER)


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A real SMTP server on 127.0.0.1; its port; the variables cleared, so that the settings
    come from the form alone."""
    with running_server(monkeypatch) as recorder:
        port = os.environ["COMMUNIQUE_SMTP"].rsplit(":", 1)[1]
        monkeypatch.delenv("COMMUNIQUE_SMTP")
        monkeypatch.delenv("COMMUNIQUE_SENDER")
        yield port, recorder


def test_test_connection_reaches_the_server_on_a_worker_thread(qtbot: Any, loopback: Any) -> None:
    port, recorder = loopback
    dialog = open_dialog(qtbot)
    fill(dialog, "127.0.0.1", port)
    with qtbot.waitSignal(dialog.tester.finished, timeout=20_000):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert not dialog.test_button.isEnabled()  # busy while the worker connects
    assert dialog.mail_status.text() == f"✓ Connexion réussie à 127.0.0.1:{port}."
    assert dialog.test_button.isEnabled()
    assert recorder.received == []  # nothing sent


def test_test_connection_says_why_it_failed_in_french(qtbot: Any) -> None:
    dialog = open_dialog(qtbot)
    closed = str(free_port())  # nobody listens there
    fill(dialog, "127.0.0.1", closed)
    with qtbot.waitSignal(dialog.tester.failed, timeout=20_000):
        dialog.test_button.click()
    assert dialog.mail_status.text() == (
        f"Connexion impossible au serveur 127.0.0.1:{closed} (connexion refusée : aucun "
        "serveur n’écoute à cette adresse et ce port)."
    )


@pytest.mark.parametrize(
    ("host", "port", "user", "sender", "message"),
    [
        ("smtp.culture.gouv.fr", "abc", "", SENDER, "Le port « abc » doit être un nombre"),
        ("smtp.culture.gouv.fr", "", "", SENDER, "Indiquez l’identifiant de connexion qui va"),
        ("smtp.culture.gouv.fr", "70000", "", SENDER, "Le port « 70000 » doit être un nombre"),
        ("smtp://x.fr", "", "", SENDER, "Le serveur « smtp://x.fr » n’est pas un nom de machine"),
        ("", "", "presse", SENDER, "Indiquez le serveur d’envoi"),
        ("smtp.culture.gouv.fr", "", "pa ul", SENDER, "L’identifiant de connexion ne doit"),
        ("smtp.culture.gouv.fr", "", "", "presse@", "L’expéditeur « presse@ » n’est pas une"),
    ],
)
def test_wrong_values_keep_the_dialog_open_with_a_french_reason(
    qtbot: Any, host: str, port: str, user: str, sender: str, message: str
) -> None:
    dialog = open_dialog(qtbot)
    fill(dialog, host, port, user, password="" if user or "identifiant" not in message else SECRET)
    dialog.smtp_sender.setText(sender)
    dialog.show()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.mail_status.text().startswith(message)
    assert not mail_settings.settings_path().exists()


def test_ok_keeps_the_settings_0600_and_the_password_masked_and_unlogged(
    qtbot: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMMUNIQUE_SMTP_PASSWORD", raising=False)
    caplog.set_level(logging.DEBUG)
    dialog = open_dialog(qtbot)
    assert dialog.smtp_password.echoMode() == QLineEdit.EchoMode.Password
    fill(dialog, "smtp.culture.gouv.fr", "", "presse.cab", SECRET)
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData(mail_settings.TLS))
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    path = mail_settings.settings_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kept = json.loads(path.read_text("utf-8"))
    assert kept["smtp"] == "smtps://presse.cab@smtp.culture.gouv.fr:465"
    assert kept["sender"] == SENDER
    # what a send reads: the same server and, without a keyring here, the password of the file
    assert smtp_send.settings() == {"smtp": kept["smtp"], "sender": SENDER}
    server = smtp_send.SmtpServer.from_url(kept["smtp"])
    assert smtp_send.password_for(server) == SECRET
    assert SECRET not in caplog.text
    again = open_dialog(qtbot)  # the form shows what was kept, the password never
    assert (again.smtp_host.text(), again.smtp_port.text()) == ("smtp.culture.gouv.fr", "465")
    assert again.smtp_user.text() == "presse.cab"
    assert again.smtp_password.text() == ""
    assert again.smtp_password.placeholderText().startswith("Enregistré")
    again.smtp_host.setText("smtp.autre.gouv.fr")  # another server forgets the password
    again.accept()
    assert "password" not in json.loads(path.read_text("utf-8"))


def test_the_sender_kept_by_a_send_is_private_too() -> None:
    path = smtp_send.save_sender(SENDER)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_keyring_takes_the_password_instead_of_the_file(
    qtbot: Any, keyring_store: dict[Any, str]
) -> None:
    keyring_store["on"] = "yes"
    dialog = open_dialog(qtbot)
    fill(dialog, "smtp.culture.gouv.fr", "587", "presse.cab", SECRET)
    dialog.accept()
    text = mail_settings.settings_path().read_text("utf-8")
    assert SECRET not in text
    server = smtp_send.SmtpServer.from_url(json.loads(text)["smtp"])
    assert keyring_store[(smtp_send.KEYRING_SERVICE, server.keyring_user)] == SECRET
    assert smtp_send.password_for(server) == SECRET
