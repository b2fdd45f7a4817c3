"""The release's identity in the window (on SQLite and on PostgreSQL): *Enregistrer sous…* makes
a release of its own, so submitting it leaves the original as it was; undo never hands a copy
the original's identity back; the identity a submit gives is kept by the next saves; and a
change of what a release replaces is a change like any other."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import Replacement
from desktop.services.drafts import load_draft
from desktop.store.register import Register
from desktop.store.signoff import status, versions
from tests.helpers import Dialogs, type_text

pytestmark = pytest.mark.usefixtures("backend")


def state_of(path: Path) -> str:
    with Register.open() as reg:
        return status(reg, load_draft(path)).state


def approved_window(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Last week's release, open in the window: saved, submitted, approved by someone else."""
    Register.open().close()  # the office has a register: sign-off applies
    window = make_window()
    type_text(window.form.headline, "Plan vélo")
    fake_dialogs.paths = [tmp_path / "semaine-derniere"]
    assert window.save()
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert window.signoff.approve()
    assert window.signoff_label.text().startswith("État\u00a0: validé")
    return window


def test_save_as_then_submit_leaves_the_original_approved(
    make_window: Any,
    fake_dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    window = approved_window(make_window, fake_dialogs, tmp_path, monkeypatch)
    original = tmp_path / "semaine-derniere.communique"
    before = original.read_bytes()
    copy = tmp_path / "cette-semaine.communique"
    fake_dialogs.paths = [copy]
    with qtbot.waitSignal(window.document.saved) as saved:
        assert window.save_as()
    assert saved.args == [copy]
    assert window.statusBar().currentMessage() == (
        "Brouillon enregistré comme un communiqué distinct\u00a0: cette-semaine.communique, "
        "sans numéro (l’original garde le sien et son état de validation)"
    )
    assert original.read_bytes() == before
    assert load_draft(copy).identity not in (None, load_draft(original).identity)
    assert window.signoff_label.text() == "État\u00a0: brouillon"  # a release not yet submitted
    assert window.prepared().draft_mark == "PROJET"
    assert not window.is_modified()

    type_text(window.form.headline, ", deuxième étape")
    assert window.signoff.submit()
    assert window.signoff_label.text() == "État\u00a0: soumis"
    assert state_of(copy) == "soumis"
    assert state_of(original) == "validé"

    assert window.open_path(original)
    assert window.signoff_label.text().startswith("État\u00a0: validé")


def test_undo_after_save_as_never_gives_the_copy_the_originals_identity_back(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = approved_window(make_window, fake_dialogs, tmp_path, monkeypatch)
    original_identity = window.release().identity
    type_text(window.form.headline, " 2026")
    copy = tmp_path / "copie.communique"
    fake_dialogs.paths = [copy]
    assert window.save_as()
    own = window.release().identity
    assert own != original_identity

    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.release().headline == ""
    assert window.release().identity == own
    assert window.is_modified()  # the text differs from the file
    assert window.save()
    assert load_draft(copy).identity == own
    assert state_of(tmp_path / "semaine-derniere.communique") == "validé"


def test_save_as_under_its_own_name_is_a_plain_save(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = approved_window(make_window, fake_dialogs, tmp_path, monkeypatch)
    identity = window.release().identity
    fake_dialogs.paths = [tmp_path / "semaine-derniere.communique"]
    assert window.save_as()
    assert window.release().identity == identity
    assert window.signoff_label.text().startswith("État\u00a0: validé")


def test_the_identity_a_submit_gives_stays_through_undo_and_the_next_saves(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Register.open().close()
    window = make_window()
    type_text(window.form.headline, "Plan vélo")
    path = tmp_path / "plan.communique"
    fake_dialogs.paths = [path]
    assert window.save()
    assert window.release().identity is None
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    identity = load_draft(path).identity
    assert identity is not None
    assert window.release().identity == identity
    assert window.document.saved_release.identity == identity
    assert not window.is_modified()

    window.undo_stack.undo()  # the headline typed before the submit
    assert window.release().identity == identity
    assert window.is_modified()
    window.undo_stack.redo()
    assert not window.is_modified()
    type_text(window.form.headline, " 2026")
    assert window.save()
    assert load_draft(path).identity == identity
    assert window.signoff.submit()
    with Register.open() as reg:
        assert [v.position for v in versions(reg, load_draft(path))] == [1, 2]


def test_a_change_of_what_the_release_replaces_is_an_undoable_change(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window()
    type_text(window.form.headline, "Rectificatif")
    fake_dialogs.paths = [tmp_path / "r"]
    assert window.save()
    stamp = Replacement(
        register="7f9c1d52-3a4b-4c5d-8e6f-0a1b2c3d4e5f",
        entry="0b1c2d3e-4f50-4617-8283-949596979899",
        label="N°350",
    )
    window.document.replace_release(replace(window.release(), replaces=stamp), "remplacement")
    assert window.is_modified()
    assert window.isWindowModified()
    assert window.release().replaces == stamp  # the form carries it on as the author types
    type_text(window.form.headline, " 2")
    assert window.release().replaces == stamp
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.release().replaces is None
    assert not window.is_modified()
