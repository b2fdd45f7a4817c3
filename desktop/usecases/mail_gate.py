"""The seam where a release leaves by e-mail: ``gate_for_send`` before any part of a message is
composed or sent, ``record_send`` once a send to the lists is over.

Kept apart and small so that it moves as it is into the gate every output passes
(``desktop.usecases.gate``). In the gate's order:

1. a draft with errors is refused (the checks of ``communique check``);
2. the sign-off state is applied, per the register's policy (sign-off is on unless the office
   turned it off): a release goes to distribution lists (``Purpose.SEND``) only once it is
   *validé* (or *diffusé*, sent again); a *brouillon* or *soumis* release is refused. A message
   prepared for review, the ``.eml`` a mail client opens (``Purpose.EML``) or a test copy to the
   office (``Purpose.TEST``), may leave before approval, but carries the *PROJET* mark in its
   subject, its bodies and its PDF, so it can never pass for the approved release;
3. the ``.eml`` path is guarded (``guard_output``, the gate's ``guard``: never over an input,
   the register, a draft or an autosave, never through a link, never a read-only file, never a
   folder or a device, suffix checked);
4. what left is recorded: the send log keeps each recipient (``store.send_log``), and a finished
   send of an approved release makes it *diffusé* in the register's history
   (``store.signoff.mark_sent``).

For sending, the state is read from the register that keeps the send log (opened, made if it
does not exist yet, as the send log would be): an office that sends through Communiqué has a
register, and its policy applies from the first send. A register that cannot be read refuses
the send (``RegisterError``) rather than take a draft for an approved release.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import EXIT_INVALID, CommuniqueError

if TYPE_CHECKING:
    from desktop.core.findings import Finding
    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.store.send_log import Send

NOT_APPROVED = ("brouillon", "soumis")
"""Sign-off states in which a release does not go to the lists (``store.signoff``)."""


class Purpose(enum.Enum):
    """Why the message leaves: it decides what the sign-off state allows."""

    EML = "eml"
    """A message file for a mail client (to review, or to send by hand): marked until approved."""
    TEST = "test"
    """One copy to the office, ``[TEST]`` in the subject, nothing recorded: marked until approved."""
    SEND = "send"
    """To distribution lists: refused until approved."""


class MailRefused(CommuniqueError):
    """The gate's refusal; ``findings`` are what the checks found in the draft (to show)."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)


class HasErrors(MailRefused):
    """The draft has errors (``findings`` holds them, with its warnings)."""


class NotApproved(MailRefused):
    """The register's policy asks for sign-off and the release is not *validé*."""

    def __init__(self, state: str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(
            f"ce communiqué n’est pas validé (état «\u00a0{state}\u00a0»)\u00a0: il ne part "
            "pas aux listes de diffusion avant sa validation au registre. Soumettez-le, puis "
            "faites-le valider par une autre personne. Un message préparé (.eml) ou un envoi "
            "de test reste possible\u00a0: il porte la mention PROJET.",
            findings,
        )
        self.state = state


@dataclass(frozen=True)
class Clearance:
    """What the gate let through, and on what terms."""

    purpose: Purpose
    state: str
    """The sign-off state the message prints (``prepare(state=…)``): the *PROJET* mark while
    *brouillon* or *soumis*; empty when sign-off does not apply."""
    findings: tuple[Finding, ...]
    """The draft's warnings (no error passes), to show before the message leaves."""


def gate_for_send(
    release: Release, *, purpose: Purpose, font: FontChoice | None = None
) -> Clearance:
    """Let ``release`` leave for ``purpose``, or raise: ``HasErrors``, ``NotApproved``, or the
    register's ``RegisterError`` when its state cannot be read for a send."""
    from desktop.core.checks import check

    findings = tuple(f for f in check(release, font=font) if f.in_draft)
    if any(f.is_error for f in findings):
        raise HasErrors(
            "envoi refusé\u00a0: le communiqué contient des erreurs, corrigez-les d’abord.",
            findings,
        )
    state = _sending_state(release) if purpose is Purpose.SEND else _printed_state(release)
    if purpose is Purpose.SEND and state in NOT_APPROVED:
        raise NotApproved(state, findings)
    return Clearance(purpose, state, findings)


def _printed_state(release: Release) -> str:
    from desktop.usecases.number_lookup import look_up_state

    return look_up_state(release)


def _sending_state(release: Release) -> str:
    from desktop.store.register import Register
    from desktop.store.signoff import printed_state

    with Register.open(max_wait=5.0) as register:
        return printed_state(release, register)


def guard_output(target: Path, *, inputs: Iterable[Path] = (), suffix: str = ".eml") -> None:
    """Refuse (``OutputRefused``) a message file that must not be written: the gate's guard
    (``gate.guard``: also never a link, a read-only file or a draft)."""
    from desktop.usecases.gate import guard

    guard(target, kept=tuple(inputs), suffix=suffix)


def record_send(clearance: Clearance, release: Release, send: Send) -> list[str]:
    """After a send to the lists: a finished send of an approved release makes it *diffusé*
    in the register's history. French warnings for what could not be recorded."""
    from desktop.store.register import Register, RegisterError
    from desktop.store.signoff import APPROVED, mark_sent

    if clearance.purpose is not Purpose.SEND or not send.finished or clearance.state != APPROVED:
        return []
    try:
        with Register.open(max_wait=5.0) as register:
            mark_sent(register, release)
    except RegisterError as exc:
        return [f"la diffusion n’a pas pu être notée au registre ({exc})."]
    return []
