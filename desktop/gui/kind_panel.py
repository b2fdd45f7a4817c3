"""What a kind's panel in the form is (``gui/kind_panels.py`` lists them): the fields of one
kind of document, bound to its part of the release."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.core.location import Location
from desktop.core.model import Release


class KindPanel(QWidget):
    """The fields of one kind, bound to its part of the release."""

    edited = Signal(str)
    """The field that changed, as a draft location says it (``event.title``)."""

    title = ""
    """The heading of the panel's box in the form (*Événement*)."""

    def apply(self, release: Release) -> Release:
        """``release`` holding what the panel shows."""
        return release

    def show_release(self, release: Release) -> None:
        """Show the kind's part of ``release`` (without saying ``edited``)."""

    def focus_location(self, location: Location) -> bool:
        """Give the focus to the field ``location`` names; False when it names none here."""
        return False
