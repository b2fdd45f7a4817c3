"""The draft file: reading, validation with located French messages, versions, atomic saves."""

from __future__ import annotations

import ast
import copy
import json
import os
import pickle
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import draft as draft_module
from desktop.core.draft import (
    FORMAT_VERSION,
    DraftError,
    DraftFileError,
    dumps_draft,
    parse_draft,
    release_from_json,
)
from desktop.core.model import (
    BulletList,
    Contact,
    Paragraph,
    Release,
    Replacement,
    Run,
    SendRecord,
    as_new_release,
)
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


# ---------------------------------------------------------------- typed fields (format 2)

FORMAT_1 = Path(__file__).parents[1] / "data" / "drafts"
IDENTITY = "5d0e7a3c-1b2f-4e4d-9c8b-7a6f5e4d3c2b"


def test_a_format_1_draft_opens_with_its_identity_replacement_and_sends_typed(
    tmp_path: Path,
) -> None:
    release = load_draft(FORMAT_1 / "format-1-rectificatif-submitted-sent.communique")
    assert release.identity == IDENTITY
    assert release.replaces == Replacement(
        register="7f9c1d52-3a4b-4c5d-8e6f-0a1b2c3d4e5f",
        entry="0b1c2d3e-4f50-4617-8283-949596979899",
        label="N°350",
    )
    assert release.sends == (
        SendRecord(
            at=datetime(2026, 11, 21, 10, 5, 12, tzinfo=UTC),
            send="c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b",
            recipients=42,
            pdf_sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ),
    )
    assert release.extra == {}
    path = tmp_path / "r.communique"
    save_draft(release, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    before = json.loads(
        (FORMAT_1 / "format-1-rectificatif-submitted-sent.communique").read_text(encoding="utf-8")
    )
    assert saved == {**before, "version": FORMAT_VERSION}  # the same keys, now checked
    assert load_draft(path) == release


def test_what_format_1_let_through_and_format_2_refuses_is_dropped_on_upgrade() -> None:
    release = release_from_json(
        minimal(
            release_id="pas-un-uuid",
            replaces={"entry": 3, "label": "N°350"},
            sent=[
                {"at": "demain"},
                "envoyé",
                {"at": "2026-11-21T10:05:12", "recipients": True, "pdf_sha256": "X", "note": 1},
                {
                    "at": "2026-11-22T09:00:00+01:00",
                    "send": "{C3D4E5F6-0718-4293-A4B5-C6D7E8F90A1B}",
                },
            ],
        )
    )
    assert release.identity is None  # the next submit gives it one
    assert release.replaces is None
    assert release.sends == (
        SendRecord(at=datetime(2026, 11, 21, 10, 5, 12, tzinfo=UTC)),
        SendRecord(
            at=datetime.fromisoformat("2026-11-22T09:00:00+01:00"),
            send="c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b",
        ),
    )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
SEND_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "at": st.sampled_from(["2026-11-21T10:05:12+00:00", "2026-11-21T10:05", "x", ""]) | JSON,
        "send": st.just("c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b") | JSON,
        "recipients": JSON,
        "pdf_sha256": JSON,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    identity=JSON | st.just(IDENTITY),
    replaces=JSON
    | st.fixed_dictionaries(
        {},
        optional={
            "register": st.just(IDENTITY) | JSON,
            "entry": st.just(IDENTITY) | JSON,
            "label": JSON,
        },
    ),
    sent=JSON | st.lists(SEND_LIKE | JSON, max_size=4),
)
def test_every_draft_format_1_opened_still_opens(
    identity: object, replaces: object, sent: object
) -> None:
    release_from_json(minimal(release_id=identity, replaces=replaces, sent=sent))


def test_format_2_refuses_a_bad_identity_replacement_or_send_at_its_place() -> None:
    found = problems_of(
        minimal(
            version=2,
            release_id=12,
            replaces={"register": "registre", "entry": IDENTITY, "motif": "x"},
            sent=[{"at": "2026-11-21T10:05:12", "recipients": -1}, "x"],
        )
    )
    assert found == [
        "release_id : identifiant du communiqué attendu\u00a0: un UUID "
        "(8-4-4-4-12 chiffres hexadécimaux), trouvé un nombre.",
        "replaces : clé inconnue : motif.",
        "replaces.register : identifiant du registre attendu\u00a0: un UUID "
        "(8-4-4-4-12 chiffres hexadécimaux), trouvé «\u00a0registre\u00a0».",
        "sent[0].at : «\u00a02026-11-21T10:05:12\u00a0»\u00a0: date et heure avec décalage "
        "horaire attendues (AAAA-MM-JJTHH:MM:SS+00:00).",
        "sent[0].recipients : nombre de destinataires attendu (entier positif ou nul).",
        'sent[1] : envoi attendu\u00a0: { "at": …, "send": …, "recipients": …, "pdf_sha256": … }.',
    ]


def test_unknown_keys_are_kept_read_only_and_a_change_of_them_is_a_change() -> None:
    release = release_from_json(minimal(version=2, outil={"dossier": "A-12"}))
    assert release.extra == {"outil": {"dossier": "A-12"}}
    with pytest.raises(TypeError):
        release.extra["sent"] = []  # type: ignore[index]
    assert release != replace(release, extra={})
    assert Release(extra={"a": 1}) == Release(extra={"a": 1})


def test_a_release_with_every_field_goes_to_a_worker_process_and_back() -> None:
    release = load_draft(FORMAT_1 / "format-1-rectificatif-submitted-sent.communique")
    release = replace(release, extra={"outil": {"dossier": "A-12"}})
    assert pickle.loads(pickle.dumps(release)) == release
    assert copy.deepcopy(release) == release
    assert hash(release) == hash(copy.deepcopy(release))


def test_a_release_made_from_another_has_its_own_identity_and_no_sends() -> None:
    release = load_draft(FORMAT_1 / "format-1-rectificatif-submitted-sent.communique")
    made = as_new_release(release)
    assert made.identity is not None and made.identity != release.identity
    assert made.sends == ()
    assert made.replaces == release.replaces  # the line above the body still says it
    assert replace(made, identity=release.identity, sends=release.sends) == release
    assert as_new_release(made).identity != made.identity


def test_no_feature_of_the_program_rides_in_extra() -> None:
    """``Release.extra`` is for keys of other tools: only the draft format and the model touch
    it (``release.extra``, ``replace(release, extra=…)``)."""
    root = Path(__file__).resolve().parents[2] / "desktop"
    users = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            name = getattr(called, "id", getattr(called, "attr", ""))
            if (isinstance(node, ast.Attribute) and node.attr == "extra") or (
                isinstance(node, ast.Call)
                and name in ("replace", "Release")
                and any(k.arg == "extra" for k in node.keywords)
            ):
                users.add(str(path.relative_to(root)))
    assert sorted(users) == ["core/draft.py", "core/model.py"]
