"""The register's errors, shared by its two backends; each message is a French sentence."""

from __future__ import annotations


class RegisterError(Exception):
    """Anything the register refuses or cannot do; the message is a French sentence."""


class RegisterUnavailable(RegisterError):
    """The register cannot be used now: locked, damaged, read-only, missing folder, newer schema."""


class RegisterBusy(RegisterUnavailable):
    """Another process held the register for longer than the allowed wait."""


class RegisterRefused(RegisterError):
    """A request the register turns down (a number that would be reused, a bad format…)."""
