"""The window's import (*Fichier › Importer…*, on a worker thread with progress and cancel) and
its archive (*Outils › Archives…*: search as you type, read-only view, model, CSV)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop.core.model import Contact, Paragraph, Release, Run, new_identity
from desktop.gui import importing
from desktop.gui.archive_window import ArchiveWindow
from desktop.gui.main_window import MainWindow
from desktop.services.drafts import load_draft
from desktop.store.archive import Archive, Entry
from tests.helpers import Dialogs
from tests.importing.corpus import content, text_of


def _type(widget: QWidget, text: str) -> None:
    """Type ``text`` one key at a time (QTest.keyClicks aborts on « é »)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture
def archived() -> list[Release]:
    releases = [
        Release(
            header=("MINISTÈRE DE LA CULTURE",),
            kind="Communiqué de presse",
            headline="Fête de la musique : les concerts gratuits",
            date=date(2021, 6, 1),
            number=212,
            body=(Paragraph((Run("La ministre annonçait les concerts dans chaque commune."),)),),
            contacts=(Contact("Élodie Martin", "01 40 15 83 31", "presse@culture.gouv.fr"),),
            identity=new_identity(),
        ),
        Release(
            header=("MINISTÈRE DE L’AGRICULTURE",),
            headline="Sécheresse : soutien aux éleveurs",
            date=date(2022, 8, 20),
            number=13,
            body=(Paragraph((Run("Un fonds pour les éleveurs de la Creuse."),)),),
            identity=new_identity(),
        ),
    ]
    with Archive.open() as archive:
        archive.add(Entry(r, number=f"N°{r.number}") for r in releases)
    return releases


def _open_archive(window: MainWindow, qtbot: Any) -> ArchiveWindow:
    window.importing.archive_action.trigger()
    shown = window.importing.archive_window
    assert isinstance(shown, ArchiveWindow)
    qtbot.waitUntil(shown.isVisible)
    return shown


def test_search_as_you_type_shows_the_release_read_only_with_its_words_marked(
    window: MainWindow, qtbot: Any, archived: list[Release], tmp_path: Path
) -> None:
    shown = _open_archive(window, qtbot)
    assert shown.table.rowCount() == 2  # no words: the most recent first
    assert shown.count_label.text() == "2 communiqués."
    assert shown.hits[0].headline.startswith("Sécheresse")
    shown.words.setFocus()
    _type(shown.words, "concert annonçé")  # singular, a misspelt conjugation: still found
    qtbot.waitUntil(lambda: shown.table.rowCount() == 1)
    assert shown.hits[0].headline.startswith("Fête")
    html = shown.view.toHtml()
    assert "concerts" in html and "#ffe066" in html
    assert shown.view.isReadOnly()
    assert shown.count_label.text() == "1 communiqué."
    shown.grab().save(str(tmp_path / "archives.png"))


def test_filters_narrow_and_a_bad_date_is_said(
    window: MainWindow, qtbot: Any, archived: list[Release]
) -> None:
    shown = _open_archive(window, qtbot)
    shown.start.setText("1/1/2022")
    qtbot.waitUntil(lambda: shown.table.rowCount() == 1)
    assert shown.hits[0].headline.startswith("Sécheresse")
    shown.start.clear()
    shown.contact.setText("elodie")
    qtbot.waitUntil(lambda: shown.table.rowCount() == 1 and shown.hits[0].number == "N°212")
    shown.end.setText("32 trucmuche")
    qtbot.waitUntil(lambda: "illisible" in shown.count_label.text())


def test_use_as_model_gives_a_new_unsaved_release_without_number(
    window: MainWindow, qtbot: Any, archived: list[Release]
) -> None:
    shown = _open_archive(window, qtbot)
    _type(shown.words, "musique")
    qtbot.waitUntil(lambda: shown.table.rowCount() == 1)
    assert shown.use_as_model()
    release = window.document.release
    assert release.headline == archived[0].headline
    assert release.number is None and release.numbering is None
    assert release.identity != archived[0].identity
    assert window.path is None


