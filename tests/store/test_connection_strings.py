"""``COMMUNIQUE_REGISTER`` in both of libpq's forms (URI and keyword string, on a real server);
anything that is neither a server nor a ``.sqlite`` path refused in French, never taken as a file
name; and no password, database or SMTP, in any message, log line or file name."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services import conninfo, logs, paths
from desktop.services.drafts import save_draft
from desktop.store.database_pg import describe
from tests.pg_server import Cluster

SECRET = "Sel-Gemme-4217"
WRONG = "Mauvais-Mot-9081"
ROLE = "presse_mdp"


def make_draft(folder: Path) -> Path:
    path = folder / "annonce.communique"
    save_draft(
        Release(
            headline="Une annonce",
            date=date(2026, 11, 3),
            body=(plain_paragraph("Le ministre annonce un plan."),),
        ),
        path,
    )
    return path


def everything_said(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, folder: Path
) -> str:
    """stdout, stderr, the log records, the log file, and every file name under ``folder``."""
    said = capsys.readouterr()
    names = " ".join(str(p) for p in folder.rglob("*"))
    log_text = logs.log_file().read_text("utf-8") if logs.log_file().is_file() else ""
    here = " ".join(p.name for p in Path.cwd().iterdir())
    return "\n".join([said.out, said.err, caplog.text, log_text, names, here])


@pytest.fixture
def password_role(pg_cluster: Cluster) -> str:
    """A role that must give its password (scram-sha-256) and a fresh initialised schema: the
    keyword string to reach it, with ``{password}`` to fill in."""
    import psycopg

    from tests.conftest import fresh_server_register

    hba = pg_cluster.data / "pg_hba.conf"
    rule = f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n"
    if rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchall():
            conn.execute(f"CREATE ROLE {ROLE} LOGIN SUPERUSER PASSWORD '{SECRET}'")
        conn.execute("SELECT pg_reload_conf()")
    url = fresh_server_register(pg_cluster)
    schema = url.rsplit("search_path%3D", 1)[1]
    return (
        f"host=127.0.0.1 port={pg_cluster.port} dbname=postgres user={ROLE} "
        f"password={{password}} options='-csearch_path={schema}'"
    )


def test_a_keyword_string_reaches_the_server(
    password_role: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG, logger="desktop")
    monkeypatch.setenv("COMMUNIQUE_REGISTER", password_role.format(password=SECRET))
    assert paths.register_url() is not None
    draft = make_draft(tmp_path)
    assert main(["--log", "issue", "--start", "1", str(draft)]) == 0
    assert main(["--log", "register", "policy"]) == 0
    said = everything_said(capsys, caplog, tmp_path)
    assert f"Registre : postgresql://{ROLE}@127.0.0.1" in said
    assert SECRET not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annonce.communique"]  # no SQLite file


@pytest.mark.logs_warnings
def test_a_keyword_string_with_a_wrong_password_is_refused_without_it(
    password_role: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG, logger="desktop")
    monkeypatch.setenv("COMMUNIQUE_REGISTER", password_role.format(password=WRONG))
    draft = make_draft(tmp_path)
    assert main(["--log", "issue", "--start", "1", str(draft)]) == 1
    said = everything_said(capsys, caplog, tmp_path)
    assert "refusé l’identifiant ou le mot de passe" in said
    # the server answered: not « ne répond pas… réessayez », but what to check
    assert "ne répond pas" not in said and "Réessayez" not in said
    assert "PGPASSWORD" in said and "~/.pgpass" in said
    assert WRONG not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annonce.communique"]


@pytest.mark.logs_warnings
@pytest.mark.parametrize(
    "value",
    [
        f"postgresq://presse:{SECRET}@serveur.interne/communique",  # a mistyped scheme
        f"hots=serveur dbname=communique password={SECRET}",  # a mistyped keyword
        f"serveur password={SECRET}",
        f"host=serveur passwd={SECRET}",  # not a keyword libpq knows: masked all the same
        "registre.db",  # a file without the register's suffix
    ],
)
def test_neither_a_server_nor_a_register_file_is_refused_in_french(
    value: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG, logger="desktop")
    monkeypatch.setenv("COMMUNIQUE_REGISTER", value)
    draft = make_draft(tmp_path)
    assert main(["--log", "issue", "--start", "1", str(draft)]) == 2
    assert main(["--log", "register", "policy"]) == 2
    said = everything_said(capsys, caplog, tmp_path)
    assert "ne désigne ni un serveur PostgreSQL" in said
    assert "Aucun registre n’a été ouvert ni créé." in said
    assert SECRET not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annonce.communique"]  # nothing created


@pytest.mark.logs_warnings
def test_a_refused_register_still_marks_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", f"host=serveur passwd={SECRET}")
    draft = make_draft(tmp_path)
    main(["export", str(draft), "--txt", str(tmp_path / "annonce.txt")])
    said = capsys.readouterr()
    assert SECRET not in said.out + said.err
    out = tmp_path / "annonce.txt"
    assert not out.exists() or "PROJET" in out.read_text("utf-8")
    assert not any(SECRET in p.name for p in tmp_path.iterdir())


def test_an_smtp_address_holding_a_password_is_refused_without_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG, logger="desktop")
    monkeypatch.setenv("COMMUNIQUE_SMTP", f"smtp://presse:{SECRET}@127.0.0.1:2525")
    monkeypatch.setenv("COMMUNIQUE_SENDER", "presse@culture.gouv.fr")
    draft = make_draft(tmp_path)
    assert main(["--log", "mail", str(draft), "--test", "moi@example.gouv.fr"]) != 0
    said = everything_said(capsys, caplog, tmp_path)
    assert "adresse de serveur SMTP invalide" in said
    assert "smtp://presse:****@127.0.0.1:2525" in said
    assert SECRET not in said
    monkeypatch.setenv("COMMUNIQUE_SMTP", f"presse:{SECRET}@127.0.0.1")  # the scheme forgotten
    assert main(["mail", str(draft), "--test", "moi@example.gouv.fr"]) != 0
    said = everything_said(capsys, caplog, tmp_path)
    assert "adresse de serveur SMTP invalide" in said and SECRET not in said


@pytest.mark.parametrize(
    ("value", "server"),
    [
        ("postgresql://presse@serveur/communique", True),
        ("postgres://presse@serveur/communique", True),
        ("host=serveur dbname=communique user=presse", True),
        ("host = serveur   dbname='com munique' password='a\\'b'", True),
        ("service=communique", True),
        ("/srv/partage/registre.sqlite", False),
        ("host=serveur foo=bar", False),
        ("registre", False),
        ("dbname=", False),
    ],
)
def test_server_strings_are_recognised_strictly(value: str, server: bool) -> None:
    assert conninfo.is_server(value) is server


@pytest.mark.parametrize(
    "text",
    [
        f"postgresql://presse:{SECRET}@serveur/base",
        f"postgresq://presse:{SECRET}@serveur/base",
        f"smtps://presse:{SECRET}@mail.interne:465",
        f"host=serveur password={SECRET} dbname=base",
        f"host=serveur password='{SECRET} x' dbname=base",
        f"postgresql://presse@serveur/base?sslmode=require&password={SECRET}",
        f"erreur : PASSWORD = {SECRET}",
        # no scheme, or a scheme-relative one: still a user and a password before « @ »
        f"presse:{SECRET}@mail.interne",
        f"« presse:{SECRET}@mail.interne:25 »",
        f"//presse:{SECRET}@mail.interne",
    ],
)
def test_mask_hides_every_password(text: str) -> None:
    masked = conninfo.mask(text)
    assert SECRET not in masked and "****" in masked


def test_describe_never_shows_the_password() -> None:
    pytest.importorskip("psycopg")
    for value in (
        f"postgresql://presse:{SECRET}@serveur:5433/base",
        f"host=serveur port=5433 dbname=base user=presse password={SECRET}",
    ):
        assert describe(value) == "postgresql://presse@serveur:5433/base"


def test_the_log_file_masks_passwords(tmp_path: Path) -> None:
    logs.setup()
    name = f"t{uuid.uuid4().hex[:6]}"
    logging.getLogger("desktop.test").info("%s host=x password=%s", name, SECRET)
    for handler in logging.getLogger("desktop").handlers:
        handler.flush()
    text = logs.log_file().read_text("utf-8")
    assert name in text and SECRET not in text and "password=****" in text


@pytest.mark.logs_warnings  # the export is written, marked, and not recorded: said in the log
def test_a_relative_register_file_is_refused_not_made_in_each_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``COMMUNIQUE_REGISTER=registre.sqlite`` made a register in each folder the command ran
    from: two desks (or one, in two folders) were both given N°1."""
    monkeypatch.setenv("COMMUNIQUE_REGISTER", "registre.sqlite")
    for folder in ("un", "deux"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        draft = make_draft(tmp_path / folder)
        assert main(["issue", str(draft)]) == 2
        err = capsys.readouterr().err
        assert "chemin relatif" in err and "registre.sqlite" in err
        assert not (tmp_path / folder / "registre.sqlite").exists()
    out = tmp_path / "deux" / "sortie.pdf"
    assert main(["export", str(draft), "--pdf", str(out)]) == 0  # marked, never clean
    from pypdf import PdfReader

    assert "PROJET" in "".join(p.extract_text() for p in PdfReader(out).pages)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "registre.sqlite"))
    assert main(["issue", str(draft), "--start", "1"]) == 0
