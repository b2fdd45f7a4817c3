"""The window's menus and their shortcuts (the platform's standard ones where they exist).

*Fichier › Exporter en …* has one entry per format of the registry (``usecases.formats``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.core.kinds import DocumentKind
from desktop.usecases import formats

StandardKey = QKeySequence.StandardKey

NEW_KIND_ENTRIES = {
    DocumentKind.COMMUNIQUE: "&Communiqué de presse",
    DocumentKind.INVITATION: "&Invitation presse",
    DocumentKind.AGENDA: "&Agenda prévisionnel",
    DocumentKind.SPEECH: "&Discours",
    DocumentKind.STATEMENT: "Décla&ration",
    DocumentKind.PRESS_KIT: "Dossier de &presse",
}
"""*Fichier › Nouveau document*: each kind's French name (``kinds.french_name``), with its
access key."""


@dataclass
class Actions:
    new: QAction
    new_kinds: dict[DocumentKind, QAction]
    """*Nouveau document › …*, one per kind of document, each from its template."""
    open: QAction
    recent: QMenu
    save: QAction
    save_as: QAction
    exports: dict[str, QAction]
    """*Exporter en …*, one per format of the registry (``usecases.formats``), by name."""
    export_both: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    zoom_in: QAction
    zoom_out: QAction
    previous_page: QAction
    next_page: QAction
    about: QAction
    menus: dict[str, QMenu]
    """By role ("file", "edit", "view", "help"): where later features add their actions."""


def _action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


add_action = _action
"""For features that add their actions to ``Actions.menus`` (Outils, Préférences…)."""


def _both(window: QMainWindow, menu: QMenu, export: Callable[[str], object]) -> QAction:
    return _action(window, menu, window.tr("Exporter les deu&x…"), lambda: export("both"), "Ctrl+E")


def build_actions(
    window: QMainWindow,
    stack: QUndoStack,
    slots: dict[str, Callable[[], object]],
    export: Callable[[str], object],
    new_kind: Callable[[DocumentKind], object] | None = None,
) -> Actions:
    """The menus; ``export`` is called with a format's name (or ``both``: PDF and DOCX),
    ``new_kind`` with the kind chosen in *Nouveau document*."""
    tr = window.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&Fichier"))
    new = _action(window, file_menu, tr("&Nouveau"), slots["new"], StandardKey.New)
    kinds_menu = file_menu.addMenu(tr("Nou&veau document"))
    new_kinds = {
        kind: _action(
            window,
            kinds_menu,
            tr(NEW_KIND_ENTRIES[kind]),
            partial(new_kind or (lambda _kind: slots["new"]()), kind),
        )
        for kind in DocumentKind
    }
    open_ = _action(window, file_menu, tr("&Ouvrir…"), slots["open"], StandardKey.Open)
    recent = file_menu.addMenu(tr("Ouvrir &récent"))
    file_menu.addSeparator()
    save = _action(window, file_menu, tr("&Enregistrer"), slots["save"], StandardKey.Save)
    save_as = _action(
        window, file_menu, tr("Enregistrer &sous…"), slots["save_as"], StandardKey.SaveAs
    )
    if save_as.shortcut().isEmpty():  # Qt's Windows key table has none for Save As
        save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
    file_menu.addSeparator()
    exports: dict[str, QAction] = {}
    export_both: QAction | None = None
    for fmt in formats.all_formats():
        exports[fmt.name] = _action(
            window,
            file_menu,
            tr(fmt.menu_entry),
            partial(export, fmt.name),
            fmt.shortcut or None,
        )
        if fmt.name == "pdf":  # the pair a press office sends, beside each other
            export_both = _both(window, file_menu, export)
    if export_both is None:
        export_both = _both(window, file_menu, export)
    file_menu.addSeparator()
    quit_ = _action(window, file_menu, tr("&Quitter"), slots["quit"], StandardKey.Quit)
    if quit_.shortcut().isEmpty():
        quit_.setShortcut(QKeySequence("Ctrl+Q"))

    edit_menu = bar.addMenu(tr("É&dition"))
    undo = stack.createUndoAction(window, tr("Annuler"))
    undo.setShortcuts(QKeySequence.keyBindings(StandardKey.Undo))
    redo = stack.createRedoAction(window, tr("Rétablir"))
    redo_keys = QKeySequence.keyBindings(StandardKey.Redo)
    redo.setShortcuts(
        [*redo_keys, *([QKeySequence("Ctrl+Y")] if QKeySequence("Ctrl+Y") not in redo_keys else [])]
    )
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)

    view_menu = bar.addMenu(tr("&Affichage"))
    zoom_in = _action(window, view_menu, tr("Zoom &avant"), slots["zoom_in"], StandardKey.ZoomIn)
    zoom_out = _action(
        window, view_menu, tr("Zoom a&rrière"), slots["zoom_out"], StandardKey.ZoomOut
    )
    view_menu.addSeparator()
    previous_page = _action(
        window, view_menu, tr("Page &précédente"), slots["previous_page"], "Ctrl+PgUp"
    )
    next_page = _action(window, view_menu, tr("Page &suivante"), slots["next_page"], "Ctrl+PgDown")

    help_menu = bar.addMenu(tr("Aid&e"))
    about = _action(window, help_menu, tr("À &propos de Communiqué"), slots["about"])
    return Actions(
        new,
        new_kinds,
        open_,
        recent,
        save,
        save_as,
        exports,
        export_both,
        quit_,
        undo,
        redo,
        zoom_in,
        zoom_out,
        previous_page,
        next_page,
        about,
        {"file": file_menu, "edit": edit_menu, "view": view_menu, "help": help_menu},
    )
