"""Every exit honours sign-off when there is no register to ask, or the register does not know
the draft; a switch of the policy is history, written into the metadata of what leaves while
sign-off is off; on a file, the history only grows (what a single file can hold)."""

from __future__ import annotations

import email
import subprocess
import sys
from datetime import date
from email import policy
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import save_draft
from desktop.store.database import RegisterError
from desktop.store.register import Register
from desktop.store.signoff import policy_changes, set_signoff


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


def pdf_of(draft: Path, out: Path) -> tuple[str, str]:
    assert main(["export", str(draft), "--pdf", str(out)]) == 0
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    return text, str(reader.metadata.get("/Keywords", "")) if reader.metadata else ""


def test_the_default_register_not_made_yet_is_an_office_without_sign_off(
    draft: Path, tmp_path: Path
) -> None:
    text, keywords = pdf_of(draft, tmp_path / "a.pdf")
    assert "PROJET" not in text and "état" not in keywords


@pytest.mark.parametrize("where", ["déplacé/registre.sqlite", "registre-absent.sqlite"])
def test_a_named_register_that_is_missing_marks_every_exit_and_refuses_publication(
    draft: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    named = tmp_path / where
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(named))
    text, keywords = pdf_of(draft, tmp_path / "a.pdf")
    assert "PROJET" in text and "état : brouillon" in keywords
    docx = tmp_path / "a.docx"
    assert main(["export", str(draft), "--docx", str(docx)]) == 0
    assert Document(str(docx)).core_properties.content_status == "brouillon"
    eml = tmp_path / "a.eml"
    assert main(["mail", str(draft), "--eml", str(eml), "--from", "presse@exemple.gouv.fr"]) == 0
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert "PROJET" in str(message["Subject"])
    capsys.readouterr()
    assert main(["publish", str(draft), "--site", str(tmp_path / "site")]) != 0
    err = capsys.readouterr().err
    assert "état «\u00a0brouillon\u00a0»" in err and "Qui peut le valider\u00a0: personne" in err
    assert "COMMUNIQUE_REGISTER" in err
    assert not (tmp_path / "site" / "index.html").exists()
    sending = ["mail", str(draft), "--send", "--to", "redaction@exemple.fr"]
    assert main([*sending, "--from", "presse@exemple.gouv.fr"]) == 2
    err = capsys.readouterr().err
    assert "état «\u00a0brouillon\u00a0»" in err and "Qui peut le valider\u00a0: personne" in err
    assert not named.exists()  # looking up the state made no register


