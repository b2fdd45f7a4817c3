"""Corrections (on SQLite and on PostgreSQL): ``correct 350`` makes a rectificatif that, once
numbered, is linked both ways in the register; exporting 350 again warns that it was replaced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import load_draft, save_draft
from desktop.store.register import Register

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL


def test_correct_350_gives_a_numbered_rectificatif_linked_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "annonce.communique"
    save_draft(
        Release(
            headline="Une annonce",
            date=date(2020, 11, 3),
            body=(plain_paragraph("Le texte d’origine."),),
        ),
        original,
    )
    with Register.open() as reg:
        reg.set_next(350)
    assert main(["issue", "--start", "1", str(original)]) == 0
    capsys.readouterr()

    assert main(["correct", "350"]) == 0
    corrected = tmp_path / "annonce-rectificatif.communique"
    assert str(corrected) in capsys.readouterr().out
    draft = load_draft(corrected)
    assert draft.kind == "Rectificatif" and draft.number is None
    assert draft.body[0].text == (
        "Ce communiqué annule et remplace le communiqué N°350 du 3\u00a0novembre 2020."
    )
    assert draft.body[1].text == "Le texte d’origine."

    assert main(["issue", "--start", "1", str(corrected)]) == 0
    assert capsys.readouterr().out.strip() == "N°351"
    with Register.open() as reg:
        first, second = reg.entries()
        assert second.replaces == first.id
        assert reg.replaced_by(first.id) == second
    assert main(["register", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].endswith("(remplacé par le N°351)")
    assert listing[1].endswith("(remplace le N°350)")

    assert main(["export", str(original), "--pdf", str(tmp_path / "350.pdf")]) == 0
    err = capsys.readouterr().err
    assert "le N°350 a été annulé et remplacé par le rectificatif N°351" in err
    assert main(["correct", "350", "--output", str(tmp_path / "encore.communique")]) == 2
    assert "déjà été remplacé par le N°351" in capsys.readouterr().err


def test_correcting_a_number_never_given_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "12"]) == 2
    assert "n’a pas été attribué" in capsys.readouterr().err


def test_the_correction_name_stays_a_valid_name_for_a_long_or_windows_hostile_draft_name(
    tmp_path: Path,
) -> None:
    from types import SimpleNamespace

    from desktop.core.filenames import MAX_NAME_BYTES, is_portable_name
    from desktop.usecases.corrections import default_output

    long = tmp_path / ("é" * 120 + ".communique")  # 251 bytes: « -rectificatif » would overflow
    name = default_output(SimpleNamespace(draft_path=str(long))).name  # type: ignore[arg-type]
    assert name.endswith("-rectificatif.communique") is False and name.endswith(".communique")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES and is_portable_name(name)
    odd = tmp_path / "CP : bilan.communique"
    assert default_output(SimpleNamespace(draft_path=str(odd))).name == (  # type: ignore[arg-type]
        "CP bilan-rectificatif.communique"
    )
