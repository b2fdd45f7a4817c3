"""A release's identity in sign-off (on SQLite and on PostgreSQL): a copy of a draft on disk,
submitted, becomes a release of its own and leaves the original as it was; a moved draft stays
the same release; a copy cannot be approved in the original's name; a rectificatif is a release
of its own."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import load_draft, save_draft
from desktop.store.register import Register
from desktop.store.signoff import status, versions
from tests.store.legacy import allow_rewriting_versions

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL


def approved_draft(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, numbered_at: int | None = None
) -> Path:
    """Last week's release: written, numbered if asked, submitted by one person, approved by
    another."""
    path = folder / "semaine-derniere.communique"
    save_draft(
        Release(
            headline="Le plan vélo",
            date=date(2026, 11, 3),
            body=(plain_paragraph("Le ministre annonce un plan vélo."),),
        ),
        path,
    )
    if numbered_at is not None:
        with Register.open() as reg:
            reg.set_next(numbered_at)
        assert main(["issue", "--start", "1", str(path)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(path)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert main(["approve", str(path)]) == 0
    return path


def state_of(path: Path) -> str:
    with Register.open() as reg:
        return status(reg, load_draft(path)).state


def edited(path: Path, headline: str) -> None:
    save_draft(replace(load_draft(path), headline=headline), path)


def test_submitting_an_edited_copy_of_last_weeks_release_leaves_it_approved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = approved_draft(tmp_path, monkeypatch)
    copy = tmp_path / "cette-semaine.communique"
    shutil.copyfile(original, copy)
    edited(copy, "Le plan vélo, deuxième étape")
    capsys.readouterr()

    assert main(["submit", str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"«\u00a0{copy}\u00a0» est une copie de «\u00a0{original.resolve()}\u00a0»" in out
    assert "soumis à validation (version 1)" in out
    assert state_of(original) == "validé"
    assert state_of(copy) == "soumis"
    assert load_draft(copy).identity not in (None, load_draft(original).identity)
    with Register.open() as reg:
        assert [v.event for v in versions(reg, load_draft(original))] == ["submitted", "approved"]
    assert main(["status", str(original)]) == 0
    assert "État : validé" in capsys.readouterr().out


def test_an_unchanged_copy_submitted_is_a_release_of_its_own_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = approved_draft(tmp_path, monkeypatch)
    copy = tmp_path / "copie.communique"
    shutil.copyfile(original, copy)
    assert main(["submit", str(copy)]) == 0
    assert state_of(copy) == "soumis"
    assert state_of(original) == "validé"


def test_a_copy_cannot_be_approved_in_the_originals_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "soumis.communique"
    save_draft(Release(headline="Soumis", body=(plain_paragraph("Texte."),)), path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(path)]) == 0
    copy = tmp_path / "copie.communique"
    shutil.copyfile(path, copy)
    capsys.readouterr()
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert main(["approve", str(copy)]) == 2
    assert "est une copie de" in capsys.readouterr().err
    assert state_of(path) == "soumis"
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert main(["approve", str(path)]) == 0
    assert state_of(path) == "validé"


def test_a_moved_draft_stays_the_same_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = approved_draft(tmp_path, monkeypatch)
    identity = load_draft(original).identity
    archive = tmp_path / "archives"
    archive.mkdir()
    moved = archive / "plan-velo.communique"
    original.rename(moved)
    assert state_of(moved) == "validé"
    edited(moved, "Le plan vélo (corrigé)")
    assert main(["submit", str(moved)]) == 0
    assert load_draft(moved).identity == identity
    with Register.open() as reg:
        found = versions(reg, load_draft(moved))
    assert [v.event for v in found] == ["submitted", "approved", "submitted"]
    assert found[-1].draft_path == str(moved.resolve())


def test_once_the_original_holds_another_identity_the_copy_is_the_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The original was itself saved as a new release: its former identity goes to the copy."""
    original = approved_draft(tmp_path, monkeypatch)
    identity = load_draft(original).identity
    copy = tmp_path / "copie.communique"
    shutil.copyfile(original, copy)
    save_draft(
        replace(load_draft(original), identity="00000000-0000-4000-8000-000000000001"), original
    )
    edited(copy, "Le plan vélo, suite")
    assert main(["submit", str(copy)]) == 0
    assert load_draft(copy).identity == identity


