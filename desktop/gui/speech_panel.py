"""The form's panel of a speech and of a statement: who speaks, on what occasion, at what time,
and the delivery mention (« Seul le prononcé fait foi » or « Tel que prononcé »)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from desktop.core.location import Location
from desktop.core.model import Release
from desktop.core.speech import DELIVERY_MENTIONS, Delivery, Speech
from desktop.core.text import clean_text
from desktop.gui.date_fields import TimeField
from desktop.gui.kind_panel import KindPanel


class SpeechPanel(KindPanel):
    title = "Discours"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Orateur et prononcé")
        self._loading = False
        self.speaker = QLineEdit(self)
        self.speaker.setAccessibleName(self.tr("Orateur"))
        self.speaker.setPlaceholderText(self.tr("Prénom Nom, fonction"))
        self.occasion = QLineEdit(self)
        self.occasion.setAccessibleName(self.tr("Occasion"))
        self.has_time = QCheckBox(self.tr("À"), self)
        self.has_time.setAccessibleName(self.tr("Heure indiquée"))
        self.time = TimeField(self)
        self.time.setAccessibleName(self.tr("Heure"))
        self.delivery = QComboBox(self)
        self.delivery.setAccessibleName(self.tr("Mention de prononcé"))
        for delivery in Delivery:
            self.delivery.addItem(DELIVERY_MENTIONS[delivery], delivery)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_time)
        row.addWidget(self.time)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("&Orateur\u00a0:"), self.speaker)
        form.addRow(self.tr("O&ccasion\u00a0:"), self.occasion)
        form.addRow(self.tr("Heure\u00a0:"), row)
        form.addRow(self.tr("&Mention\u00a0:"), self.delivery)
        self.speaker.textEdited.connect(lambda _t: self._edited("speech.speaker"))
        self.occasion.textEdited.connect(lambda _t: self._edited("speech.occasion"))
        self.has_time.toggled.connect(self._time_toggled)
        self.time.time_changed.connect(lambda _t: self._edited("speech.time"))
        self.delivery.currentIndexChanged.connect(lambda _i: self._edited("speech.delivery"))
        self.time.setEnabled(False)

    def _time_toggled(self, on: bool) -> None:
        self.time.setEnabled(on)
        self._edited("speech.time")

    def _edited(self, field: str) -> None:
        if not self._loading:
            self.edited.emit(field)

    def speech(self) -> Speech:
        delivery = self.delivery.currentData()
        return Speech(
            speaker=clean_text(self.speaker.text(), multiline=False),
            occasion=clean_text(self.occasion.text(), multiline=False),
            time=self.time.time() if self.has_time.isChecked() else None,
            delivery=delivery if isinstance(delivery, Delivery) else Delivery.BEFORE,
        )

    def apply(self, release: Release) -> Release:
        return replace(release, speech=self.speech())

    def show_release(self, release: Release) -> None:
        speech = release.speech or Speech()
        self._loading = True
        try:
            if self.speaker.text() != speech.speaker:
                self.speaker.setText(speech.speaker)
            if self.occasion.text() != speech.occasion:
                self.occasion.setText(speech.occasion)
            self.has_time.setChecked(speech.time is not None)
            self.time.setEnabled(speech.time is not None)
            self.time.set_time(speech.time or time(10))
            self.delivery.setCurrentIndex(self.delivery.findData(speech.delivery))
        finally:
            self._loading = False

    def focus_location(self, location: Location) -> bool:
        if location.field != "speech":
            return False
        widget = {
            "speaker": self.speaker,
            "occasion": self.occasion,
            "time": self.time,
            "delivery": self.delivery,
        }.get(str(location.sub or "speaker"), self.speaker)
        widget.setFocus()
        return True
