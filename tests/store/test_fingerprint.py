"""The fingerprint an approval vouches for covers every printed field, approvals recorded under
the first scheme keep holding while nothing printed changes, and people are compared as they are
read (NFKC, no format characters, case-folded)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.embargo import PARIS
from desktop.core.model import Contact, Numbering, Paragraph, Release, Replacement, Run
from desktop.services.drafts import load_draft, save_draft
from desktop.store.register import Register
from desktop.store.signoff import (
    APPROVED,
    DRAFT,
    FINGERPRINT_V2,
    approve,
    content_sha256,
    facts,
    person_key,
    same_person,
    status,
    submit,
    versions,
)
from tests.store.legacy import allow_rewriting_versions

REG = "00000000-0000-4000-8000-000000000000"
RELEASE = Release(
    header=("GOUVERNEMENT", "Ministère de la Culture"),
    headline="Un plan pour les bibliothèques",
    place="Paris",
    date=date(2026, 11, 3),
    number=350,
    numbering=Numbering(REG, "00000000-0000-4000-8000-000000000001", "CP", 2026, "N°350"),
    embargo=datetime(2026, 11, 3, 10, 0, tzinfo=PARIS),
    body=(
        Paragraph(
            (Run("Le plan est en ligne sur "), Run("le site", link="https://culture.gouv.fr/plan"))
        ),
    ),
    contacts=(Contact("Léa Martin", "01 40 15 80 00", "presse@culture.gouv.fr"),),
    replaces=Replacement(REG, "00000000-0000-4000-8000-000000000002", "N°349", date(2026, 11, 2)),
)

Mutation = Callable[[Release, str], Release]


def _body(release: Release, text: str) -> Release:
    return replace(release, body=(*release.body, Paragraph((Run(text),))))


def _link(release: Release, text: str) -> Release:
    first = release.body[0]
    assert isinstance(first, Paragraph)
    runs = (first.runs[0], replace(first.runs[1], link=f"https://{text}.example"))
    return replace(release, body=(Paragraph(runs), *release.body[1:]))


def _label(release: Release, text: str) -> Release:
    assert release.numbering is not None
    # what the issue saw: « N°350 — TEXTE RETIRÉ… » printed on an approved release
    return replace(release, numbering=replace(release.numbering, label=f"N°350 — {text}"))


MUTATIONS: dict[str, Mutation] = {
    "header": lambda r, t: replace(r, header=(*r.header, t)),
    "kind": lambda r, t: replace(r, kind=t),
    "headline": lambda r, t: replace(r, headline=r.headline + " " + t),
    "place": lambda r, t: replace(r, place=t),
    "date": lambda r, t: replace(r, date=date(2026, 11, 3 + len(t) % 20 + 1)),
    "number": lambda r, t: replace(r, number=351 + len(t)),
    "number label": _label,
    "embargo": lambda r, t: replace(r, embargo=None),
    "body": _body,
    "link target": _link,
    "contact name": lambda r, t: replace(r, contacts=(replace(r.contacts[0], name=t),)),
    "contact phone": lambda r, t: replace(r, contacts=(replace(r.contacts[0], phone=t),)),
    "contact e-mail": lambda r, t: replace(r, contacts=(replace(r.contacts[0], email=t),)),
    "rectificatif label": lambda r, t: replace(
        r, replaces=replace(r.replaces, label=f"N°{t}") if r.replaces else None
    ),
    "rectificatif date": lambda r, t: replace(
        r, replaces=replace(r.replaces, date=date(2025, 1, 1)) if r.replaces else None
    ),
}

words = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=20
).filter(lambda t: t.strip() != "")


@pytest.fixture
def approved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "plan.communique"
    save_draft(RELEASE, path)
    with Register.open() as register:
        monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
        submit(register, path)
        monkeypatch.setenv("COMMUNIQUE_USER", "Directrice de cabinet")
        approve(register, path)
        assert status(register, load_draft(path)).state == APPROVED
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(sorted(MUTATIONS)), text=words)
def test_changing_any_printed_field_of_an_approved_release_makes_it_a_draft(
    approved: Path, field: str, text: str
) -> None:
    release = load_draft(approved)
    changed = MUTATIONS[field](release, text)
    assume(changed != release)
    with Register.open() as register:
        assert status(register, changed).state == DRAFT, field
        assert facts(register, changed).state_of(changed) == DRAFT, field
        assert status(register, release).state == APPROVED


def test_every_printed_field_is_mutated() -> None:
    printed = {"header", "kind", "headline", "place", "date", "number", "embargo", "body"}
    assert printed <= set(MUTATIONS)
    assert {"number label", "link target", "rectificatif label", "contact name"} <= set(MUTATIONS)


def test_the_new_fingerprint_is_versioned(approved: Path) -> None:
    with Register.open() as register:
        latest = versions(register, load_draft(approved))[-1]
    assert latest.content_sha256.startswith(FINGERPRINT_V2)


def test_an_approval_under_the_first_scheme_holds_until_a_printed_field_changes(
    approved: Path,
) -> None:
    release = load_draft(approved)
    with Register.open() as register:
        allow_rewriting_versions(register)
        register.db.write(  # as recorded before the fingerprint covered the printed number
            lambda conn: conn.execute(
                "UPDATE release_versions SET content_sha256 = ? WHERE release_id = ?",
                (content_sha256(release), release.identity),
            )
        )
        assert status(register, release).state == APPROVED  # not lost by the upgrade
        assert facts(register, release).state_of(release) == APPROVED
        relabelled = _label(release, "TEXTE RETIRÉ")
        assert content_sha256(relabelled) == content_sha256(release)  # the old blind spot
        assert status(register, relabelled).state == DRAFT
        assert facts(register, relabelled).state_of(relabelled) == DRAFT


def test_numbering_an_approved_release_needs_a_new_approval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sans-numero.communique"
    save_draft(replace(RELEASE, number=None, numbering=None, replaces=None), path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(path)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Directrice de cabinet")
    assert main(["approve", str(path)]) == 0
    assert main(["issue", "--start", "1", str(path)]) == 0
    with Register.open() as register:
        assert status(register, load_draft(path)).state == DRAFT


# ---------------------------------------------------------------- people as they are read


@pytest.mark.parametrize(
    "alias",
    [
        "Claire\u200b",
        "\ufeffClaire",
        "Cla\u200dire",
        "Claire\u2060",
        "CLAIRE",
        "\uff23\uff4c\uff41\uff49\uff52\uff45",  # full-width
        "Claire\u00ad",  # a soft hyphen (Cf too)
    ],
)
def test_an_alias_of_the_submitter_cannot_approve(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    alias: str,
) -> None:
    path = tmp_path / "plan.communique"
    save_draft(RELEASE, path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire")
    assert main(["submit", str(path)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", alias)
    assert main(["approve", str(path)]) == 2
    assert "revient à une autre personne" in capsys.readouterr().err
    with Register.open() as register:
        assert status(register, load_draft(path)).state == "soumis"


def test_names_are_recorded_without_format_characters_and_shown_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.communique"
    save_draft(RELEASE, path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire")
    assert main(["submit", str(path)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Paul")
    assert main(["approve", str(path)]) == 0
    save_draft(replace(load_draft(path), headline="Un autre titre"), path)
    monkeypatch.setenv("COMMUNIQUE_USER", "CLAIRE\u200b")
    assert main(["submit", str(path)]) == 0
    with Register.open() as register:
        authors = [v.author for v in versions(register, load_draft(path))]
    assert authors == ["Claire", "Paul", "CLAIRE"]  # no invisible character kept
    capsys.readouterr()
    assert main(["versions", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Claire —" in lines[0] and "Claire —" in lines[2]  # one person, one spelling


def test_approve_has_no_by_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["approve", "--help"])
    assert "--by" not in capsys.readouterr().out.replace("l’option --by", "")
    path = tmp_path / "plan.communique"
    save_draft(RELEASE, path)
    with pytest.raises(SystemExit) as refused:
        main(["approve", str(path), "--by", "Directeur de cabinet"])
    assert refused.value.code == 2


def test_person_key() -> None:
    assert person_key("Claire\u200b") == person_key("claire") == "claire"
    assert same_person("Ｃｌａｉｒｅ", "CLAIRE")
    assert not same_person("Claire", "Clara")
