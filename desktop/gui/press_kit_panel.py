"""The form's panel of a press kit: the cover's subtitle and image (with what it shows). Its
chapters are the body's headings (*Insérer › Intertitre*); its annexes, kept in the draft, are
shown by their titles."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.core.images import MAX_IMAGE_BYTES, ImageRefused, read_picture
from desktop.core.location import Location
from desktop.core.model import Picture, Release
from desktop.core.press_kit import PressKit
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
        self.annexes = QLabel(self)
        self.annexes.setWordWrap(True)
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
            titles = " · ".join(annex.title for annex in kit.annexes)
            self.annexes.setText(titles or self.tr("aucune"))
        finally:
            self._loading = False

    def focus_location(self, location: Location) -> bool:
        if location.field != "press_kit":
            return False
        widget = self.cover_alt if str(location.sub or "").startswith("cover") else self.subtitle
        widget.setFocus()
        return True
