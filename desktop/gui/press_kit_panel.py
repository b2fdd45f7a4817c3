"""The form's panel of a press kit: the cover's subtitle and image (with what it shows), and its
annexes, each a title and a text edited as the body is. Its chapters are the body's headings
(*Insérer › Intertitre*)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from desktop.core.images import MAX_IMAGE_BYTES, ImageRefused, read_picture
from desktop.core.location import Location
from desktop.core.model import Picture, Release
from desktop.core.press_kit import Annex, PressKit
from desktop.core.text import clean_text
from desktop.gui.kind_panel import KindPanel


class PressKitPanel(KindPanel):
    title = "Dossier de presse"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Couverture du dossier")
        self._loading = False
        self._kit = PressKit()
        self.subtitle = QLineEdit(self)
        self.subtitle.setAccessibleName(self.tr("Sous-titre"))
        self.cover_label = QLabel(self.tr("aucune"), self)
        self.choose = QPushButton(self.tr("C&hoisir l’image…"), self)
        self.remove = QPushButton(self.tr("Retirer l’image"), self)
        self.cover_alt = QLineEdit(self)
        self.cover_alt.setAccessibleName(self.tr("Texte de remplacement de l’image de couverture"))
        self.cover_alt.setPlaceholderText(self.tr("Ce que montre l’image, pour qui ne la voit pas"))
        self.annexes = _Annexes(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cover_label, 1)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        form = QFormLayout(self)
        form.addRow(self.tr("&Sous-titre\u00a0:"), self.subtitle)
        form.addRow(self.tr("Image\u00a0:"), row)
        form.addRow(self.tr("&Texte de remplacement\u00a0:"), self.cover_alt)
        form.addRow(self.tr("Annexes\u00a0:"), self.annexes)
        self.annexes.edited.connect(lambda: self._edited("press_kit.annexes"))
        self.subtitle.textEdited.connect(lambda _t: self._edited("press_kit.subtitle"))
        self.cover_alt.textEdited.connect(lambda _t: self._edited("press_kit.cover_alt"))
        self.choose.clicked.connect(self.choose_cover)
        self.remove.clicked.connect(self.remove_cover)

    def _edited(self, field: str) -> None:
        if not self._loading:
            self.edited.emit(field)

    def _set_cover(self, picture: Picture | None) -> None:
        self._kit = replace(self._kit, cover=picture)
        self.cover_label.setText(
            self.tr("aucune")
            if picture is None
            else f"{picture.media_type.removeprefix('image/').upper()} {picture.width} × "
            f"{picture.height}"
        )
        self.remove.setEnabled(picture is not None)

    def choose_cover(self) -> None:
        from desktop.gui import dialogs

        answer = dialogs.ask_figure(self)
        if answer is None:
            return
        path, alt, _caption = answer
        try:
            with path.open("rb") as file:
                picture = read_picture(file.read(MAX_IMAGE_BYTES + 1))
        except OSError as exc:
            dialogs.show_error(self, self.tr("Image"), self.tr("Image illisible."), str(exc))
            return
        except ImageRefused as exc:
            dialogs.show_error(self, self.tr("Image"), self.tr("Image refusée."), str(exc))
            return
        self._set_cover(picture)
        self.cover_alt.setText(alt)
        self._edited("press_kit.cover")

    def remove_cover(self) -> None:
        self._set_cover(None)
        self._edited("press_kit.cover")

    def apply(self, release: Release) -> Release:
        kit = replace(
            self._kit,
            subtitle=clean_text(self.subtitle.text(), multiline=False),
            cover_alt=clean_text(self.cover_alt.text(), multiline=False),
            annexes=self.annexes.value(),
        )
        return replace(release, press_kit=kit)

    def show_release(self, release: Release) -> None:
        kit = release.press_kit or PressKit()
        self._loading = True
        try:
            self._kit = kit
            if self.subtitle.text() != kit.subtitle:
                self.subtitle.setText(kit.subtitle)
            if self.cover_alt.text() != kit.cover_alt:
                self.cover_alt.setText(kit.cover_alt)
            self._set_cover(kit.cover)
            self.annexes.show_annexes(kit.annexes)
        finally:
            self._loading = False

    def focus_location(self, location: Location) -> bool:
        if location.field != "press_kit":
            return False
        widget = self.cover_alt if str(location.sub or "").startswith("cover") else self.subtitle
        widget.setFocus()
        return True


def _ask_link(parent: QWidget, current: str) -> str | None:
    """*Lien…* in an annex: the window's question, looked up when asked (tests replace it)."""
    from desktop.gui import dialogs

    return dialogs.ask_link(parent, current)


