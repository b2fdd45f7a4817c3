"""``communique export --odt --html --txt``: the three new formats, guarded like the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from tests.render.conftest import squash
from tests.render.formats import html_text, odt_text
from tests.render.test_reading_order import assert_in_order


def test_export_writes_all_three(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a"
    assert (
        main(
            [
                "export",
                str(example_path),
                "--odt",
                f"{a}.odt",
                "--html",
                f"{a}.html",
                "--txt",
                f"{a}.txt",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.odt", "a.txt"]
    for name in ("a.odt", "a.html", "a.txt"):
        assert str(tmp_path / name) in out
    parts = [
        "GOUVERNEMENT",
        "Communiqué de presse",
        "Jacqueline Gourault",
        "Paris, le 3 novembre 2020",
        "N°350",
        "Le Territoire d’industrie",
        "Par ailleurs",
        "Cabinet J. Gourault",
        "Cabinet A. Pannier-Runacher",
    ]
    assert_in_order(odt_text((tmp_path / "a.odt").read_bytes()), parts)
    assert_in_order(html_text((tmp_path / "a.html").read_bytes()), parts)
    assert_in_order(squash((tmp_path / "a.txt").read_text(encoding="utf-8")), parts)


@pytest.mark.parametrize(
    ("option", "name"), [("--odt", "a.docx"), ("--html", "a.htm.txt"), ("--txt", "a.md")]
)
def test_a_wrong_suffix_is_refused_and_nothing_written(
    option: str, name: str, tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "export",
                str(example_path),
                option,
                str(tmp_path / name),
                "--pdf",
                str(tmp_path / "a.pdf"),
            ]
        )
        == 2
    )
    assert "doit se terminer par" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_draft_itself_is_never_an_output(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.html"
    shutil.copy(example_path, draft)
    before = draft.read_bytes()
    assert main(["export", str(draft), "--html", str(draft)]) == 2
    assert "le brouillon lu" in capsys.readouterr().err
    assert draft.read_bytes() == before


def test_two_formats_to_one_file_are_refused(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "a.txt")
    assert main(["export", str(example_path), "--txt", target, "--html", target]) == 2
    assert "même fichier" in capsys.readouterr().err


def test_new_formats_need_a_single_draft(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", str(example_path), str(example_path), "--txt", str(tmp_path / "a.txt")])
        == 2
    )
    assert "un seul brouillon" in capsys.readouterr().err


@pytest.mark.logs_warnings
def test_a_failed_write_leaves_no_file(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "export",
                str(example_path),
                "--txt",
                str(tmp_path / "a.txt"),
                "--odt",
                str(tmp_path / "missing" / "a.odt"),
            ]
        )
        == 1
    )
    assert "Traceback" not in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
