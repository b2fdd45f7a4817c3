"""The schema written once for both backends is the schema the previous code wrote twice: a new
register matches the reference dumps, and registers made by the previous code open, read,
upgrade and take new numbers."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.model import Release
from desktop.store import database
from desktop.store.database import Database, RegisterUnavailable
from desktop.store.directory import Directory
from desktop.store.mailing_lists import MailingLists
from desktop.store.office_dictionary import OfficeDictionary
from desktop.store.register import Register
from desktop.store.register_transfer import _tables
from desktop.store.send_log import SendLog
from tests.conftest import fresh_server_register
from tests.pg_server import Cluster
from tests.store import old_registers
from tests.store.schema_dump import dump, reference_path

REFERENCE_VERSION = 7
"""The schema version of the reference dumps and old registers (made by the code that wrote the
schema twice); steps appended since are compared with a fresh register of this code."""


def reference(dialect: str) -> object:
    return json.loads(reference_path(dialect).read_text(encoding="utf-8"))


@pytest.fixture
def at_reference_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """This code's steps up to the reference's version only."""
    from desktop.store import schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:REFERENCE_VERSION])


def fresh_schema(target: str | None = None) -> object:
    """The schema of a new register of this code, all steps (by default the backend's own)."""
    with Database.open(target, migrate=True) as db:
        return dump(db)


def old_register(backend: str, version: int, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A register of schema ``version`` made by the previous code, where this test can write."""
    if backend == "sqlite":
        copy = tmp_path / "old.sqlite"
        shutil.copyfile(old_registers.sqlite_file(version), copy)
        return str(copy)
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    url = fresh_server_register(cluster, init=False)
    old_registers.restore(url, old_registers.postgresql_dump(version))
    return url


@pytest.mark.usefixtures("at_reference_version")
def test_a_new_register_has_the_schema_the_previous_code_wrote(backend: str) -> None:
    with Database.open(migrate=True) as db:
        assert db.dialect == backend
        assert dump(db) == reference(backend)
        # Moving a register copies its tables in the order they were created (a table after
        # those it refers to): the same order on both backends.
        sqlite = reference("sqlite")
        assert isinstance(sqlite, dict)
        created = [name for kind, name, _, _ in sqlite["objects"] if kind == "table"]
        assert db.run(lambda conn: _tables(db, conn)) == created


@pytest.mark.usefixtures("backend")
def test_the_references_hold_every_table_of_the_schema() -> None:
    """A guard on the reference files themselves: every step's tables are in them."""
    sqlite, server = reference("sqlite"), reference("postgresql")
    assert isinstance(sqlite, dict) and isinstance(server, dict)
    tables = {name for kind, name, _, _ in sqlite["objects"] if kind == "table"}
    assert tables == {name for name, kind in server["tables"] if kind == "r"} - {"schema_version"}
    assert {"entries", "contacts", "release_versions", "mail_deliveries", "office_words"} <= tables
    assert sqlite["user_version"] == REFERENCE_VERSION <= database.SCHEMA_VERSION


def test_a_register_of_the_latest_schema_made_by_the_previous_code_works(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    expected = fresh_schema()
    target = old_register(backend, REFERENCE_VERSION, tmp_path, request)
    upgraded = None if REFERENCE_VERSION == database.SCHEMA_VERSION else REFERENCE_VERSION
    if backend == "postgresql" and upgraded:
        with Database.open(target, migrate=True) as db:  # a server register waits for `migrate`
            assert db.upgraded_from == upgraded
        upgraded = None
    with Register.open(target) as reg:
        assert reg.id == old_registers.REGISTER_ID
        assert reg.db.upgraded_from == upgraded
        assert [(e.number, e.label, e.headline, e.state) for e in reg.entries()] == [
            (1, "N° 1 %?", old_registers.HEADLINES[0], "issued"),
            (2, "N° 2 %?", old_registers.HEADLINES[1], "cancelled"),
        ]
        assert reg.entries()[1].cancel_reason == "doublon -- voir le n° 1 ?"
        assert [e.number for e in reg.entries(search="50 %")] == [1]
        entry, _ = reg.allocate(Release(headline="Nouveau ?", date=date(2026, 11, 5)), "/n", "x")
        assert (entry.number, entry.label) == (3, "N° 3 %?")
        assert [e.number for e in reg.entries()] == [1, 2, 3]
    with Directory.open(target) as directory:
        [contact] = directory.all()
        assert (contact.name, contact.organisation) == ("Anne O'Neil", "Cabinet -- 100 %")
        assert directory.search("O'Neil") == [contact]
    with MailingLists.open(target) as lists:
        assert [(m.address, m.outlet) for m in lists.members("presse")] == [
            ("anne@example.org", "L'Hebdo ?")
        ]
    with SendLog.open(target) as log:
        send = log.get("s1")
        assert send is not None and (send.number, send.sent) == ("N° 1 %?", 1)
    with OfficeDictionary.open(target) as words:
        assert [w.word for w in words.words()] == ["Zorglub"]
    with Database.open(target) as db:
        assert dump(db) == expected


@pytest.mark.sqlite_only
def test_a_schema_1_file_of_the_previous_code_upgrades_to_the_same_schema(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    expected = fresh_schema()
    target = old_register("sqlite", 1, tmp_path, request)
    with Register.open(target) as reg:
        assert reg.db.upgraded_from == 1
        assert [(e.number, e.label) for e in reg.entries()] == [(1, "N° 1 %?"), (2, "N° 2 %?")]
        assert (
            reg.allocate(Release(headline="Suite", date=date(2026, 11, 5)), "/n", "x")[0].number
            == 3
        )
    assert len(list(tmp_path.glob("old.sqlite.schema1-*.bak"))) == 1
    with Database.open(target) as db:
        assert dump(db) == expected


def test_a_schema_2_server_register_of_the_previous_code_waits_for_migrate_then_matches(
    pg_cluster: Cluster, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    expected = fresh_schema(fresh_server_register(pg_cluster, init=False))
    target = old_register("postgresql", 2, tmp_path, request)
    with pytest.raises(RegisterUnavailable, match="register migrate"):
        Register.open(target)
    with Database.open(target, migrate=True) as db:
        assert (db.upgraded_from, db.version()) == (2, database.SCHEMA_VERSION)
        assert dump(db) == expected
    with Register.open(target) as reg:
        assert [(e.number, e.label, e.issued_on) for e in reg.entries()] == [
            (1, "N° 1 %?", ""),
            (2, "N° 2 %?", ""),
        ]
        assert (
            reg.allocate(Release(headline="Suite", date=date(2026, 11, 5)), "/n", "x")[0].number
            == 3
        )
