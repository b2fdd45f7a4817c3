"""The window's entry points for an address (*Autres adresses*, a list, the directory) say the
same warning as the command line for an accented part before the ``@`` (``core.addresses``)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui import dialogs
from desktop.gui.contact_dialog import ContactDialog
from desktop.gui.mail_route_dialog import MailOffer, MailRouteDialog
from desktop.gui.mailing_dialog import MailingListsDialog
from desktop.store.mailing_lists import MailingLists
from tests.helpers import Dialogs


def test_other_addresses_say_the_warning_as_they_are_typed(qtbot: Any) -> None:
    dialog = MailRouteDialog(MailOffer(("presse",), "127.0.0.1:25"))
    qtbot.addWidget(dialog)
    assert dialog.address_note.isHidden()
    dialog.addresses.setText("anne@exemple.fr, josé@exemple.fr")
    assert not dialog.address_note.isHidden()
    assert "SMTPUTF8" in dialog.address_note.text()
    assert "jose@exemple.fr" in dialog.address_note.text()
    assert dialog.send_button.isEnabled()  # accepted: the server may carry it
    dialog.addresses.setText("anne@exemple.fr, jose@exémple.fr")
    assert dialog.address_note.isHidden()


def test_a_list_takes_the_address_and_says_the_warning(
    qtbot: Any, fake_dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ["presse", "josé@exemple.fr"]
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: answers.pop(0))
    store = MailingLists.open()
    dialog = MailingListsDialog(store)
    qtbot.addWidget(dialog)
    dialog.new_list.click()
    dialog.add_button.click()
    assert dialog.table.rowCount() == 1
    assert "SMTPUTF8" in dialog.status.text() and "1 adresse" in dialog.status.text()
    store.close()


def test_the_directory_warns_once_then_keeps_the_address(qtbot: Any) -> None:
    dialog = ContactDialog(None)
    qtbot.addWidget(dialog)
    dialog.name.setText("José")
    dialog.email.setText("josé@exemple.fr")
    dialog.accept()
    assert dialog.contact is None and "SMTPUTF8" in dialog.problems.text()
    dialog.accept()
    assert dialog.contact is not None and dialog.contact.email == "josé@exemple.fr"
