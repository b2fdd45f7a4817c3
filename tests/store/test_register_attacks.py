"""Attacks on a team's register, on a real PostgreSQL server set up as the README says: the
owner runs ``register init --roles``; Claire writes (``communique_writers``), Paul and Léa
approve (``communique_approvers``), each with a login role of their own. Every attack is refused
with a French message and leaves the history as it was; the server, not the client, says who
acted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import load_draft, save_draft
from desktop.store.database import Database, RegisterError
from desktop.store.roles import APPROVERS_ROLE, WRITERS_ROLE
from tests.pg_server import Cluster

pytestmark = pytest.mark.real_accounts  # the server's roles are the people here

psycopg = pytest.importorskip("psycopg")

HISTORY = ("release_versions", "entries", "counters", "signoff_policy", "release_outputs")


@dataclass
class Team:
    cluster: Cluster
    database: str
    suffix: str
    monkeypatch: pytest.MonkeyPatch

    def role(self, person: str) -> str:
        return f"{person}_{self.suffix}"

    def url(self, person: str) -> str:
        return f"postgresql://{self.role(person)}@127.0.0.1:{self.cluster.port}/{self.database}"

    def be(self, person: str, name: str) -> None:
        """From now on the command line runs as ``person``'s role, calling itself ``name``."""
        self.monkeypatch.setenv("COMMUNIQUE_REGISTER", self.url(person))
        self.monkeypatch.setenv("COMMUNIQUE_USER", name)

    def write(self, person: str, sql: str, params: tuple[object, ...] = ()) -> None:
        """``sql`` sent as ``person`` through the register's own connection (its French errors)."""
        with Database.open(self.url(person)) as db:
            db.write(lambda conn: conn.execute(sql, params))

    def counts(self) -> dict[str, int]:
        with psycopg.connect(self.url("owner"), autocommit=True) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in HISTORY}

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with psycopg.connect(self.url("owner"), autocommit=True) as conn:
            return list(conn.execute(sql).fetchall())


@pytest.fixture
def team(
    pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Team]:
    suffix = uuid.uuid4().hex[:8]
    database = f"registre_{suffix}"
    team = Team(pg_cluster, database, suffix, monkeypatch)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {team.role('owner')} LOGIN CREATEROLE")
        admin.execute(f"CREATE DATABASE {database} OWNER {team.role('owner')}")
    team.be("owner", "Administrateur")
    assert main(["register", "init", "--roles"]) == 0
    assert "communique_approvers" in capsys.readouterr().out
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        for person, group in (
            ("claire", WRITERS_ROLE),
            ("paul", APPROVERS_ROLE),
            ("lea", APPROVERS_ROLE),
        ):
            admin.execute(f"CREATE ROLE {team.role(person)} LOGIN IN ROLE {group}")
    yield team
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {database} WITH (FORCE)")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "annonce.communique"
    save_draft(
        Release(
            headline="Une annonce",
            date=date(2026, 11, 3),
            body=(plain_paragraph("Le ministre annonce un plan de relance."),),
        ),
        path,
    )
    return path


