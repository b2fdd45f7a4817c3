"""Registers as they were before a change: what the upgrade tests start from."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store.database import Database
from desktop.store.register import Register


def allow_rewriting_versions(register: Register) -> None:
    """Drop the trigger that keeps versions as they were recorded: to make, by hand, a version
    such as an older Communiqué recorded it (no file path, the first fingerprint scheme)."""
    on = " ON release_versions" if register.db.dialect == "postgresql" else ""
    register.db.write(
        lambda conn: conn.execute(f"DROP TRIGGER release_versions_update_refused{on}")
    )


def older_register(path: Path, step_named: str) -> int:
    """Make at ``path`` a register as it was before the first migration step whose name holds
    ``step_named`` (built by the steps before it); its index."""
    from desktop.store import schema

    step = next(i for i, s in enumerate(schema.MIGRATIONS) if step_named in s.name)
    with pytest.MonkeyPatch.context() as older:
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:step])
        Database.open(path).close()
    return step
