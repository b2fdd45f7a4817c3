"""Choosing how numbers are printed: from examples (« N°352 », « CP n° 2026-352 »…), with the
Python format syntax kept as an advanced option, checked as it is typed.

Used by the register's *Numérotation* tab and by the question the app asks on the register's
first use (``FirstNumberDialog``): what the office's next number is, and in which form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.numbers import format_label
from desktop.store.number_formats import EXAMPLES, check_display_format
from desktop.store.register import MAX_NUMBER, RegisterRefused

ERROR_STYLE = "color: #a4161a;"


class FormatChooser(QWidget):
    """A list of example forms shown with the office's own next number, and a last choice,
    *Format personnalisé…*, that shows the format in Python syntax for editing. ``edit`` holds
    the format in use whatever the choice; ``changed`` follows it."""

    changed = Signal()

    def labelled(self, text: str) -> QLabel:
        """The label to put before the chooser: screen readers name a combo box by the label
        whose buddy it is (its accessible name alone is not read on Linux)."""
        label = QLabel(text)
        label.setBuddy(self.choice)
        return label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._number, self._year = 352, 2026
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Forme du numéro"))
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Format personnalisé"))
        self.edit.setToolTip(
            self.tr(
                "{n}\u00a0: le numéro\u202f; {year}\u00a0: l’année\u202f; {n:03d}\u00a0: le numéro "
                "sur trois chiffres au moins (007). Exemple\u00a0: CP n° {year}-{n:03d}"
            )
        )
        self.example = QLabel()
        self.example.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.edit)
        layout.addWidget(self.example)
        self._fill()
        self.choice.currentIndexChanged.connect(self._chosen)
        self.edit.textChanged.connect(self._typed)

    # ------------------------------------------------------------ value

    def format(self) -> str:
        return self.edit.text()

    def set_format(self, fmt: str) -> None:
        self.edit.setText(fmt)
        self._select(fmt)

    def set_sample(self, number: int, year: int) -> None:
        """The office's next number and the year, to show each example as it will print."""
        self._number, self._year = number, year
        self._fill()
        self._typed(self.edit.text())

    def is_valid(self) -> bool:
        try:
            check_display_format(self.edit.text())
        except RegisterRefused:
            return False
        return True

    # ------------------------------------------------------------ inside

    def _fill(self) -> None:
        self.choice.blockSignals(True)
        current = self.choice.currentData()
        self.choice.clear()
        for example in EXAMPLES:
            text = example.shown(self._number, self._year)
            if example.note:
                text += f" ({example.note})"
            self.choice.addItem(text, example.format)
        self.choice.addItem(self.tr("Format personnalisé…"), None)
        index = self.choice.findData(current) if current is not None else -1
        self.choice.setCurrentIndex(index if index >= 0 else self.choice.count() - 1)
        self.choice.blockSignals(False)

    def _select(self, fmt: str) -> None:
        index = self.choice.findData(fmt)
        self.choice.blockSignals(True)
        self.choice.setCurrentIndex(index if index >= 0 else self.choice.count() - 1)
        self.choice.blockSignals(False)
        self.edit.setVisible(index < 0)

    def _chosen(self, index: int) -> None:
        fmt = self.choice.itemData(index)
        custom = fmt is None
        self.edit.setVisible(custom)
        if custom:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edit.selectAll()
        else:
            self.edit.setText(str(fmt))

    def _typed(self, text: str) -> None:
        try:
            fmt = check_display_format(text)
        except RegisterRefused as exc:
            self.example.setText(str(exc))
            self.example.setStyleSheet(ERROR_STYLE)
        else:
            self.example.setText(
                self.tr("Exemple\u00a0: {label}").format(
                    label=format_label(fmt, self._number, self._year)
                )
            )
            self.example.setStyleSheet("")
        self.changed.emit()


class FirstNumberDialog(QDialog):
    """Asked when the register gives its first number: the office's next number (to continue
    the sequence kept until now) and the form numbers are printed in."""

    def __init__(
        self,
        upcoming: int,
        fmt: str,
        year: int,
        parent: QWidget | None = None,
        *,
        marked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Premier numéro du registre"))
        text = self.tr(
            "Le registre n’a encore attribué aucun numéro\u00a0: en l’état, ce communiqué "
            "recevrait le «\u00a0{label}\u00a0». Si votre service numérote déjà ses "
            "communiqués, indiquez le numéro qui suit le dernier publié (351 après le N°350), "
            "et la forme de vos numéros."
        ).format(label=format_label(fmt, upcoming, year))
        if marked:
            text += self.tr(
                "\n\nUne fois numéroté, le communiqué porte la mention PROJET sur l’aperçu et "
                "sur tout ce qui est exporté ou imprimé, jusqu’à sa validation (Outils › "
                "Soumettre, puis Outils › Valider)."
            )
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.number = QSpinBox()
        self.number.setRange(1, MAX_NUMBER)
        self.number.setValue(upcoming)
        self.number.setAccessibleName(self.tr("Prochain numéro"))
        self.number.setMaximumWidth(160)
        self.chooser = FormatChooser()
        self.chooser.set_sample(upcoming, year)
        self.chooser.set_format(fmt)
        self.number.valueChanged.connect(lambda value: self.chooser.set_sample(value, year))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Attribuer le numéro")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.chooser.changed.connect(self._sync)
        form = QFormLayout()
        form.addRow(self.tr("Prochain numéro\u00a0:"), self.number)
        form.addRow(self.chooser.labelled(self.tr("&Forme du numéro\u00a0:")), self.chooser)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._sync()

    def answer(self) -> tuple[int, str]:
        return self.number.value(), check_display_format(self.chooser.format())

    def _sync(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chooser.is_valid())