def submitted_by_claire(team: Team, draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team.be("claire", "Claire Dupont")
    assert main(["issue", "--start", "1", str(draft)]) == 0
    assert main(["submit", str(draft)]) == 0
    capsys.readouterr()


def state(draft: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    return capsys.readouterr().out


def test_the_server_records_the_role_whatever_name_the_client_gives(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted_by_claire(team, draft, capsys)
    team.be("paul", "Directeur de cabinet")
    assert main(["approve", str(draft)]) == 0
    out = state(draft, capsys)
    assert f"validé (validation par Directeur de cabinet (compte {team.role('paul')})" in out
    accounts = team.rows("SELECT event, account FROM release_versions ORDER BY position")
    assert accounts == [("submitted", team.role("claire")), ("approved", team.role("paul"))]
    # a client that sends an account of its choosing: the server writes its own
    release = load_draft(draft)
    team.write(
        "claire",
        "INSERT INTO release_versions (id, release_id, position, event, content_sha256, "
        "content, author, machine, created_at, account) SELECT 'x', release_id, 3, "
        "'submitted', 'v2:0', content, 'Paul', 'poste', created_at, ? "
        "FROM release_versions WHERE position = 2 AND release_id = ?",
        (team.role("paul"), release.identity),
    )
    assert team.rows("SELECT account FROM release_versions WHERE id = 'x'") == [
        (team.role("claire"),)
    ]


def test_a_writer_cannot_forge_an_approval(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted_by_claire(team, draft, capsys)
    before = team.counts()
    team.be("claire", "Directeur de cabinet")  # another name, the same role
    assert main(["approve", str(draft)]) == 2
    err = capsys.readouterr().err
    assert f"compte «\u00a0{team.role('claire')}\u00a0»" in err and "autre compte" in err
    # by hand: a row copying the submission, as an approval in the director's name
    release = load_draft(draft)
    with pytest.raises(RegisterError, match="droits insuffisants"):
        team.write(
            "claire",
            "INSERT INTO release_versions (id, release_id, position, event, content_sha256, "
            "content, author, machine, created_at) SELECT 'forged', release_id, 2, 'approved', "
            "content_sha256, content, 'Directeur de cabinet', machine, created_at "
            "FROM release_versions WHERE release_id = ?",
            (release.identity,),
        )
    assert team.counts() == before
    assert "État : soumis" in state(draft, capsys)


@pytest.mark.parametrize("alias", ["Paul\u200b", "PAUL", "Directrice de cabinet"])
def test_an_approver_cannot_approve_what_they_submitted(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str], alias: str
) -> None:
    team.be("paul", "Paul")
    assert main(["submit", str(draft)]) == 0
    team.be("paul", alias)
    assert main(["approve", str(draft)]) == 2
    assert "relecture à deux" in capsys.readouterr().err
    release = load_draft(draft)
    with pytest.raises(RegisterError, match="a soumis ce communiqué"):  # the server's own lock
        team.write(
            "paul",
            "INSERT INTO release_versions (id, release_id, position, event, content_sha256, "
            "content, author, machine, created_at) SELECT 'self', release_id, 2, 'approved', "
            "content_sha256, content, 'Directrice de cabinet', machine, created_at "
            "FROM release_versions WHERE release_id = ?",
            (release.identity,),
        )
    team.be("lea", "Léa Martin")  # another approver: fine
    assert main(["approve", str(draft)]) == 0
    assert "État : validé" in state(draft, capsys)


def test_an_approval_must_follow_a_submission_of_the_same_content(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted_by_claire(team, draft, capsys)
    release = load_draft(draft)
    for event, digest in (("approved", "v2:" + "0" * 64), ("sent", None)):
        with pytest.raises(RegisterError, match="incohérente"):
            team.write(
                "paul",
                "INSERT INTO release_versions (id, release_id, position, event, "
                "content_sha256, content, author, machine, created_at) SELECT ?, release_id, 2, "
                "?, coalesce(?, content_sha256), content, 'Paul', machine, created_at "
                "FROM release_versions WHERE release_id = ?",
                (event, event, digest, release.identity),
            )
    assert team.counts()["release_versions"] == 1


@pytest.mark.parametrize(
    "sql",
    [
        *(f"DELETE FROM {table}" for table in HISTORY),
        "UPDATE release_versions SET event = 'approved'",
        "UPDATE release_outputs SET state = 'validé'",
        "UPDATE entries SET issued_by = 'Paul', issued_at = '2020-01-01T00:00:00+00:00'",
        "UPDATE entries SET number = 7",
        "UPDATE meta SET value = 'off'",
        "INSERT INTO meta (key, value) VALUES ('signoff', 'off')",
        *(f"TRUNCATE {table}" for table in HISTORY),
        "DROP TABLE release_versions CASCADE",
        "DROP TRIGGER release_versions_delete_refused ON release_versions",
        "ALTER TABLE counters DISABLE TRIGGER ALL",
        "INSERT INTO signoff_policy (id, enabled, author, machine, created_at) "
        "VALUES ('p', 0, 'Claire', 'poste', '2026-12-04T12:00:00+00:00')",
    ],
)
def test_a_writer_cannot_rewrite_the_history(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    submitted_by_claire(team, draft, capsys)
    before = team.counts()
    with pytest.raises(RegisterError, match=r"droits insuffisants|refusé") as refused:
        team.write("claire", sql)
    assert "rien n’a été enregistré" in str(refused.value) or "refusé" in str(refused.value)
    assert team.counts() == before
    assert "État : soumis" in state(draft, capsys)


@pytest.mark.parametrize(
    ("sql", "why"),
    [
        ("DELETE FROM release_versions", "historique des versions est conservé"),
        ("UPDATE release_versions SET author = 'Paul'", "historique des versions est conservé"),
        ("TRUNCATE release_versions", "ne se vide pas"),
        ("TRUNCATE counters", "ne se vide pas"),
        ("UPDATE counters SET next = 1", "ne recule jamais"),
        ("DELETE FROM counters", "compteur de numéros est conservé"),
        ("DELETE FROM entries", "never deleted"),
    ],
)
def test_the_triggers_hold_even_for_the_owner(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str], sql: str, why: str
) -> None:
    """The second lock: the owner (who could grant itself anything) still gets a refusal."""
    submitted_by_claire(team, draft, capsys)
    before = team.counts()
    with pytest.raises(RegisterError, match=why):
        team.write("owner", sql)
    assert team.counts() == before


def test_the_counter_never_goes_back(
    team: Team, draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted_by_claire(team, draft, capsys)  # N°1
    with pytest.raises(RegisterError, match="ne recule jamais"):
        team.write("claire", "UPDATE counters SET next = 1")
    assert main(["register", "set-next", "1"]) == 2
    assert "déjà été attribué" in capsys.readouterr().err
    other = tmp_path / "autre.communique"
    save_draft(load_draft(draft).__class__(headline="Autre", date=date(2026, 11, 4)), other)
    assert main(["issue", "--start", "1", str(other)]) == 0
    assert team.rows("SELECT number FROM entries ORDER BY number") == [(1,), (2,)]


def test_only_an_approver_switches_sign_off_and_the_switch_is_history(
    team: Team, draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted_by_claire(team, draft, capsys)
    assert main(["register", "policy", "--validation", "non"]) == 2
    err = capsys.readouterr().err
    assert f"«\u00a0{team.role('claire')}\u00a0» n’est pas membre de «\u00a0{APPROVERS_ROLE}" in err
    assert team.counts()["signoff_policy"] == 0

    team.be("paul", "Paul Martin")
    assert main(["register", "policy", "--validation", "non"]) == 0
    assert f"désactivée par Paul Martin (compte {team.role('paul')})" in capsys.readouterr().out
    out = state(draft, capsys)
    assert f"validation désactivée par Paul Martin (compte {team.role('paul')}) le" in out
    team.be("claire", "Claire Dupont")
    assert main(["versions", str(draft)]) == 0
    assert "politique    validation désactivée par Paul Martin" in capsys.readouterr().out
    pdf = tmp_path / "sans-validation.pdf"
    assert main(["export", str(draft), "--pdf", str(pdf)]) == 0
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    keywords = str(reader.metadata.get("/Keywords", "")) if reader.metadata else ""
    assert f"validation désactivée par Paul Martin (compte {team.role('paul')})" in keywords
    assert "PROJET" not in "".join(page.extract_text() for page in reader.pages)
    assert team.rows("SELECT enabled, account FROM signoff_policy") == [(0, team.role("paul"))]


def test_a_file_with_approvals_moves_to_the_server_keeping_who_did_what(
    team: Team,
    draft: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.store import identity

    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "bureau.sqlite"))
    for name, account in (("Claire", "claire"), ("Paul", "paul")):
        monkeypatch.setenv("COMMUNIQUE_USER", name)
        monkeypatch.setattr(identity, "os_account", lambda account=account: account)
        assert main(["submit" if name == "Claire" else "approve", str(draft)]) == 0
    assert main(["register", "policy", "--validation", "non"]) == 0
    export = tmp_path / "registre.json"
    assert main(["register", "export", str(export)]) == 0
    # a writer cannot import (it would write versions in others' names)
    team.be("claire", "Claire")
    assert main(["register", "import", str(export)]) != 0
    assert team.counts()["release_versions"] == 0
    team.be("owner", "Administrateur")
    assert main(["register", "import", str(export)]) == 0
    assert team.rows("SELECT event, account FROM release_versions ORDER BY position") == [
        ("submitted", "claire"),
        ("approved", "paul"),
    ]
    assert team.rows("SELECT enabled, account FROM signoff_policy") == [(0, "paul")]
    team.be("lea", "Léa")
    assert main(["register", "policy", "--validation", "oui"]) == 0
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    assert "État : validé (validation par Paul (compte paul)" in capsys.readouterr().out


def _forge_approval(conn: Any, release_id: str | None) -> None:
    """A raw approval of the release's submission, sent on ``conn``."""
    conn.execute(
        "INSERT INTO release_versions (id, release_id, position, event, content_sha256, "
        "content, author, machine, created_at) SELECT 'forged', release_id, 2, "
        "'approved', content_sha256, content, 'Directeur', machine, created_at "
        "FROM release_versions WHERE release_id = %s",
        (release_id,),
    )


def test_a_writer_cannot_replace_the_servers_checks_through_the_search_path(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a server where every role may create in ``public`` (PostgreSQL 14 and earlier, by
    default: Ubuntu 22.04's), a writer defined ``public.pg_has_role`` answering yes, put
    ``public`` before ``pg_catalog`` in their session's search path, and the trigger, which
    called ``pg_has_role`` unqualified, took them for an approver: a forged approval."""
    with psycopg.connect(team.url("owner"), autocommit=True) as owner:
        owner.execute("GRANT CREATE ON SCHEMA public TO PUBLIC")  # PostgreSQL <= 14's default
    team.be("paul", "Paul Martin")
    assert main(["submit", str(draft)]) == 0
    before = team.counts()
    release = load_draft(draft)
    with psycopg.connect(team.url("claire"), autocommit=True) as claire:
        claire.execute(
            "CREATE FUNCTION public.pg_has_role(name, text, text) RETURNS boolean "
            "LANGUAGE sql AS 'SELECT true'"
        )
        claire.execute("SET search_path = public, pg_catalog")
        with pytest.raises(psycopg.Error):
            _forge_approval(claire, release.identity)
        with pytest.raises(psycopg.Error):
            claire.execute(
                "INSERT INTO signoff_policy (id, enabled, author, machine, created_at) "
                "VALUES ('p', 0, 'Claire', 'poste', '2026-12-04T12:00:00+00:00')"
            )
    assert team.counts() == before
    assert "État : soumis" in state(draft, capsys)


def test_a_writer_cannot_hide_the_approvers_role_behind_a_temporary_view(
    team: Team, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any role may create temporary objects, and a session's temporary schema is searched
    first for tables and views unless named: ``CREATE TEMP VIEW pg_roles`` with no row made the
    trigger believe no approvers' role existed, and skip the check (PostgreSQL 15's defaults)."""
    team.be("paul", "Paul Martin")
    assert main(["submit", str(draft)]) == 0
    before = team.counts()
    release = load_draft(draft)
    with psycopg.connect(team.url("claire"), autocommit=True) as claire:
        claire.execute("CREATE TEMP VIEW pg_roles AS SELECT 'personne'::name AS rolname")
        claire.execute("CREATE TEMP VIEW pg_class AS SELECT 0::oid AS oid, 0::oid AS relowner")
        with pytest.raises(psycopg.Error):
            _forge_approval(claire, release.identity)
    assert team.counts() == before
    assert "État : soumis" in state(draft, capsys)
