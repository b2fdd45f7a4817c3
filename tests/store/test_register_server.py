"""The register on a PostgreSQL server: set-up, upgrades, an unreachable server, moving an SQLite
register there, who and which machine, and many clients at once (killed ones included)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release
from desktop.services.drafts import load_draft, save_draft
from desktop.store import database, schema
from desktop.store.database import Database, RegisterUnavailable
from desktop.store.directory import Directory, validate_contact
from desktop.store.register import Register, issue_draft, number_label
from tests.conftest import fresh_server_register
from tests.pg_server import Cluster

ROOT = Path(__file__).resolve().parents[2]


def make_draft(folder: Path, name: str) -> Path:
    path = folder / f"{name}.communique"
    save_draft(Release(headline=f"Titre {name}", date=date(2026, 11, 3)), path)
    return path


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------- who and where (both backends)


@pytest.mark.usefixtures("backend")
def test_every_entry_records_who_and_from_which_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire Dupont (SIG)")
    with Register.open() as reg:
        entry = issue_draft(make_draft(tmp_path, "a"), register=reg).entry
        monkeypatch.setenv("COMMUNIQUE_USER", "")
        cancelled = reg.cancel_entry(entry.id, reason="doublon")
    assert (entry.issued_by, entry.issued_on) == ("Claire Dupont (SIG)", socket.gethostname())
    assert cancelled.cancelled_on == socket.gethostname()
    assert cancelled.cancelled_by not in ("", "Claire Dupont (SIG)")  # the login name
    with Register.open() as reg:
        assert [e.issued_on for e in reg.entries(search=socket.gethostname())] == [
            socket.gethostname()
        ]


# ---------------------------------------------------------------- a server that is not there


def test_an_unreachable_server_gives_no_number_and_a_french_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://presse:secret@127.0.0.1:{_closed_port()}/communique"
    monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
    draft = make_draft(tmp_path, "a")
    before = draft.read_bytes()
    with pytest.raises(RegisterUnavailable) as caught:
        issue_draft(draft, register=Register.open(max_wait=1))
    message = str(caught.value)
    assert "ne répond pas" in message and "Aucun numéro n’a été attribué" in message
    assert "brouillon reste modifiable" in message
    assert "secret" not in message and "presse@127.0.0.1" in message
    assert draft.read_bytes() == before
    assert main(["issue", "--start", "1", str(draft)]) == 1
    err = capsys.readouterr().err
    assert "ne répond pas" in err and "Traceback" not in err and "secret" not in err
    # as a user runs it (no test logging installed): one French line, no English log record
    run = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "issue", "--start", "1", str(draft)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("erreur : Le registre partagé") and run.stderr.count("\n") == 1
    assert draft.read_bytes() == before
    assert number_label(Release(number=12)) == "N°12"  # export still works, with the default


def test_a_server_without_a_register_says_to_run_init(
    pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_server_register(pg_cluster, init=False)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
    with pytest.raises(RegisterUnavailable, match="register init"):
        Register.open()
    assert main(["register", "list"]) == 1
    assert "register init" in capsys.readouterr().err
    assert main(["register", "init"]) == 0
    assert f"schéma {database.SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["register", "migrate"]) == 0
    assert "déjà à jour" in capsys.readouterr().out
    with Register.open() as reg:
        assert reg.next_number() == 1


def test_an_older_server_schema_waits_for_migrate(
    pg_cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    url = fresh_server_register(pg_cluster, init=False)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        assert main(["register", "init"]) == 0
        with Database.open() as db:  # a number given by the previous version
            db.write(
                lambda conn: conn.execute(
                    "INSERT INTO entries (id, series, period, number, year, label, headline, "
                    "draft_path, draft_sha256, issued_at, issued_by) VALUES ('x', 'CP', 0, 1, "
                    "2026, 'N°1', 'Ancien', '/a', '', '2026-11-03T09:00:00+00:00', 'presse')"
                )
            )
    capsys.readouterr()
    with pytest.raises(RegisterUnavailable, match="register migrate"):
        Register.open()
    assert main(["register", "migrate"]) == 0
    assert f"du schéma 2 au schéma {database.SCHEMA_VERSION}" in capsys.readouterr().out
    with Register.open() as reg:
        assert [(e.number, e.label, e.issued_on) for e in reg.entries()] == [(1, "N°1", "")]
        assert reg.db.version() == database.SCHEMA_VERSION


def test_a_newer_server_schema_is_refused(
    pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_server_register(pg_cluster)
    with Database.open(url) as db:
        db.write(lambda conn: conn.execute("UPDATE schema_version SET version = 99"))
    with pytest.raises(RegisterUnavailable, match="version plus récente"):
        Database.open(url)


# ---------------------------------------------------------------- from a file to the server


def test_a_sqlite_register_moves_to_the_server_without_losing_anything(
    pg_cluster: Cluster,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sqlite_file = tmp_path / "bureau.sqlite"
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(sqlite_file))
    drafts = [make_draft(tmp_path, name) for name in "abcd"]
    with Register.open() as reg:
        reg.set_next(350)
        for draft in drafts[:3]:
            issue_draft(draft, register=reg)
        reg.set_policy(fmt="CP n° {year}-{n:03d}")
        issue_draft(drafts[3], register=reg)
        reg.cancel(351, reason="publié par erreur")
        before = reg.entries()
        register_id = reg.id
    with Directory.open() as directory:
        directory.add(
            validate_contact(
                "Marie Curie", "Cabinet", "01 44 49 89 40", "marie.curie@example.gouv.fr"
            )
        )
    export = tmp_path / "registre.json"
    assert main(["register", "export", str(export)]) == 0

    server = fresh_server_register(pg_cluster)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", server)
    assert main(["register", "import", str(export)]) == 0
    assert "4 numéros (dont 1 annulés) et 1 contacts" in capsys.readouterr().out
    with Register.open() as reg:
        assert reg.id == register_id
        assert reg.entries() == before
        assert [e.label for e in reg.entries()] == ["N°350", "N°351", "N°352", "CP n° 2026-353"]
        assert reg.entries()[1].cancel_reason == "publié par erreur"
        # a draft numbered on the file is still this register's own
        again = issue_draft(drafts[0], register=reg)
        assert (again.reused, again.entry.number) == (True, 350)
        assert issue_draft(make_draft(tmp_path, "e"), register=reg).entry.number == 354
    assert load_draft(drafts[3]).number == 353
    with Directory.open() as directory:
        added = directory.add(validate_contact("Paul Langevin", "Presse"))
        assert [c.name for c in directory.all()] == ["Marie Curie", "Paul Langevin"]
        assert added.id == 2
    # a second import would mix numbers: refused, nothing changed
    assert main(["register", "import", str(export)]) == 2
    assert "contient déjà" in capsys.readouterr().err
    with Register.open() as reg:
        assert len(reg.entries()) == 5


def test_an_import_that_is_not_an_export_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "autre"}', encoding="utf-8")
    assert main(["register", "import", str(bad)]) == 2
    assert "n’est pas un export de registre" in capsys.readouterr().err
    assert main(["register", "import", str(tmp_path / "absent.json")]) == 1


# ---------------------------------------------------------------- many clients at once

_CLIENT = """
import sys
from desktop.core.model import Release
from desktop.store.register import Register
proc, count = sys.argv[1], int(sys.argv[2])
with Register.open(max_wait=60) as reg:
    for i in range(count):
        entry, _ = reg.allocate(Release(headline=f"Charge {proc}-{i}"), f"/charge/{proc}/{i}",
                                f"{proc}-{i}")
        print(entry.number, flush=True)
