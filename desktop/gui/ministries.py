"""*Ministères signataires*: who signs the release, and the header the charter gives them.

The rule is the core's (``desktop.core.header.expected_header``: two ministries or more sign
GOUVERNEMENT, one signs with its own name set on lines): this module only lets the author tick
the ministries and proposes that header, in one click, when the header on screen differs. The
proposal is never applied behind the author's back: header lines are theirs to edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.header import expected_header, is_joint, ministry_presets
from desktop.core.search import matches
from desktop.core.text import clean_text


def display_name(name: str) -> str:
    """The name as a French reader expects it (typographic apostrophe)."""
    return name.replace("'", "’")


def _user_preset_names() -> list[str]:
    """The user's header presets (a ministry formed since the list was made, often)."""
    from desktop.store.presets import PresetsError, load_presets

    try:
        return [preset.name for preset in load_presets()]
    except PresetsError:
        return []


class MinistriesField(QWidget):
    """The signing ministries in one line, a *Choisir…* button, and the charter's header
    proposed when it differs from the one typed."""

    changed = Signal()
    """The author chose other ministries."""
    header_proposed = Signal(object)
    """The author accepted the proposed header lines (a tuple of str)."""

    def __init__(
        self,
        choose: Callable[[QWidget, tuple[str, ...]], tuple[str, ...] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choose = choose
        self._ministries: tuple[str, ...] = ()
        self._proposal: tuple[str, ...] | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("Choisir…"))
        self.choose_button.setToolTip(
            self.tr(
                "Les ministères qui signent ce communiqué\u202f; à deux ou plus, l’en-tête est "
                "«\u00a0GOUVERNEMENT\u00a0»."
            )
        )
        self.choose_button.clicked.connect(self.choose)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.proposal_button = QPushButton(self.tr("Appliquer"))
        self.proposal_button.clicked.connect(self._accept_proposal)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Ministères signataires\u00a0:")))
        top.addWidget(self.summary, 1)
        top.addWidget(self.choose_button)
        self.proposal_row = QWidget()
        bottom = QHBoxLayout(self.proposal_row)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.proposal_label, 1)
        bottom.addWidget(self.proposal_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.proposal_row)
        self.proposal_row.hide()
        self._show_summary()

    def ministries(self) -> tuple[str, ...]:
        return self._ministries

    def set_ministries(self, ministries: tuple[str, ...]) -> None:
        self._ministries = tuple(ministries)
        self._show_summary()

    def choose(self) -> None:
        chosen = self._choose(self, self._ministries)
        if chosen is not None and chosen != self._ministries:
            self.set_ministries(chosen)
            self.changed.emit()

    def show_header(self, header: tuple[str, ...]) -> None:
        """Propose the charter's header when the one on screen is not it."""
        wanted = expected_header(self._ministries)
        typed = tuple(line.strip().upper() for line in header if line.strip())
        if wanted is None or typed == tuple(line.upper() for line in wanted):
            self._proposal = None
            self.proposal_row.hide()
            return
        self._proposal = wanted
        if is_joint(self._ministries):
            text = self.tr(
                "Communiqué conjoint\u00a0: l’en-tête doit être «\u00a0GOUVERNEMENT\u00a0»."
            )
            self.proposal_button.setText(self.tr("Mettre «\u00a0GOUVERNEMENT\u00a0»"))
        else:
            text = self.tr("En-tête proposé pour ce ministère\u00a0: {lines}").format(
                lines=" / ".join(display_name(line) for line in wanted)
            )
            self.proposal_button.setText(self.tr("Appliquer"))
        self.proposal_label.setText(text)
        self.proposal_row.show()

    def _accept_proposal(self) -> None:
        if self._proposal is not None:
            self.header_proposed.emit(self._proposal)

    def _show_summary(self) -> None:
        names = [display_name(m) for m in self._ministries if m.strip()]
        if not names:
            self.summary.setText(self.tr("aucun indiqué"))
        elif len(names) == 1:
            self.summary.setText(names[0])
        else:
            self.summary.setText(
                self.tr("{n} ministères (communiqué conjoint)").format(n=len(names))
            )
        self.summary.setToolTip("\n".join(names))


class MinistriesDialog(QDialog):
    """The current ministries to tick (and any other a draft names), with a filter."""

    def __init__(self, current: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ministères signataires"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filtrer…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filtrer les ministères"))
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Ministères"))
        self.list.setWordWrap(True)  # long names read whole, no sideways scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        names = list(ministry_presets())
        names += [m for m in _user_preset_names() if m not in names]
        names += [m for m in current if m not in names]
        for name in names:
            self._add_item(name, checked=name in current)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("Un ministère absent de la liste"))
        self.other.setAccessibleName(self.tr("Autre ministère"))
        self.other.returnPressed.connect(self.add_other)
        self.add_button = QPushButton(self.tr("A&jouter"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_other)
        other_row = QHBoxLayout()
        other_row.addWidget(QLabel(self.tr("Autre :")))
        other_row.addWidget(self.other, 1)
        other_row.addWidget(self.add_button)
        note = QLabel(
            self.tr(
                "Cochez le ou les ministères qui signent. À deux ou plus, "
                "l’en-tête d’un communiqué conjoint est "
                "«\u00a0GOUVERNEMENT\u00a0»."
            )
        )
        note.setWordWrap(True)
        from PySide6.QtWidgets import QDialogButtonBox  # its enumerations: when the dialog opens

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(other_row)
        layout.addWidget(buttons)
        self.setMinimumSize(480, 360)
        self.resize(640, 480)

    def _add_item(self, name: str, *, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(display_name(name))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def add_other(self) -> None:
        """A ministry typed by hand (one formed since the list was made): ticked, at the end,
        or the one already listed under that name ticked."""
        name = " ".join(clean_text(self.other.text(), multiline=False).split())
        if not name:
            return
        key = name.replace("’", "'").casefold()
        for item in self.items():
            if str(item.data(Qt.ItemDataRole.UserRole)).replace("’", "'").casefold() == key:
                item.setCheckState(Qt.CheckState.Checked)
                self.list.scrollToItem(item)
                break
        else:
            self.list.scrollToItem(self._add_item(name, checked=True))
        self.other.clear()
        self.filter.clear()

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def set_checked(self, names: tuple[str, ...]) -> None:
        for item in self.items():
            on = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen(self) -> tuple[str, ...]:
        """The ticked ministries, in the list's order (the government's protocol order)."""
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self.items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def _filter(self, text: str) -> None:
        for item in self.items():
            item.setHidden(not matches(text, [item.text()]))
