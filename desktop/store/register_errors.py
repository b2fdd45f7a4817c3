"""The register's errors, shared by its two backends; each message is a French sentence."""

from __future__ import annotations

from desktop.core.errors import EXIT_INVALID, EXIT_IO, CommuniqueError


class RegisterError(CommuniqueError):
    """Anything the register refuses or cannot do; the message is a French sentence."""

    exit_code = EXIT_IO


class RegisterUnavailable(RegisterError):
    """The register cannot be used now: locked, damaged, read-only, missing folder, newer schema."""

    exit_code = EXIT_IO


class RegisterBusy(RegisterUnavailable):
    """Another process held the register for longer than the allowed wait."""


class RegisterRefused(RegisterError):
    """A request the register turns down (a number that would be reused, a bad format…)."""

    exit_code = EXIT_INVALID
