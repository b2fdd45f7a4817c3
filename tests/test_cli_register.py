"""``communique issue``, ``register`` and ``contacts`` as a person or a script runs them."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release
from desktop.services.drafts import load_draft, save_draft
from desktop.services.paths import register_path
from desktop.store.register import Register

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL

ROOT = Path(__file__).resolve().parent.parent


def make_drafts(folder: Path, count: int, prefix: str = "d") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}{i:03d}.communique"
        save_draft(Release(headline=f"Titre {prefix} {i} — été", date=date(2026, 11, 3)), path)
        paths.append(path)
    return paths


def cli(*args: str | Path, unbuffered: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"} if unbuffered else os.environ.copy()
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- many processes at once


@pytest.mark.slow
def test_eight_processes_issuing_fifty_numbers_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not register_path().exists()  # a fresh file, created by the race itself
    groups = [make_drafts(tmp_path / f"p{p}", 50, prefix=f"p{p}-") for p in range(8)]
    started = time.monotonic()
    procs = [cli("issue", "--start", "1", *drafts) for drafts in groups]
    results = [proc.communicate(timeout=120) for proc in procs]
    elapsed = time.monotonic() - started
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    numbers = [load_draft(d).number for drafts in groups for d in drafts]
    assert sorted(n or 0 for n in numbers) == list(range(1, 401))
    printed = {line.split("\t")[1] for out, _ in results for line in out.splitlines()}
    assert printed == {f"N°{n}" for n in range(1, 401)}
    with Register.open() as r:
        entries = r.entries()
    assert [e.number for e in sorted(entries, key=lambda e: e.number)] == list(range(1, 401))
    assert all(e.draft_written for e in entries)
    code, out, _ = run_cli(capsys, "register", "list")
    assert code == 0
    for drafts in groups:
        for d in drafts:
            n = load_draft(d).number
            assert any(
                line.startswith(f"N°{n} ") and load_draft(d).headline in line
                for line in out.splitlines()
            )
    print(f"400 numbers by 8 processes in {elapsed:.1f} s")
    assert elapsed < 60


@pytest.mark.slow
def test_processes_killed_at_random_leave_no_duplicate_and_no_hole(tmp_path: Path) -> None:
    rng = random.Random(4)
    drafts = make_drafts(tmp_path, 80)
    killed_after = []
    for _ in range(5):
        rng.shuffle(drafts)
        proc = cli("issue", "--start", "1", *drafts, unbuffered=True)
        assert proc.stdout is not None
        wanted = rng.randint(1, 40)
        lines = 0
        while lines < wanted and proc.stdout.readline():
            lines += 1
        os.kill(proc.pid, signal.SIGKILL)  # somewhere in the next allocation
        proc.communicate(timeout=10)
        killed_after.append((proc.returncode, lines))
    assert all(code == -signal.SIGKILL for code, _ in killed_after), killed_after
    survivor = cli("issue", "--start", "1", *drafts)  # finishes what the killed ones left
    _, err = survivor.communicate(timeout=60)
    assert survivor.returncode == 0, err
    numbers = sorted(load_draft(d).number or 0 for d in drafts)
    assert numbers == list(range(1, 81))
    with Register.open() as r:
        entries = r.entries()
    assert sorted(e.number for e in entries) == list(range(1, 81))
    by_path = {e.draft_path: e.number for e in entries}
    assert all(by_path[str(d.resolve())] == load_draft(d).number for d in drafts)


# ---------------------------------------------------------------- issue


def test_issue_prints_the_number_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [draft] = make_drafts(tmp_path, 1)
    assert run_cli(capsys, "register", "set-next", "351")[0] == 0
    code, out, err = run_cli(capsys, "issue", draft)
    assert (code, out, err) == (0, "N°351\n", "")
    code, out, err = run_cli(capsys, "issue", draft)
    assert (code, out) == (0, "N°351\n")
    assert "porte déjà le N°351" in err and "aucun numéro consommé" in err
    code, out, _ = run_cli(capsys, "register", "list")
    assert code == 0 and out.count("N°351") == 1 and "Titre d 0 — été" in out


def test_a_series_that_never_numbered_asks_where_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window asks the office's next number on first use; the command line refuses to
    start at N°1 unsaid, and tells how to say it."""
    first, second, third = make_drafts(tmp_path, 3)
    before = first.read_bytes()
    code, out, err = run_cli(capsys, "issue", first)
    assert (code, out) == (2, "")
    assert "n’a encore attribué aucun numéro" in err and "--start 351" in err
    assert "register set-next 351" in err and "Traceback" not in err
    assert first.read_bytes() == before
    assert "est vide" in run_cli(capsys, "register", "list")[2]
    code, out, err = run_cli(capsys, "issue", "--start", "351", first, second)
    assert code == 0 and out.splitlines() == [f"{first}\tN°351", f"{second}\tN°352"], err
    code, out, err = run_cli(capsys, "issue", "--start", "7", third)  # under way: a note
    assert (code, out) == (0, "N°353\n") and "--start 7 ignoré" in err
    # another series starts on its own
    code, _, err = run_cli(capsys, "register", "policy", "--series", "DP", "--create")
    assert code == 0, err
    [other] = make_drafts(tmp_path / "dp", 1)
    assert run_cli(capsys, "issue", "--series", "DP", other)[0] == 2
    # once set by register set-next, no --start is needed
    assert run_cli(capsys, "register", "set-next", "20", "--series", "DP")[0] == 0
    assert run_cli(capsys, "issue", "--series", "DP", other)[1].endswith("20\n")


