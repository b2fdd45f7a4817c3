"""*Langue du passage…*: which language a passage of the body is in, when it is not French.

Every output tags the passage with it (screen readers read it in that language, no French
hyphenation, no French spelling), and the editor shows it tinted.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import PASSAGE_LANGUAGES, language_tag

FRENCH = ""
"""The answer that takes the mark off: the passage is in French, the release's language."""


class LanguageDialog(QDialog):
    """The languages a passage may be in: French (no mark), four named ones, or a code."""

    def __init__(self, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Langue du passage"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Langue du texte sélectionné\u00a0:"), self)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = {FRENCH: self.tr("français (la langue du communiqué)")}
        choices |= {tag: self.tr(name) for tag, name in PASSAGE_LANGUAGES.items()}
        for tag, label in choices.items():
            button = QRadioButton(label, self)
            self.group.addButton(button)
            self.buttons[tag] = button
            layout.addWidget(button)
        self.other = QRadioButton(self.tr("autre (code)"), self)
        self.group.addButton(self.other)
        layout.addWidget(self.other)
        self.code = QLineEdit(self)
        self.code.setAccessibleName(self.tr("Code de la langue"))
        self.code.setPlaceholderText(self.tr("pt, nl, en-GB…"))
        layout.addWidget(self.code)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.code.textEdited.connect(lambda _text: self.other.setChecked(True))
        if current in self.buttons:
            self.buttons[current].setChecked(True)
        elif current:
            self.other.setChecked(True)
            self.code.setText(current)
        else:
            self.buttons[FRENCH].setChecked(True)
        checked = self.group.checkedButton()
        if checked is not None:
            checked.setFocus()

    def answer(self) -> str | None:
        """The chosen tag, ``FRENCH`` for none, or None when the code typed is not one."""
        if self.other.isChecked():
            return language_tag(self.code.text())
        for tag, button in self.buttons.items():
            if button.isChecked():
                return tag
        return FRENCH

    def accept(self) -> None:
        if self.answer() is None:
            self.problem.setText(
                self.tr(
                    "«\u00a0{code}\u00a0» n’est pas un code de langue (exemples\u00a0: pt, nl, "
                    "en-GB)\u202f; pour le français, choisissez «\u00a0français\u00a0»."
                ).format(code=self.code.text().strip())
            )
            self.code.setFocus()
            return
        super().accept()


def ask_language(parent: QWidget, current: str | None) -> str | None:
    """The language chosen for the selection (``FRENCH`` to take the mark off), or None when
    the dialog is cancelled."""
    dialog = LanguageDialog(current, parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
