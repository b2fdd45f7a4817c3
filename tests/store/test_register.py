"""The numbering register: numbers given once, kept, recognised again, and faults that say so."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.draft import DraftError, parse_draft, release_to_json
from desktop.core.model import Release
from desktop.core.text import clean_text
from desktop.services.drafts import load_draft, save_draft
from desktop.store import database, register, schema
from desktop.store.database import RegisterBusy, RegisterRefused, RegisterUnavailable
from desktop.store.register import (
    DraftNotUpdated,
    NeedsNew,
    Register,
    check_format,
    issue_draft,
    label_shows,
    number_format,
    number_label,
    release_year,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("backend")  # every test, on SQLite and on PostgreSQL
sqlite_only = pytest.mark.sqlite_only


def make_draft(
    folder: Path,
    name: str,
    headline: str = "Un titre",
    day: date | None = date(2026, 11, 3),
    number: int | None = None,
) -> Path:
    path = folder / f"{name}.communique"
    save_draft(Release(headline=headline, date=day, number=number), path)
    return path


@pytest.fixture
def reg() -> Iterator[Register]:
    r = Register.open()
    yield r
    r.close()


# ---------------------------------------------------------------- location and schema


@sqlite_only
def test_register_lives_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shared.sqlite"
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(target))
    with Register.open() as r:
        assert r.path == target
    assert target.exists()
    monkeypatch.delenv("COMMUNIQUE_REGISTER")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Register.open() as r:
        assert r.path == tmp_path / "data" / "communique" / "register.sqlite"
    assert r.path.exists()


@sqlite_only
def test_override_in_a_missing_folder_is_refused_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "typo" / "register.sqlite"))
    with pytest.raises(RegisterUnavailable, match="n’existe pas"):
        Register.open()
    assert not (tmp_path / "typo").exists()


def test_fresh_register_uses_wal_and_has_the_default_policy(reg: Register) -> None:
    if reg.db.dialect == "sqlite":
        mode = reg.db.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    policy = reg.policy()
    assert (policy.series, policy.yearly, policy.format) == ("CP", False, "N°{n}")
    assert reg.next_number() == 1
    assert len(reg.id) == 36


def test_entries_cannot_be_deleted_even_by_hand(reg: Register, tmp_path: Path) -> None:
    issue_draft(make_draft(tmp_path, "a"), register=reg)
    with pytest.raises(RegisterUnavailable, match="incohérente"):
        reg.db.write(lambda conn: conn.execute("DELETE FROM entries"))
    with pytest.raises(RegisterUnavailable, match="incohérente"):
        reg.db.write(lambda conn: conn.execute("UPDATE entries SET number = 7"))
    with pytest.raises(RegisterUnavailable, match="incohérente"):
        reg.db.write(lambda conn: conn.execute("UPDATE entries SET label = 'N°9'"))
    assert [(e.number, e.label) for e in reg.entries()] == [(1, "N°1")]


@sqlite_only
def test_migration_keeps_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "reg.sqlite"
    with Register.open(path) as r:
        issue_draft(make_draft(tmp_path, "a"), register=r)
    current = database.SCHEMA_VERSION

    def to_next(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entries ADD COLUMN note TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, schema.Step("note", to_next)])
    with Register.open(path) as r:
        assert r.db.version() == current + 1
        assert [e.number for e in r.entries()] == [1]
    backups = list(tmp_path.glob(f"reg.sqlite.schema{current}-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    assert old.execute("SELECT number FROM entries").fetchall() == [(1,)]
    old.close()


def make_schema_1_register(path: Path, fmt: str, numbers: list[int]) -> None:
    """A register as Communiqué wrote it before labels were recorded (schema 1)."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    schema.MIGRATIONS[0].run(conn, "sqlite")
    conn.execute("UPDATE series SET format = ?", (fmt,))
    for number in numbers:
        conn.execute(
            "INSERT INTO entries (id, series, period, number, year, headline, draft_path, "
            "draft_sha256, draft_written, issued_at, issued_by) "
            "VALUES (?, 'CP', 0, ?, 2020, 'Ancien', '/old.communique', '', 1, "
            "'2020-11-03T09:00:00+00:00', 'presse')",
            (f"00000000-0000-4000-8000-{number:012d}", number),
        )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


