"""A working day in under a minute: thousands of keys typed one by one with the preview and the
checks running, every dialog opened and closed, an export; the app must still be alive and no
reference count of ``None`` or ``True`` may drift.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` on every ``QTimer.start()`` (one per
key, for the preview and for the checks) and the interpreter aborted with ``bool_dealloc`` after
a few hundred characters. Short tests never saw it. The drift is measured every few hundred keys,
so a leaking binding fails here with a clear message before the count can reach zero and abort.

Deselect with ``-m "not soak"``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.gui import dialogs
from desktop.gui.main_window import MainWindow
from tests.helpers import type_text

pytestmark = [
    pytest.mark.soak,
    pytest.mark.slow,
    # dialogs shown on the offscreen platform, which cannot size windows
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

# The real modal dialogs, taken before the fixtures replace them with stand-ins.
REAL_CHOOSE_MINISTRIES = dialogs.choose_ministries
REAL_EDIT_PREFERENCES = dialogs.edit_preferences
REAL_EDIT_CONTACT = dialogs.edit_contact
REAL_ASK_LINK = dialogs.ask_link

BODY_KEYS = 6000
FIELD_KEYS = 300
CHUNK = 250
TOLERANCE = 300
"""References come and go with caches and the spelling's worker; the leak lost 3 to 12 per key
(750 to 3,000 for each chunk of 250 keys)."""

SENTENCE = (
    "Le ministère annonce un plan de 400 M€ pour l’école : des travaux d’été, "
    "une aide à l’ingénierie et « un suivi » régulier ; voilà ! "
)


def _counts() -> tuple[int, int]:
    """After a full collection, so that garbage left by earlier tests, freed at a random moment,
    cannot pass for a leak."""
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True)


class Drift:
    def __init__(self) -> None:
        self.none, self.true = _counts()

    def check(self, when: str) -> None:
        """The counts may grow (the undo history holds references to ``None``, a few per key; the
        first export imports modules) but never fall: a fall is a reference given back that was
        never taken, and at zero the interpreter aborts."""
        none, true = _counts()
        assert none - self.none > -TOLERANCE and true - self.true > -TOLERANCE, (
            f"reference counts drifted {when}: None {none - self.none:+d}, "
            f"True {true - self.true:+d} (a binding leaks references; see tests/gui/test_soak.py)"
        )


def _text(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


def _close_when_shown(qtbot: Any) -> None:
    """Close the next modal dialog as soon as it is on screen (Échap, as a person would)."""

    def close() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, close)
            return
        assert isinstance(modal, QDialog)
        modal.reject()

    QTimer.singleShot(0, close)


def _type_in_chunks(
    window: MainWindow, qtbot: Any, widget: QWidget, text: str, drift: Drift, name: str
) -> None:
    for start in range(0, len(text), CHUNK):
        with qtbot.waitSignals(
            [window.preview.previewUpdated, window.findings.updated], timeout=10_000
        ):
            type_text(widget, text[start : start + CHUNK])
        drift.check(f"after {start + CHUNK} keys in {name}")


def test_a_working_day_of_typing(
    make_window: Callable[..., MainWindow], qtbot: Any, tmp_path: Path
) -> None:
    window = make_window()
    form = window.form
    with qtbot.waitSignals(
        [window.preview.previewUpdated, window.findings.updated], timeout=10_000
    ):
        type_text(form.body.text_edit, "Échauffement. ")  # caches fill on the first keys
    # the spelling dictionary loads a moment after the window: let it, before counting
    qtbot.waitUntil(
        lambda: form.spelling._speller is not None or bool(form.spelling.reason), timeout=10_000
    )
    drift = Drift()

    _type_in_chunks(window, qtbot, form.body.text_edit, _text(BODY_KEYS), drift, "the body")
    _type_in_chunks(window, qtbot, form.headline, _text(FIELD_KEYS), drift, "the headline")
    form.place.selectAll()
    _type_in_chunks(window, qtbot, form.place, _text(FIELD_KEYS // 3), drift, "the place")
    form.contacts.add_button.click()
    row = form.contacts.rows[-1]
    _type_in_chunks(window, qtbot, row.name, _text(FIELD_KEYS // 3), drift, "a contact")
    type_text(row.email, "presse@education.gouv.fr")

    for opened in (
        lambda: REAL_CHOOSE_MINISTRIES(window, ()),
        lambda: REAL_EDIT_PREFERENCES(window, ""),
        lambda: REAL_EDIT_CONTACT(window, None),
        lambda: REAL_ASK_LINK(window, ""),
    ):
        _close_when_shown(qtbot)
        opened()
    for show in (window.show_register, window.show_directory):
        before = set(QApplication.topLevelWidgets())
        show()
        shown = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
        assert shown, "the dialog did not open"
        for dialog in shown:
            dialog.close()
    drift.check("after the dialogs")

    assert window.export_to(docx=tmp_path / "jour.docx", pdf=tmp_path / "jour.pdf")
    assert (tmp_path / "jour.pdf").stat().st_size > 0
    assert (tmp_path / "jour.docx").stat().st_size > 0
    drift.check("after the export")

    assert window.isVisible()
    typed = form.body.text_edit.document().toRawText()
    assert len(typed) >= BODY_KEYS
