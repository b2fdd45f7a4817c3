"""An accessibility audit of one window, through Qt's accessibility interface (what a screen
reader is given) and real Tab key presses.

Generic on purpose: it walks whatever widgets and menus a window holds, so a field or a menu
entry added later is audited without a change here. Each check returns problem lines (in
French, like the widgets they name) giving the window and the widget, so a failing test says
what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop.gui.contrast import contrast_ratio

MINIMUM_CONTRAST = 4.5
"""WCAG 2.1, success criterion 1.4.3 (AA), for text of normal size."""

MAX_REPEATS = 10
"""Tabs a field may keep for itself: a date and time edit's sections (day, month, year, hour,
minute) take one each; a table that cycles through its cells never lets go."""

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)


@dataclass
class Audit:
    """What one window got wrong, by kind."""

    title: str
    names: list[str] = field(default_factory=list)
    tabbing: list[str] = field(default_factory=list)
    mnemonics: list[str] = field(default_factory=list)
    contrast: list[str] = field(default_factory=list)
    tab_stops: list[str] = field(default_factory=list)
    """The Tab stops visited, as spoken (for reading a failure)."""


def describe(widget: QWidget) -> str:
    name = spoken_name(widget)
    return (
        f"{type(widget).__name__} «{name}»"
        if name
        else (f"{type(widget).__name__} {widget.objectName() or hex(id(widget))} (sans nom)")
    )


# ---------------------------------------------------------------- names


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its accessible name, or the label attached to
    it (a QLabel buddy, a group box title). A combo box's name is its value on Linux (Qt gives
    « Toutes les années » as the name of a non-editable one): only a label names it."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    name = iface.text(QAccessible.Text.Name).strip()
    if (
        iface.role() == QAccessible.Role.ComboBox
        and name == iface.text(QAccessible.Text.Value).strip()
    ):
        name = ""
    labels = [
        other.text(QAccessible.Text.Name).strip()
        for other, _relation in iface.relations(QAccessible.Relation.Label)
        if other is not None
    ]
    return " ".join(part for part in (name, *labels) if part)


def _inside_composite(widget: QWidget) -> bool:
    """Parts Qt builds inside another widget (a spin box's or combo box's line edit, a line
    edit's clear button, a table's headers, scroll bars): the outer widget is what is named
    and focused."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit | QAbstractItemView):
            return True
        if parent.isWindow():
            return False
        parent = parent.parentWidget()
    return False


def interactive_widgets(window: QWidget) -> list[QWidget]:
    """Visible widgets a person operates: every Tab stop, and every button, field or list."""
    found = []
    for widget in window.findChildren(QWidget):
        if (
            not widget.isVisible()
            or widget.window() is not window
            or _inside_composite(widget)
            or widget.focusProxy() is not None
        ):
            continue
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if focusable or isinstance(widget, INTERACTIVE):
            found.append(widget)
    return found


def unnamed(window: QWidget) -> list[str]:
    title = window.windowTitle()
    return [
        f"{title} : {describe(widget)} n’a pas de nom parlé"
        for widget in interactive_widgets(window)
        if not spoken_name(widget)
    ]


# ---------------------------------------------------------------- reading order


def _visible_children(widget: QWidget) -> list[QWidget]:
    return [
        child
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and not child.isWindow()
    ]


def _lines(widgets: list[QWidget]) -> list[list[QWidget]]:
    """Siblings grouped into visual lines: a widget whose middle lies within the height of the
    line being read belongs to it (a field and its button side by side, a checkbox and its date)."""
    lines: list[tuple[int, list[QWidget]]] = []
    for widget in sorted(widgets, key=lambda w: (w.geometry().top(), w.geometry().left())):
        box: QRect = widget.geometry()
        if lines and box.center().y() < lines[-1][0]:
            bottom, members = lines[-1]
            members.append(widget)
            lines[-1] = (max(bottom, box.bottom()), members)
        else:
            lines.append((box.bottom(), [widget]))
    return [sorted(members, key=lambda w: w.geometry().left()) for _bottom, members in lines]


