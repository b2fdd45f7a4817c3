"""A draft's number as the outputs print it, asking the register only when the draft alone
cannot say: for the command line and the window, which hand the result to ``prepare``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core import numbers
from desktop.core.model import Release
from desktop.services import paths

if TYPE_CHECKING:
    from desktop.store.signoff import Facts, Signoff


def look_up_printed_number(release: Release) -> str:
    """The form the draft records, else the register's (its entry, or its series' display
    format), else the default. The register is opened (and its module imported) only when it
    exists and the draft does not record the form."""
    if release.number is None or numbers.recorded_label(release) is not None:
        return numbers.printed_number(release)
    if not paths.register_exists():
        return numbers.printed_number(release)
    from desktop.store.register import number_label

    return number_label(release)


def look_up_state(release: Release) -> Signoff:
    """The sign-off state the outputs show (``prepare(state=…)``) and, when the office turned
    sign-off off, who did and when (``Signoff.policy_note``, for the outputs' metadata).

    No state without a register (the default location not made yet: an office that does not
    use one) or when its policy turns sign-off off; the register is opened only when it exists.
    A register that cannot be read, or a register named by ``COMMUNIQUE_REGISTER`` that is not
    there, gives ``brouillon``: a draft is never taken for an approved release because the
    server was down or the file was moved."""
    from desktop.store.signoff import DRAFT, Signoff

    if paths.register_missing():
        return Signoff(DRAFT, unreachable=True)
    if not paths.register_exists():
        return Signoff("")
    from desktop.store.register import Register, RegisterError
    from desktop.store.signoff import printed_signoff

    try:
        with Register.open(max_wait=2.0) as register:
            return printed_signoff(release, register)
    except RegisterError:
        return Signoff(DRAFT, unreachable=True)


def look_up_signoff(release: Release) -> Facts | None:
    """The register's sign-off facts for ``release`` (None without a register; a register that
    cannot be read, or a named one that is missing, gives facts that say *brouillon*)."""
    from desktop.store.signoff import DRAFT, Facts, facts

    if paths.register_missing():
        return Facts(True, None, DRAFT)
    if not paths.register_exists():
        return None
    from desktop.store.register import Register, RegisterError

    try:
        with Register.open(max_wait=2.0) as register:
            return facts(register, release)
    except RegisterError:
        return Facts(True, None, DRAFT)


def look_up_replacement(release: Release) -> str | None:
    """The warning for an export of a numbered release that a rectificatif replaced."""
    if release.numbering is None or not paths.register_exists():
        return None
    from desktop.store.register import Register, RegisterError
    from desktop.usecases.corrections import replacement_warning

    try:
        with Register.open(max_wait=2.0) as register:
            return replacement_warning(register, release)
    except RegisterError:
        return None
