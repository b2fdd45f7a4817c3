"""Drafts opened, saved and closed as in any editor; nothing lost, nothing half-written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from desktop.gui import dialogs, settings
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import load_draft
from tests.helpers import Dialogs, type_text


def test_closing_with_changes_asks_and_cancel_keeps_the_window(
    window: MainWindow, fake_dialogs: Dialogs
) -> None:
    type_text(window.form.headline, "Brouillon")
    fake_dialogs.save_choice = dialogs.Choice.CANCEL
    assert not window.close()
    assert window.isVisible()
    assert fake_dialogs.kinds() == ["save?"]
    assert window.release().headline == "Brouillon"


def test_new_with_changes_can_save_first(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    type_text(window.form.headline, "À garder")
    fake_dialogs.save_choice = dialogs.Choice.SAVE
    fake_dialogs.paths = [tmp_path / "garder.communique"]
    window.actions_.new.trigger()
    assert load_draft(tmp_path / "garder.communique").headline == "À garder"
    assert window.release().headline == ""
    assert window.path is None
    assert not window.is_modified()


def test_new_with_changes_discarded(window: MainWindow, fake_dialogs: Dialogs) -> None:
    type_text(window.form.headline, "À jeter")
    fake_dialogs.save_choice = dialogs.Choice.DISCARD
    window.actions_.new.trigger()
    assert window.release().headline == ""
    assert "save?" in fake_dialogs.kinds()


def test_unchanged_document_closes_without_question(
    window: MainWindow, fake_dialogs: Dialogs
) -> None:
    assert window.close()
    assert fake_dialogs.kinds() == []


def test_corrupt_draft_says_why_and_keeps_the_current_document(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    type_text(window.form.headline, "En cours")
    broken = tmp_path / "abime.communique"
    broken.write_text('{"format": "communique", "version": 1, "headline": ', encoding="utf-8")
    fake_dialogs.paths = [broken]
    window.actions_.open.trigger()
    kind, args = fake_dialogs.asked[-1]
    assert kind == "error"
    assert "abime.communique" in args[1]
    assert "JSON invalide" in args[2]
    assert window.release().headline == "En cours"
    assert window.is_modified()


def test_newer_draft_is_refused_with_a_clear_message(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    newer = tmp_path / "futur.communique"
    newer.write_text(json.dumps({"format": "communique", "version": 99}), encoding="utf-8")
    assert not window.open_path(newer)
    assert "version plus récente" in fake_dialogs.asked[-1][1][2]
    assert window.path is None


def test_recent_files_reopen_a_draft(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path, tmp_path: Path
) -> None:
    window = make_window(example_path)
    fake_dialogs.paths = [tmp_path / "copie"]
    assert window.save_as()
    window.actions_.new.trigger()
    window.close()

    again = make_window()
    again.actions_.recent.aboutToShow.emit()
    entries = [a for a in again.actions_.recent.actions() if a.text()[1:2].isdigit()]
    assert [a.text() for a in entries] == ["&1 copie", "&2 seed"]
    entries[0].trigger()
    assert again.path == (tmp_path / "copie.communique").absolute()
    assert again.release().headline.startswith("Jacqueline Gourault")


def test_drop_a_draft_on_the_window_opens_it(window: MainWindow, example_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(example_path))])
    enter = QDragEnterEvent(
        QPoint(10, 10),  # QPoint: PySide6 6.11 has no QPointF overload
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert window.path == example_path.absolute()
    assert window.release().number == 350


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_to_a_read_only_folder_says_so_and_writes_nothing(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path, tmp_path: Path
) -> None:
    window = make_window(example_path)
    locked = tmp_path / "verrou"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert not window.export_to(pdf=locked / "cp.pdf", docx=locked / "cp.docx")
    finally:
        locked.chmod(0o700)
    kind, args = fake_dialogs.asked[-1]
    assert kind == "error"
    assert "accès refusé" in args[1]
    assert list(locked.iterdir()) == []


@pytest.mark.logs_warnings
def test_export_failure_leaves_nothing_half_written(
    make_window: Any,
    fake_dialogs: Dialogs,
    example_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    from desktop.services import files

    window = make_window(example_path)
    real = os.replace

    def disk_full(src: Any, dst: Any) -> None:
        if str(dst).endswith(".pdf"):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", disk_full)
    assert not window.export_to(pdf=tmp_path / "cp.pdf")
    assert "le disque est plein" in fake_dialogs.asked[-1][1][1]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.logs_warnings
def test_save_failure_keeps_the_document_open(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    type_text(window.form.headline, "Important")
    fake_dialogs.paths = [tmp_path / "absent" / "x.communique"]
    assert not window.save()
    assert fake_dialogs.asked[-1][0] == "error"
    assert window.is_modified()
    assert window.path is None


def test_window_layout_is_remembered(make_window: Any) -> None:
    window = make_window()
    window.preview.zoom_in()
    window.close()
    assert settings.Settings().get(settings.PREVIEW_ZOOM) == 0.9
    assert make_window().preview.zoom == 0.9


def test_app_main_opens_the_draft_given(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, fake_dialogs: Dialogs, example_path: Path
) -> None:
    from desktop import app as app_module

    shown: list[MainWindow] = []
    monkeypatch.setattr(type(qapp), "exec", lambda _self: 0)
    real_build = app_module.build_window

    def build(path: Path | None = None) -> MainWindow:
        window = real_build(path)
        shown.append(window)
        return window

    monkeypatch.setattr(app_module, "build_window", build)
    assert app_module.main([str(example_path)]) == 0
    assert shown[0].path == example_path.absolute()
    assert shown[0].windowTitle() == "seed[*] — Communiqué"
    shown[0].close()


def test_a_new_draft_and_the_example_are_saved_in_the_documents_folder(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue: the Save dialog of a new draft opened in the installed examples folder."""
    from PySide6.QtCore import QStandardPaths

    from desktop.resources import resource

    monkeypatch.setenv("HOME", str(tmp_path))
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    assert documents.is_relative_to(tmp_path)
    documents.mkdir(parents=True, exist_ok=True)
    # No path given: the dialog is cancelled, only where it opened matters.
    example = make_window(resource("examples", "seed.communique"))
    example.save_as()
    window = make_window()
    window.save_as()
    # A draft of the user's own is saved beside itself.
    own = tmp_path / "own" / "mine.communique"
    own.parent.mkdir()
    fake_dialogs.paths.append(own)
    window.save_as()
    window.save_as()
    starts = [args[1] for kind, args in fake_dialogs.asked if kind == "save as"]
    assert [start.parent for start in starts] == [documents, documents, documents, own.parent]


def test_without_a_documents_folder_a_new_draft_is_saved_in_the_home(
    make_window: Any, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``~/Documents`` missing: the Save dialog opens in the home, not the working folder."""
    from PySide6.QtCore import QStandardPaths

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)  # the working folder, where it must not open
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert not Path(documents).exists()
    make_window().save_as()
    starts = [args[1] for kind, args in fake_dialogs.asked if kind == "save as"]
    assert [start.parent for start in starts] == [home]
