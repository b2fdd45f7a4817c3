"""Hostile inputs: every one gets a French answer, in bounded time, and never a traceback
(issue 10, items 2 to 5, 10 and 11)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.draft import DraftError, parse_draft
from desktop.core.model import Paragraph, Release, Run
from desktop.services import paths
from desktop.services.drafts import load_draft


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


def seed(example_path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(example_path.read_text(encoding="utf-8"))
    return data


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- item 2: no traceback


@pytest.mark.parametrize("command", ["check", "export", "issue"])
def test_an_integer_of_thousands_of_digits_is_an_invalid_draft(
    tmp_path: Path, example_path: Path, command: str
) -> None:
    draft = tmp_path / "n.communique"
    text = example_path.read_text(encoding="utf-8").rstrip().removesuffix("}")
    draft.write_text(text + ', "x": ' + "9" * 5000 + "}", encoding="utf-8")
    before = draft.read_bytes()
    result = run(command, str(draft))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "nombre" in result.stderr + result.stdout
    assert draft.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["register", "list", "--year", "9" * 40],
        ["register", "cancel", "1", "--year", "99999999999999999999"],
        ["register", "cancel", "99999999999999999999"],
        ["register", "set-next", "99999999999999999999"],
        ["contacts", "remove", "99999999999999999999"],
        ["register", "list", "--year", "-5"],
    ],
)
def test_huge_or_negative_numbers_in_arguments_are_refused_in_french(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "il faut un nombre entier" in result.stderr


def test_a_damaged_autosave_metadata_does_not_break_recovery(tmp_path: Path) -> None:
    from desktop.services.autosave import AutosaveSession, find_leftovers

    session = AutosaveSession(tmp_path)
    session.save(Release(headline="À sauver"), None)
    session.abandon()
    other = AutosaveSession(tmp_path)
    other.save(Release(headline="Autre"), None)
    other.abandon()
    for meta, pid, saved in (
        (session.meta, 10**30, "2026-11-03T10:00:00"),
        (other.meta, -3, "2026-11-03T11:00:00+00:00"),
    ):
        data = json.loads(meta.read_text(encoding="utf-8"))
        data["pid"], data["saved_at"] = pid, saved  # one naive, one aware
        meta.write_text(json.dumps(data), encoding="utf-8")
    found = find_leftovers(tmp_path)
    assert sorted(f.load().headline for f in found) == ["Autre", "À sauver"]


# ---------------------------------------------------------------- item 3: Typst panics


def _panicking_release() -> Release:
    return Release(
        headline="Titre", date=date(2026, 11, 3), body=(Paragraph((Run("é\u00a0" * 22_000),)),)
    )


@pytest.mark.logs_warnings
def test_a_typst_panic_is_a_french_render_error_that_can_be_pickled() -> None:
    from desktop.render.content import prepare
    from desktop.render.pdf import RenderError, render_pdf

    with pytest.raises(RenderError) as caught:
        render_pdf(prepare(_panicking_release()))
    message = str(caught.value)
    assert "mise en page" in message and "panic" not in message.lower()
    assert str(pickle.loads(pickle.dumps(caught.value))) == message
    # the compiler is usable again afterwards
    ok = Release(headline="Après", date=date(2026, 11, 3))
    assert render_pdf(prepare(ok)).startswith(b"%PDF")


@pytest.mark.logs_warnings
def test_a_panic_in_a_batch_worker_comes_back_as_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.commands import export
    from desktop.core import checks
    from desktop.services.drafts import save_draft

    draft = tmp_path / "panique.communique"
    save_draft(_panicking_release(), draft)
    monkeypatch.setattr(checks, "check", lambda *a, **k: [])  # as if the checks let it pass
    job = export._Job(draft, (("docx", tmp_path / "p.docx"), ("pdf", tmp_path / "p.pdf")), None, "")
    outcome = pickle.loads(pickle.dumps(export._export_one(job)))
    assert outcome.status == 2 and outcome.written == ()
    assert any("mise en page" in m for m in outcome.messages)
    assert not (tmp_path / "p.pdf").exists() and not (tmp_path / "p.docx").exists()


# ---------------------------------------------------------------- item 4: check agrees


def test_a_byte_order_mark_inside_a_field_is_cleaned_and_exports(
    tmp_path: Path, example_path: Path
) -> None:
    draft = write(tmp_path / "bom.communique", {**seed(example_path), "headline": "Titre\ufeff"})
    result = run("export", str(draft))
    assert result.returncode == 0, result.stderr
    assert load_draft(draft).headline == "Titre"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headline", "x" * 33_000),
        ("header", ["X" * 9_000]),
        ("body", ["mot " * 2_500]),
    ],
)
def test_a_field_over_the_limit_is_an_error_for_check_and_export(
    tmp_path: Path, example_path: Path, field: str, value: object
) -> None:
    draft = write(tmp_path / "long.communique", {**seed(example_path), field: value})
    checked = run("check", str(draft))
    assert checked.returncode == 2
    assert "caractères" in checked.stdout and "erreur" in checked.stdout
    exported = run("export", str(draft))
    assert exported.returncode == 2
    assert "PDF" not in exported.stderr.replace("PDF/A", "")  # the check's French words only
    assert "string" not in exported.stderr and "error" not in exported.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.communique"]


def test_a_link_over_the_url_limit_is_an_error_for_check(
    tmp_path: Path, example_path: Path
) -> None:
    body = [{"paragraph": [{"text": "lien", "link": "https://a.fr/" + "a" * 9000}]}]
    draft = write(tmp_path / "lien.communique", {**seed(example_path), "body": body})
    checked = run("check", str(draft))
    assert checked.returncode == 2 and "lien de" in checked.stdout
    exported = run("export", str(draft))
    assert exported.returncode == 2 and "URL" not in exported.stderr


def test_no_english_typst_message_reaches_the_user() -> None:
    from desktop.render.pdf import _in_french

    for english in (
        "PDF/A-2b error: a PDF string is longer than 32767 characters",
        "URL is too long",
        "something new went wrong",
    ):
        message = _in_french(english)
        assert message.startswith("La mise en page a échoué")
        assert english not in message


# ---------------------------------------------------------------- item 5: bounded


@pytest.mark.parametrize(
    "text", ["a" * 40_000, "w" + " " * 40_000 + ";", "a@" * 20_000, "x" + " " * 40_000 + "y"]
)
def test_typography_is_linear_on_long_words(text: str) -> None:
    from desktop.core.typography import french

    start = time.perf_counter()
    french(text)
    assert time.perf_counter() - start < 1.0  # 10 s and more before


def test_a_draft_over_the_size_limit_is_refused(tmp_path: Path, example_path: Path) -> None:
    from desktop.core.draft import MAX_DRAFT_BYTES

    assert MAX_DRAFT_BYTES <= 5_000_000
    big = write(
        tmp_path / "gros.communique", {**seed(example_path), "extra": "x" * (MAX_DRAFT_BYTES + 10)}
    )
    for command in ("check", "export", "issue"):
        result = run(command, str(big))
        assert result.returncode in (1, 2)
        assert "trop volumineux" in result.stderr + result.stdout, command
        assert "Traceback" not in result.stderr


def _limited_memory() -> None:
    import resource

    # Were the guard broken, the child would fail with MemoryError instead of filling the
    # shared machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_reading_an_endless_device_is_refused(device: str) -> None:
    for command in ("check", "export", "issue"):
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", command, device],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
            preexec_fn=_limited_memory,
        )
        assert result.returncode in (1, 2)
        assert "fichier ordinaire" in result.stdout + result.stderr


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.communique"
    os.mkfifo(fifo)
    with pytest.raises(DraftError, match="fichier ordinaire"):
        load_draft(fifo)
    assert main(["check", str(fifo)]) == 2


@pytest.mark.timeout(20)
def test_issue_refuses_a_fifo_too(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.communique"
    os.mkfifo(fifo)
    result = run("issue", str(fifo))
    assert result.returncode in (1, 2) and "fichier ordinaire" in result.stderr


def test_reading_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows while it is read (or lies about its size) is not read past the limit."""
    from desktop.services import files

    path = tmp_path / "x"
    path.write_bytes(b"a" * 5000)
    reads: list[int] = []
    real_read = os.read

    def counting(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(files.os, "read", counting)
    with pytest.raises(files.InputRefused, match="trop volumineux"):
        files.read_limited(path, 1000)
    assert sum(reads) <= 1001 + 1000


# ---------------------------------------------------------------- item 10: terminal


def test_escape_sequences_from_a_draft_are_shown_escaped(
    tmp_path: Path, example_path: Path
) -> None:
    draft = write(
        tmp_path / "esc.communique",
        {**seed(example_path), "date": "\x1b]0;PIRATE\x07", "embargo": "\x1b[31m", "\x1b[2Jclé": 1},
    )
    for command in ("check", "export"):
        result = run(command, str(draft))
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\\x1b]0;PIRATE\\x07" in shown


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "a\x1b[2Jb.communique"))
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[2J" in result.stdout + result.stderr


# ---------------------------------------------------------------- item 11: small ones


def test_nan_is_not_read_so_never_written_back(tmp_path: Path, example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8").rstrip().removesuffix("}")
    for constant in ("NaN", "Infinity", "-Infinity", "1e999"):
        with pytest.raises(DraftError, match="JSON standard"):
            parse_draft(text + f', "x": {constant}}}')


def test_an_explicit_offset_at_the_repeated_hour_needs_no_warning() -> None:
    from datetime import datetime

    from desktop.core.checks import check

    def embargo_findings(value: str) -> list[str]:
        release = parse_draft(
            json.dumps(
                {
                    "format": "communique",
                    "version": 1,
                    "headline": "T",
                    "date": "2026-10-20",
                    "embargo": value,
                }
            )
        )
        moment = release.embargo
        assert moment is not None
        return [
            f.message
            for f in check(release, now=datetime(2026, 1, 1).astimezone())
            if f.field == "embargo"
        ]

    assert any("deux fois" in m for m in embargo_findings("2026-10-25T02:30"))
    assert embargo_findings("2026-10-25T02:30+01:00") == []
    assert embargo_findings("2026-10-25T02:30+02:00") == []


def test_stale_temporary_files_of_ours_are_removed_at_the_next_write(tmp_path: Path) -> None:
    from desktop.services import files

    old = time.time() - 2 * files.STALE_AFTER_S
    stale = tmp_path / ".out.pdf.abcd1234.tmp"
    fresh = tmp_path / ".out.pdf.efgh5678.tmp"  # perhaps another process writing now
    foreign = tmp_path / ".bashrc.tmp"  # not named as ours
    for path in (stale, fresh, foreign):
        path.write_bytes(b"%PDF complet")
    for path in (stale, foreign):
        os.utime(path, (old, old))
    files._swept.discard(tmp_path.absolute())
    files.atomic_write(tmp_path / "out.pdf", b"%PDF")
    assert not stale.exists()
    assert fresh.exists() and foreign.exists()


def test_a_read_only_register_can_be_listed(tmp_path: Path) -> None:
    path = paths.register_path()
    assert main(["contacts", "add", "--name", "Cabinet"]) == 0
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode
        != 0
    ):
        pytest.skip("no way to make a read-only file here (chattr)")
    try:
        subprocess.run(["chattr", "+i", str(path.parent)], check=True, capture_output=True)
        listed = run("register", "list")
        assert listed.returncode == 0, listed.stderr
        added = run("contacts", "add", "--name", "Autre")
        assert added.returncode == 1 and "lecture seule" in added.stderr
    finally:
        subprocess.run(["chattr", "-i", str(path.parent)], check=False)
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_bidirectional_overrides_cannot_print_a_field_backwards() -> None:
    from desktop.core.text import clean_text

    assert clean_text("a \u202eRTL « guillemets »\u202c b") == "a RTL « guillemets » b"
    assert clean_text("\u2067x\u2069 \u200fy") == "x \u200fy"  # a light mark stays
