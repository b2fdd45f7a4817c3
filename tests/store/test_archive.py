"""The archive's full-text search, the same on the SQLite file and on a real PostgreSQL server
(the ``backend`` fixture): French stems, accents and case folded, filters, ranking, highlights."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.archive_text import highlight, parse_query
from desktop.core.model import BulletList, Contact, Paragraph, Release, Run, new_identity
from desktop.store.archive import Archive, Entry, Filters


def _release(
    headline: str,
    body: str,
    *,
    when: date,
    kind: str = "Communiqué de presse",
    header: tuple[str, ...] = ("GOUVERNEMENT",),
    contacts: tuple[Contact, ...] = (),
) -> Release:
    return Release(
        header=header,
        kind=kind,
        headline=headline,
        date=when,
        number=350,
        body=(Paragraph((Run(body),)), BulletList(((Run("une liste"),),))),
        contacts=contacts,
        identity=new_identity(),
    )


@pytest.fixture
def archive(backend: str) -> Archive:
    store = Archive.open()
    store.add(
        [
            Entry(
                _release(
                    "Béthune-Bruay : un accompagnement pour le Territoire d’industrie",
                    "Les communes du bassin d’emploi seront accompagnées par l’État.",
                    when=date(2020, 11, 3),
                    header=("MINISTÈRE DE LA COHÉSION DES TERRITOIRES",),
                    contacts=(
                        Contact("Cabinet J. Gourault", "01 44 49 89 40", "presse@cohesion.gouv.fr"),
                    ),
                )
            ),
            Entry(
                _release(
                    "Fête de la musique",
                    "La ministre annonce les concerts gratuits dans chaque commune.",
                    when=date(2021, 6, 1),
                    kind="Dossier de presse",
                    header=("MINISTÈRE DE LA CULTURE",),
                    contacts=(Contact("Élodie Martin", "", "elodie.martin@culture.gouv.fr"),),
                )
            ),
            Entry(
                _release(
                    "Sécheresse : soutien aux éleveurs",
                    "Le ministre annonçait hier un fonds pour les éleveurs de Béthune.",
                    when=date(2022, 8, 20),
                    header=("MINISTÈRE DE L’AGRICULTURE",),
                )
            ),
        ]
    )
    yield store
    store.close()


def _headlines(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.headline.split(" ")[0] for h in hits]


def test_accents_case_plurals_and_conjugations_are_folded(archive: Archive) -> None:
    assert _headlines(archive.search("bethune bruay")) == ["Béthune-Bruay"]
    assert _headlines(archive.search("ETAT")) == ["Béthune-Bruay"]
    # « commune » finds « communes », « annonce » finds « annonçait »
    assert set(_headlines(archive.search("commune"))) == {"Béthune-Bruay", "Fête"}
    assert set(_headlines(archive.search("annonce"))) == {"Fête", "Sécheresse"}
    assert _headlines(archive.search("éleveur")) == ["Sécheresse"]
    assert archive.search("introuvable") == []


def test_the_headline_weighs_more_than_the_body(archive: Archive) -> None:
    hits = archive.search("Béthune")
    assert _headlines(hits) == ["Béthune-Bruay", "Sécheresse"]
    assert hits[0].rank > hits[1].rank


def test_a_word_being_typed_is_a_prefix(archive: Archive) -> None:
    assert _headlines(archive.search("sécher")) == ["Sécheresse"]
    assert _headlines(archive.search("musi")) == ["Fête"]
    assert archive.search("musi ") == []  # a finished word is a whole word


def test_filters_by_date_kind_ministry_and_contact(archive: Archive) -> None:
    assert _headlines(archive.search("", Filters(start=date(2021, 1, 1)))) == ["Sécheresse", "Fête"]
    assert _headlines(archive.search("", Filters(end=date(2020, 12, 31)))) == ["Béthune-Bruay"]
    assert _headlines(archive.search("annonce", Filters(kind="dossier de presse"))) == ["Fête"]
    assert _headlines(archive.search("", Filters(ministry="Ministère de la culture"))) == ["Fête"]
    assert _headlines(archive.search("", Filters(contact="elodie"))) == ["Fête"]
    assert _headlines(archive.search("", Filters(contact="GOURAULT"))) == ["Béthune-Bruay"]
    assert archive.search("", Filters(contact="100%_")) == []


def test_a_release_added_again_replaces_its_entry(archive: Archive) -> None:
    hit = archive.search("musique")[0]
    release = archive.release(hit.key)
    assert release is not None and release.headline == "Fête de la musique"
    archive.add([Entry(replace(release, headline="Fête de la danse"))])
    assert archive.count() == 3
    assert archive.search("musique") == []
    assert _headlines(archive.search("danse")) == ["Fête"]
    assert archive.remove(hit.key) and archive.count() == 2


def test_matching_words_are_highlighted() -> None:
    query = parse_query("communes annonce")
    pieces = highlight("La ministre annonçait que chaque commune…", query)
    assert [text for text, found in pieces if found] == ["annonçait", "commune"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_typed_text_searches_without_error(archive: Archive, text: str) -> None:
    archive.search(text)
    archive.search(text, Filters(ministry=text, contact=text, kind=text))


def test_an_export_keeps_the_release_in_the_archive_and_a_register_copy_keeps_it(
    backend: str, tmp_path: Path, example_path: Path
) -> None:
    from desktop.services.drafts import load_draft
    from desktop.store.database import Database
    from desktop.store.register_transfer import export_register, import_register
    from desktop.usecases.export import export_release

    Database.open().close()  # an office with a register (without one, no history is kept)
    release = load_draft(example_path)
    export_release(release, {"pdf": tmp_path / "a.pdf"})
    export_release(release, {"pdf": tmp_path / "b.pdf"})  # the same release: one entry
    with Archive.open() as store:
        hits = store.search("Béthune-Bruay")
        assert [h.number for h in hits] == ["N°350"]
    with Database.open() as db:
        dump = export_register(db)
    copy = tmp_path / "copie.sqlite"
    with Database.open(copy) as target:
        import_register(target, dump)
    with Archive.open(copy) as store:
        assert [h.headline for h in store.search("territoires industrie")] == [release.headline]
