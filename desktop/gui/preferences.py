"""*Préférences*: ask (``dialogs.edit_preferences``), remember, and apply at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.core.fonts import FontChoice, choose_font
from desktop.gui import dialogs, settings


def apply_preferences(
    parent: QWidget, store: settings.Settings, set_font: Callable[[FontChoice], None]
) -> bool:
    """Ask, remember and apply at once; True when something changed. Marianne installed from
    the dialog (*Installer Marianne…*) is applied as soon as it is installed."""
    current = store.get(settings.FONT_DIR)
    installed = False

    def use_installed() -> None:
        nonlocal installed
        installed = True
        set_font(choose_font(current or None))

    chosen = dialogs.edit_preferences(parent, current, use_installed)
    if chosen is None or chosen == current:
        return installed
    store.set(settings.FONT_DIR, chosen)
    set_font(choose_font(chosen or None))
    return True
