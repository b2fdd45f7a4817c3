"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd, in this process): what each recipient
really received is the server's envelope.

The handler keeps what it accepted, refuses the recipients it is told to, can drop the
connection at its n-th message, and can hold its n-th message until the test lets it go (to
press *Arrêter l’envoi* at a known point of a send, without sleeping).
"""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest

SENDER = "Service de presse <presse@example.gouv.fr>"
ADDRESSES = [f"journaliste{i}@example.org" for i in range(1, 6)]
HOLD_TIMEOUT_S = 10.0


@dataclass
class Received:
    rcpt_tos: list[str]
    message: EmailMessage
    peer: object


@dataclass
class Recorder:
    """An SMTP handler that keeps what it accepted, refuses some recipients, can drop the
    connection when asked to carry its ``drop_at``-th message, and holds its ``hold_at``-th
    message until ``release`` is set."""

    refuse: set[str] = field(default_factory=set)
    rcpt_answers: dict[str, list[str]] = field(default_factory=dict)
    """Per address, the answers to its next ``RCPT`` commands, used up in order (then 250)."""
    data_answers: dict[str, list[str]] = field(default_factory=dict)
    """Per address, the answers after its next messages' ``DATA``, used up in order."""
    drop_at: int | None = None
    hold_at: int | None = None
    holding: threading.Event = field(default_factory=threading.Event)
    """Set when the held message has arrived."""
    release: threading.Event = field(default_factory=threading.Event)
    received: list[Received] = field(default_factory=list)
    seen: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Utilisateur inconnu"
        queued = self.rcpt_answers.get(address)
        if queued:
            return queued.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.seen += 1
        if self.drop_at is not None and self.seen == self.drop_at:
            server.transport.close()
            return "421 bye"
        if self.hold_at is not None and self.seen == self.hold_at:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(
                None, self.release.wait, HOLD_TIMEOUT_S
            )
        for address in envelope.rcpt_tos:
            queued = self.data_answers.get(address)
            if queued:
                return queued.pop(0)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(list(envelope.rcpt_tos), message, session.peer))
        return "250 Message accepted"

    @property
    def recipients(self) -> list[str]:
        return [a for r in self.received for a in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """A plain SMTP server on 127.0.0.1 named by ``COMMUNIQUE_SMTP``, the office's sender in
    ``COMMUNIQUE_SENDER``; yields its recorder."""
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("COMMUNIQUE_SMTP", f"smtp://127.0.0.1:{controller.port}")
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    monkeypatch.delenv("COMMUNIQUE_SMTP_PASSWORD", raising=False)
    try:
        yield recorder
    finally:
        recorder.release.set()
        controller.stop()