"""

_KILLABLE = """
import sys, time
from pathlib import Path
from desktop.store import register

def pause(point):
    if point == sys.argv[1]:
        print("PAUSED", flush=True)
        time.sleep(120)

register._pause_for_tests = pause
register.issue_draft(Path(sys.argv[2]))
"""


def _kill_when_paused(point: str, draft: Path, env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLABLE, point, str(draft)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "PAUSED"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sixteen_clients_of_two_offices_get_800_consecutive_numbers_despite_kills(
    pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_server_register(pg_cluster)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
    started = time.monotonic()
    clients = []
    for proc in range(16):
        env = {**os.environ, "COMMUNIQUE_USER": "bureau-a" if proc % 2 else "bureau-b"}
        clients.append(
            subprocess.Popen(
                [sys.executable, "-c", _CLIENT, str(proc), "50"],
                env=env,
                cwd=ROOT,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    # meanwhile, clients killed inside the transaction and just after the commit
    kill_env = {**os.environ, "COMMUNIQUE_USER": "bureau-c"}
    for round_ in range(3):
        _kill_when_paused("allocating", make_draft(tmp_path, f"mid{round_}"), kill_env)
    committed = make_draft(tmp_path, "committed")
    _kill_when_paused("recorded", committed, kill_env)
    outputs = [c.communicate(timeout=120) for c in clients]
    elapsed = time.monotonic() - started
    assert all(c.returncode == 0 for c in clients), [err[-500:] for _, err in outputs]
    printed = [int(n) for out, _ in outputs for n in out.split()]
    with Register.open() as reg:
        entries = reg.entries()
    numbers = [e.number for e in entries]
    assert len(printed) == 800 and len(set(printed)) == 800
    assert len(entries) == 801  # 800 + the one killed after commit
    assert sorted(numbers) == list(range(1, 802))  # distinct, consecutive, no hole
    by_user = {u: sum(e.issued_by == u for e in entries) for u in ("bureau-a", "bureau-b")}
    assert by_user == {"bureau-a": 400, "bureau-b": 400}
    [kept] = [e for e in entries if e.issued_by == "bureau-c"]
    assert not kept.draft_written and load_draft(committed).number is None
    with Register.open() as reg:  # its number is not refilled: the draft gets it back
        assert issue_draft(committed, register=reg).entry.number == kept.number
        assert reg.next_number() == 802
    print(f"800 numbers from 16 clients in {elapsed:.1f} s")
    assert elapsed < 60
