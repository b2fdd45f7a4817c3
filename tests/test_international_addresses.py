"""An accented part before the ``@`` (``josé@exemple.fr``, RFC 6531) is accepted at every entry
point, with one French warning (``core.addresses``) that it needs SMTPUTF8 and may be a typing
slip; the send then carries it when the server offers SMTPUTF8, and refuses it alone otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from desktop.cli import main
from desktop.core.addresses import checked_address, international_warning
from desktop.store.mailing_lists import MailingLists
from tests import test_cli_mail as base
from tests.smtp_server import ADDRESSES, Recorder

smtp = base.smtp
draft = base.draft
send = base.send


def test_the_rule() -> None:
    assert checked_address(" josé@Exemple.FR ") == "josé@exemple.fr"
    assert checked_address("jose@exémple.fr") == "jose@exémple.fr"
    assert checked_address("josé@") is None and checked_address("a b@c.fr") is None
    warning = international_warning("josé@exemple.fr")
    assert warning is not None
    assert "SMTPUTF8" in warning and "«\u00a0jose@exemple.fr\u00a0»" in warning
    assert international_warning("jose@exémple.fr") is None  # a domain goes as IDNA
    assert international_warning("jose@exemple.fr") is None
    # a script with no plain-letter spelling gets the warning, not a wrong suggestion
    other = international_warning("пресса@exemple.fr")
    assert other is not None and "faute de frappe" not in other


def test_lists_add_keeps_the_address_and_warns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "create", "presse"]) == 0
    assert main(["lists", "add", "presse", "josé@exemple.fr"]) == 0
    captured = capsys.readouterr()
    assert "avertissement" in captured.err and "SMTPUTF8" in captured.err
    assert "jose@exemple.fr" in captured.err  # the likely intended address is named
    assert "1 adresse ajoutée" in captured.out
    assert main(["lists", "add", "presse", "jose@exémple.fr"]) == 0
    assert "SMTPUTF8" not in capsys.readouterr().err
    with MailingLists.open() as lists:
        assert sorted(m.address for m in lists.members("presse")) == [
            "jose@exémple.fr",
            "josé@exemple.fr",
        ]


def test_lists_import_warns_for_each_such_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "j.csv"
    source.write_text(
        "nom;organisation;e-mail\nJosé;AFP;josé@exemple.fr\nAnne;AFP;anne@exemple.fr\n",
        encoding="utf-8",
    )
    assert main(["lists", "create", "presse"]) == 0
    assert main(["lists", "import", "presse", str(source)]) == 0
    err = capsys.readouterr().err
    assert err.count("SMTPUTF8") == 1 and "josé@exemple.fr" in err


def test_contacts_add_warns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contacts", "add", "--name", "José", "--email", "josé@exemple.fr"]) == 0
    captured = capsys.readouterr()
    assert "SMTPUTF8" in captured.err and "ajouté" in captured.out


@pytest.mark.parametrize("utf8", [True, False], ids=["smtputf8", "no-smtputf8"])
def test_mail_to_warns_then_sends_or_refuses_that_address_alone(
    smtp: tuple[Recorder, Any], draft: Path, capsys: pytest.CaptureFixture[str], utf8: bool
) -> None:
    recorder, start = smtp
    start(enable_SMTPUTF8=utf8)
    assert send(draft, "--to", "josé@exemple.fr", "--to", ADDRESSES[0]) == 0
    err = capsys.readouterr().err
    assert "a des caractères accentués avant l’arobase" in err  # at entry
    if utf8:
        assert sorted(recorder.recipients) == sorted(["josé@exemple.fr", ADDRESSES[0]])
    else:
        assert "josé@exemple.fr (adresse internationalisée" in err  # at send time, for it alone
        assert recorder.recipients == [ADDRESSES[0]]


def test_contacts_import_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "nom;organisation;e-mail\nJosé;AFP;josé@exemple.fr\nAnne;AFP;anne@exemple.fr\n",
        encoding="utf-8",
    )
    assert main(["contacts", "import", str(source)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("SMTPUTF8") == 1 and "2 contacts importés" in captured.out
