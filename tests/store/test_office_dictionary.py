"""The office dictionary: stored in the register, shared by everyone who opens it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store import database
from desktop.store.database import Database
from desktop.store.directory import Directory, validate_contact
from desktop.store.office_dictionary import (
    OfficeDictionary,
    OfficeWordError,
    office_vocabulary,
    validate_word,
)
from tests.store.legacy import older_register


def test_words_are_added_once_listed_and_removed(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    with OfficeDictionary.open(path) as office:
        assert office.add("Pannier-Runacher")
        assert not office.add("PANNIER-RUNACHER")
        report = office.add_many(["Gourault", "ANCT", "Gourault"])
        assert report.added == ("Gourault", "ANCT") and report.already == ()
        assert [w.word for w in office.words()] == ["ANCT", "Gourault", "Pannier-Runacher"]
        assert office.words()[0].added_by
    # Another user of the same (shared) register file sees them.
    with OfficeDictionary.open(path) as other:
        assert other.remove("gourault")
        assert not other.remove("Gourault")
        assert [w.word for w in other.words()] == ["ANCT", "Pannier-Runacher"]


@pytest.mark.parametrize("text", ["", "  ", "deux mots", "a" * 81, "<b>", "mot;autre"])
def test_what_is_not_one_word_is_refused_in_french(text: str) -> None:
    with pytest.raises(OfficeWordError) as caught:
        validate_word(text)
    assert "mot" in str(caught.value) or "trop long" in str(caught.value)


def test_a_bad_word_in_a_batch_stores_nothing(tmp_path: Path) -> None:
    with OfficeDictionary.open(tmp_path / "r.sqlite") as office:
        with pytest.raises(OfficeWordError):
            office.add_many(["Bon", "pas bon"])
        assert office.words() == []


def test_the_vocabulary_holds_office_words_contacts_and_ministries(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    assert "GOUVERNEMENT" in office_vocabulary(path)
    assert not path.exists()  # reading the vocabulary creates no register
    with OfficeDictionary.open(path) as office:
        office.add("Zorglub")
    with Directory.open(path) as directory:
        directory.add(validate_contact("Agnès Pannier-Runacher", "Cabinet Industrie"))
    vocabulary = office_vocabulary(path)
    assert {"Zorglub", "Agnès Pannier-Runacher", "Cabinet Industrie"} <= set(vocabulary)


def test_an_older_register_gains_the_table_and_keeps_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    older_register(path, "dictionary")
    with Database.open(path) as db:
        assert db.version() == database.SCHEMA_VERSION
        assert db.read("SELECT COUNT(*) AS n FROM office_words")[0]["n"] == 0
        assert db.read("SELECT COUNT(*) AS n FROM series")[0]["n"] == 1
