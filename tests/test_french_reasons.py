"""French reasons for what fails outside: a PostgreSQL server without TLS when the address asks
for it (sslmode=require), a refused connection (PostgreSQL and SMTP), a full disk told from a
read-only one (a real tmpfs filled up), a font package that is not one."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from tests.pg_server import Cluster
from tests.smtp_server import ADDRESSES, free_port
from tests.test_cli_mail import approve

ENGLISH = ("could not", "Connection refused", "SSL", "Errno", "Traceback", "server does not")


def one_run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


def test_sslmode_require_on_a_server_without_tls(
    pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", pg_cluster.url() + "?sslmode=require")
    code, err = one_run("register", "list", capsys=capsys)
    assert code == 1
    assert "n’accepte pas de connexion chiffrée (TLS)" in err and "sslmode=require" in err
    assert "injoignable" not in err and not any(w in err for w in ENGLISH)


def test_a_refused_connection_to_the_register_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", f"postgresql://x@127.0.0.1:{free_port()}/db")
    code, err = one_run("register", "list", capsys=capsys)
    assert code == 1 and "connexion refusée" in err
    assert not any(w in err for w in ENGLISH)


def test_a_refused_connection_to_the_mail_server(
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    draft = tmp_path / "a.communique"
    shutil.copy(example_path, draft)
    approve(draft)
    monkeypatch.setenv("COMMUNIQUE_SMTP", f"smtp://127.0.0.1:{free_port()}")
    monkeypatch.setenv("COMMUNIQUE_SENDER", "presse@example.gouv.fr")
    code, err = one_run("mail", str(draft), "--send", "--to", ADDRESSES[0], capsys=capsys)
    assert code == 1
    assert "connexion refusée : aucun serveur n’écoute à cette adresse et ce port" in err
    assert not any(w in err for w in ENGLISH)


@contextlib.contextmanager
def small_disk(where: Path) -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    with (folder / "remplissage").open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 4096)


def test_a_full_disk_is_not_called_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "disque") as disk:
        monkeypatch.setenv("COMMUNIQUE_REGISTER", str(disk / "registre.sqlite"))
        assert main(["lists", "create", "presse"]) == 0
        _fill(disk)
        code, err = one_run("lists", "create", "autre", capsys=capsys)
        assert code == 1
        assert "plein" in err and "lecture seule" not in err, err
