"""*Attribuer un numéro*: the window's side of ``desktop.store.register.issue_draft``.

The register writes the number into the draft file itself (so a number is never recorded for a
draft that does not carry it, and issuing the same draft twice returns the same number); the
window therefore saves the draft first, then adopts what the file holds afterwards. Every refusal
of the register is a French sentence, shown as is: never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from desktop.core.draft import DraftError
from desktop.gui import dialogs

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from desktop.gui.document import Document
    from desktop.store.register import IssueOutcome, Register


def tr(text: str) -> str:
    return QCoreApplication.translate("numbering", text)


def assign_number(
    document: Document, parent: QWidget, save: Callable[[], bool], say: Callable[[str], None]
) -> IssueOutcome | None:
    """Save if needed (``save``, which may ask where), issue the draft's number, adopt what the
    file then holds and ``say`` it; None when nothing was given. ``parent`` holds the dialogs."""
    from desktop.store.register import NeedsNew, Register, RegisterError, issue_draft

    window = parent
    if document.path is None or document.is_modified():
        if not dialogs.ask_save_before_numbering(window, document.path is None):
            return None
        if not save():
            return None
    path = document.path
    assert path is not None
    title = tr("Attribution du numéro impossible")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        try:
            with Register.open() as reg:
                if not _first_use_settled(window, document, reg):
                    return None
                try:
                    outcome = issue_draft(path, register=reg)
                except NeedsNew as exc:
                    QGuiApplication.restoreOverrideCursor()
                    if not dialogs.confirm_new_number(window, str(exc)):
                        return None
                    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                    outcome = issue_draft(path, register=reg, new=True)
        except DraftError as exc:
            _fail(window, title, str(exc))
            return None
        except RegisterError as exc:  # DraftNotUpdated, RegisterUnavailable, RegisterRefused…
            _fail(window, title, str(exc))
            return None
    finally:
        if QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
    document.forget_state()  # the register now knows the release: PROJET where it applies
    document.adopt_saved(outcome.release)
    label = outcome.entry.label
    if outcome.reused:
        message = tr("{label} déjà attribué à ce brouillon (aucun numéro consommé)")
    else:
        message = tr("{label} attribué")
    say(message.format(label=label))
    return outcome


def _first_use_settled(window: QWidget, document: Document, reg: Register) -> bool:
    """On the register's first number, ask the office's next number and the form of its
    numbers (the register would start at N°1 otherwise) and record the answer. False when the
    author cancelled: no number is given."""
    from desktop.store.register import DEFAULT_SERIES

    if reg.entries(series=DEFAULT_SERIES):
        return True
    release = document.release
    year = release.date.year if release.date else reg.current_year()
    policy = reg.policy(DEFAULT_SERIES)
    upcoming = reg.next_number(DEFAULT_SERIES, year)
    QGuiApplication.restoreOverrideCursor()
    from desktop.store.signoff import signoff_enabled

    answer = dialogs.ask_first_number(window, upcoming, policy.format, year, signoff_enabled(reg))
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if answer is None:
        return False
    number, fmt = answer
    if fmt != policy.format:
        reg.set_policy(DEFAULT_SERIES, fmt=fmt)
    if number != upcoming:
        reg.set_next(number, series=DEFAULT_SERIES, year=year)
    return True


def _fail(window: QWidget, title: str, message: str) -> None:
    if QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()
    dialogs.show_error(
        window, title, message, tr("Le brouillon n’a pas été modifié par cette tentative.")
    )
