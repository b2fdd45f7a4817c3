"""Distribution lists and the rules of personal data: basis, source, date; erasure; objection."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import database, schema
from desktop.store.database import Database, RegisterRefused
from desktop.store.directory import ContactError, Directory, validate_contact
from desktop.store.mailing_lists import MailingLists, Member, address_hash
from desktop.store.send_log import SendLog


@pytest.fixture
def lists(tmp_path: Path) -> MailingLists:
    store = MailingLists.open(tmp_path / "reg.sqlite")
    store.create("presse")
    return store


def test_an_entry_records_its_basis_source_and_date(lists: MailingLists) -> None:
    report = lists.add(
        "presse",
        [Member(" Anne@Example.org ", "Anne Dupont", "Le Monde", "consentement", "salon 2026")],
    )
    assert report.added == ("anne@example.org",)
    [member] = lists.members("presse")
    assert (member.address, member.name, member.outlet, member.basis, member.source) == (
        "anne@example.org",
        "Anne Dupont",
        "Le Monde",
        "consentement",
        "salon 2026",
    )
    assert member.added_at.startswith("20")
    again = lists.add("presse", [Member("anne@example.org")])
    assert again.already == ("anne@example.org",) and len(lists.members("presse")) == 1


@pytest.mark.parametrize(
    "member",
    [
        Member("pas-une-adresse"),
        Member("a@example.org\nBcc: b@example.org"),
        Member(""),
    ],
)
def test_a_bad_address_is_refused(lists: MailingLists, member: Member) -> None:
    with pytest.raises(ContactError):
        lists.add("presse", [member])
    assert lists.members("presse") == []


def test_an_unknown_basis_or_list_is_refused(lists: MailingLists) -> None:
    with pytest.raises(RegisterRefused, match="base légale"):
        lists.add("presse", [Member("a@example.org", basis="contrat")])
    with pytest.raises(RegisterRefused, match="n’existe pas"):
        lists.add("absente", [Member("a@example.org")])
    with pytest.raises(RegisterRefused, match="existe déjà"):
        lists.create("presse")
    with pytest.raises(RegisterRefused, match="nom de liste"):
        lists.create("a\nb")


def test_forget_erases_the_person_everywhere(lists: MailingLists, tmp_path: Path) -> None:
    lists.create("régions")
    for name in ("presse", "régions"):
        lists.add(name, [Member("anne@example.org"), Member("paul@example.org")])
    directory = Directory(lists.db)
    directory.add(validate_contact("Anne Dupont", email="Anne@example.org"))
    log = SendLog(lists.db)
    send = log.begin(
        release_key="k",
        message_id="<m@x>",
        sender="s",
        number="N°1",
        headline="T",
        lists=["presse"],
        addresses=["anne@example.org"],
    )
    log.record(send.id, "anne@example.org", "sent")
    assert lists.forget("ANNE@example.org") == 4
    assert [m.address for m in lists.members("presse")] == ["paul@example.org"]
    assert [m.address for m in lists.members("régions")] == ["paul@example.org"]
    assert directory.all() == []
    raw = sqlite3.connect(tmp_path / "reg.sqlite")
    dump = "\n".join(raw.iterdump())
    assert "anne@example.org" not in dump.lower()
    assert not lists.is_objected("anne@example.org")  # forgotten, not objected: may come back
    assert lists.add("presse", [Member("anne@example.org")]).added


def test_an_objection_is_kept_as_a_hash_and_holds_for_every_list(
    lists: MailingLists, tmp_path: Path
) -> None:
    lists.add("presse", [Member("anne@example.org"), Member("paul@example.org")])
    lists.object("Anne@Example.org")
    assert [m.address for m in lists.members("presse")] == ["paul@example.org"]
    dump = "\n".join(sqlite3.connect(tmp_path / "reg.sqlite").iterdump()).lower()
    assert "anne@example.org" not in dump
    assert address_hash("anne@example.org") in dump
    lists.create("autre")
    report = lists.add("autre", [Member("ANNE@example.org"), Member("zoe@example.org")])
    assert report.objected == ("anne@example.org",) and report.added == ("zoe@example.org",)
    kept, left = lists.recipients(["presse", "autre"], ["anne@example.org"])
    assert kept == ["paul@example.org", "zoe@example.org"] and left == ["anne@example.org"]


def test_the_tables_come_as_one_schema_step_on_an_older_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    step = next(i for i, s in enumerate(schema.MIGRATIONS) if "distribution" in s.name)
    with monkeypatch.context() as older:  # a register made by the steps before the lists
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:step])
        Database.open(path).close()
    with MailingLists.open(path) as store:
        assert store.db.version() == database.SCHEMA_VERSION
        store.create("presse")
        assert store.names() == ["presse"]
    assert list(tmp_path.glob(f"old.sqlite.schema{step}-*.bak"))


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "journalistes.csv"
    source.write_text(
        "nom;organisation;e-mail\r\nAnne Dupont;Le Monde;anne@example.org\r\n"
        "Paul Martin;AFP;paul@example.org\r\n",
        encoding="utf-8",
    )
    assert main(["lists", "create", "presse"]) == 0
    assert main(["lists", "import", "presse", str(source), "--basis", "consentement"]) == 0
    assert "2 adresses ajoutées" in capsys.readouterr().out
    assert main(["lists", "object", "paul@example.org"]) == 0
    assert main(["lists", "add", "presse", "paul@example.org"]) == 0
    assert (
        "opposition enregistrée à recevoir nos envois, adresse non ajoutée"
        in capsys.readouterr().err
    )
    target = tmp_path / "export.csv"
    assert main(["lists", "export", "presse", str(target)]) == 0
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["e-mail", "nom", "média", "base légale", "source", "ajouté le"]
    assert rows[1][:5] == [
        "anne@example.org",
        "Anne Dupont",
        "Le Monde",
        "consentement",
        "journalistes.csv",
    ]
    assert len(rows) == 2
    assert main(["lists", "forget", "anne@example.org"]) == 0
    capsys.readouterr()
    assert main(["lists", "show", "presse"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lists", "remove", "presse"]) == 0
    assert main(["lists", "show", "presse"]) == 2
    assert "n’existe pas" in capsys.readouterr().err


def test_an_import_with_a_bad_row_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.csv"
    source.write_text(
        "nom;e-mail\nAnne;anne@example.org\nPaul;pas-une-adresse\nZoé;\n", encoding="utf-8"
    )
    assert main(["lists", "create", "presse"]) == 0
    assert main(["lists", "import", "presse", str(source)]) == 2
    err = capsys.readouterr().err
    assert "aucune adresse importée" in err and "adresse e-mail manquante" in err
    assert main(["lists", "show", "presse"]) == 0
    assert capsys.readouterr().out == ""