@sqlite_only
def test_schema_2_records_each_old_number_as_printed_until_then(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    make_schema_1_register(path, "N°{n}", [351, 352])
    with Register.open(path) as r:
        assert r.db.version() == database.SCHEMA_VERSION
        assert [e.label for e in r.entries()] == ["N°351", "N°352"]
        r.set_policy(fmt="CP n° {year}-{n:03d}")
        assert [e.label for e in r.entries()] == ["N°351", "N°352"]
        assert (
            r.allocate(Release(headline="Nouveau", date=date(2026, 1, 5)), "/new", "x")[0].label
            == "CP n° 2026-353"
        )
        with pytest.raises(sqlite3.IntegrityError):
            r.db.conn.execute("UPDATE entries SET label = 'N°1'")
    [backup] = tmp_path.glob("reg.sqlite.schema1-*.bak")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


@sqlite_only
def test_register_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    Register.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RegisterUnavailable, match="version plus récente"):
        Register.open(path)


# ---------------------------------------------------------------- issuing


def test_issue_records_everything_and_writes_the_draft(reg: Register, tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a", headline="Lancement du plan")
    outcome = issue_draft(draft, register=reg)
    assert (outcome.entry.number, outcome.entry.label, outcome.reused) == (1, "N°1", False)
    saved = load_draft(draft)
    assert saved.number == 1
    assert saved.numbering is not None
    assert (saved.numbering.register, saved.numbering.entry) == (reg.id, outcome.entry.id)
    assert (saved.numbering.series, saved.numbering.year) == ("CP", 2026)
    assert saved == outcome.release
    [entry] = reg.entries()
    assert entry.series == "CP" and entry.year == 2026 and entry.number == 1
    assert entry.headline == "Lancement du plan"
    assert entry.release_date == date(2026, 11, 3)
    assert entry.draft_path == str(draft.resolve())
    assert entry.issued_at.utcoffset() == timedelta(0)
    assert abs((datetime.now(UTC) - entry.issued_at).total_seconds()) < 60
    assert entry.issued_by
    assert (entry.state, entry.state_label) == ("issued", "attribué")


def test_issuing_twice_returns_the_same_number_and_consumes_nothing(
    reg: Register, tmp_path: Path
) -> None:
    draft = make_draft(tmp_path, "a")
    first = issue_draft(draft, register=reg)
    written = draft.read_bytes()
    second = issue_draft(draft, register=reg)
    assert second.entry.id == first.entry.id and second.reused
    assert draft.read_bytes() == written
    assert reg.next_number() == 2
    assert issue_draft(make_draft(tmp_path, "b"), register=reg).entry.number == 2


def test_numbers_continue_an_existing_sequence(reg: Register, tmp_path: Path) -> None:
    reg.set_next(351)
    assert issue_draft(make_draft(tmp_path, "a"), register=reg).entry.number == 351
    with pytest.raises(RegisterRefused, match=r"N°351 a déjà été attribué.*au moins 352"):
        reg.set_next(351)
    with pytest.raises(RegisterRefused):
        reg.set_next(10)
    reg.set_next(400)
    with pytest.raises(RegisterRefused, match=r"ne recule jamais.*N°400"):
        reg.set_next(352)  # the counter never goes back, even where nothing was given
    assert issue_draft(make_draft(tmp_path, "b"), register=reg).entry.number == 400


def test_cancelled_numbers_stay_taken(reg: Register, tmp_path: Path) -> None:
    a, b = make_draft(tmp_path, "a"), make_draft(tmp_path, "b")
    issue_draft(a, register=reg)
    entry = reg.cancel(1, reason="erreur de destinataire")
    assert entry.cancelled and entry.cancel_reason == "erreur de destinataire"
    assert entry.cancelled_by and entry.cancelled_at is not None
    with pytest.raises(RegisterRefused, match="déjà été annulé"):
        reg.cancel(1)
    assert issue_draft(b, register=reg).entry.number == 2
    with pytest.raises(NeedsNew, match="annulé"):
        issue_draft(a, register=reg)
    assert issue_draft(a, register=reg, new=True).entry.number == 3
    assert load_draft(a).number == 3


def test_deleting_a_draft_frees_nothing(reg: Register, tmp_path: Path) -> None:
    a = make_draft(tmp_path, "a")
    issue_draft(a, register=reg)
    a.unlink()
    assert issue_draft(make_draft(tmp_path, "a"), register=reg).entry.number == 2


def test_a_number_typed_by_hand_is_not_taken_for_the_registers(
    reg: Register, tmp_path: Path
) -> None:
    draft = make_draft(tmp_path, "seed", number=350)
    before = draft.read_bytes()
    with pytest.raises(NeedsNew, match="porte déjà le numéro 350"):
        issue_draft(draft, register=reg)
    assert draft.read_bytes() == before
    assert reg.entries() == []
    assert issue_draft(draft, register=reg, new=True).entry.number == 1


def test_a_copy_of_a_numbered_draft_gets_no_duplicate(reg: Register, tmp_path: Path) -> None:
    a = make_draft(tmp_path, "a")
    issue_draft(a, register=reg)
    copy = tmp_path / "copy.communique"
    shutil.copy(a, copy)
    with pytest.raises(NeedsNew, match="copie"):
        issue_draft(copy, register=reg)
    assert issue_draft(copy, register=reg, new=True).entry.number == 2
    assert issue_draft(a, register=reg).entry.number == 1


def test_a_moved_draft_keeps_its_number(reg: Register, tmp_path: Path) -> None:
    a = make_draft(tmp_path, "a")
    issue_draft(a, register=reg)
    moved = tmp_path / "renamed.communique"
    a.rename(moved)
    outcome = issue_draft(moved, register=reg)
    assert outcome.entry.number == 1 and outcome.reused
    assert reg.entries()[0].draft_path == str(moved.resolve())


def test_a_number_from_another_register_is_not_trusted(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a")
    with Register.open(tmp_path / "other.sqlite") as other:
        issue_draft(draft, register=other)
    with Register.open() as mine:
        with pytest.raises(NeedsNew, match="autre registre"):
            issue_draft(draft, register=mine)
        assert mine.entries() == []


def test_renumbering_a_live_number_is_refused(reg: Register, tmp_path: Path) -> None:
    a = make_draft(tmp_path, "a")
    issue_draft(a, register=reg)
    with pytest.raises(RegisterRefused, match="annulez d’abord"):
        issue_draft(a, register=reg, new=True)
    assert reg.next_number() == 2


def test_unknown_series_is_refused(reg: Register, tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()
    with pytest.raises(RegisterRefused, match="Série « DP » inconnue"):
        issue_draft(draft, series="DP", register=reg)
    assert draft.read_bytes() == before
    reg.set_policy("DP", create=True, yearly=True, fmt="DP {year}/{n}")
    assert issue_draft(draft, series="DP", register=reg).entry.label == "DP 2026/1"
    assert reg.next_number("CP") == 1


# ---------------------------------------------------------------- the crash window and faults


def test_crash_between_record_and_draft_write_returns_the_same_number(
    reg: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()

    def crash(point: str) -> None:
        if point == "recorded":
            raise SystemExit("killed")

    monkeypatch.setattr(register, "_pause_for_tests", crash)
    with pytest.raises(SystemExit):
        issue_draft(draft, register=reg)
    assert draft.read_bytes() == before
    assert [e.number for e in reg.entries()] == [1]
    monkeypatch.setattr(register, "_pause_for_tests", None)
    outcome = issue_draft(draft, register=reg)
    assert outcome.entry.number == 1 and outcome.reused
    assert load_draft(draft).number == 1
    assert issue_draft(make_draft(tmp_path, "b"), register=reg).entry.number == 2


def test_a_draft_that_cannot_be_written_keeps_its_number_reserved(
    reg: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()

    def disk_full(release: Release, path: Path) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(register, "save_draft", disk_full)
    with pytest.raises(
        DraftNotUpdated, match=r"N°1 est enregistré.*le disque est plein.*même numéro"
    ):
        issue_draft(draft, register=reg)
    assert draft.read_bytes() == before
    monkeypatch.undo()
    assert issue_draft(draft, register=reg).entry.number == 1
    assert reg.next_number() == 2


def test_a_draft_changed_during_issue_is_not_overwritten(
    reg: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_draft(tmp_path, "a")

    def someone_saves(point: str) -> None:
        if point == "recorded":
            save_draft(Release(headline="Nouveau titre"), draft)

    monkeypatch.setattr(register, "_pause_for_tests", someone_saves)
    with pytest.raises(RegisterRefused, match="modifié pendant l’attribution"):
        issue_draft(draft, register=reg)
    assert load_draft(draft).headline == "Nouveau titre"
    assert load_draft(draft).number is None
    assert [e.state for e in reg.entries()] == ["cancelled"]


@sqlite_only
def test_locked_register_gives_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()
    Register.open().close()
    holder = sqlite3.connect(database.register_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Register.open(max_wait=0.3) as r:
            started = time.monotonic()
            with pytest.raises(RegisterBusy, match="occupé par un autre programme"):
                issue_draft(draft, register=r)
            assert time.monotonic() - started < 3
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert draft.read_bytes() == before
    with Register.open() as r:
        assert issue_draft(draft, register=r).entry.number == 1


@sqlite_only
def test_corrupt_register_gives_a_clear_error(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()
    database.register_path().write_bytes(b"ceci n'est pas une base SQLite\n" * 200)
    with pytest.raises(RegisterUnavailable, match="endommagé"):
        issue_draft(draft)
    assert draft.read_bytes() == before


@sqlite_only
def test_read_only_register_gives_a_clear_error(reg: Register, tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()
    reg.db.conn.execute("PRAGMA query_only = 1")  # SQLITE_READONLY, as on a read-only disk
    with pytest.raises(RegisterUnavailable, match="lecture seule"):
        issue_draft(draft, register=reg)
    assert draft.read_bytes() == before


_KILLABLE = """
import sys, time
from pathlib import Path
from desktop.store import register

def pause(point):
    if point == sys.argv[1]:
        print("PAUSED", flush=True)
        time.sleep(60)

register._pause_for_tests = pause
register.issue_draft(Path(sys.argv[2]))
"""


def _kill_at(point: str, draft: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLABLE, point, str(draft)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "PAUSED"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_process_killed_mid_allocation_leaves_no_duplicate_and_no_refilled_hole(
    tmp_path: Path,
) -> None:
    a, b, c = (make_draft(tmp_path, n) for n in "abc")
    with Register.open() as r:
        issue_draft(a, register=r)  # N°1
    _kill_at("allocating", b)  # killed inside the transaction
    with Register.open() as r:
        assert [e.number for e in r.entries()] == [1]  # rolled back: nothing was taken
        assert r.next_number() == 2
    assert load_draft(b).number is None
    _kill_at("recorded", b)  # killed after the commit
    with Register.open() as r:
        assert [e.number for e in r.entries()] == [1, 2]
        assert load_draft(b).number is None
        assert issue_draft(c, register=r).entry.number == 3  # 2 is not refilled
        assert issue_draft(b, register=r).entry.number == 2  # b gets its own number back
        numbers = [e.number for e in r.entries()]
    assert numbers == [1, 2, 3]
    assert sorted(load_draft(p).number or 0 for p in (a, b, c)) == [1, 2, 3]


# ---------------------------------------------------------------- yearly policy


def test_yearly_numbering_restarts_with_the_year(tmp_path: Path) -> None:
    with Register.open() as r:
        r.set_policy(yearly=True, fmt="CP n° {year}-{n:03d}")
        labels = [
            issue_draft(make_draft(tmp_path, name, day=day), register=r).entry.label
            for name, day in (
                ("a", date(2026, 12, 30)),
                ("b", date(2026, 12, 31)),
                ("c", date(2027, 1, 1)),
                ("d", date(2026, 12, 31)),
                ("e", date(2027, 1, 2)),
            )
        ]
    assert labels == [
        "CP n° 2026-001",
        "CP n° 2026-002",
        "CP n° 2027-001",
        "CP n° 2026-003",
        "CP n° 2027-002",
    ]


def test_undated_drafts_take_the_year_in_paris(tmp_path: Path) -> None:
    now = [datetime(2026, 12, 31, 22, 30, tzinfo=UTC)]  # 23 h 30 in Paris
    with Register.open(clock=lambda: now[0]) as r:
        r.set_policy(yearly=True)
        first = issue_draft(make_draft(tmp_path, "a", day=None), register=r)
        now[0] = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00 h 30 on 1 January in Paris
        second = issue_draft(make_draft(tmp_path, "b", day=None), register=r)
        third = issue_draft(make_draft(tmp_path, "c", day=None), register=r)
    assert [(o.entry.year, o.entry.number) for o in (first, second, third)] == [
        (2026, 1),
        (2027, 1),
        (2027, 2),
    ]
    assert release_year(second.release) == 2027


def test_switching_policy_never_reuses_a_number_of_the_same_sequence(tmp_path: Path) -> None:
    with Register.open() as r:
        for name in "ab":
            issue_draft(make_draft(tmp_path, name), register=r)
        r.set_policy(yearly=True)
        r.set_policy(yearly=False)
        assert issue_draft(make_draft(tmp_path, "c"), register=r).entry.number == 3


# ---------------------------------------------------------------- display format


@pytest.mark.parametrize(
    "fmt", ["N°{n}", "CP n° {year}-{n:03d}", "{n}", "n° {n:>4}/{year}", "{{{n}}}"]
)
def test_valid_formats(fmt: str) -> None:
    assert check_format(fmt) == fmt


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("", "vide"),
        ("   ", "vide"),
        ("Communiqué", "{n}"),
        ("{year}", "{n}"),
        ("{x}", "inconnu"),
        ("{n.real}", "inconnu"),
        ("{n[0]}", "inconnu"),
        ("{0}", "inconnu"),
        ("{}", "inconnu"),
        ("{n", "accolades"),
        ("n}", "accolades"),
        ("{n:{year}}", "mise en forme"),
        ("{n:0999999999d}", "mise en forme"),
        ("{n:s}", "invalide"),
        ("{n:.0}", "invalide"),
        ("x" * 81 + "{n}", "80"),
    ],
)
def test_invalid_formats_are_refused_in_french(fmt: str, message: str, reg: Register) -> None:
    with pytest.raises(RegisterRefused, match=message.replace("{", r"\{").replace("}", r"\}")):
        check_format(fmt)
    with pytest.raises(RegisterRefused):
        reg.set_policy(fmt=fmt)
    assert reg.policy().format == "N°{n}"


@sqlite_only
def test_number_format_for_export_never_fails(tmp_path: Path) -> None:
    assert number_format() == "N°{n}"
    assert not database.register_path().exists()  # asking created nothing
    with Register.open() as r:
        r.set_policy(fmt="CP n° {year}-{n:03d}")
        r.set_policy("DP", create=True, fmt="DP {n}")
        draft = make_draft(tmp_path, "a")
        outcome = issue_draft(draft, series="DP", register=r)
    assert number_format() == "CP n° {year}-{n:03d}"
    assert number_format(outcome.release) == "DP {n}"
    database.register_path().write_bytes(b"garbage" * 500)
    assert number_format(outcome.release) == "N°{n}"


# ---------------------------------------------------------------- the printed form is kept


def test_a_number_keeps_its_printed_form_when_the_format_changes(
    reg: Register, tmp_path: Path
) -> None:
    first = issue_draft(make_draft(tmp_path, "a"), register=reg)
    reg.set_policy(fmt="CP n° {year}-{n:03d}")
    second = issue_draft(make_draft(tmp_path, "b"), register=reg)
    assert [e.label for e in reg.entries()] == ["N°1", "CP n° 2026-002"]
    assert reg.entry(first.entry.id).label == "N°1"  # type: ignore[union-attr]
    a, b = load_draft(tmp_path / "a.communique"), load_draft(tmp_path / "b.communique")
    assert a.numbering is not None and a.numbering.label == "N°1"
    assert b.numbering is not None and b.numbering.label == "CP n° 2026-002"
    assert (number_label(a), number_label(b)) == ("N°1", "CP n° 2026-002")
    assert second.entry.label == "CP n° 2026-002"
    assert issue_draft(tmp_path / "a.communique", register=reg).entry.label == "N°1"


def test_a_draft_numbered_before_labels_were_kept_prints_the_registers_label(
    reg: Register, tmp_path: Path
) -> None:
    draft = make_draft(tmp_path, "a")
    issue_draft(draft, register=reg)
    stamped = load_draft(draft)
    assert stamped.numbering is not None
    older = replace(stamped, numbering=replace(stamped.numbering, label=""))
    reg.set_policy(fmt="CP n° {year}-{n:03d}")
    assert number_label(older) == "N°1"
    assert number_label(replace(older, number=7)) == "CP n° 2026-007"  # edited by hand
    assert number_label(Release(number=4)) == "CP n° 0-004"
    assert number_label(Release()) == ""


def test_a_kept_label_is_printed_only_while_it_shows_the_number(
    reg: Register, tmp_path: Path
) -> None:
    draft = make_draft(tmp_path, "a")
    stamped = issue_draft(draft, register=reg).release
    assert number_label(stamped) == "N°1"
    reg.set_policy(fmt="N° {n} bis")
    assert number_label(replace(stamped, number=12)) == "N° 12 bis"


@sqlite_only
def test_number_label_never_fails_nor_creates_a_register(tmp_path: Path) -> None:
    release = Release(number=352)
    assert number_label(release) == "N°352"
    assert not database.register_path().exists()
    database.register_path().write_bytes(b"garbage" * 500)
    assert number_label(release) == "N°352"


@pytest.mark.parametrize(
    ("label", "number", "shown"),
    [
        ("N°352", 352, True),
        ("CP n° 2026-007", 7, True),
        ("CP n° 2026-007", 2026, True),
        ("N°\u00a01\u202f234", 1234, True),
        ("N° 1 2026", 1, True),
        ("N°352", 35, False),
        ("N°352", 3520, False),
        ("sans numéro", 1, False),
    ],
)
def test_label_shows(label: str, number: int, shown: bool) -> None:
    assert label_shows(label, number) is shown


# ---------------------------------------------------------------- reading the register


def test_search_by_number_text_and_date(reg: Register, tmp_path: Path) -> None:
    issue_draft(
        make_draft(tmp_path, "a", headline="Plan pour l'Économie", day=date(2026, 3, 4)),
        register=reg,
    )
    issue_draft(
        make_draft(tmp_path, "b", headline="Visite à Béthune", day=date(2027, 5, 6)), register=reg
    )

    def numbers(**kw: object) -> list[int]:
        return [e.number for e in reg.entries(**kw)]  # type: ignore[arg-type]

    assert numbers(search="economie") == [1]
    assert numbers(search="BETHUNE visite") == [2]
    assert numbers(search="N°2") == [2]
    assert numbers(search="04/03/2026") == [1]
    assert numbers(search="2027-05-06") == [2]
    assert numbers(year=2027) == [2]
    assert numbers(search="introuvable") == []
    reg.cancel(2)
    assert numbers(search="annulé") == [2]
    assert numbers(state="issued") == [1]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headline=st.text(max_size=80), query=st.text(max_size=20))
def test_any_headline_is_kept_and_any_search_is_safe(
    reg: Register, headline: str, query: str
) -> None:
    entry, _ = reg.allocate(
        Release(headline=headline), f"/nowhere/{len(headline)}", os.urandom(8).hex()
    )
    assert reg.entry(entry.id) == entry
    assert entry.headline == clean_text(headline, multiline=False)  # what a draft holds
    reg.entries(search=query)
    words = entry.headline.split()
    if words:
        assert entry.id in {e.id for e in reg.entries(search=words[0])}


# ---------------------------------------------------------------- the draft's numbering stamp


def test_numbering_stamp_is_validated_with_its_place() -> None:
    base = {"format": "communique", "version": 1, "number": 3}
    good = {
        "register": "121441a8-9893-4db5-99f0-e262e492f71f",
        "entry": "b5331bd9-2431-4f33-ae42-2e3e42ca12da",
        "series": "CP",
        "year": 2026,
    }
    release = parse_draft(json.dumps({**base, "numbering": good}))
    assert release.numbering is not None and release.numbering.year == 2026
    assert release.numbering.label == ""
    labelled = parse_draft(json.dumps({**base, "numbering": {**good, "label": " N°3\t"}}))
    assert labelled.numbering is not None and labelled.numbering.label == "N°3"
    assert release_to_json(labelled)["numbering"]["label"] == "N°3"
    assert "label" not in release_to_json(release)["numbering"]
    assert parse_draft(json.dumps(base)).numbering is None
    assert parse_draft(json.dumps({**base, "numbering": None})).numbering is None
    cases = [
        ({**good, "register": "x"}, "numbering.register : identifiant attendu"),
        ({**good, "year": "2026"}, "numbering.year : année attendue"),
        ({**good, "series": ""}, "numbering.series : nom de série attendu"),
        ({**good, "extra": 1}, "numbering : clé inconnue : extra"),
        ([1], "numbering : objet attendu"),
        ({**good, "label": 3}, "numbering.label : texte attendu"),
        ({**good, "label": "N°" * 101}, "numbering.label : le numéro imprimé dépasse"),
    ]
    for value, message in cases:
        with pytest.raises(DraftError) as caught:
            parse_draft(json.dumps({**base, "numbering": value}))
        assert message in str(caught.value)
    with pytest.raises(DraftError, match="« number » ne peut pas être null"):
        parse_draft(json.dumps({**base, "number": None, "numbering": good}))