def reading_order(root: QWidget) -> Iterator[QWidget]:
    """Every visible descendant as it is read: siblings top to bottom, left to right within a
    line, each container's content where the container is (a column is read whole)."""
    for line in _lines(_visible_children(root)):
        for child in line:
            yield child
            yield from reading_order(child)


def _exclusive_group_rest(widget: QWidget) -> bool:
    """Tab enters a group of radio buttons once, on the checked one; arrows move inside."""
    if not isinstance(widget, QRadioButton):
        return False
    group: QButtonGroup | None = widget.group()
    if group is not None and group.exclusive():
        members = [b for b in group.buttons() if b.isVisible() and b.isEnabled()]
    elif widget.autoExclusive():
        parent = widget.parentWidget()
        members = [
            b
            for b in (parent.findChildren(QRadioButton) if parent else [])
            if b.autoExclusive() and b.isVisible() and b.isEnabled() and b.parentWidget() is parent
        ]
    else:
        return False
    chosen = next((b for b in members if b.isChecked()), members[0] if members else None)
    return chosen is not None and chosen is not widget


def tab_stops(window: QWidget) -> list[QWidget]:
    """The widgets Tab should reach, in reading order: enabled, visible, accepting Tab focus."""
    stops = []
    for widget in reading_order(window):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isEnabled()
            and widget.focusProxy() is None
            and not _inside_composite(widget)
            and not _exclusive_group_rest(widget)
        ):
            stops.append(widget)
    return stops


def _outer(widget: QWidget | None) -> QWidget | None:
    """A part inside a composite stands for the composite (a spin box's line edit)."""
    while widget is not None and _inside_composite(widget):
        widget = widget.parentWidget()
    return widget