def test_issue_errors_have_french_messages_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "issue", "--start", "1", tmp_path / "absent.communique")
    assert code == 1 and "introuvable" in err
    bad = tmp_path / "bad.communique"
    bad.write_text('{"format": "communique", "version": 1, "number": "x"}', encoding="utf-8")
    code, _, err = run_cli(capsys, "issue", "--start", "1", bad)
    assert code == 2 and "number : numéro attendu" in err
    seed = tmp_path / "seed.communique"
    save_draft(Release(headline="Seed", number=350), seed)
    code, _, err = run_cli(capsys, "issue", "--start", "1", seed)
    assert code == 2 and "porte déjà le numéro 350" in err and "--new" in err
    code, out, _ = run_cli(capsys, "issue", "--start", "1", "--new", seed)
    assert (code, out) == (0, "N°1\n")
    code, _, err = run_cli(
        capsys, "issue", "--start", "1", "--series", "XX", make_drafts(tmp_path, 1)[0]
    )
    assert code == 2 and "Série « XX » inconnue" in err


@pytest.mark.sqlite_only
def test_locked_register_exits_1_with_a_french_message(tmp_path: Path) -> None:
    [draft] = make_drafts(tmp_path, 1)
    before = draft.read_bytes()
    Register.open().close()
    holder = sqlite3.connect(register_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        env = {**os.environ, "COMMUNIQUE_REGISTER_WAIT": "0.5"}
        proc = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "issue", "--start", "1", str(draft)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 1
    assert "occupé par un autre programme" in proc.stderr and "aucun numéro" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert draft.read_bytes() == before


@pytest.mark.sqlite_only
def test_corrupt_register_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [draft] = make_drafts(tmp_path, 1)
    before = draft.read_bytes()
    register_path().write_bytes(b"\x00garbage" * 1000)
    code, out, err = run_cli(capsys, "issue", "--start", "1", draft)
    assert (code, out) == (1, "") and "endommagé" in err
    assert draft.read_bytes() == before
    assert run_cli(capsys, "register", "list")[0] == 1


# ---------------------------------------------------------------- register


def test_register_policy_set_next_and_cancel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "register", "policy")
    assert code == 0 and "numérotation continue" in out and "« N°{n} »" in out
    code, out, _ = run_cli(
        capsys, "register", "policy", "--yearly", "--format", "CP n° {year}-{n:03d}"
    )
    assert code == 0 and "repart à 1 chaque année" in out
    code, _, err = run_cli(capsys, "register", "policy", "--format", "{n.real}")
    assert code == 2 and "inconnu" in err
    with pytest.raises(SystemExit) as exited:
        main(["register", "policy", "--yearly", "--continuous"])
    assert exited.value.code == 2 and "incompatible" in capsys.readouterr().err
    drafts = make_drafts(tmp_path, 2)
    assert run_cli(capsys, "issue", "--start", "1", *drafts)[0] == 0
    code, _, err = run_cli(capsys, "register", "set-next", "2", "--year", "2026")
    assert code == 2 and "CP n° 2026-002 a déjà été attribué" in err
    code, out, _ = run_cli(
        capsys, "register", "cancel", "1", "--year", "2026", "--reason", "doublon"
    )
    assert code == 0 and "CP n° 2026-001 annulé" in out
    code, _, err = run_cli(capsys, "register", "cancel", "9", "--year", "2026")
    assert code == 2 and "n’a pas été attribué" in err
    code, out, _ = run_cli(capsys, "register", "list", "--search", "annule")
    assert code == 0 and "CP n° 2026-001" in out and "annulé" in out and "002" not in out
    code, out, _ = run_cli(capsys, "register", "list", "--csv")
    assert code == 0 and out.splitlines()[0].startswith("série;année;numéro")
    assert len(out.splitlines()) == 3
    code, _, err = run_cli(capsys, "register", "list", "--year", "1999")
    assert code == 0 and "Aucun numéro" in err


