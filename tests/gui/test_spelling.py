"""Spelling in the form: underlines as one types, suggestions, Ignorer, the office dictionary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop.cli import main
from desktop.gui import spelling
from desktop.gui.main_window import MainWindow
from desktop.services import spelling as core_spelling
from desktop.services.drafts import save_draft
from desktop.store.office_dictionary import OfficeDictionary
from tests.helpers import type_text


@pytest.fixture(autouse=True)
def _engine() -> None:
    try:
        core_spelling.shared_speller()
    except core_spelling.SpellingUnavailable as exc:
        pytest.skip(f"the spelling engine cannot be loaded here: {exc}")


@pytest.fixture
def ready(make_window: Callable[..., MainWindow], qtbot: Any) -> MainWindow:
    window = make_window()
    qtbot.waitUntil(lambda: window.form.spelling.is_ready, timeout=10_000)
    return window


def underlined(window: MainWindow, field: QPlainTextEdit | QTextEdit) -> list[str]:
    selections = field.extraSelections()
    return [s.cursor.selectedText() for s in selections]


def point_on(field: QPlainTextEdit | QTextEdit, word: str) -> Any:
    text = field.document().toRawText()
    cursor = QTextCursor(field.document())
    cursor.setPosition(text.index(word) + 2)
    return field.cursorRect(cursor).center()


def menu_texts(window: MainWindow, field: QPlainTextEdit | QTextEdit, word: str) -> list[str]:
    menu = window.form.spelling.menu_for(field, point_on(field, word))
    return [a.text() for a in menu.actions()]


def action(window: MainWindow, field: QPlainTextEdit | QTextEdit, word: str, text: str) -> QAction:
    menu = window.form.spelling.menu_for(field, point_on(field, word))
    return next(a for a in menu.actions() if a.text() == text)


def test_typed_typos_are_underlined_in_headline_body_and_header(
    ready: MainWindow, qtbot: Any
) -> None:
    form = ready.form
    form.headline.setPlainText("")
    type_text(form.headline, "Le minsitre a anoncé un plan")
    qtbot.waitUntil(lambda: underlined(ready, form.headline) == ["minsitre", "anoncé"])
    form.body.text_edit.setPlainText("Un acompagnement des entreprises, paraitre et l’État.")
    qtbot.waitUntil(lambda: underlined(ready, form.body.text_edit) == ["acompagnement"])
    form.header.setPlainText("GOVERNEMENT")
    qtbot.waitUntil(lambda: underlined(ready, form.header) == ["GOVERNEMENT"])


def test_underlining_changes_nothing_in_the_draft(ready: MainWindow, qtbot: Any) -> None:
    form = ready.form
    edits: list[str] = []
    form.headline.setPlainText("Le minsitre")
    qtbot.waitUntil(lambda: underlined(ready, form.headline) == ["minsitre"])
    form.edited.connect(edits.append)
    steps = ready.undo_stack.count()
    with qtbot.waitSignal(form.spelling.underlined):
        form.body.text_edit.setPlainText("une fôte")
    edits.clear()
    form.spelling.ignore("nothing")  # underlines every field again
    assert edits == [] and ready.undo_stack.count() >= steps


def test_suggestions_replace_the_word(ready: MainWindow, qtbot: Any) -> None:
    form = ready.form
    form.headline.setPlainText("Le minsitre a parlé")
    qtbot.waitUntil(lambda: underlined(ready, form.headline) == ["minsitre"])
    texts = menu_texts(ready, form.headline, "minsitre")
    assert texts[:2] == ["ministre", "ministère"]
    assert "Ignorer" in texts and "Ajouter au dictionnaire du service" in texts
    assert len([t for t in texts[: texts.index("Ignorer")]]) <= 5
    action(ready, form.headline, "minsitre", "ministre").trigger()
    assert form.headline.toPlainText() == "Le ministre a parlé"
    assert ready.form.release().headline == "Le ministre a parlé"
    qtbot.waitUntil(lambda: underlined(ready, form.headline) == [])


def test_a_known_word_gets_the_usual_menu_only(ready: MainWindow, qtbot: Any) -> None:
    form = ready.form
    form.headline.setPlainText("Le ministre")
    texts = menu_texts(ready, form.headline, "ministre")
    assert "Ignorer" not in texts and texts  # the field's own entries (Copier…)


def test_ignore_removes_the_underline(ready: MainWindow, qtbot: Any) -> None:
    form = ready.form
    form.headline.setPlainText("Une fôtte ici")
    qtbot.waitUntil(lambda: underlined(ready, form.headline) == ["fôtte"])
    action(ready, form.headline, "fôtte", "Ignorer").trigger()
    assert underlined(ready, form.headline) == []


def test_adding_to_the_office_dictionary_is_for_the_form_and_check(
    ready: MainWindow, qtbot: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = ready.form
    form.headline.setPlainText("Le programme Zorglubin")
    form.body.text_edit.setPlainText("Le plan zorglubin est lancé.")
    qtbot.waitUntil(lambda: underlined(ready, form.body.text_edit) == ["zorglubin"])
    draft = tmp_path / "z.communique"
    save_draft(form.release(), draft)
    main(["check", str(draft)])
    assert "«\u00a0zorglubin\u00a0»\u00a0: mot inconnu" in capsys.readouterr().out
    action(ready, form.body.text_edit, "zorglubin", "Ajouter au dictionnaire du service").trigger()
    qtbot.waitUntil(lambda: underlined(ready, form.body.text_edit) == [])
    with OfficeDictionary.open() as office:
        assert [w.word for w in office.words()] == ["zorglubin"]
    main(["check", str(draft)])
    assert "mot inconnu" not in capsys.readouterr().out


def test_a_register_that_refuses_is_said_in_french(
    ready: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store.database import RegisterUnavailable

    said: list[str] = []
    monkeypatch.setattr(spelling.QMessageBox, "warning", lambda _p, _t, text: said.append(text))

    def refuse(_word: str) -> None:
        raise RegisterUnavailable("Le registre est en lecture seule.")

    ready.form.spelling._add_word = refuse
    assert not ready.form.spelling.add_to_office("fôtte")
    assert said == [
        "«\u00a0fôtte\u00a0» n’a pas été ajouté\u00a0: Le registre est en lecture seule."
    ]


@pytest.mark.logs_warnings
def test_without_the_engine_the_app_says_so_and_works(
    make_window: Callable[..., MainWindow], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        spelling, "load_for_form", lambda: (None, core_spelling.UNAVAILABLE_NO_LIBRARY)
    )
    window = make_window()
    qtbot.waitUntil(lambda: window.form.spelling.reason != "")
    assert window.statusBar().currentMessage() == core_spelling.UNAVAILABLE_NO_LIBRARY
    window.form.headline.setPlainText("Le minsitre")
    assert underlined(window, window.form.headline) == []
    texts = menu_texts(window, window.form.headline, "minsitre")
    assert texts[0] == "Orthographe indisponible"


def test_an_answer_for_a_closed_form_is_dropped(qtbot: Any) -> None:
    import threading

    from PySide6.QtCore import QCoreApplication

    release = threading.Event()
    answered = threading.Event()

    def slow_load() -> tuple[core_spelling.Speller | None, str]:
        release.wait(5)
        answered.set()
        return core_spelling.shared_speller(), ""

    field = QPlainTextEdit()
    form_spelling = spelling.FormSpelling([field], load=slow_load)
    form_spelling._start_loading()  # the load is in flight when the form goes
    form_spelling.deleteLater()
    field.deleteLater()
    QCoreApplication.processEvents()
    del form_spelling, field
    release.set()
    assert answered.wait(5)
    qtbot.wait(50)  # the relay's delivery runs, finds no form, and does nothing


def spelling_findings(window: MainWindow) -> list[str]:
    return [
        f"{f.field}: {f.message}" for f in window.findings.findings if "mot inconnu" in f.message
    ]


def test_the_checks_panel_lists_spelling_without_asking_the_dictionary(
    ready: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue: *Vérifications* left spelling out (``communique check`` lists it). The panel
    lists the words the spelling thread found unknown; it never asks Enchant itself (a
    suggestion costs some 75 ms: typing would wait)."""
    asked: list[str] = []
    speller = ready.form.spelling._speller
    assert speller is not None
    real_suggest, real_known = speller.suggest, speller.is_known
    monkeypatch.setattr(speller, "suggest", lambda w: asked.append(w) or real_suggest(w))
    form = ready.form
    form.headline.setPlainText("")
    # A typo no other test uses: Ignorer holds for the whole process (the shared speller).
    type_text(form.headline, "Le minisstre arrive")
    qtbot.waitUntil(
        lambda: (
            spelling_findings(ready) == ["headline: «\u00a0minisstre\u00a0»\u00a0: mot inconnu"]
        ),
        timeout=5_000,
    )
    assert asked == []  # no suggestion computed for the panel
    item_texts = [ready.findings.list.item(i).text() for i in range(ready.findings.list.count())]
    assert "Avertissement — Titre\u00a0: «\u00a0minisstre\u00a0»\u00a0: mot inconnu." in item_texts
    assert real_known("ministre")
    # Ignorer: gone from the panel too.
    action(ready, form.headline, "minisstre", "Ignorer").trigger()
    qtbot.waitUntil(lambda: spelling_findings(ready) == [], timeout=5_000)
