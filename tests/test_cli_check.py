"""``communique check`` and the checks' effect on ``communique export``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main

DATA = Path(__file__).resolve().parent / "data"


def test_seed_as_first_typed_reports_both_typos_with_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(DATA / "seed-as-typed.communique")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "avertissement headline : mot répété\u00a0: «\u00a0Gourault GOURAULT\u00a0»." in out
    assert any(
        line.startswith("avertissement header[0] : «\u00a0GOVERNEMENT\u00a0»") for line in out
    )
    assert all(line.startswith(("erreur ", "avertissement ")) for line in out)


def test_an_empty_headline_exits_2(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["headline"] = ""
    draft = tmp_path / "x.communique"
    draft.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    assert "erreur headline : le titre est vide." in capsys.readouterr().out


def test_nothing_to_say_exits_0(
    tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["headline"] = "Un titre court"
    draft = tmp_path / "x.communique"
    draft.write_text(json.dumps(data), encoding="utf-8")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    # A stand-in file named like Marianne: the check only asks whether the font is installed.
    shutil.copy(
        Path(__file__).resolve().parents[1] / "resources" / "fonts" / "LiberationSans-Regular.ttf",
        fonts / "Marianne-Regular.ttf",
    )
    assert main(["check", str(draft), "--font-dir", str(fonts)]) == 0


def test_export_refuses_errors_and_writes_nothing(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["contacts"][0]["email"] = "pas-une-adresse"
    draft = tmp_path / "x.communique"
    draft.write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "erreur contacts[0].email" in err and "export refusé" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.communique"]


def test_export_prints_warnings_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "typed.communique"
    shutil.copy(DATA / "seed-as-typed.communique", draft)
    assert main(["export", str(draft)]) == 0
    assert "avertissement header[0]" in capsys.readouterr().err
    assert (tmp_path / "typed.pdf").exists()


def test_a_missing_draft_is_an_error_not_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "absent.communique")]) == 2
    assert "erreur brouillon" in capsys.readouterr().out


def test_check_flags_no_word_inside_an_address(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("enchant", reason="the spelling engine (Enchant) is not installed")
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["body"].append(
        "Informations : mailto:presse@interieur.gouv.fr, interieur.gouv.fr/Espace-presse/"
        "Comuniques, https://www.interieur.gouv.fr/Actualites/Comuniques et "
        "prenom.nom-minsitre@exémple.fr ; une fôte."
    )
    draft = tmp_path / "x.communique"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    main(["check", str(draft)])
    spelling = [line for line in capsys.readouterr().out.splitlines() if "mot inconnu" in line]
    assert len(spelling) == 1 and "«\u00a0fôte\u00a0»" in spelling[0], spelling  # prose still is
