"""The register against hostile use: display formats that would make two numbers look alike,
policy switches, symbolic links, concurrent issues of one draft (issue 10, items 6, 7, 12)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release
from desktop.services.drafts import load_draft, save_draft
from desktop.store.register import Register, issue_draft

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL

ROOT = Path(__file__).resolve().parents[1]


def make_draft(folder: Path, name: str, day: date = date(2026, 11, 3)) -> Path:
    path = folder / f"{name}.communique"
    save_draft(Release(headline=f"Titre {name}", date=day), path)
    return path


# ---------------------------------------------------------------- item 6: formats


@pytest.mark.parametrize(
    "fmt",
    [
        "{n:.1e}",
        "{n:g}",
        "{n:e}",
        "{n:c}",
        "{n:x}",
        "{n:o}",
        "{n:b}",
        "{n:%}",
        "{n:1>5}",
        "{year}{n}",
        "{year:.1e}/{n}",
    ],
)
def test_a_format_that_does_not_print_the_number_in_full_is_refused(fmt: str) -> None:
    from desktop.store.register import format_problem

    reason = format_problem(fmt)
    assert reason is not None and "Format" in reason
    assert "\x01" not in reason  # {n:c} shows what it would print, escaped


@pytest.mark.parametrize(
    "fmt", ["N°{n}", "CP n° {year}-{n:03d}", "{n:,}", "N° {n:04d}", "{year}/{n}", "n°{n:>4}"]
)
def test_formats_that_print_the_number_in_full_are_accepted(fmt: str) -> None:
    from desktop.store.register import format_problem

    assert format_problem(fmt) is None


def test_the_command_line_refuses_a_lossy_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register", "policy", "--format", "{n:.1e}"]) == 2
    assert "en entier" in capsys.readouterr().err
    with Register.open() as reg:
        assert reg.policy().format == "N°{n}"


def test_switching_to_yearly_does_not_give_n1_again_in_the_same_year(tmp_path: Path) -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with Register.open(clock=lambda: now) as reg:
        continuous = [issue_draft(make_draft(tmp_path, f"c{i}"), register=reg) for i in range(3)]
        reg.set_policy(yearly=True)
        yearly = issue_draft(make_draft(tmp_path, "y"), register=reg)
        next_year = issue_draft(make_draft(tmp_path, "z", day=date(2027, 1, 5)), register=reg)
    labels = [o.entry.label for o in continuous]
    assert labels == ["N°1", "N°2", "N°3"]
    assert yearly.entry.label == "N°4"  # not N°1 again in 2026
    assert next_year.entry.number == 1  # a new year starts again


def test_switching_back_to_continuous_does_not_repeat_a_number(tmp_path: Path) -> None:
    with Register.open() as reg:
        reg.set_policy(yearly=True)
        first = issue_draft(make_draft(tmp_path, "a"), register=reg)
        reg.set_policy(yearly=False)
        second = issue_draft(make_draft(tmp_path, "b"), register=reg)
        assert (first.entry.number, second.entry.number) == (1, 2)
        assert reg.cancel(2, year=2026).label == "N°2"  # the two entries are told apart


def test_set_next_after_a_switch_names_the_number_already_given(tmp_path: Path) -> None:
    from desktop.store.database import RegisterRefused

    with Register.open() as reg:
        for name in "ab":
            issue_draft(make_draft(tmp_path, name), register=reg)
        reg.set_policy(yearly=True)
        with pytest.raises(RegisterRefused, match="N°2"):
            reg.set_next(2, year=2026)


def test_spaces_around_a_series_name_are_trimmed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path, "a")
    assert main(["issue", "--start", "1", str(draft), "--series", " CP "]) == 0
    assert main(["register", "list", "--series", "CP  "]) == 0
    assert "N°1" in capsys.readouterr().out


# ---------------------------------------------------------------- item 7: symbolic links


def test_issuing_through_a_symlink_numbers_the_real_draft_once(tmp_path: Path) -> None:
    real = make_draft(tmp_path, "vrai")
    link = tmp_path / "lien.communique"
    link.symlink_to(real)
    with Register.open() as reg:
        first = issue_draft(link, register=reg)
        assert link.is_symlink()  # the link is still a link
        assert load_draft(real).number == first.entry.number
        again = issue_draft(real, register=reg)  # the real file: same number
        assert again.reused and again.entry.id == first.entry.id
        assert len(reg.entries()) == 1
        assert reg.entries()[0].draft_path == str(real.resolve())


# ---------------------------------------------------------------- item 12: concurrency

_ISSUE = """
import sys
from pathlib import Path
from desktop.services import portable
from desktop.store.register import issue_draft

