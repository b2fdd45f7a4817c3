"""The calendar file's bookkeeping: the identity its UIDs derive from, and the record in the
draft of the last file exported (its fingerprint and ``SEQUENCE``), so that the next export
of the same event keeps its sequence and a changed one gets the next."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.model import Release, new_identity
from desktop.render.content import PreparedRelease


def with_identity(release: Release) -> Release:
    """``release`` with an identity, which the calendar's UIDs derive from (given now when it
    has none yet: the draft then keeps it, as a submission would)."""
    return release if release.identity else replace(release, identity=new_identity())


def stamped(release: Release, prepared: PreparedRelease) -> Release:
    """``release`` recording the calendar file ``prepared`` makes (unchanged without one)."""
    if prepared.calendar is None or release.calendar == prepared.calendar.stamp:
        return release
    return replace(release, calendar=prepared.calendar.stamp)
