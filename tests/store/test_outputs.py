"""The history of what left the office (``store.outputs``): its schema step, and its lines read
back by release identifier or, for a release never submitted, by content."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.core.model import Release
from desktop.store import database
from desktop.store.database import Database
from desktop.store.outputs import OutputFile, outputs_of, record_output
from desktop.store.register import Register
from tests.store.legacy import older_register


def test_an_older_register_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    older_register(path, "left the office")
    with Database.open(path) as db:
        assert db.version() == database.SCHEMA_VERSION
        assert db.read("SELECT COUNT(*) AS n FROM release_outputs")[0]["n"] == 0


def test_lines_are_found_by_identifier_or_by_content(tmp_path: Path) -> None:
    draft = Release(headline="Une annonce")
    submitted = replace(draft, identity="abc")
    pdf = OutputFile(str(tmp_path / "a.pdf"), "pdf", "0" * 64, 10)
    with Register.open(tmp_path / "reg.sqlite") as register:
        record_output(register, draft, kind="export", state="", files=[pdf])
        record_output(register, submitted, kind="publication", state="validé", files=[pdf])
        changed = replace(submitted, headline="Une annonce modifiée")
        record_output(register, changed, kind="send", state="brouillon", files=[])
        assert [o.kind for o in outputs_of(register, draft)] == ["export"]
        assert [o.kind_label for o in outputs_of(register, submitted)] == ["publication", "envoi"]
        assert outputs_of(register, replace(draft, headline="Autre")) == []
        [first] = outputs_of(register, draft)
    assert first.files == (pdf,) and first.release_id == ""
