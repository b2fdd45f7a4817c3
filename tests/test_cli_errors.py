"""One error root, caught once: every command says a refusal or an outside failure as one French
line « erreur : … » on standard error, with no traceback, and exits with the error's own code
(1 outside failure, 2 refused input)."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release
from desktop.services.drafts import save_draft
from desktop.services.paths import register_path
from desktop.store.register import Register

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ROOT / "desktop" / "commands"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The message of the single « erreur : » line ``err`` must be."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("erreur : "), err
    assert "Traceback" not in err
    return err.removeprefix("erreur : ").rstrip("\n")


def a_draft(folder: Path, name: str = "plan.communique") -> Path:
    path = folder / name
    save_draft(Release(headline="Plan vélo", date=date(2026, 11, 3)), path)
    return path


# ---------------------------------------------------------------- a missing or unreadable draft


@pytest.mark.parametrize("command", ["submit", "approve", "status", "versions", "diff", "sent"])
def test_a_missing_draft_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    absent = tmp_path / "absent.communique"
    code, out, err = run_cli(capsys, command, absent)
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"« {absent} » : fichier ou dossier introuvable."


def test_a_draft_with_refused_content_lists_its_problems_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.communique"
    bad.write_text('{"format": "communique", "version": 1, "number": "x"}', encoding="utf-8")
    for command in ("submit", "sent"):
        code, out, err = run_cli(capsys, command, bad)
        assert (code, out) == (2, "")
        assert err.startswith(f"{bad} : number : numéro attendu"), err
        assert "Traceback" not in err


def test_issue_goes_on_after_a_refused_draft_and_exits_with_the_worst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = tmp_path / "absent.communique"
    good = a_draft(tmp_path)
    code, out, err = run_cli(capsys, "issue", "--start", "1", absent, good)
    assert code == 1
    assert out == f"{good}\tN°1\n"  # the second draft was still numbered
    assert one_error_line(err) == f"« {absent} » : fichier ou dossier introuvable."


def test_a_number_the_register_did_not_give_says_how_to_replace_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "seed.communique"
    save_draft(Release(headline="Seed", number=350), draft)
    code, out, err = run_cli(capsys, "issue", "--start", "1", draft)
    assert (code, out) == (2, "")
    message = one_error_line(err)
    assert "porte déjà le numéro 350" in message
    assert message.endswith(
        " Relancez avec --new pour lui attribuer un nouveau numéro du registre."
    )


# ---------------------------------------------------------------- a register that cannot be used


@pytest.mark.parametrize(
    "args",
    [
        ["register", "list"],
        ["register", "set-next", "5"],
        ["register", "cancel", "1"],
        ["register", "policy"],
        ["register", "export", "registre.json"],
        ["correct", "1"],
        ["sent"],
    ],
)
def test_a_damaged_register_is_one_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    register_path().parent.mkdir(parents=True, exist_ok=True)
    register_path().write_bytes(b"\x00garbage" * 1000)
    code, out, err = run_cli(capsys, *args)
    assert (code, out) == (1, "")
    assert "endommagé" in one_error_line(err)
    assert not (tmp_path / "registre.json").exists()


def test_a_register_in_a_missing_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "absent" / "registre.sqlite"))
    code, out, err = run_cli(capsys, "submit", a_draft(tmp_path))
    assert (code, out) == (1, "")
    assert "n’existe pas" in one_error_line(err)


def test_migrating_a_register_that_does_not_exist_says_how_to_create_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(capsys, "register", "migrate")
    assert (code, out) == (1, "")
    assert one_error_line(err) == (
        f"Le registre « {register_path()} » n’existe pas encore : créez-le avec "
        "« communique register init »."
    )


def test_a_locked_register_is_one_line_exit_1_from_the_whole_process(tmp_path: Path) -> None:
    Register.open().close()
    holder = sqlite3.connect(register_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "register", "set-next", "5"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "COMMUNIQUE_REGISTER_WAIT": "0.3"},
            timeout=60,
            check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (proc.returncode, proc.stdout) == (1, "")
    assert "occupé par un autre programme" in one_error_line(proc.stderr)


# ---------------------------------------------------------------- requests the register refuses


def test_refused_register_requests_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "issue", "--start", "1", a_draft(tmp_path))[0] == 0
    code, out, err = run_cli(capsys, "register", "set-next", "1")
    assert (code, out) == (2, "")
    assert "a déjà été attribué" in one_error_line(err)
    code, out, err = run_cli(capsys, "register", "cancel", "9")
    assert (code, out) == (2, "")
    assert "n’a pas été attribué" in one_error_line(err)
    code, out, err = run_cli(capsys, "correct", "9")
    assert (code, out) == (2, "")
    assert "Traceback" not in one_error_line(err)


# ---------------------------------------------------------------- files the system refuses


@pytest.mark.logs_warnings  # the failed write is logged
def test_a_rectificatif_that_cannot_be_written_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "issue", "--start", "1", a_draft(tmp_path))[0] == 0
    target = tmp_path / "absent" / "rectificatif.communique"
    code, out, err = run_cli(capsys, "correct", "1", "--output", target)
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"« {target} » : fichier ou dossier introuvable."


def test_register_export_over_an_input_and_import_of_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Register.open().close()
    code, out, err = run_cli(capsys, "register", "export", register_path())
    assert (code, out) == (2, "")  # refused by the gate, as every export over the register
    assert "registre" in one_error_line(err)
    absent = tmp_path / "absent.json"
    code, out, err = run_cli(capsys, "register", "import", absent)
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"« {absent} » : fichier ou dossier introuvable."


def test_marianne_from_a_file_that_is_not_a_package_exits_2_and_from_none_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "dsfr.tgz"
    junk.write_bytes(b"pas un paquet")
    code, out, err = run_cli(capsys, "fonts", "install-marianne", junk)
    assert (code, out) == (2, "")
    assert "n’est pas un paquet npm lisible" in one_error_line(err)
    absent = tmp_path / "absent.tgz"
    code, out, err = run_cli(capsys, "fonts", "install-marianne", absent)
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"« {absent} » : fichier ou dossier introuvable."


# ---------------------------------------------------------------- the last converted commands


@pytest.mark.logs_warnings  # the failed write is logged
@pytest.mark.parametrize(
    "command",
    [
        ["dictionary", "export"],
        ["contacts", "export"],
        ["lists", "export", "presse"],
    ],
)
def test_an_export_to_a_missing_folder_is_one_line_exit_1_and_over_the_register_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(["lists", "create", "presse"]) == 0
    capsys.readouterr()
    target = tmp_path / "absent" / ("mots.txt" if command[0] == "dictionary" else "mots.csv")
    code, out, err = run_cli(capsys, *command, target)
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"« {target} » : fichier ou dossier introuvable."
    code, out, err = run_cli(capsys, *command, register_path())
    assert (code, out) == (2, "")
    assert "serait remplacé" in one_error_line(err)


@pytest.mark.parametrize("command", [["contacts", "import"], ["lists", "import", "presse"]])
def test_an_import_of_a_missing_file_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    absent = tmp_path / "absent.csv"
    code, out, err = run_cli(capsys, *command, absent)
    assert (code, out) == (1, "")
    assert "Traceback" not in one_error_line(err)


def test_a_word_list_that_is_not_utf8_and_a_missing_word_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "mots.txt"
    latin.write_bytes("Bérégovoy\n".encode("latin-1"))
    code, out, err = run_cli(capsys, "dictionary", "import", latin)
    assert (code, out) == (2, "")
    assert one_error_line(err) == f"« {latin} » n’est pas un texte UTF-8."
    code, out, err = run_cli(capsys, "dictionary", "remove", "Absent")
    assert (code, out) == (2, "")
    assert one_error_line(err) == "«\u00a0Absent\u00a0» n’est pas dans le dictionnaire du service."


def test_mail_refusals_are_one_line_after_the_draft_s_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = a_draft(tmp_path)
    code, out, err = run_cli(capsys, "mail", draft)
    assert (code, out) == (2, "")
    assert one_error_line(err) == "dites quoi faire : --eml CHEMIN, --send ou --test ADRESSE."
    monkeypatch.setenv("COMMUNIQUE_SMTP", "http://mail.example.gouv.fr")
    code, out, err = run_cli(
        capsys, "mail", draft, "--test", "a@example.org", "--from", "p@example.gouv.fr"
    )
    warnings, last = err.rsplit("\n", 2)[:2]
    assert (code, out) == (2, "") and warnings.startswith("avertissement contacts")
    assert one_error_line(last + "\n").startswith("adresse de serveur SMTP invalide")
    code, out, err = run_cli(capsys, "mail", draft, "--eml", tmp_path / "a.eml", "--from", "x@")
    warnings, last = err.rsplit("\n", 2)[:2]
    assert (code, out) == (2, "")
    assert one_error_line(last + "\n") == "expéditeur : adresse e-mail invalide : « x@ »."


# ---------------------------------------------------------------- one place says it


NOT_YET_CONVERTED: set[str] = set()
"""Commands still printing some of their own « erreur : » lines: none; the list only shrinks."""


def test_the_commands_leave_saying_errors_to_the_one_report() -> None:
    printing = set()
    for path in COMMANDS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("erreur :")
            ):
                printing.add(path.name)
    assert printing - NOT_YET_CONVERTED == {"_errors.py"}


def test_a_reader_that_stops_reading_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``communique import … | head -1``: the pipe closed after one line gave « erreur : « » :
    erreur du système (EPIPE) » (the broken pipe was taken for a file the system refused)."""
    import io

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    source = tmp_path / "ancien.txt"
    source.write_text("Paris, le 3 novembre 2020\nUn titre\nLe texte.\n", encoding="utf-8")
    capsys.readouterr()
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main(["import", str(source)]) == 0
    assert "erreur" not in capsys.readouterr().err
