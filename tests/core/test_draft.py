"""The draft file: reading, validation with located French messages, versions, atomic saves."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.core import draft as draft_module
from desktop.core.draft import (
    FORMAT_VERSION,
    DraftError,
    DraftFileError,
    dumps_draft,
    parse_draft,
    release_from_json,
)
from desktop.core.model import BulletList, Contact, Paragraph, Release, Run
from desktop.services.drafts import load_draft, save_draft


def minimal(**fields: object) -> dict[str, object]:
    return {"format": "communique", "version": 1, **fields}


def problems_of(data: object) -> list[str]:
    with pytest.raises(DraftError) as caught:
        release_from_json(data)
    return [p.placed for p in caught.value.problems]


def test_the_example_reads_as_the_seed_release(example_path: Path) -> None:
    release = load_draft(example_path)
    assert release.header == ("GOUVERNEMENT",)
    assert release.date == date(2020, 11, 3)
    assert release.number == 350
    assert release.place == "Paris"
    assert len(release.body) == 6
    assert release.contacts[1] == Contact(
        "Cabinet A. Pannier-Runacher", "01 53 18 44 38", "presse@industrie.gouv.fr"
    )


def test_missing_keys_take_their_defaults() -> None:
    release = release_from_json(minimal())
    assert release.kind == "Communiqué de presse"
    assert release.place == "Paris"
    assert release.number is None and release.date is None and release.embargo is None


def test_every_problem_is_reported_with_its_location() -> None:
    found = problems_of(
        minimal(
            headline=12,
            date="2020-02-30",
            number=0,
            embargo="demain",
            contacts=[{"name": "A", "email": ["x"]}, "B"],
            body=["ok", {"paragraph": [{"text": "x", "link": "javascript:alert(1)"}]}, 3],
        )
    )
    assert any(p.startswith("headline : texte attendu") for p in found)
    assert any(p.startswith("date : « 2020-02-30 » n’est pas une date valide") for p in found)
    assert any(p.startswith("number : ") for p in found)
    assert any(p.startswith("embargo : « demain »") for p in found)
    assert any(p.startswith("contacts[0].email : texte attendu") for p in found)
    assert any(p.startswith("contacts[1] : contact attendu") for p in found)
    assert any(p.startswith("body[1].paragraph[0].link : ") for p in found)
    assert any(p.startswith("body[2] : paragraphe attendu") for p in found)
    assert len(found) == 8


@pytest.mark.parametrize(
    "data, where",
    [
        ([], ""),
        ({"version": 1}, "format"),
        ({"format": "docx", "version": 1}, "format"),
        ({"format": "communique"}, "version"),
        ({"format": "communique", "version": "1"}, "version"),
        (minimal(header="GOUVERNEMENT"), "header"),
        (minimal(number=True), "number"),
        (minimal(body="un seul texte"), "body"),
    ],
)
def test_each_kind_of_bad_draft_is_refused(data: object, where: str) -> None:
    with pytest.raises(DraftError) as caught:
        release_from_json(data)
    assert str(caught.value.problems[0].location) == where


def test_a_newer_version_is_refused_with_a_message_that_says_so() -> None:
    found = problems_of(minimal(version=FORMAT_VERSION + 1))
    assert "version plus récente" in found[0]
    assert "Mettez Communiqué à jour" in found[0]


def test_an_older_version_is_upgraded_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate the next format, in which "headline" was renamed: a version-1 file must still load.
    def upgrade(data: dict[str, object]) -> dict[str, object]:
        data["title"] = data.pop("headline")
        return data

    monkeypatch.setattr(draft_module, "FORMAT_VERSION", FORMAT_VERSION + 1)
    monkeypatch.setitem(draft_module.UPGRADES, FORMAT_VERSION, upgrade)
    monkeypatch.setattr(draft_module, "KNOWN_KEYS", draft_module.KNOWN_KEYS | {"title"})
    seen: list[dict[str, object]] = []
    original = draft_module._Reader.release
    monkeypatch.setattr(
        draft_module._Reader, "release", lambda self: seen.append(dict(self.data)) or original(self)
    )
    release_from_json(minimal(headline="Titre"))
    assert seen[0]["title"] == "Titre" and "headline" not in seen[0]


def test_not_json_and_not_utf8_say_so_in_french() -> None:
    with pytest.raises(DraftError, match="JSON invalide à la ligne 1"):
        parse_draft(b"{oops")
    with pytest.raises(DraftError, match="n’est pas un texte UTF-8"):
        parse_draft(b"\xff\xfe{}")


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(DraftFileError, match="introuvable"):
        load_draft(tmp_path / "absent.communique")


def test_round_trip_keeps_every_field_and_unknown_keys(tmp_path: Path) -> None:
    release = release_from_json(
        minimal(
            header=["MINISTÈRE", "DE LA CULTURE"],
            headline="Titre « x »",
            date="2021-04-01",
            number=7,
            embargo="2021-03-28T10:30",
            ministries=["Ministère de la Culture"],
            body=[
                "Un.",
                {
                    "paragraph": [
                        "a ",
                        {"text": "gras", "bold": True},
                        {"text": "lien", "link": "https://www.gouvernement.fr"},
                    ]
                },
                {"list": ["premier", [{"text": "second", "italic": True}]]},
            ],
            contacts=[{"name": "N", "phone": "01 02 03 04 05", "email": "a@b.fr"}],
            future_key={"kept": True},
        )
    )
    path = tmp_path / "r.communique"
    save_draft(release, path)
    again = load_draft(path)
    assert again == release
    assert again.extra == {"future_key": {"kept": True}}
    assert again.body[2] == BulletList(((Run("premier"),), (Run("second", italic=True),)))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["embargo"] == "2021-03-28T10:30"
    assert saved["body"][0] == "Un."
    assert saved["version"] == FORMAT_VERSION


def test_embargo_without_offset_is_paris_time() -> None:
    release = release_from_json(minimal(embargo="2020-11-05T10:00"))
    assert release.embargo is not None
    assert release.embargo.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    with_offset = release_from_json(minimal(embargo="2020-11-05T10:00+00:00"))
    assert with_offset.embargo == datetime.fromisoformat("2020-11-05T11:00+01:00")


def test_control_characters_are_cleaned_at_the_boundary() -> None:
    release = release_from_json(
        minimal(
            headline="Titre\x0bsur\x00 deux\tlignes",
            body=["ligne\x0bsuivante\x07", {"paragraph": [{"text": "a\x1fb", "bold": True}]}],
            contacts=[{"name": "Nom\x0c", "phone": "", "email": " a@b.fr\x01 "}],
        )
    )
    assert release.headline == "Titre sur deux lignes"
    assert release.body[0] == Paragraph((Run("ligne\nsuivante"),))
    assert release.body[1] == Paragraph((Run("ab", bold=True),))
    assert release.contacts[0] == Contact("Nom ", "", "a@b.fr")


@pytest.mark.logs_warnings
def test_save_is_atomic_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.communique"
    save_draft(Release(headline="Première version"), path)
    before = path.read_bytes()

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        save_draft(Release(headline="Seconde version"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.communique"]


@pytest.mark.logs_warnings
def test_save_into_a_missing_folder_raises_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "absent" / "r.communique"
    with pytest.raises(FileNotFoundError) as caught:
        save_draft(Release(), target)
    assert caught.value.filename == str(target)


def test_dumps_is_readable_json_in_utf8() -> None:
    text = dumps_draft(Release(headline="Égalité"))
    assert "Égalité" in text and text.endswith("\n")


def test_an_embargo_at_the_edge_of_time_is_refused_not_a_crash() -> None:
    found = problems_of(minimal(embargo="9999-12-31T23:59:59-12:00"))
    assert found == ["embargo : « 9999-12-31T23:59:59-12:00 » est hors des dates possibles."]