def press_tab(window: QWidget) -> QWidget | None:
    """Press Tab where the window's focus is; the widget that has the focus afterwards."""
    target = window.focusWidget() or window
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(
            target, QKeyEvent(kind, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        )
    return _outer(window.focusWidget())


def tab_walk(window: QWidget, audit: Audit) -> None:
    """From the first stop, press Tab until the focus comes back: every stop reached once, in
    reading order, and no widget (a table) keeps the focus on Tab."""
    title = window.windowTitle()
    expected = tab_stops(window)
    if not expected:
        return
    expected[0].setFocus(Qt.FocusReason.TabFocusReason)
    visited = [_outer(window.focusWidget())]
    repeats = 0
    for _ in range((len(expected) + 1) * (MAX_REPEATS + 1)):
        now = press_tab(window)
        if now is visited[0] and (len(visited) > 1 or len(expected) == 1):
            break  # round the window and back
        if now is visited[-1]:
            repeats += 1  # a date's day, month, year: Tab goes on within the field
            if repeats > MAX_REPEATS:
                audit.tabbing.append(
                    f"{title} : Tab reste dans {describe(now)} (le clavier y est piégé)"
                    if now is not None
                    else f"{title} : Tab ne mène nulle part"
                )
                break
            continue
        repeats = 0
        visited.append(now)
    audit.tab_stops = [describe(w) if w is not None else "?" for w in visited]
    reached = [w for w in visited if w is not None]
    missing = [w for w in expected if w not in reached]
    for widget in missing:
        audit.tabbing.append(f"{title} : Tab n’atteint pas {describe(widget)}")
    extra = [w for w in reached if w not in expected]
    for widget in extra:
        audit.tabbing.append(
            f"{title} : Tab s’arrête sur {describe(widget)}, "
            "invisible, désactivé ou hors de l’ordre de lecture"
        )
    order = [w for w in reached if w in expected]
    wanted = [w for w in expected if w in order]
    if order != wanted:
        for index, (got, want) in enumerate(zip(order, wanted, strict=True)):
            if got is not want:
                audit.tabbing.append(
                    f"{title} : ordre de Tab différent de l’ordre de lecture à l’arrêt "
                    f"{index + 1} : {describe(got)} au lieu de {describe(want)}"
                )
                break


def walk_pages(window: QWidget, audit: Audit) -> None:
    """Audit names and Tab order once per page of every tab widget (only one page shows)."""
    audit.names.extend(unnamed(window))
    tab_walk(window, audit)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        start = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == start:
                continue
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            audit.names.extend(p for p in unnamed(window) if p not in audit.names)
            tab_walk(window, audit)
        tabs.setCurrentIndex(start)


# ---------------------------------------------------------------- mnemonics


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), case folded."""
    match = re.search(r"&(.)", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def _clashes(place: str, texts: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for text in texts:
        letter = mnemonic(text)
        if letter is None:
            continue
        if letter in seen:
            problems.append(
                f"{place} : «{seen[letter]}» et «{text}» partagent Alt+{letter.upper()}"
            )
        else:
            seen[letter] = text
    return problems


def menu_problems(window: QWidget) -> list[str]:
    """No two entries of a menu (or of the menu bar) share a mnemonic; in the menu bar's menus,
    every enabled entry has one or a shortcut (a keyboard user reaches it in a few keys)."""
    problems: list[str] = []
    bar_menus: list[QMenu] = []
    if isinstance(window, QMainWindow):
        bar = window.menuBar()
        titles = [a.text() for a in bar.actions() if a.isVisible() and not a.isSeparator()]
        problems += _clashes("Barre de menus", titles)
        problems += [
            f"Barre de menus : «{t}» n’a pas de lettre d’accès"
            for t in titles
            if mnemonic(t) is None
        ]
        pending = [a.menu() for a in bar.actions() if a.menu() is not None]
        while pending:
            menu = pending.pop()
            bar_menus.append(menu)
            menu.aboutToShow.emit()  # menus filled when opened (Ouvrir récent)
            pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    menus = [*bar_menus, *(m for m in window.findChildren(QMenu) if m not in bar_menus)]
    for menu in menus:
        if isinstance(menu.parent(), QMenuBar) and menu not in bar_menus:
            continue  # the menu bar's overflow menu: the bar's own entries, checked above
        entries = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        place = f"Menu «{menu.title() or menu.objectName() or type(menu.parent()).__name__}»"
        problems += _clashes(place, [a.text() for a in entries])
        if menu in bar_menus:
            problems += [
                f"{place} : «{a.text()}» n’a ni lettre d’accès ni raccourci"
                for a in entries
                if a.isEnabled() and mnemonic(a.text()) is None and a.shortcut().isEmpty()
            ]
    return problems


# ---------------------------------------------------------------- contrast

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
PAIRS = (
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
)


LIST_PAIRS = PAIRS[:2] + PAIRS[4:5]
FIELD_PAIRS = PAIRS[:1] + PAIRS[5:]


def palette_problems(
    place: str,
    palette: QPalette,
    pairs: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = PAIRS,
) -> list[str]:
    problems = []
    for group in GROUPS:
        for fore, back in pairs:
            text, ground = palette.color(group, fore), palette.color(group, back)
            ratio = contrast_ratio(text, ground)
            if ratio < MINIMUM_CONTRAST:
                problems.append(
                    f"{place} : {fore.name} {_hex(text)} sur {back.name} "
                    f"{_hex(ground)} ({group.name}) : {ratio:.2f}:1 < 4,5:1"
                )
    return problems


def _hex(colour: QColor) -> str:
    return colour.name(
        QColor.NameFormat.HexArgb if colour.alpha() < 255 else QColor.NameFormat.HexRgb
    )


def contrast_problems(window: QWidget) -> list[str]:
    """The palette pairs text is drawn with, in the window, in each list or table (text and
    selection) and in each field showing a placeholder: a widget may carry a palette of its own."""
    title = window.windowTitle()
    problems = palette_problems(title, window.palette())
    for widget in interactive_widgets(window):
        if widget.palette() == window.palette():
            continue
        pairs: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = ()
        if isinstance(widget, QAbstractItemView):
            pairs = LIST_PAIRS
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit) and (
            widget.placeholderText()
        ):
            pairs = FIELD_PAIRS
        problems += [
            p
            for p in palette_problems(f"{title} : {describe(widget)}", widget.palette(), pairs)
            if p not in problems
        ]
    return problems


def audit(window: QWidget) -> Audit:
    result = Audit(window.windowTitle() or type(window).__name__)
    walk_pages(window, result)
    result.mnemonics = menu_problems(window)
    result.contrast = contrast_problems(window)
    return result
