"""*Langue du passage…*: marking a passage of the body as English (or another language), from the
keyboard, seen in the editor, kept in the draft, and left alone by the French spelling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QRadioButton

from desktop.core.model import Paragraph, Run
from desktop.gui.body_codec import FOREIGN_TINT
from desktop.gui.language_dialog import LanguageDialog
from desktop.gui.main_window import MainWindow
from desktop.services import spelling as core_spelling
from tests.gui.test_form_keyboard import press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen dialog


def _select(window: MainWindow, text: str) -> None:
    edit = window.form.body.text_edit
    start = edit.document().toPlainText().index(text)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def _answer_dialog(choose: Callable[[LanguageDialog], None]) -> None:
    """Answer the next *Langue du passage* dialog with the keyboard, as a user would."""

    def answer() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, LanguageDialog) and w.isVisible()
        ]
        focus = QApplication.focusWidget()
        if not dialogs or focus is None or focus.window() is not dialogs[0]:
            if dialogs:
                dialogs[0].activateWindow()
            QTimer.singleShot(20, answer)
            return
        try:
            choose(dialogs[0])
        finally:
            if dialogs[0].isVisible():  # a failed check must not leave the test waiting
                dialogs[0].reject()

    QTimer.singleShot(0, answer)


def test_a_passage_marked_english_from_the_keyboard_is_kept_and_shown(
    window: MainWindow, qtbot: Any
) -> None:
    body = window.form.body
    body.set_blocks((Paragraph((Run("Il a dit Build back better hier."),)),))
    _select(window, "Build back better")
    assert body.language_action.text() == "Langue du passage…"

    def english(dialog: LanguageDialog) -> None:
        focused = QApplication.focusWidget()
        assert isinstance(focused, QRadioButton) and focused.text().startswith("français")
        press(Qt.Key.Key_Down)  # the next choice: anglais
        assert dialog.buttons["en"].isChecked()
        press(Qt.Key.Key_Return)

    _answer_dialog(english)
    body.text_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(body.text_edit.hasFocus)
    press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert body.blocks() == (
        Paragraph((Run("Il a dit "), Run("Build back better", lang="en"), Run(" hier."))),
    )
    assert window.form.release().body == body.blocks()
    cursor = QTextCursor(body.text_edit.document())
    cursor.setPosition(12)
    fmt = cursor.charFormat()
    assert fmt.background().color().name() == FOREIGN_TINT
    assert fmt.toolTip() == "Passage en anglais (en)"


def test_another_code_is_checked_and_the_mark_can_be_taken_off(
    window: MainWindow, qtbot: Any
) -> None:
    body = window.form.body
    body.set_blocks((Paragraph((Run("Olá mundo et la suite."),)),))
    _select(window, "Olá mundo")

    def bad_then_good(dialog: LanguageDialog) -> None:
        dialog.code.setFocus()
        qtbot.keyClicks(dialog.code, "portugais")
        assert dialog.other.isChecked()
        dialog.accept()
        assert dialog.isVisible() and "n’est pas un code de langue" in dialog.problem.text()
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, "pt")
        dialog.accept()

    _answer_dialog(bad_then_good)
    body.language_action.trigger()
    assert body.blocks()[0].runs[0] == Run("Olá mundo", lang="pt")

    _select(window, "Olá mundo")
    _answer_dialog(lambda dialog: (dialog.buttons[""].setChecked(True), dialog.accept()))
    body.language_action.trigger()
    assert body.blocks() == (Paragraph((Run("Olá mundo et la suite."),)),)


def test_cancel_changes_nothing(window: MainWindow, qtbot: Any) -> None:
    body = window.form.body
    body.set_blocks((Paragraph((Run("Hello tout le monde."),)),))
    _select(window, "Hello")
    _answer_dialog(lambda dialog: dialog.reject())
    body.language_action.trigger()
    assert body.blocks() == (Paragraph((Run("Hello tout le monde."),)),)


def test_the_french_spelling_leaves_the_passage_alone(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    try:
        core_spelling.shared_speller()
    except core_spelling.SpellingUnavailable as exc:
        pytest.skip(f"the spelling engine cannot be loaded here: {exc}")
    window = make_window()
    qtbot.waitUntil(lambda: window.form.spelling.is_ready, timeout=10_000)
    edit = window.form.body.text_edit
    window.form.body.set_blocks(
        (Paragraph((Run("Un acompagnement : "), Run("the stakeholders agreed", lang="en"))),)
    )
    window.form.spelling.underline(edit)
    qtbot.waitUntil(
        lambda: [s.cursor.selectedText() for s in edit.extraSelections()] == ["acompagnement"]
    )
    assert window.form.spelling.unknown_words(edit) == ["acompagnement"]
