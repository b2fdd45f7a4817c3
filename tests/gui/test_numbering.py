"""*Attribuer un numéro* and the *Registre des numéros* dialog, as a press officer uses them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import Release
from desktop.gui.main_window import MainWindow
from desktop.gui.register_dialog import RegisterDialog, show_register
from desktop.services.drafts import load_draft, save_draft
from desktop.services.paths import register_path
from desktop.store.register import Register, issue_draft
from tests.helpers import Dialogs, type_text


def saved_window(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, headline: str = "Plan vélo"
) -> MainWindow:
    window = make_window()
    type_text(window.form.headline, headline)
    fake_dialogs.paths = [tmp_path / "plan"]
    assert window.save()
    return window


def test_number_a_saved_draft_then_again(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    window.number_action.trigger()
    assert window.form.number.text() == "N°1 (attribué)"
    assert window.statusBar().currentMessage() == "N°1 attribué"
    on_disk = load_draft(tmp_path / "plan.communique")
    assert on_disk.number == 1
    assert on_disk.numbering is not None
    assert window.release() == on_disk
    assert not window.is_modified()

    # numbered: the action (and the button beside the number) is off, and says why
    assert not window.number_action.isEnabled()
    assert not window.form.number_button.isEnabled()
    assert window.form.number_button.toolTip() == (
        "Ce communiqué a déjà son numéro (N°1)\u00a0; «\u00a0Enregistrer sous…\u00a0» en fait "
        "un nouveau communiqué, sans numéro."
    )
    assert window.number_action.statusTip() == window.number_action.toolTip()
    window.form.number_button.click()
    assert window.form.number.text() == "N°1 (attribué)"
    with Register.open() as reg:
        assert [e.number for e in reg.entries()] == [1]
        assert reg.entries()[0].headline == "Plan vélo"
    assert "error" not in fake_dialogs.kinds()
    # a copy saved under another name has no number: it may have its own
    fake_dialogs.paths = [tmp_path / "copie"]
    assert window.save_as()
    assert window.release().number is None
    assert window.number_action.isEnabled()
    assert window.number_action.statusTip().startswith("Donner au brouillon le numéro suivant")


def test_undo_never_takes_a_given_number_back(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    window.number_action.trigger()
    window.actions_.undo.trigger()  # the headline typed before
    assert window.release().headline == ""
    assert window.release().number == 1
    assert window.form.number.text() == "N°1 (attribué)"


def test_unsaved_draft_is_saved_first_or_nothing_happens(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window()
    type_text(window.form.headline, "Rentrée")
    fake_dialogs.save_before_numbering = False
    window.number_action.trigger()
    assert fake_dialogs.kinds() == ["save before numbering?"]
    assert window.release().number is None
    assert not register_path().exists()

    fake_dialogs.save_before_numbering = True
    fake_dialogs.paths = [tmp_path / "rentree"]
    window.number_action.trigger()
    assert load_draft(tmp_path / "rentree.communique").number == 1
    assert window.release().number == 1
    assert not window.is_modified()


def test_a_number_typed_by_hand_is_replaced_only_when_confirmed(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "seed.communique"
    draft.write_bytes(example_path.read_bytes())
    window = make_window(draft)
    fake_dialogs.new_number = False
    window.number_action.trigger()
    kind, (reason,) = fake_dialogs.asked[-1]
    assert kind == "new number?"
    assert "350" in reason
    assert window.release().number == 350
    assert draft.read_bytes() == example_path.read_bytes()

    fake_dialogs.new_number = True
    window.number_action.trigger()
    assert window.release().number == 1
    assert load_draft(draft).number == 1


@pytest.fixture
def locked_register(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another process holds the register's write lock."""
    Register.open().close()  # create it
    monkeypatch.setenv("COMMUNIQUE_REGISTER_WAIT", "0.2")
    holder = sqlite3.connect(register_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield
    holder.execute("ROLLBACK")
    holder.close()


def test_locked_register_says_so_in_french_and_leaves_the_draft(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, locked_register: None
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    before = (tmp_path / "plan.communique").read_bytes()
    window.number_action.trigger()
    kind, (title, message, _details) = fake_dialogs.asked[-1]
    assert kind == "error"
    assert title == "Attribution du numéro impossible"
    assert "registre" in message
    assert "Traceback" not in message
    assert (tmp_path / "plan.communique").read_bytes() == before
    assert window.release().number is None
    assert window.form.number.text() == "non attribué"


def issued(tmp_path: Path, *headlines: str) -> None:
    with Register.open() as reg:
        for index, headline in enumerate(headlines):
            path = tmp_path / f"cp{index}.communique"
            save_draft(Release(headline=headline), path)
            issue_draft(path, register=reg)


def test_register_dialog_search_filters_as_you_type(
    window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    issued(tmp_path, "Plan vélo", "Budget 2027", "Rentrée scolaire")
    dialog = show_register(window)
    assert isinstance(dialog, RegisterDialog)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 0).text() == "N°3"  # newest first
    type_text(dialog.search, "velo")
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "Plan vélo"
    dialog.search.clear()
    type_text(dialog.search, "2")
    assert {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())} >= {"N°2"}
    dialog.close()


def test_cancel_a_number_with_its_reason(
    window: MainWindow, qtbot: Any, tmp_path: Path, fake_dialogs: Dialogs
) -> None:
    issued(tmp_path, "Plan vélo", "Doublon du plan")
    dialog = show_register(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.cancel_button.isEnabled()
    fake_dialogs.cancel_reason = None
    assert not dialog.cancel_selected()  # backed out: nothing recorded
    fake_dialogs.cancel_reason = "publié deux fois"
    dialog.cancel_button.click()
    assert dialog.table.item(0, 5).text() == "annulé"
    assert "publié deux fois" in dialog.table.item(0, 0).toolTip()
    with Register.open() as reg:
        entry = reg.entries()[1]
    assert entry.cancelled
    assert entry.cancel_reason == "publié deux fois"
    dialog.table.selectRow(0)
    assert not dialog.cancel_button.isEnabled()
    dialog.close()


def test_numbering_policy_tab(window: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    issued(tmp_path, "Plan vélo")
    dialog = show_register(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.format.text() == "N°{n}"
    assert dialog.next.value() == 2
    dialog.format.setText("N°")
    assert not dialog.apply_button.isEnabled()
    assert "{n}" in dialog.example.text()
    dialog.format.setText("CP n° {year}-{n:03d}")
    assert dialog.example.text().startswith("Exemple\u00a0: CP n° ")
    dialog.next.setValue(351)
    dialog.apply_button.click()
    assert dialog.policy_message.text().startswith(
        "Numérotation enregistrée. Le nouveau format "
        "s’applique aux numéros attribués à partir "
        "de maintenant"
    )
    with Register.open() as reg:
        assert reg.policy().format == "CP n° {year}-{n:03d}"
        assert reg.next_number() == 351
    dialog.next.setValue(1)  # already given: the register refuses and says why
    dialog.apply_button.click()
    assert "déjà été attribué" in dialog.policy_message.text()
    assert dialog.table.item(0, 0).text() == "N°1"  # issued before the change: as printed
    dialog.yearly.setChecked(True)
    dialog.close()


def test_number_field_shows_the_register_format(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    with Register.open() as reg:
        reg.set_policy(fmt="CP n° {year}-{n:03d}")
        reg.set_next(12)
    window = saved_window(make_window, fake_dialogs, tmp_path)
    window.number_action.trigger()
    year = window.release().date.year  # type: ignore[union-attr]
    assert window.form.number.text() == f"CP n° {year}-012 (attribué)"
    assert window.statusBar().currentMessage() == f"CP n° {year}-012 attribué"


def test_a_format_change_leaves_issued_numbers_as_printed(
    make_window: Any, fake_dialogs: Dialogs, qtbot: Any, tmp_path: Path
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    window.number_action.trigger()
    with Register.open() as reg:
        reg.set_policy(fmt="CP n° {year}-{n:03d}")
    window.close()
    again = make_window(tmp_path / "plan.communique")
    assert again.form.number.text() == "N°1 (attribué)"
    assert not again.number_action.isEnabled()  # numbered: nothing to give
    assert "(N°1)" in again.number_action.toolTip()  # as printed, not in the new format
    fake_dialogs.paths = [tmp_path / "autre"]
    assert again.save_as()
    fake_dialogs.new_number = True
    again.number_action.trigger()  # a copy: a new number, in the new format
    assert again.statusBar().currentMessage().endswith("-002 attribué")
    dialog = show_register(again)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(2)][1] == "N°1"
    dialog.close()


def test_register_that_cannot_open_is_said(
    window: MainWindow,
    fake_dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "absent" / "registre.sqlite"))
    window.register_action.trigger()
    kind, (title, message) = fake_dialogs.asked[-1]
    assert (kind, title) == ("error", "Opération impossible")
    assert "n’existe pas" in message
    assert window.findChildren(RegisterDialog) == []


def test_the_first_number_asks_the_office_s_next_number_and_form(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, qtbot: Any
) -> None:
    """The register used to start at N°1 without asking."""
    path = tmp_path / "premier.communique"
    save_draft(Release(headline="Plan vélo", date=date(2026, 3, 29)), path)
    window = make_window(path)
    fake_dialogs.first_number = (352, "CP n° {year}-{n}")
    assert window.assign_number()
    assert ("first number?", (1, "N°{n}", 2026, True)) in fake_dialogs.asked  # sign-off on
    assert window.release().number == 352
    assert window.form.number.text() == "CP n° 2026-352 (attribué)"
    with Register.open() as reg:
        assert reg.policy().format == "CP n° {year}-{n}"
        assert reg.next_number() == 353
    # Asked once: the register now has numbers.
    other = tmp_path / "second.communique"
    save_draft(Release(headline="Plan bus", date=date(2026, 3, 30)), other)
    window.open_path(other)
    fake_dialogs.asked.clear()
    assert window.assign_number()
    assert "first number?" not in fake_dialogs.kinds()
    assert window.release().number == 353


def test_the_first_number_question_cancelled_gives_no_number(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    path = tmp_path / "premier.communique"
    save_draft(Release(headline="Plan vélo", date=date(2026, 3, 29)), path)
    window = make_window(path)
    fake_dialogs.first_number = None
    assert not window.assign_number()
    assert window.release().number is None
    with Register.open() as reg:
        assert reg.entries() == [] and reg.next_number() == 1


def test_first_number_dialog_offers_forms_by_example(qtbot: Any) -> None:
    from desktop.gui.number_format import FirstNumberDialog

    dialog = FirstNumberDialog(1, "N°{n}", 2026)
    qtbot.addWidget(dialog)
    dialog.number.setValue(352)
    chooser = dialog.chooser
    texts = [chooser.choice.itemText(i) for i in range(chooser.choice.count())]
    assert texts[0] == "N°352" and "CP n° 2026-352" in texts
    assert texts[-1] == "Format personnalisé…"
    assert not chooser.edit.isVisibleTo(dialog)  # Python syntax only when asked for
    chooser.choice.setCurrentIndex(texts.index("CP n° 2026-352"))
    assert dialog.answer() == (352, "CP n° {year}-{n}")
    chooser.choice.setCurrentIndex(len(texts) - 1)
    assert chooser.edit.isVisibleTo(dialog)
    chooser.edit.setText("N°{n:x}")  # hexadecimal: 352 would print 160
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "en entier, en chiffres" in chooser.example.text()
    chooser.edit.setText("Communiqué n° {n:04d}")
    assert ok.isEnabled() and chooser.example.text() == "Exemple\u00a0: Communiqué n° 0352"
    assert dialog.answer() == (352, "Communiqué n° {n:04d}")


@pytest.mark.parametrize("marked", [True, False])
def test_first_number_dialog_says_the_outputs_will_carry_projet(qtbot: Any, marked: bool) -> None:
    """The issue: the number came, then PROJET on every output, and nothing had said so."""
    from PySide6.QtWidgets import QLabel

    from desktop.gui.number_format import FirstNumberDialog

    dialog = FirstNumberDialog(1, "N°{n}", 2026, marked=marked)
    qtbot.addWidget(dialog)
    intro = dialog.findChildren(QLabel)[0].text()
    assert ("mention PROJET" in intro) is marked
    if marked:
        assert "jusqu’à sa validation (Outils › Soumettre, puis Outils › Valider)" in intro