def test_a_draft_the_register_does_not_know_is_a_draft(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Register.open().close()  # the office has a register, which has never seen this draft
    text, keywords = pdf_of(draft, tmp_path / "a.pdf")
    assert "PROJET" in text and "état : brouillon" in keywords
    capsys.readouterr()
    assert main(["publish", str(draft), "--site", str(tmp_path / "site")]) != 0
    err = capsys.readouterr().err
    assert "brouillon" in err and "une autre personne que celle qui l’a soumis" in err


def test_a_switch_of_the_policy_is_history_and_in_the_metadata(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMMUNIQUE_USER", "Paul Martin")
    assert main(["register", "policy", "--validation", "non"]) == 0
    out = capsys.readouterr().out
    assert "Validation avant diffusion : non" in out and "désactivée par Paul Martin" in out
    text, keywords = pdf_of(draft, tmp_path / "a.pdf")
    assert "PROJET" not in text
    assert "validation désactivée par Paul Martin" in keywords
    docx = tmp_path / "a.docx"
    html = tmp_path / "a.html"
    assert main(["export", str(draft), "--docx", str(docx), "--html", str(html)]) == 0
    status = Document(str(docx)).core_properties.content_status
    assert status.startswith("validation désactivée par Paul Martin")
    assert 'name="status" content="validation désactivée par Paul Martin' in html.read_text()
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    assert "désactivée dans la politique du registre (validation désactivée par Paul" in (
        capsys.readouterr().out
    )
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["register", "policy", "--validation", "oui"]) == 0
    with Register.open() as register:
        changes = policy_changes(register)
        assert [(c.enabled, c.author) for c in changes] == [
            (False, "Paul Martin"),
            (True, "Léa Martin"),
        ]
        assert set_signoff(register, True) is None  # no switch, nothing recorded
        assert len(policy_changes(register)) == 2
    text, keywords = pdf_of(draft, tmp_path / "b.pdf")
    assert "PROJET" in text and "état : brouillon" in keywords
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    assert "Politique du registre : validation réactivée par Léa Martin" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sql", "why"),
    [
        ("DELETE FROM release_versions", "historique des versions"),
        ("UPDATE release_versions SET event = 'approved'", "historique des versions"),
        ("DELETE FROM signoff_policy", "politique de validation"),
        ("UPDATE signoff_policy SET enabled = 1", "politique de validation"),
        ("DELETE FROM release_outputs", "historique des sorties"),
        ("UPDATE counters SET next = 1", "ne recule jamais"),
        ("DELETE FROM counters", "compteur de numéros"),
        (
            "INSERT INTO release_versions (id, release_id, position, event, content_sha256, "
            "content, author, machine, created_at) SELECT 'f', release_id, 2, 'approved', "
            "content_sha256, content, 'Directeur', machine, created_at FROM release_versions",
            "validation refusée",
        ),
    ],
)
def test_on_a_file_the_history_only_grows(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sql: str, why: str
) -> None:
    """A file's triggers stop the program and a careless tool; not someone who edits the file
    itself (the README says so)."""
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire")
    assert main(["issue", "--start", "1", str(draft)]) == 0
    assert main(["submit", str(draft)]) == 0
    assert main(["export", str(draft), "--pdf", str(tmp_path / "a.pdf")]) == 0
    with Register.open() as register:
        set_signoff(register, False)
        set_signoff(register, True)
        with pytest.raises(RegisterError, match=why):
            register.db.write(lambda conn: conn.execute(sql))


@pytest.mark.real_accounts
def test_on_a_file_two_names_under_one_system_account_are_one_person(
    draft: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _submitted_by_claire(draft, monkeypatch)
    monkeypatch.setenv("USER", "directeur")  # the environment does not make an account
    monkeypatch.setenv("LOGNAME", "directeur")
    assert main(["approve", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "sous un autre compte" in err


def _submitted_by_claire(draft: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Claire submits ``draft``; then the director is the caller."""
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire")
    assert main(["submit", str(draft)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")


def test_the_refusal_is_the_same_from_a_fresh_process(draft: Path, tmp_path: Path) -> None:
    """No traceback, exit code 2, from the command line a user types."""
    import os

    env = {**os.environ, "COMMUNIQUE_REGISTER": str(tmp_path / "absent.sqlite")}
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "publish", str(draft), "--site", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "PROJET" in done.stderr


@pytest.mark.real_accounts
def test_an_account_missing_from_the_user_database_is_not_taken_from_the_environment(
    draft: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A process whose user id has no entry in the system's user database (a container run
    with ``--user 4242``, an account from a directory that did not answer): the account was then
    read from ``USER``/``LOGNAME``, which the caller sets, so one person approved their own
    release by changing ``USER``, or, with both unset, under no account at all."""
    import pwd

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire")
    monkeypatch.setenv("USER", "claire")
    monkeypatch.setenv("LOGNAME", "claire")
    assert main(["submit", str(draft)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    monkeypatch.setenv("USER", "directeur")
    monkeypatch.setenv("LOGNAME", "directeur")
    assert main(["approve", str(draft)]) == 2
    assert "sous un autre compte" in capsys.readouterr().err
    for variable in ("USER", "LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    assert main(["approve", str(draft)]) == 2
    assert main(["status", str(draft)]) == 0
    assert "soumis" in capsys.readouterr().out


@pytest.mark.real_accounts
def test_no_approval_under_an_account_that_cannot_be_read(
    draft: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services import portable

    _submitted_by_claire(draft, monkeypatch)
    monkeypatch.setattr(portable, "account_name", lambda **_: "")
    assert main(["approve", str(draft)]) == 2
    assert "n’a pas pu être lu" in capsys.readouterr().err