class _Annexes(QWidget):
    """The annexes: a list of titles, *Ajouter une annexe* and *Retirer l’annexe*, and the
    chosen annex's title and text (a body editor, with its *Insérer* button)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        from desktop.gui.body_editor import BodyEditor

        super().__init__(parent)
        self._annexes: list[Annex] = []
        self._loading = False
        self.titles = QListWidget(self)
        self.titles.setAccessibleName(self.tr("Annexes"))
        self.titles.setMaximumHeight(90)
        self.add = QPushButton(self.tr("&Ajouter une annexe"), self)
        self.remove = QPushButton(self.tr("Retirer l’annexe"), self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Titre de l’annexe"))
        self.body = BodyEditor(_ask_link, self)
        self.body.text_edit.setAccessibleName(self.tr("Texte de l’annexe"))
        self.body.text_edit.setMinimumHeight(120)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.titles)
        layout.addLayout(buttons)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.titles.currentRowChanged.connect(self._show_current)
        self.add.clicked.connect(self.add_annex)
        self.remove.clicked.connect(self.remove_annex)
        self.title.textEdited.connect(self._title_edited)
        self.body.edited.connect(self._body_edited)
        self._sync()

    def value(self) -> tuple[Annex, ...]:
        return tuple(self._annexes)

    def show_annexes(self, annexes: tuple[Annex, ...]) -> None:
        if tuple(self._annexes) == annexes:
            return
        row = max(self.titles.currentRow(), 0)
        self._annexes = list(annexes)
        self._loading = True
        try:
            self.titles.clear()
            self.titles.addItems([annex.title for annex in annexes])
            if annexes:
                self.titles.setCurrentRow(min(row, len(annexes) - 1))
            self._show_current(self.titles.currentRow())
        finally:
            self._loading = False

    def _show_current(self, row: int) -> None:
        loading, self._loading = self._loading, True
        try:
            annex = self._annexes[row] if 0 <= row < len(self._annexes) else Annex("")
            if self.title.text() != annex.title:
                self.title.setText(annex.title)
            self.body.set_blocks(annex.body)
        finally:
            self._loading = loading
        self._sync()

    def _sync(self) -> None:
        has = 0 <= self.titles.currentRow() < len(self._annexes)
        for widget in (self.remove, self.title, self.body):
            widget.setEnabled(has)

    def add_annex(self) -> None:
        self._annexes.append(Annex(self.tr("Nouvelle annexe")))
        self.titles.addItem(self._annexes[-1].title)
        self.titles.setCurrentRow(len(self._annexes) - 1)
        self.title.setFocus()
        self.title.selectAll()
        self.edited.emit()

    def remove_annex(self) -> None:
        row = self.titles.currentRow()
        if 0 <= row < len(self._annexes):
            del self._annexes[row]
            self.titles.takeItem(row)
            self._show_current(self.titles.currentRow())
            self.edited.emit()

    def _title_edited(self, text: str) -> None:
        row = self.titles.currentRow()
        if self._loading or not 0 <= row < len(self._annexes):
            return
        title = clean_text(text, multiline=False)
        self._annexes[row] = replace(self._annexes[row], title=title)
        self.titles.item(row).setText(title)
        self.edited.emit()

    def _body_edited(self) -> None:
        row = self.titles.currentRow()
        if self._loading or not 0 <= row < len(self._annexes):
            return
        self._annexes[row] = replace(self._annexes[row], body=self.body.blocks())
        self.edited.emit()