portable.WINDOWS = sys.argv[2] == "windows"  # the Windows branch (a lock file), run here
print(issue_draft(Path(sys.argv[1])).entry.label)
"""


@pytest.mark.slow
@pytest.mark.parametrize("system", ["posix", "windows"])
def test_concurrent_issues_of_one_draft_return_the_same_number(tmp_path: Path, system: str) -> None:
    draft = make_draft(tmp_path, "partage")
    with Register.open():
        pass  # created once, so the processes race on the draft, not on creating the file
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _ISSUE, str(draft), system],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), [err for _, err in outputs]
    assert {out.strip() for out, _ in outputs} == {"N°1"}
    with Register.open() as reg:
        entries = reg.entries()
    assert [(e.number, e.state) for e in entries] == [(1, "issued")]
    assert load_draft(draft).number == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partage.communique"]  # no lock left


def test_two_entries_of_one_number_in_one_year_are_told_apart_by_their_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A register from before the fix may hold N°1 twice in 2026 (continuous, then yearly)."""
    first = make_draft(tmp_path, "premier")
    with Register.open() as reg:
        issue_draft(first, register=reg)
        reg.db.write(
            lambda conn: conn.execute(
                "INSERT INTO entries (id, series, period, number, year, label, headline, "
                "release_date, draft_path, draft_sha256, issued_at, issued_by, "
                "draft_written) VALUES ('x', 'CP', 2026, 1, 2026, 'N°1', 'Second', "
                "'2026-11-04', ?, '', '2026-11-04T10:00:00+00:00', 'moi', 1)",
                (str(tmp_path / "second.communique"),),
            )
        )
    assert main(["register", "cancel", "1", "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert "premier.communique" in err and "second.communique" in err and "--draft" in err
    assert main(["register", "cancel", "1", "--year", "2026", "--draft", "second.communique"]) == 0
    with Register.open() as reg:
        states = {Path(e.draft_path).name: e.state for e in reg.entries()}
    assert states == {"premier.communique": "issued", "second.communique": "cancelled"}


def test_a_file_system_without_locks_still_issues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    draft = make_draft(tmp_path, "nfs")
    assert issue_draft(draft).entry.label == "N°1"
    assert load_draft(draft).number == 1


def test_a_hard_linked_draft_is_refused_before_a_number_is_taken(tmp_path: Path) -> None:
    import os

    from desktop.store.database import RegisterRefused

    draft = make_draft(tmp_path, "original")
    other = tmp_path / "autre-nom.communique"
    os.link(draft, other)
    before = draft.read_bytes()
    with Register.open() as reg:
        with pytest.raises(RegisterRefused, match="liens physiques"):
            issue_draft(other, register=reg)
        assert reg.entries() == []  # no number taken
    assert draft.read_bytes() == before and other.samefile(draft)


def test_a_register_export_nested_too_deep_is_refused_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``register import`` of a JSON nested 200,000 deep ended in a RecursionError traceback."""
    deep = tmp_path / "profond.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "neuf.sqlite"))
    assert main(["register", "import", str(deep)]) == 2
    err = capsys.readouterr().err
    assert "JSON illisible" in err and "Traceback" not in err
