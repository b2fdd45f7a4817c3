"""``communique dictionary`` and the spelling findings of ``communique check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import spelling


@pytest.fixture
def engine() -> None:
    try:
        spelling.shared_speller()
    except spelling.SpellingUnavailable as exc:
        pytest.skip(f"the spelling engine cannot be loaded here: {exc}")


def draft_with(tmp_path: Path, example_path: Path, **fields: object) -> Path:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data.update(fields)
    path = tmp_path / "x.communique"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def spelling_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "mot inconnu" in line]


def test_four_typos_each_with_the_intended_word(
    engine: None, tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = draft_with(
        tmp_path,
        example_path,
        headline="Le minsitre a anoncé un plan",
        body=["Un acompagnement pour le développemment du territoire."],
    )
    assert main(["check", str(draft)]) == 1
    assert spelling_lines(capsys.readouterr().out) == [
        "avertissement headline : «\u00a0minsitre\u00a0»\u00a0: mot inconnu "
        "(suggestions\u00a0: ministre, ministère)",
        "avertissement headline : «\u00a0anoncé\u00a0»\u00a0: mot inconnu "
        "(suggestions\u00a0: annoncé, énoncé, noncé)",
        "avertissement body[0] : «\u00a0acompagnement\u00a0»\u00a0: mot inconnu "
        "(suggestion\u00a0: accompagnement)",
        "avertissement body[0] : «\u00a0développemment\u00a0»\u00a0: mot inconnu "
        "(suggestion\u00a0: développement)",
    ]
    assert main(["check", "--no-spelling", str(draft)]) == 1
    assert spelling_lines(capsys.readouterr().out) == []
    # Spelling never refuses an export.
    assert main(["export", str(draft), "--docx", str(tmp_path / "x.docx")]) == 0


def test_the_seed_release_has_no_spelling_finding(
    engine: None, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(example_path)])
    assert spelling_lines(capsys.readouterr().out) == []


def test_a_header_typo_is_said_once(engine: None, capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).resolve().parent / "data" / "seed-as-typed.communique"
    main(["check", str(data)])
    out = capsys.readouterr().out
    assert out.count("GOVERNEMENT") == 1


def test_an_office_word_is_accepted_for_every_user_of_the_register(
    engine: None, tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = draft_with(tmp_path, example_path, headline="Mme Zorglub et M. Pannier-Runacer")
    main(["check", str(draft)])
    assert spelling_lines(capsys.readouterr().out) == []  # unknown names: not flagged
    assert main(["dictionary", "add", "Zorglub", "Pannier-Runacher"]) == 0
    main(["check", str(draft)])
    assert spelling_lines(capsys.readouterr().out) == [
        "avertissement headline : «\u00a0Pannier-Runacer\u00a0»\u00a0: mot inconnu "
        "(suggestion\u00a0: Pannier-Runacher)"
    ]


def test_list_add_remove_import_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dictionary", "list"]) == 0
    assert "vide" in capsys.readouterr().err
    assert main(["dictionary", "add", "Gourault", "ANCT"]) == 0
    assert main(["dictionary", "add", "gourault"]) == 0
    assert "y était déjà" in capsys.readouterr().out
    assert main(["dictionary", "add", "deux mots"]) == 2
    assert "n’est pas un mot" in capsys.readouterr().err
    words = tmp_path / "mots.txt"
    words.write_text("# noms\nBridgestone\n\nBéthune-Bruay\nANCT\n", encoding="utf-8")
    assert main(["dictionary", "import", str(words)]) == 0
    assert "2 mots importés, 1 déjà présent" in capsys.readouterr().out
    assert main(["dictionary", "remove", "anct"]) == 0
    assert main(["dictionary", "remove", "anct"]) == 2
    out = tmp_path / "export.txt"
    assert main(["dictionary", "export", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "Béthune-Bruay\nBridgestone\nGourault\n"
    capsys.readouterr()
    assert main(["dictionary", "list"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
        "Béthune-Bruay",
        "Bridgestone",
        "Gourault",
    ]


@pytest.mark.logs_warnings
def test_bad_files_are_said_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dictionary", "import", str(tmp_path / "absent.txt")]) == 1
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Béthune\n".encode("latin-1"))
    assert main(["dictionary", "import", str(latin)]) == 2
    assert main(["dictionary", "export", str(tmp_path / "no" / "dir" / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("erreur") == 3


def test_without_the_engine_check_says_so_and_goes_on(
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def unavailable() -> spelling.Speller:
        raise spelling.SpellingUnavailable(spelling.UNAVAILABLE_NO_LIBRARY)

    monkeypatch.setattr(spelling, "shared_speller", unavailable)
    draft = draft_with(tmp_path, example_path, headline="Le minsitre")
    assert main(["check", str(draft)]) == 1
    captured = capsys.readouterr()
    assert "remarque : Vérification orthographique indisponible" in captured.err
    assert spelling_lines(captured.out) == []
