"""Personal data stays private: no address, name or outlet in any log line, files holding them
created 0600 in folders made 0700 (whatever the umask), ``secure_delete`` on, and ``lists
forget`` erasing the address from the register's copies made before an upgrade too."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import paths

ADDRESS = "jeanne.dupont@journal-exemple.fr"
NAME = "Jeanne Dupont"
OUTLET = "Le Quotidien d’Exemple"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_journalist(*extra: str) -> None:
    assert main([*extra, "lists", "create", "presse"]) == 0
    assert (
        main([*extra, "lists", "add", "presse", ADDRESS, "--name", NAME, "--outlet", OUTLET]) == 0
    )


def test_no_log_line_names_the_journalist(tmp_path: Path) -> None:
    add_journalist("--log")
    assert main(["--log", "lists", "export", "presse", str(tmp_path / "l.csv")]) == 0
    assert main(["--log", "lists", "forget", ADDRESS]) == 0
    assert main(["--log", "lists", "forget", ADDRESS]) == 0  # erasure again: nothing new said
    logs = Path(os.environ["XDG_STATE_HOME"]) / "communique"
    text = "".join(p.read_text(encoding="utf-8") for p in logs.glob("communique.log*"))
    assert "lists add" in text and "lists forget" in text  # the commands are logged
    for secret in (ADDRESS, NAME, OUTLET, "jeanne", "Dupont"):
        assert secret not in text


@pytest.mark.usefixtures("umask_022")
def test_files_with_personal_data_are_for_their_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "neuf"))  # a folder the register makes
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "etat"))
    register = paths.register_path()
    add_journalist("--log")
    assert mode(register) == 0o600
    assert mode(register.parent) == 0o700  # made by the register
    export = tmp_path / "liste.csv"
    assert main(["lists", "export", "presse", str(export)]) == 0
    assert mode(export) == 0o600
    log = tmp_path / "etat" / "communique" / "communique.log"
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
    dump = tmp_path / "registre.json"
    assert main(["register", "export", str(dump)]) == 0
    assert mode(dump) == 0o600


@pytest.mark.usefixtures("umask_022")
def test_the_autosave_is_for_its_owner_only(tmp_path: Path, example_path: Path) -> None:
    from desktop.services.autosave import AutosaveSession
    from desktop.services.drafts import load_draft

    folder = tmp_path / "autosave"
    session = AutosaveSession(folder)
    session.save(load_draft(example_path), example_path)
    assert mode(folder) == 0o700
    assert mode(session.draft) == 0o600 and mode(session.meta) == 0o600
    session.close()


def test_secure_delete_is_on_and_forget_leaves_no_trace_in_the_file() -> None:
    from desktop.store.database import Database

    add_journalist()
    register = paths.register_path()
    with Database.open(register) as db:
        assert db.read("PRAGMA secure_delete")[0][0] == 1
    assert ADDRESS.encode() in register.read_bytes() + _wal(register)
    assert main(["lists", "forget", ADDRESS]) == 0
    for secret in (ADDRESS, NAME, "Quotidien"):
        assert secret.encode() not in register.read_bytes() + _wal(register)


def _wal(register: Path) -> bytes:
    wal = register.with_name(register.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_forget_erases_the_copies_made_before_an_upgrade() -> None:
    from desktop.store.database import Database

    add_journalist()
    register = paths.register_path()
    copy = register.with_name(f"{register.name}.schema9-20261101T100000.bak")
    with Database.open(register) as db:
        db.backup(copy)  # as an upgrade does
    assert mode(copy) == 0o600
    assert ADDRESS.encode() in copy.read_bytes()
    assert main(["lists", "forget", ADDRESS]) == 0
    for secret in (ADDRESS, NAME, "Quotidien"):
        assert secret.encode() not in copy.read_bytes()
    with sqlite3.connect(copy) as conn:  # still a register copy, the rest kept
        assert conn.execute("SELECT count(*) FROM mailing_lists").fetchone()[0] == 1


def test_a_failed_erasure_of_a_copy_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    add_journalist()
    register = paths.register_path()
    copy = register.with_name(f"{register.name}.schema9-20261101T100000.bak")
    copy.write_bytes(b"not a database at all, but it has the name of a copy" * 100)
    capsys.readouterr()
    assert main(["lists", "forget", ADDRESS]) == 1
    err = capsys.readouterr().err
    assert "effacée du registre" in err and str(copy) in err
    assert "Aucun numéro" not in err and "aucun numéro n’a été attribué" not in err


def test_an_address_quoted_by_any_log_line_is_masked() -> None:
    import logging

    from desktop.services import logs

    target = logs.setup()
    assert target is not None
    logger = logging.getLogger("desktop.gui.send_worker")
    logger.info("send not done: adresse e-mail invalide : « %s »", ADDRESS)
    logger.info("register postgresql://presse@serveur.gouv.fr/registre unreachable")
    for handler in logging.getLogger("desktop").handlers:
        handler.flush()
    text = target.read_text(encoding="utf-8")
    assert "« <adresse> »" in text and ADDRESS not in text
    assert "postgresql://presse@serveur.gouv.fr/registre" in text  # a server is not a person
