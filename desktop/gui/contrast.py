"""Colours a person can read: the application palette brought to WCAG's 4.5:1 for normal text.

Qt's default palette selects in a light blue (#308cc6: white on it is 3.69:1) and draws
placeholder text as half-transparent text (#7f7f7f on white, 4.0:1), both below the 4.5:1 that
WCAG 2.1 (criterion 1.4.3, level AA; RGAA criterion 3.2) asks of text. The selection takes the
State's blue (bleu France, #000091) with white text; the placeholder keeps its dimmer look, as
little dimmed as 4.5:1 allows against the field's background, in a light or a dark theme alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SELECTION = QColor("#000091")
"""Bleu France: white text on it is 14.9:1."""
SELECTED_TEXT = QColor("#ffffff")
TARGET = 4.6
"""A little above WCAG's 4.5:1, so rounding in a colour's 8-bit channels never falls short."""


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1's relative luminance of an opaque sRGB colour."""
    return (
        0.2126 * _linear(colour.redF())
        + 0.7152 * _linear(colour.greenF())
        + 0.0722 * _linear(colour.blueF())
    )


def over(colour: QColor, ground: QColor) -> QColor:
    """``colour`` as seen on ``ground`` (a half-transparent placeholder on white is grey)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(
            alpha * a + (1 - alpha) * b
            for a, b in (
                (colour.redF(), ground.redF()),
                (colour.greenF(), ground.greenF()),
                (colour.blueF(), ground.blueF()),
            )
        )
    )


def contrast_ratio(text: QColor, ground: QColor) -> float:
    """WCAG 2.1's contrast ratio (1 to 21) of ``text`` drawn on the opaque ``ground``."""
    lighter, darker = sorted(
        (relative_luminance(over(text, ground)), relative_luminance(ground)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def readable_placeholder(text: QColor, ground: QColor) -> QColor:
    """The colour between ``text`` and ``ground`` nearest the ground that still reads at
    ``TARGET`` on it (``text`` itself when even that falls short)."""
    solid = over(text, ground)
    for step in range(40, 101, 2):
        share = step / 100
        mixed = QColor.fromRgbF(
            *(
                share * a + (1 - share) * b
                for a, b in (
                    (solid.redF(), ground.redF()),
                    (solid.greenF(), ground.greenF()),
                    (solid.blueF(), ground.blueF()),
                )
            )
        )
        mixed = QColor(mixed.name())  # the 8-bit colour actually drawn
        if contrast_ratio(mixed, ground) >= TARGET:
            return mixed
    return solid


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with the selection and the placeholder text brought to 4.5:1 or more, in
    the active and the inactive (another window has the focus) groups."""
    result = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        result.setColor(group, QPalette.ColorRole.Highlight, SELECTION)
        result.setColor(group, QPalette.ColorRole.HighlightedText, SELECTED_TEXT)
        result.setColor(
            group,
            QPalette.ColorRole.PlaceholderText,
            readable_placeholder(
                palette.color(group, QPalette.ColorRole.Text),
                palette.color(group, QPalette.ColorRole.Base),
            ),
        )
    return result


FOCUS_COLOUR = "#000091"
"""Bleu France, the selection's colour: against the field's own grey frame it replaces, 9:1,
where WCAG 2.4.13 asks 3:1 of a focus mark (the DSFR's lighter #0a76f6 gave 2.5:1)."""


def show_focus(widget: QWidget) -> None:
    """A focus mark the style does not draw (text fields, a toolbar's buttons under Fusion):
    a 2-pixel border in ``FOCUS_COLOUR`` while ``widget`` has the keyboard focus (WCAG 2.4.7).
    Set on the widget alone, so the rest of the window keeps the style's own drawing."""
    selector = type(widget).__name__
    widget.setStyleSheet(f"{selector}:focus {{ border: 2px solid {FOCUS_COLOUR}; }}")