def test_the_results_export_as_csv_through_the_gate(
    window: MainWindow, qtbot: Any, archived: list[Release], fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    shown = _open_archive(window, qtbot)
    fake_dialogs.paths = [tmp_path / "résultats.csv"]
    written = shown.export_csv()
    assert written == tmp_path / "résultats.csv"
    with written.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["date", "numéro", "genre", "titre"]
    assert {r[3] for r in rows[1:]} == {r.headline for r in archived}
    draft = tmp_path / "brouillon.communique"
    draft.write_text('{"format": "communique", "version": 2}', encoding="utf-8")
    fake_dialogs.paths = [draft]
    assert shown.export_csv() is None  # the gate refuses to write over a draft
    assert fake_dialogs.asked[-1][0] == "error"


def _answer(monkeypatch: pytest.MonkeyPatch, files: list[Path], output: Path) -> None:
    monkeypatch.setattr(importing, "choose_files", lambda _parent, _folder: files)
    monkeypatch.setattr(importing, "choose_folder", lambda _parent, _title, _folder: output)


def _texts(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"ancien-{i:02d}.txt"
        path.write_text(text_of(content(i), i % 2), encoding="utf-8")
        paths.append(path)
    return paths


def test_importing_files_writes_drafts_reports_and_archives_them(
    window: MainWindow,
    qtbot: Any,
    fake_dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    sources = _texts(tmp_path / "anciens", 3)
    out = tmp_path / "brouillons"
    out.mkdir()
    _answer(monkeypatch, sources, out)
    feature = window.importing
    with qtbot.waitSignal(feature.worker.finished, timeout=60_000):
        assert feature.import_files()
    drafts = sorted(out.glob("*.communique"))
    assert [d.stem for d in drafts] == ["ancien-00", "ancien-01", "ancien-02"]
    assert load_draft(drafts[1]).headline == content(1).headline
    kind, args = fake_dialogs.asked[-1]
    assert kind == "info" and args[1].startswith("3 brouillons écrits.")
    assert "titre" in args[2] and "ancien-00.txt" in args[2]
    # nobody pressed « Annuler »: closing the progress at the end is not a cancel
    assert "arrêté" not in args[1] and not feature.worker.cancelled
    with Archive.open() as archive:
        assert archive.count() == 3
    assert feature.progress is None


def test_one_file_imported_is_opened(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sources = _texts(tmp_path / "anciens", 1)
    _answer(monkeypatch, sources, tmp_path)
    with qtbot.waitSignal(window.importing.worker.finished, timeout=60_000):
        window.importing.import_files()
    assert window.path == tmp_path / "ancien-00.communique"
    assert window.release().headline == content(0).headline


def test_cancel_stops_between_two_files(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sources = _texts(tmp_path / "anciens", 12)
    out = tmp_path / "brouillons"
    out.mkdir()
    _answer(monkeypatch, sources, out)
    feature = window.importing
    import threading

    release = threading.Event()
    original = importing.SendWorker._progress

    def slow(self: Any, done: int, total: int, name: str) -> None:
        original(self, done, total, name)
        if done == 2:
            release.wait(10)

    monkeypatch.setattr(importing.SendWorker, "_progress", slow)
    with qtbot.waitSignal(feature.worker.finished, timeout=60_000):
        feature.import_files()
        qtbot.waitUntil(lambda: feature.progress is not None and feature.progress.value() == 2)
        button = feature.progress.findChild(QPushButton)
        assert button.text() == "Annuler"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        release.set()
    written = list(out.glob("*.communique"))
    assert 2 <= len(written) < 12
    assert feature.worker.cancelled


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform shows the modal box
def test_the_paste_box_keeps_the_lines_and_tab_leaves_it_for_importer(
    window: MainWindow, qtbot: Any
) -> None:
    """Typed or pasted, the lines stay lines (the recogniser reads them one by one), and the
    keyboard reaches *Importer*: Tab leaves the box instead of typing a tab."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QPlainTextEdit

    lines = text_of(content(3), 1).splitlines()
    problems: list[BaseException] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):  # not shown yet
            QTimer.singleShot(10, fill)
            return
        try:
            box = dialog.findChild(QPlainTextEdit)
            box.setFocus()
            for i, line in enumerate(lines):
                if i:
                    qtbot.keyClick(box, Qt.Key.Key_Return)
                _type(box, line)
            qtbot.keyClick(box, Qt.Key.Key_Tab)
            focused = dialog.focusWidget()
            assert isinstance(focused, QPushButton) and focused.text() == "Importer"
            qtbot.keyClick(focused, Qt.Key.Key_Space)
        except BaseException as exc:  # never leave the modal dialog open
            problems.append(exc)
            dialog.reject()

    QTimer.singleShot(0, fill)
    text = importing.ask_pasted_text(window)
    if problems:
        raise problems[0]
    assert text is not None and "\t" not in text and "\u2029" not in text
    assert text.splitlines() == lines


def test_the_import_report_names_the_parts_in_french(tmp_path: Path) -> None:
    from desktop.usecases.importing import import_text, report_lines

    done = import_text("Un texte sans titre ni date.", tmp_path)
    report = "\n".join(report_lines(done))
    for english in ("headline", "header", "body", "kind", "number"):
        assert f"avertissement {english}" not in report
    assert "avertissement bloc-marque : bloc-marque non reconnu" in report


def test_a_pasted_text_becomes_a_draft_that_opens(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    monkeypatch.setattr(importing, "ask_pasted_text", lambda _parent: text_of(content(3), 1))
    monkeypatch.setattr(importing, "choose_folder", lambda _parent, _title, _folder: tmp_path)
    assert window.importing.import_text()
    assert window.path == tmp_path / "texte-colle.communique"
    assert window.release().headline == content(3).headline
    assert window.release().date == content(3).date
    with Archive.open() as archive:
        assert archive.count() == 1
    monkeypatch.setattr(importing, "ask_pasted_text", lambda _parent: None)
    assert not window.importing.import_text()  # backed out: nothing asked, nothing written
    assert fake_dialogs.asked[-1][0] == "info"


def test_retirer_des_archives_removes_an_imported_release_after_confirming(
    window: MainWindow,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    fake_dialogs: Dialogs,
    archived: list[Release],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(importing, "ask_pasted_text", lambda _parent: text_of(content(3), 1))
    monkeypatch.setattr(importing, "choose_folder", lambda _parent, _title, _folder: tmp_path)
    assert window.importing.import_text()
    assert window.importing.import_text()  # the same text again: kept once
    assert "0 brouillon écrit, 1 déjà dans les archives." in [
        args[1] for kind, args in fake_dialogs.asked if kind == "info"
    ]
    shown = _open_archive(window, qtbot)
    assert shown.table.rowCount() == 3
    imported = next(i for i, h in enumerate(shown.hits) if h.key.startswith("import:"))
    issued = next(i for i, h in enumerate(shown.hits) if not h.key.startswith("import:"))
    # what the office issued is refused, with its reason, before anything is asked
    shown.table.selectRow(issued)
    assert shown.remove_button.isEnabled()
    fake_dialogs.asked.clear()
    assert not shown.remove_selected()
    assert [kind for kind, _ in fake_dialogs.asked] == ["error"]
    assert "sorti du bureau" in fake_dialogs.asked[0][1][1]
    # an imported one: asked first; « Annuler » keeps it
    shown.table.selectRow(imported)
    fake_dialogs.archive_removal = False
    assert not shown.remove_selected()
    assert fake_dialogs.asked[-1] == ("remove from archive?", (content(3).headline,))
    assert shown.table.rowCount() == 3
    fake_dialogs.archive_removal = True
    assert shown.remove_selected()
    assert shown.table.rowCount() == 2
    assert all(not h.key.startswith("import:") for h in shown.hits)
    assert (tmp_path / "texte-colle.communique").is_file()  # the draft stays
    shown.grab().save(str(tmp_path.parent / "archive-after-removal.png"))


def test_an_imported_number_shows_as_printed_in_the_form(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.importing.corpus import pasted

    monkeypatch.setattr(importing, "ask_pasted_text", lambda _parent: pasted(number="N° 2024-087"))
    monkeypatch.setattr(importing, "choose_folder", lambda _parent, _title, _folder: tmp_path)
    assert window.importing.import_text()
    qtbot.waitUntil(lambda: window.form.number.text() != "")
    assert window.form.number.text() == "N° 2024-087 (repris du document importé)"
    assert window.release().kind == "Communiqué de presse"
    window.form.grab().save(str(tmp_path.parent / "form-imported-number.png"))