def test_a_copy_of_a_release_submitted_before_paths_were_kept_is_told_by_its_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions recorded before the register kept their file: the numbered draft's file (the
    register's entry) says which file the release is."""
    original = approved_draft(tmp_path, monkeypatch, numbered_at=350)
    with Register.open() as reg:
        allow_rewriting_versions(reg)
        reg.db.write(lambda c: c.execute("UPDATE release_versions SET draft_path = ''"))
    copy = tmp_path / "copie.communique"
    shutil.copyfile(original, copy)
    edited(copy, "Le plan vélo, suite")
    assert main(["submit", str(copy)]) == 0
    assert state_of(original) == "validé"
    assert load_draft(copy).identity != load_draft(original).identity


def test_a_rectificatif_is_a_release_of_its_own_that_names_what_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = approved_draft(tmp_path, monkeypatch, numbered_at=350)
    assert main(["correct", "350"]) == 0
    corrected = load_draft(tmp_path / "semaine-derniere-rectificatif.communique")
    assert corrected.identity is not None
    assert corrected.identity != load_draft(original).identity
    assert corrected.replaces is not None
    assert corrected.replaces.label == "N°350"
    assert corrected.replaces.date == date(2026, 11, 3)
    with Register.open() as reg:
        assert corrected.replaces.register == reg.id
        assert corrected.replaces.entry == reg.entries()[0].id
        assert status(reg, corrected).state == "brouillon"
    assert state_of(original) == "validé"


def test_a_copy_of_a_numbered_release_submitted_on_its_own_loses_the_originals_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Otherwise two releases print one number, and the copy takes the original's page in the
    press room."""
    original = approved_draft(tmp_path, monkeypatch, numbered_at=412)
    assert load_draft(original).number == 412
    copy = tmp_path / "cette-semaine.communique"
    shutil.copyfile(original, copy)
    edited(copy, "Un tout autre communiqué")
    capsys.readouterr()
    assert main(["submit", str(copy)]) == 0
    assert "sans le numéro de l’original" in capsys.readouterr().out
    copied = load_draft(copy)
    assert (copied.number, copied.numbering) == (None, None)
    assert load_draft(original).number == 412
    assert state_of(original) == "validé"


def test_save_as_makes_a_release_without_the_originals_number_or_sends() -> None:
    from desktop.core.model import Numbering, as_new_release

    numbered = Release(
        headline="Le plan vélo",
        number=412,
        numbering=Numbering(register="r", entry="e", series="CP", year=2026, label="N°412"),
        identity="0b7d4c9e-7a55-4a53-9d6f-1f8b3c2a9e10",
    )
    made = as_new_release(numbered)
    assert (made.number, made.numbering, made.sends) == (None, None, ())
    assert made.identity not in (None, numbered.identity)
    assert made.headline == numbered.headline


def test_a_copy_of_a_numbered_draft_never_submitted_loses_the_number_when_submitted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its first submit a draft has no identity: the register's entry names its file."""
    original = tmp_path / "original.communique"
    save_draft(Release(headline="Le plan vélo", date=date(2026, 11, 3)), original)
    with Register.open() as reg:
        reg.set_next(2)
    assert main(["issue", "--start", "1", str(original)]) == 0
    copy = tmp_path / "copie.communique"
    shutil.copyfile(original, copy)
    edited(copy, "Un autre communiqué")
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(copy)]) == 0
    assert (load_draft(copy).number, load_draft(copy).numbering) == (None, None)
    assert load_draft(original).number == 2
    assert main(["submit", str(original)]) == 0
    assert load_draft(original).number == 2