def test_a_format_change_applies_to_numbers_issued_from_now_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = make_drafts(tmp_path, 2)
    assert run_cli(capsys, "register", "set-next", "352")[0] == 0
    assert run_cli(capsys, "issue", first)[1] == "N°352\n"
    code, out, _ = run_cli(capsys, "register", "policy", "--format", "CP n° {year}-{n:03d}")
    assert code == 0
    assert "s’applique aux numéros attribués à partir de maintenant" in out
    assert "gardent la forme sous laquelle ils ont été imprimés" in out
    assert run_cli(capsys, "issue", second)[1] == "CP n° 2026-353\n"
    code, out, _ = run_cli(capsys, "register", "list")
    assert [line.split("  ")[0].strip() for line in out.splitlines()] == ["N°352", "CP n° 2026-353"]
    assert run_cli(capsys, "issue", first)[1] == "N°352\n"
    code, _, err = run_cli(capsys, "register", "set-next", "353")
    assert code == 2 and "le CP n° 2026-353 a déjà été attribué" in err
    code, out, _ = run_cli(capsys, "register", "policy", "--yearly")
    assert code == 0 and "à partir de maintenant" not in out  # the format did not change


def test_skipping_invalid_rows_fails_when_the_rest_of_the_file_was_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(
        'nom;e-mail\nA;a@exemple.fr\n"' + "x" * 200_000 + '";c@exemple.fr\nD;d@exemple.fr\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, "contacts", "import", "--skip-invalid", broken)
    assert code == 2 and "1 contact importé" in out
    assert "ligne 3 : ligne illisible" in err and "la suite du fichier n’a pas été lue" in err


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["register", "--help"])
    out = capsys.readouterr().out
    assert "utilisation : communique register" in out and "afficher les numéros attribués" in out


# ---------------------------------------------------------------- contacts


def test_contacts_add_list_export_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        capsys,
        "contacts",
        "add",
        "--name",
        "Cabinet J. Gourault",
        "--phone",
        "0144498940",
        "--email",
        "presse@industrie.gouv.fr",
    )
    assert code == 0 and "ajouté" in out
    code, _, err = run_cli(capsys, "contacts", "add", "--name", "X", "--email", "x@")
    assert code == 2 and "adresse e-mail invalide" in err
    code, out, _ = run_cli(capsys, "contacts", "list", "--search", "gourault")
    assert code == 0 and "01 44 49 89 40" in out
    target = tmp_path / "annuaire.csv"
    assert run_cli(capsys, "contacts", "export", target)[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfnom;organisation;")
    assert run_cli(capsys, "contacts", "export", tmp_path / "a.vcf")[0] == 0
    assert "BEGIN:VCARD" in (tmp_path / "a.vcf").read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "contacts", "import", target)
    assert code == 0 and "0 contact importé, 1 déjà présent" in out

    bad = tmp_path / "bad.csv"
    bad.write_text("nom,e-mail\nA,a@exemple.fr\nB,b@\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "contacts", "import", bad)
    assert code == 2 and "ligne 3 : adresse e-mail invalide" in err and "aucun contact" in err
    code, out, err = run_cli(capsys, "contacts", "import", "--skip-invalid", bad)
    assert code == 0 and "1 contact importé" in out
    assert f"{bad} : avertissement : ligne 3 : adresse e-mail invalide" in err
    assert "1 ligne invalide ignorée : 3." in err and "erreur" not in err
    code, out, _ = run_cli(capsys, "contacts", "list")
    ids = [line.split("\t")[0] for line in out.splitlines()]
    assert len(ids) == 2
    assert run_cli(capsys, "contacts", "remove", ids[0])[0] == 0
    code, _, err = run_cli(capsys, "contacts", "remove", ids[0])
    assert code == 2 and "n’existe pas" in err
    code, _, err = run_cli(capsys, "contacts", "import", tmp_path / "absent.csv")
    assert code == 1 and "introuvable" in err
