"""The five parts of the register open, close and find their register one way (``Store``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.store.base import Store, register_exists
from desktop.store.database import RegisterUnavailable
from desktop.store.directory import Directory
from desktop.store.mailing_lists import MailingLists
from desktop.store.office_dictionary import OfficeDictionary, office_vocabulary
from desktop.store.register import Register
from desktop.store.send_log import SendLog

PARTS = (Register, Directory, MailingLists, SendLog, OfficeDictionary)


def test_no_part_repeats_the_opening_and_closing() -> None:
    for part in PARTS:
        assert issubclass(part, Store)
        repeated = {"close", "__enter__", "__exit__", "path", "location"} & set(vars(part))
        assert not repeated, f"{part.__name__} repeats {repeated}"
    # Register alone adds to ``open``: the clock its tests move.
    assert [part for part in PARTS if "open" in vars(part)] == [Register]


@pytest.mark.parametrize("part", PARTS)
def test_each_part_opens_the_configured_register_and_closes_it(
    backend: str, part: type[Store]
) -> None:
    with part.open() as opened:
        assert type(opened) is part
        assert opened.db.dialect == backend
        assert opened.location == opened.db.location
        opened.db.read("SELECT 1")
    with pytest.raises(RegisterUnavailable):
        opened.db.read("SELECT 1")


def test_a_part_opens_a_given_file_and_the_register_clock_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite"
    assert not register_exists(path)
    new_year = datetime(2030, 1, 2, tzinfo=UTC)
    with Register.open(path, max_wait=2.0, clock=lambda: new_year) as reg:
        assert reg.path == path and reg.db.max_wait == 2.0
        assert reg.current_year() == 2030
    assert register_exists(path)
    with Directory.open(str(path)) as directory:
        assert directory.path == path


@pytest.mark.usefixtures("backend")
def test_the_office_vocabulary_reads_the_configured_register_on_both_backends() -> None:
    with OfficeDictionary.open() as office:
        office.add("Zorglub")
    assert register_exists()
    assert "Zorglub" in office_vocabulary()
