"""Registers as they were before a change: what the upgrade tests start from."""

from __future__ import annotations

from desktop.store.register import Register


def allow_rewriting_versions(register: Register) -> None:
    """Drop the trigger that keeps versions as they were recorded: to make, by hand, a version
    such as an older Communiqué recorded it (no file path, the first fingerprint scheme)."""
    on = " ON release_versions" if register.db.dialect == "postgresql" else ""
    register.db.write(
        lambda conn: conn.execute(f"DROP TRIGGER release_versions_update_refused{on}")
    )
