"""``communique mail --send``, ``lists`` and ``sent`` against a real SMTP server on 127.0.0.1
(aiosmtpd, in this process): what each recipient really received is the server's envelope.

STARTTLS needs a certificate: each TLS test makes a throw-away self-signed one for 127.0.0.1 with
the ``cryptography`` package (RSA 2048, valid one day) and points ``COMMUNIQUE_SMTP_CAFILE`` at
it, so the client verifies the server as it would a real one."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import ipaddress
import json
import re
import shutil
import ssl
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

from desktop.cli import main  # noqa: E402
from desktop.services import smtp_send  # noqa: E402
from desktop.services.smtp_send import SendError, SmtpServer, deliver  # noqa: E402
from tests.smtp_server import ADDRESSES, SENDER, Recorder, free_port  # noqa: E402


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Recorder, Any]]:
    """A plain SMTP server on 127.0.0.1, named by ``COMMUNIQUE_SMTP``; yields its recorder and a
    function that starts it again with other options."""
    recorder = Recorder()
    controllers: list[Controller] = []

    def start(**options: Any) -> Controller:
        for old in controllers:
            old.stop()
        controllers.clear()
        port = free_port()
        controller = Controller(recorder, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        monkeypatch.setenv("COMMUNIQUE_SMTP", f"smtp://127.0.0.1:{port}")
        return controller

    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    monkeypatch.delenv("COMMUNIQUE_SMTP_PASSWORD", raising=False)
    start()
    yield recorder, start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def draft(tmp_path: Path, example_path: Path) -> Path:
    """The seed, submitted and approved: only an approved release goes to the lists."""
    target = tmp_path / "seed.communique"
    shutil.copy(example_path, target)
    approve(target)
    return target


def approve(draft: Path) -> None:
    assert main(["submit", str(draft)]) == 0
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COMMUNIQUE_USER", "Directrice de cabinet")
        assert main(["approve", str(draft)]) == 0


FRENCH_MOMENT = re.compile(r"(1er|\d\d?)\u00a0[a-zéû]+ \d{4} à \d\d?\u00a0h")
"""``3 novembre 2020 à 14 h 05``: a moment as a message says it (``core.french_dates``)."""
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def make_list(name: str, addresses: list[str]) -> None:
    assert main(["lists", "create", name]) == 0
    for address in addresses:
        assert (
            main(["lists", "add", name, address, "--basis", "consentement", "--source", "salon"])
            == 0
        )


def send(draft: Path, *extra: str) -> int:
    return main(["mail", str(draft), "--send", "--pause", "0", *extra])


# ---------------------------------------------------------------- delivering


def test_one_message_per_address_none_showing_another(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == ADDRESSES
    assert all(len(r.rcpt_tos) == 1 for r in recorder.received)
    for received in recorder.received:
        headers = "\n".join(f"{k}: {v}" for k, v in received.message.items())
        assert not any(address in headers for address in ADDRESSES)
        assert str(received.message["To"]) == SENDER
        assert received.message["Subject"].startswith("Jacqueline Gourault")
        assert received.message["X-Unsent"] is None
    ids = {r.message["Message-ID"] for r in recorder.received}
    assert len(ids) == 1
    assert "Envoyé à 5 destinataires" in capsys.readouterr().out


def test_batches_are_separate_connections(smtp: tuple[Recorder, Any], draft: Path) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse", "--batch", "2") == 0
    peers = [r.peer for r in recorder.received]
    assert len(set(peers)) == 3  # 2 + 2 + 1
    assert peers[0] == peers[1] != peers[2] == peers[3] != peers[4]


def test_batches_pause_between_them() -> None:
    pauses: list[float] = []
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        deliver(
            b"Subject: x\r\n\r\nx\r\n",
            "p@example.gouv.fr",
            ADDRESSES,
            SmtpServer("127.0.0.1", controller.port, require_tls=False),
            on_result=lambda *_: None,
            batch_size=2,
            pause=1.5,
            sleep=pauses.append,
        )
    finally:
        controller.stop()
    assert pauses == [1.5, 1.5]
    assert sorted(recorder.recipients) == ADDRESSES


def test_a_refused_recipient_is_reported_and_the_others_get_it(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    recorder.refuse = {ADDRESSES[1]}
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == [a for a in ADDRESSES if a != ADDRESSES[1]]
    err = capsys.readouterr().err
    assert f"adresse refusée par le serveur : {ADDRESSES[1]} (550 5.1.1 Utilisateur inconnu)" in err
    assert main(["sent"]) == 0
    assert f"refusée : {ADDRESSES[1]}" in capsys.readouterr().out


def test_a_dropped_connection_resumes_without_duplicates(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, start = smtp
    recorder.drop_at = 3
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse", "--batch", "10") == 1
    err = capsys.readouterr().err
    assert "envoi interrompu" in err and "2 envoyés, 3 en attente" in err
    first = list(recorder.recipients)
    assert len(first) == 2
    assert json.loads(draft.read_text(encoding="utf-8")).get("sent") is None
    recorder.drop_at = None
    start()  # the server is back (a new connection, same recorder)
    assert send(draft, "--list", "presse") == 0
    assert sorted(recorder.recipients) == ADDRESSES  # each once, none twice
    assert len(recorder.recipients) == len(set(recorder.recipients))
    assert len({r.message["Message-ID"] for r in recorder.received}) == 1  # the same message
    pdfs = {
        hashlib.sha256(next(r.message.iter_attachments()).get_content()).hexdigest()
        for r in recorder.received
    }
    assert len(pdfs) == 1
    assert "Reprise d’un envoi" in capsys.readouterr().err
    sent = json.loads(draft.read_text(encoding="utf-8"))["sent"]
    assert sent[0]["recipients"] == 5 and sent[0]["pdf_sha256"] in pdfs


def test_an_objected_address_is_never_sent_to(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES)
    assert main(["lists", "object", ADDRESSES[0].upper()]) == 0
    # Added again later, to this list or another, and given with --to: still never sent to.
    assert main(["lists", "add", "presse", ADDRESSES[0]]) == 0
    make_list("régions", [ADDRESSES[0], "autre@example.org"])
    assert send(draft, "--list", "presse", "--list", "régions", "--to", ADDRESSES[0]) == 0
    assert ADDRESSES[0] not in recorder.recipients
    assert sorted(recorder.recipients) == sorted([*ADDRESSES[1:], "autre@example.org"])
    assert "opposition enregistrée" in capsys.readouterr().err


def test_sending_again_needs_again(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    assert send(draft, "--to", ADDRESSES[0]) == 0
    assert send(draft, "--to", ADDRESSES[0]) == 2
    err = capsys.readouterr().err
    assert "déjà été envoyé" in err
    assert FRENCH_MOMENT.search(err) and not ISO_MOMENT.search(err), err
    assert send(draft, "--to", ADDRESSES[0], "--again") == 0
    assert recorder.recipients == [ADDRESSES[0]] * 2


def test_a_test_send_goes_to_one_address_and_records_nothing(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    before = draft.read_bytes()
    assert main(["mail", str(draft), "--test", "moi@example.gouv.fr"]) == 0
    assert recorder.recipients == ["moi@example.gouv.fr"]
    assert recorder.received[0].message["Subject"].startswith("[TEST] Jacqueline")
    assert draft.read_bytes() == before
    capsys.readouterr()
    assert main(["sent"]) == 0
    assert "Aucun envoi" in capsys.readouterr().err


def test_the_send_log(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    make_list("presse", ADDRESSES[:2])
    assert send(draft, "--list", "presse") == 0
    pdf = next(recorder.received[0].message.iter_attachments()).get_content()
    capsys.readouterr()
    assert main(["sent", str(draft)]) == 0
    out = capsys.readouterr().out
    assert f"PDF SHA-256 {hashlib.sha256(pdf).hexdigest()}" in out
    assert "N°350" in out and "Jacqueline Gourault" in out and SENDER in out
    assert "listes : presse ; destinataires : 2 ; envoyés : 2 ; terminé" in out
    assert FRENCH_MOMENT.match(out) and not ISO_MOMENT.search(out), out


def test_an_unapproved_release_is_not_sent_to_the_lists(
    smtp: tuple[Recorder, Any],
    tmp_path: Path,
    example_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recorder, _ = smtp
    draft = tmp_path / "projet.communique"
    shutil.copy(example_path, draft)
    make_list("presse", ADDRESSES)
    assert send(draft, "--list", "presse") == 2
    assert "n’est pas validé (état «\u00a0brouillon\u00a0»)" in capsys.readouterr().err
    assert main(["submit", str(draft)]) == 0
    assert send(draft, "--list", "presse") == 2
    assert "état «\u00a0soumis\u00a0»" in capsys.readouterr().err
    assert recorder.received == []
    assert main(["sent"]) == 0
    assert "Aucun envoi" in capsys.readouterr().err
    # A test copy to the office and an .eml leave, marked.
    assert main(["mail", str(draft), "--test", "moi@example.gouv.fr"]) == 0
    assert recorder.received[0].message["Subject"].startswith("[TEST] [PROJET] Jacqueline")
    eml = tmp_path / "projet.eml"
    assert main(["mail", str(draft), "--eml", str(eml)]) == 0
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["Subject"].startswith("[PROJET] Jacqueline")
    assert "PROJET – communiqué non validé (soumis)" in message.get_body(("plain",)).get_content()


def test_approved_then_sent_is_diffuse_in_the_register(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, _ = smtp
    assert send(draft, "--to", ADDRESSES[0]) == 0
    assert not recorder.received[0].message["Subject"].startswith("[")
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    assert "diffusé" in capsys.readouterr().out


def test_an_office_without_sign_off_sends_unmarked(
    smtp: tuple[Recorder, Any], tmp_path: Path, example_path: Path
) -> None:
    recorder, _ = smtp
    draft = tmp_path / "libre.communique"
    shutil.copy(example_path, draft)
    assert main(["register", "policy", "--validation", "non"]) == 0
    assert send(draft, "--to", ADDRESSES[0]) == 0
    assert recorder.recipients == [ADDRESSES[0]]
    assert recorder.received[0].message["Subject"].startswith("Jacqueline Gourault")


# ---------------------------------------------------------------- security


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 (``cryptography``), and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_context(folder: Path) -> tuple[ssl.SSLContext, Path]:
    cert, key = self_signed(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context, cert


def test_starttls_is_required_away_from_this_machine() -> None:
    assert SmtpServer.from_url("smtp://mail.example.gouv.fr").require_tls
    assert SmtpServer.from_url("smtp://mail.example.gouv.fr").port == 587
    assert SmtpServer.from_url("smtps://mail.example.gouv.fr").port == 465
    assert not SmtpServer.from_url("smtp://127.0.0.1:2525").require_tls
    assert not SmtpServer.from_url("smtp://localhost:25").require_tls
    with pytest.raises(SendError):
        SmtpServer.from_url("smtp://user:secret@mail.example.gouv.fr")  # no password in clear
    with pytest.raises(SendError):
        SmtpServer.from_url("http://mail.example.gouv.fr")


def test_a_server_without_starttls_is_refused_when_tls_is_required() -> None:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with pytest.raises(SendError, match="ne propose pas STARTTLS"):
            deliver(
                b"Subject: x\r\n\r\nx\r\n",
                "p@example.gouv.fr",
                ADDRESSES[:1],
                SmtpServer("127.0.0.1", controller.port, require_tls=True),
                on_result=lambda *_: None,
            )
    finally:
        controller.stop()
    assert recorder.received == []


def test_starttls_with_a_verified_certificate(
    smtp: tuple[Recorder, Any], draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, start = smtp
    context, cert = server_context(tmp_path)
    start(tls_context=context, require_starttls=True)
    monkeypatch.setenv("COMMUNIQUE_SMTP_CAFILE", str(cert))
    assert send(draft, "--to", ADDRESSES[0]) == 0
    assert recorder.recipients == [ADDRESSES[0]]


def test_an_untrusted_certificate_stops_the_send(
    smtp: tuple[Recorder, Any], draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder, start = smtp
    context, _ = server_context(tmp_path)
    start(tls_context=context, require_starttls=True)
    assert send(draft, "--to", ADDRESSES[0]) == 1
    assert recorder.received == []
    err = capsys.readouterr().err
    assert "Traceback" not in err and "connexion impossible" in err


class Authenticator:
    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == b"presse"
            and auth_data.password == b"bon-mot-de-passe"
        )
        return AuthResult(success=ok, handled=False)  # handled=False: the server says 535


def auth_server(start: Any, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """A server that asks for a password, over STARTTLS."""
    context, cert = server_context(folder)
    controller = start(
        authenticator=Authenticator(),
        auth_required=True,
        tls_context=context,
        require_starttls=True,
    )
    monkeypatch.setenv("COMMUNIQUE_SMTP_CAFILE", str(cert))
    monkeypatch.setenv("COMMUNIQUE_SMTP", f"smtp://presse@127.0.0.1:{controller.port}")


def test_authentication_refused(
    tmp_path: Path,
    smtp: tuple[Recorder, Any],
    draft: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recorder, start = smtp
    auth_server(start, monkeypatch, tmp_path)
    monkeypatch.setenv("COMMUNIQUE_SMTP_PASSWORD", "mauvais")
    assert send(draft, "--to", ADDRESSES[0]) == 1
    err = capsys.readouterr().err
    assert "a refusé l’identification de « presse »" in err and "Traceback" not in err
    assert recorder.received == []


def test_without_a_password_it_says_where_to_put_one(
    tmp_path: Path,
    smtp: tuple[Recorder, Any],
    draft: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, start = smtp
    auth_server(start, monkeypatch, tmp_path)
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert send(draft, "--to", ADDRESSES[0]) == 1
    finally:
        keyring.set_keyring(previous)
    assert "COMMUNIQUE_SMTP_PASSWORD" in capsys.readouterr().err


def test_the_password_from_the_variable_when_there_is_no_keyring(
    tmp_path: Path, smtp: tuple[Recorder, Any], draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, start = smtp
    auth_server(start, monkeypatch, tmp_path)
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what a headless Linux has
    try:
        monkeypatch.setenv("COMMUNIQUE_SMTP_PASSWORD", "bon-mot-de-passe")
        assert send(draft, "--to", ADDRESSES[0]) == 0
    finally:
        keyring.set_keyring(previous)
    assert recorder.recipients == [ADDRESSES[0]]


def test_the_password_from_the_keyring(
    tmp_path: Path, smtp: tuple[Recorder, Any], draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, start = smtp
    auth_server(start, monkeypatch, tmp_path)
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict[tuple[str, str], str] = {}  # noqa: RUF012

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    memory = Memory()
    keyring.set_keyring(memory)
    try:
        server = SmtpServer.from_url(smtp_send.settings()["smtp"])
        memory.set_password(smtp_send.KEYRING_SERVICE, server.keyring_user, "bon-mot-de-passe")
        monkeypatch.setenv("COMMUNIQUE_SMTP_PASSWORD", "mauvais")  # the keyring comes first
        assert send(draft, "--to", ADDRESSES[0]) == 0
    finally:
        keyring.set_keyring(previous)
    assert recorder.recipients == [ADDRESSES[0]]


def test_no_server_configured(
    draft: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COMMUNIQUE_SMTP", raising=False)
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    assert send(draft, "--to", ADDRESSES[0]) == 2
    assert "COMMUNIQUE_SMTP" in capsys.readouterr().err
