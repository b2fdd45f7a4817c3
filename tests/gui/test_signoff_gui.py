"""Soumettre, Valider, Historique des versions and Rectifier in the window, through the Document,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.signoff import VersionsDialog
from desktop.services.drafts import load_draft
from desktop.store.register import Register, issue_draft
from tests.helpers import Dialogs, type_text

pytestmark = pytest.mark.usefixtures("backend")


def saved_window(make_window: Any, fake_dialogs: Dialogs, tmp_path: Path) -> Any:
    Register.open().close()  # the office has a register: sign-off applies
    window = make_window()
    type_text(window.form.headline, "Plan vélo")
    fake_dialogs.paths = [tmp_path / "plan"]
    assert window.save()
    return window


def test_submit_approve_then_a_change_in_the_status_bar_and_the_outputs(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    assert window.signoff_label.text() == "État\u00a0: brouillon"
    assert window.prepared().draft_mark == "PROJET"
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    assert window.signoff_label.text() == "État\u00a0: soumis"
    assert not window.is_modified()  # the identifier the submit wrote is adopted as saved
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")
    assert window.signoff.approve()
    said = window.statusBar().currentMessage()
    assert said.startswith("Version 2 validée par Cabinet") and "(version" not in said
    assert window.signoff_label.text().startswith("État\u00a0: validé (toute modification")
    assert window.prepared().draft_mark == ""
    type_text(window.form.headline, " 2026")
    assert window.signoff_label.text() == "État\u00a0: brouillon"
    assert window.prepared().draft_mark == "PROJET"


def test_history_shows_the_difference_in_colour_and_restores_undoably(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, qtbot: Any
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    assert window.signoff.submit()
    type_text(window.form.headline, " <b>vite</b>")
    dialog = window.signoff.show_history()
    assert isinstance(dialog, VersionsDialog)
    qtbot.addWidget(dialog)
    assert dialog.versions.count() == 1 and "soumission" in dialog.versions.item(0).text()
    shown = dialog.difference.toHtml()
    assert "&lt;b&gt;vite&lt;/b&gt;" in shown and "#18753c" in shown  # escaped, in green
    dialog.restore_button.click()
    assert window.release().headline == "Plan vélo"
    window.document.undo_stack.undo()
    assert window.release().headline == "Plan vélo <b>vite</b>"


def test_rectifier_opens_the_rectificatif_of_a_numbered_release(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    issue_draft(tmp_path / "plan.communique")
    path = window.signoff.correct(number=1)
    assert path == tmp_path / "plan-rectificatif.communique"
    assert window.document.path == path
    assert window.release().kind == "Rectificatif"
    assert (
        window.release()
        .body[0]
        .text.startswith("Ce communiqué annule et remplace le communiqué N°1")
    )
    assert load_draft(path).number is None


def test_typing_does_not_ask_the_register_at_each_keystroke(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.usecases import number_lookup

    window = saved_window(make_window, fake_dialogs, tmp_path)
    assert window.signoff.submit()
    asked: list[object] = []
    real = number_lookup.look_up_signoff
    monkeypatch.setattr(
        number_lookup, "look_up_signoff", lambda release: asked.append(release) or real(release)
    )
    type_text(window.form.headline, " encore")
    assert window.signoff_label.text() == "État\u00a0: brouillon"
    assert window.preview._state == "brouillon"  # the preview shows PROJET too
    assert asked == []


def test_exporting_a_replaced_release_says_so_and_an_approved_one_becomes_diffuse(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")
    assert window.signoff.approve()
    assert window.export_to(pdf=tmp_path / "plan.pdf")
    assert window.signoff_label.text() == "État\u00a0: diffusé"
    assert window.prepared().draft_mark == ""

    numbered = tmp_path / "autre.communique"
    from dataclasses import replace

    from desktop.core.model import as_new_release
    from desktop.services.drafts import save_draft

    plan = load_draft(tmp_path / "plan.communique")  # a complete release, exportable
    other = as_new_release(plan)  # another release, exportable
    save_draft(replace(other, headline="Autre", number=None, numbering=None), numbered)
    issue_draft(numbered)
    rectificatif = window.signoff.correct(number=1)
    assert rectificatif is not None
    issue_draft(rectificatif)
    assert window.open_path(numbered)
    fake_dialogs.asked.clear()
    assert window.export_to(pdf=tmp_path / "autre.pdf")
    assert "info" in fake_dialogs.kinds()


def test_the_status_bar_says_who_turned_sign_off_off(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store.signoff import set_signoff

    window = saved_window(make_window, fake_dialogs, tmp_path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Paul Martin")
    with Register.open() as register:
        set_signoff(register, False)
    window.document.forget_state()
    window.signoff.show_state()
    text = window.signoff_label.text()
    assert text.startswith("Sans validation\u00a0: validation désactivée par Paul Martin")
    assert window.prepared().draft_mark == ""
    assert window.signoff_label.toolTip() == text  # the whole sentence, however narrow the bar
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # the status bar lays the longer label out
    window.grab().save(str(tmp_path / "sans-validation.png"))


def test_a_named_register_that_is_missing_keeps_the_mark(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = saved_window(make_window, fake_dialogs, tmp_path)
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(tmp_path / "déplacé" / "registre.sqlite"))
    window.document.forget_state()
    window.signoff.show_state()
    assert window.signoff_label.text() == "État\u00a0: brouillon"
    assert window.prepared().draft_mark == "PROJET"
    assert not (tmp_path / "déplacé").exists()


def test_rectifier_proposes_the_number_of_the_release_on_screen(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """*Rectifier un communiqué…* on N°412 proposes 412 (it proposed 1, whatever was open)."""
    from PySide6.QtWidgets import QInputDialog

    window = saved_window(make_window, fake_dialogs, tmp_path)
    with Register.open() as register:
        register.set_next(412)  # an office that numbered before Communiqué
    assert window.assign_number()
    assert window.release().number == 412
    asked: list[int] = []

    def get_int(_parent: Any, _title: str, _label: str, value: int, *_args: Any) -> Any:
        asked.append(value)
        return value, False

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    assert window.signoff.correct() is None
    assert asked == [412]


def test_submitting_an_unsaved_draft_asks_to_save_for_the_submission_not_for_a_number(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    """*Soumettre* on a changed draft asked « Attribuer un numéro : … le numéro est inscrit au
    registre », about a number nobody asked for."""
    window = saved_window(make_window, fake_dialogs, tmp_path)
    type_text(window.form.headline, " 2026")
    fake_dialogs.save_before_numbering = False
    assert not window.signoff.submit()
    assert fake_dialogs.asked[-1] == ("save before sign-off?", (False, "Soumettre"))
    assert not window.signoff.approve()
    assert fake_dialogs.asked[-1] == ("save before sign-off?", (False, "Valider"))
