"""The form: every field of the release, in the sections a press officer fills in order.

``release()`` builds the model from the widgets (all text through ``clean_text``), and
``set_release()`` shows one; ``edited`` names the field that changed. Fields the form does not edit
(the number, keys of newer drafts) are carried over from the release shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.embargo import PARIS
from desktop.core.header import shipped_presets
from desktop.core.kinds import DocumentKind, french_name, kind_lines, parse_kind
from desktop.core.location import Location
from desktop.core.model import DEFAULT_KIND, GOVERNMENT, Numbering, Release
from desktop.core.numbers import is_imported, printed_number
from desktop.core.text import clean_text
from desktop.gui import dialogs
from desktop.gui.body_editor import BodyEditor
from desktop.gui.contacts import ContactRow, ContactsEditor
from desktop.gui.contrast import show_focus
from desktop.gui.date_fields import DateField, TimeField, date_row
from desktop.gui.kind_panel import KindPanel
from desktop.gui.kind_panels import factory_for
from desktop.gui.ministries import MinistriesField, display_name
from desktop.gui.spelling import FormSpelling
from desktop.gui.undo import FieldText, WindowKeys


def header_presets() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The *Modèles* menu's shipped part: GOUVERNEMENT, then every current ministry with the
    lines of its bloc-marque. The lines stay editable (names change with each government)."""
    return (
        (GOVERNMENT, (GOVERNMENT,)),
        *((display_name(p.name), p.lines) for p in shipped_presets()),
    )


def user_presets() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The presets the user added (*Gérer les modèles…*); none when their file is unreadable
    (the dialog says why)."""
    from desktop.store.presets import PresetsError, load_presets

    try:
        return tuple((display_name(p.name), p.lines) for p in load_presets())
    except PresetsError:
        return ()


KINDS = kind_lines(DocumentKind.COMMUNIQUE)
"""The kind lines a communiqué offers (each kind offers its own: ``kinds.kind_lines``)."""
assert KINDS[0] == DEFAULT_KIND


def paris_wall_clock(moment: datetime) -> datetime:
    """The embargo as the form shows it: Paris time, as written when the draft gave it so (even
    an hour that does not exist, which the checks then report), converted from another offset."""
    return moment if moment.tzinfo == PARIS else moment.astimezone(PARIS)


def _choose_ministries(parent: QWidget, current: tuple[str, ...]) -> tuple[str, ...] | None:
    """Looked up when asked, so tests can replace ``dialogs.choose_ministries``."""
    return dialogs.choose_ministries(parent, current)


class PlainField(QPlainTextEdit):
    """A few lines of plain text without their own undo history (the window has one)."""

    def __init__(
        self,
        lines: int,
        *,
        single_paragraph: bool = False,
        max_lines: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        show_focus(self)  # Fusion draws no focus mark on a text field
        self._single = single_paragraph
        self._lines = (lines, max(lines, max_lines))
        self.setFixedHeight(self.height_for(lines))
        if max_lines > lines:  # grows with its text: a ministry's header is read whole
            self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def height_for(self, lines: int) -> int:
        """The height that shows ``lines`` whole: the lines, the document's margins and the
        frame (a fixed allowance showed 3½ of 4 lines)."""
        margins = self.contentsMargins()
        viewport = self.viewportMargins()
        return (
            self.fontMetrics().lineSpacing() * lines
            + round(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + viewport.top()
            + viewport.bottom()
            + 2
        )

    def _fit(self) -> None:
        # A plain text document's layout measures its height in lines, wrapped ones included.
        lines = math.ceil(self.document().documentLayout().documentSize().height())
        least, most = self._lines
        height = self.height_for(min(max(lines, least), most))
        if height != self.height():
            self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._single and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        super().keyPressEvent(event)

    def raw_text(self) -> str:
        """The text with no-break spaces kept (``toPlainText`` turns them into spaces)."""
        return self.document().toRawText()

    def set_text(self, text: str, *, from_top: bool = False) -> None:
        """Show ``text`` with the cursor at its end, ready for more; with ``from_top`` the view
        stays on the first line (a header taller than the field shows MINISTÈRE)."""
        if self.raw_text().replace("\u2029", "\n") != text:
            self.setPlainText(text)
            self.moveCursor(self.textCursor().MoveOperation.End)
        if from_top:
            self.verticalScrollBar().setValue(0)


class ReleaseForm(QWidget):
    """The four sections: En-tête, Communiqué, Texte, Contacts presse."""

    edited = Signal(str)

    def __init__(
        self,
        ask_link: Callable[[QWidget, str], str | None],
        shortcut_filter: WindowKeys | None = None,
        parent: QWidget | None = None,
        number_label: Callable[[Release], str] = printed_number,
    ) -> None:
        super().__init__(parent)
        self._number_label = number_label
        """The number as printed (``Document.number_label``: it may ask the register)."""
        self._loading = False
        self._shown = Release()
        self._filter = shortcut_filter
        self._watching = False
        """Whether every field is watched yet (on the first turn of the event loop)."""
        self._header_text = ""
        """The header as typed at the last step (blank lines included, which the release
        drops): what undoing the next header step puts back."""

        # En-tête
        self.header = PlainField(4, max_lines=8)
        self.header.setAccessibleName(self.tr("Lignes de l’en-tête"))
        self.header.setToolTip(
            self.tr("Le nom de l’entité, une ligne par ligne imprimée, en capitales accentuées.")
        )
        self.header_presets = QPushButton(self.tr("Modèles"))
        self.header_presets.setToolTip(
            self.tr(
                "Remplir l’en-tête avec «\u00a0GOUVERNEMENT\u00a0» ou le nom d’un ministère\u202f; "
                "les lignes restent modifiables."
            )
        )
        menu = QMenu(self.header_presets)
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.fill_presets_menu)
        self.header_presets.setMenu(menu)
        self.fill_presets_menu()
        self.ministries = MinistriesField(_choose_ministries)
        self.ministries.header_proposed.connect(
            lambda lines: self.set_header(lines, "header.preset")
        )
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.header_presets, 0, Qt.AlignmentFlag.AlignTop)
        header_box = QGroupBox(self.tr("En-tête"))
        header_layout = QVBoxLayout(header_box)
        header_layout.addLayout(header_row)
        header_layout.addWidget(self.ministries)

        release_box = self._build_release_box()
        self._release_box = release_box
        self.panels: dict[DocumentKind, KindPanel] = {}
        """The panels of the kinds shown so far (made when first needed, kept)."""
        self.panel: KindPanel | None = None
        self.kind_box = QGroupBox()
        self.kind_box_layout = QVBoxLayout(self.kind_box)
        self.kind_box.hide()

        # Texte
        self.body = BodyEditor(ask_link)
        body_box = QGroupBox(self.tr("Texte"))
        QVBoxLayout(body_box).addWidget(self.body)

        # Contacts presse
        self.contacts = ContactsEditor()
        contacts_box = QGroupBox(self.tr("Contacts presse"))
        QVBoxLayout(contacts_box).addWidget(self.contacts)

        layout = QVBoxLayout(self)
        for box in (header_box, release_box, self.kind_box, body_box, contacts_box):
            layout.addWidget(box)
        layout.addStretch(1)

        self._connect()
        self.spelling = FormSpelling([self.header, self.headline, self.body.text_edit], self)

    def fill_presets_menu(self) -> None:
        """GOUVERNEMENT and the ministries, then the user's presets, then *Gérer les
        modèles…* (built each time the menu opens, so a preset just added is there)."""
        menu = self.header_presets.menu()
        menu.clear()
        shipped, own = header_presets(), user_presets()
        for group in (shipped, own):
            if group is own and own:
                menu.addSeparator()
            for name, lines in group:
                action = menu.addAction(name)
                action.setToolTip(" / ".join(lines))
                action.triggered.connect(
                    lambda _=False, p=lines: self.set_header(p, "header.preset")
                )
        menu.addSeparator()
        manage = menu.addAction(self.tr("Gérer les modèles…"))
        manage.triggered.connect(lambda _=False: self.manage_presets())

    def manage_presets(self) -> None:
        dialogs.manage_presets(self, self._header_lines())

    def _build_release_box(self) -> QGroupBox:
        """Document, Type, Titre, Lieu, Date, Numéro, Embargo."""
        self.document_kind = QComboBox()
        for kind in DocumentKind:
            self.document_kind.addItem(self.tr(french_name(kind)), str(kind))
        self.document_kind.setToolTip(
            self.tr("Le genre de document : ses champs propres apparaissent sous ceux-ci.")
        )
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.headline = PlainField(3, single_paragraph=True)
        self.headline.setPlaceholderText(self.tr("Le titre du communiqué, en une phrase"))
        self.place = QLineEdit()
        self.has_date = QCheckBox(self.tr("Daté du"))
        self.date = DateField()
        self.date_row = date_row(self.date)
        self.number = QLabel()
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setAccessibleName(self.tr("Numéro"))
        self.number_button = QToolButton()
        """Shows the window's *Attribuer un numéro…* action (``setDefaultAction``)."""
        self._number_shown: tuple[int | None, Numbering | None] | None = None
        self.has_embargo = QCheckBox(self.tr("Sous embargo jusqu’au"))
        # Paris wall-clock time as written, even an hour that does not exist there (02:30 when
        # summer time starts): the checks report it, the form does not move it.
        self.embargo = DateField()
        self.embargo_time = TimeField()
        self.embargo_row = date_row(self.embargo, QLabel(self.tr("à")), self.embargo_time)
        release_box = QGroupBox(self.tr("Communiqué"))
        release_form = QFormLayout(release_box)
        release_form.addRow(self.tr("Document\u00a0:"), self.document_kind)
        release_form.addRow(self.tr("Type\u00a0:"), self.kind)
        release_form.addRow(self.tr("Titre\u00a0:"), self.headline)
        release_form.addRow(self.tr("Lieu\u00a0:"), self.place)
        release_form.addRow(self.tr("Date\u00a0:"), self._pair(self.has_date, self.date_row))
        number_row = QWidget()
        number_layout = QHBoxLayout(number_row)
        number_layout.setContentsMargins(0, 0, 0, 0)
        number_layout.addWidget(self.number, 1)
        number_layout.addWidget(self.number_button)
        release_form.addRow(self.tr("Numéro\u00a0:"), number_row)
        release_form.addRow(
            self.tr("Embargo\u00a0:"), self._pair(self.has_embargo, self.embargo_row)
        )
        for label, widget in (
            (self.tr("Document"), self.document_kind),
            (self.tr("Type"), self.kind),
            (self.tr("Titre"), self.headline),
            (self.tr("Lieu"), self.place),
            (self.tr("Date"), self.date),
            (self.tr("Embargo, date"), self.embargo),
            (self.tr("Embargo, heure"), self.embargo_time),
        ):
            widget.setAccessibleName(label)

        return release_box

    def _connect(self) -> None:
        self.header.textChanged.connect(lambda: self._changed("header"))
        self.header.textChanged.connect(self._propose_header)
        self.ministries.changed.connect(self._ministries_changed)
        self.document_kind.currentIndexChanged.connect(self._document_changed)
        self.kind.editTextChanged.connect(lambda _t: self._changed("kind"))
        self.headline.textChanged.connect(lambda: self._changed("headline"))
        self.place.textChanged.connect(lambda _t: self._changed("place"))
        self.has_date.toggled.connect(self._date_toggled)
        self.date.date_changed.connect(self._date_changed)
        self.has_embargo.toggled.connect(self._embargo_toggled)
        self.embargo.date_changed.connect(lambda _d: self._changed("embargo"))
        self.embargo_time.time_changed.connect(lambda _t: self._changed("embargo"))
        self.body.edited.connect(lambda: self._changed("body"))
        self.contacts.edited.connect(self._changed)
        self.contacts.row_created.connect(self._row_created)
        # Once the window is on screen (the first turn of the event loop), before any key can be
        # pressed: listing every descendant makes PySide set up the Python types of Qt's inner
        # widgets (scroll bars, calendar, headers) and their enumerations, some 15 ms that the
        # window need not wait for. A timer that is the form's child dies with it.
        watch = QTimer(self)
        watch.setSingleShot(True)
        watch.timeout.connect(self._watch_all)
        watch.start(0)

    @staticmethod
    def _pair(check: QCheckBox, edit: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(check)
        row.addWidget(edit, 1)
        return holder

    def _install_filters(self, parent: QWidget) -> None:
        """The window's shortcuts reach it from every field under ``parent`` (``WindowKeys``)."""
        if self._filter is None:
            return
        for widget in parent.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                self._filter.watch(widget)

    def _watch_all(self) -> None:
        self._install_filters(self)
        self._watching = True

    def _row_created(self, row: ContactRow) -> None:
        if self._watching:  # rows made before are in ``_watch_all``'s list
            self._install_filters(row)

    def _date_toggled(self, on: bool) -> None:
        self.date_row.setEnabled(on)
        self._changed("date")

    def _date_changed(self, _day: date) -> None:
        self._embargo_follows_date()
        self._changed("date")

    def _embargo_follows_date(self) -> None:
        """An embargo not set yet starts on the release's date (it lifts the day it goes out)."""
        if self.has_embargo.isChecked():
            return
        day = self.date.date() if self.has_date.isChecked() else date.today()
        loading, self._loading = self._loading, True
        try:
            self.embargo.set_date(day)
        finally:
            self._loading = loading

    def _embargo_toggled(self, on: bool) -> None:
        self.embargo_row.setEnabled(on)
        self._changed("embargo")

    def _document(self) -> DocumentKind:
        kind = self.document_kind.currentData()
        # Qt hands a StrEnum back as its plain string value.
        found = parse_kind(kind) if isinstance(kind, str) else None
        return found or DocumentKind.COMMUNIQUE

    def _document_changed(self, _index: int) -> None:
        """Another kind chosen: its panel, its kind lines (the printed line follows when it
        was one of the former kind's own)."""
        kind = self._document()
        line = self.kind.currentText()
        loading, self._loading = self._loading, True
        try:
            self._show_kind_lines(kind)
            if line in kind_lines(self._shown.document) or not line.strip():
                self.kind.setEditText(kind_lines(kind)[0])
            else:
                self.kind.setEditText(line)
        finally:
            self._loading = loading
        self._show_panel(kind)
        self._changed("document")

    def _show_kind_lines(self, kind: DocumentKind) -> None:
        lines = kind_lines(kind)
        if tuple(self.kind.itemText(i) for i in range(self.kind.count())) != lines:
            text = self.kind.currentText()
            self.kind.clear()
            self.kind.addItems(lines)
            self.kind.setEditText(text)

    def _show_panel(self, kind: DocumentKind) -> None:
        """The panel of ``kind`` in the box under *Communiqué* (hidden for a kind without)."""
        panel = self.panels.get(kind)
        if panel is None and (factory := factory_for(kind)) is not None:
            panel = self.panels[kind] = factory()
            panel.edited.connect(self._changed)
            self.kind_box_layout.addWidget(panel)
            self._chain_after_release_box(panel)
            if self._watching:
                self._install_filters(panel)
        if panel is self.panel:
            return
        if self.panel is not None:
            self.panel.hide()
        self.panel = panel
        if panel is None:
            self.kind_box.hide()
            return
        self.kind_box.setTitle(panel.title)
        panel.show()
        self.kind_box.show()

    def _chain_after_release_box(self, panel: QWidget) -> None:
        """Tab goes from *Communiqué*'s last field into ``panel``, then on to *Texte*, as on
        screen: a panel made once the window is up would otherwise come last in the chain."""

        def chain(box: QWidget) -> list[QWidget]:
            widgets: list[QWidget] = []
            widget = box.nextInFocusChain()
            while widget is not None and widget is not box and len(widgets) < 1000:
                tabbed = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
                if tabbed and box.isAncestorOf(widget) and widget.window() is box.window():
                    widgets.append(widget)
                widget = widget.nextInFocusChain()
            return widgets

        before = chain(self._release_box)
        if not before:
            return
        previous = before[-1]
        for widget in chain(panel):
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _changed(self, field: str) -> None:
        if not self._loading:
            self.edited.emit(field)

    def field_text(self, field: str) -> FieldText | None:
        """For an edit of ``field``: the field's text as typed before and after it, where the
        release keeps less of it (the header: a blank line is a step of its own, and undoing
        another field's step leaves it where it is)."""
        if field not in ("header", "header.preset"):
            return None
        before, self._header_text = self._header_text, self._typed_header()
        return FieldText(before, self._header_text, self._restore_header)

    def _typed_header(self) -> str:
        return self.header.raw_text().replace("\u2029", "\n")

    def _restore_header(self, text: str) -> None:
        self._loading = True
        try:
            self.header.set_text(text, from_top=True)
        finally:
            self._loading = False
        self._header_text = self._typed_header()
        self._propose_header()

    def set_header(self, lines: tuple[str, ...], field: str = "header") -> None:
        """Put ready-made header lines (a preset, the charter's proposal): one undo step."""
        self._loading = True
        try:
            self.header.set_text("\n".join(lines), from_top=True)
        finally:
            self._loading = False
        self._propose_header()
        self._changed(field)

    def _header_lines(self) -> tuple[str, ...]:
        text = clean_text(self.header.raw_text())
        return tuple(line for line in text.split("\n") if line.strip())

    def _propose_header(self) -> None:
        self.ministries.show_header(self._header_lines())

    def _ministries_changed(self) -> None:
        self._propose_header()
        self._changed("ministries")

    # ------------------------------------------------------------ value

    def release(self) -> Release:
        """The release the form shows; all text cleaned at this boundary."""
        embargo: datetime | None = None
        if self.has_embargo.isChecked():
            embargo = datetime.combine(self.embargo.date(), self.embargo_time.time(), tzinfo=PARIS)
        release_date = self.date.date() if self.has_date.isChecked() else None
        release = replace(
            self._shown,
            header=self._header_lines(),
            document=self._document(),
            ministries=self.ministries.ministries(),
            kind=clean_text(self.kind.currentText(), multiline=False),
            headline=clean_text(self.headline.raw_text(), multiline=False),
            place=clean_text(self.place.text(), multiline=False),
            date=release_date,
            embargo=embargo,
            body=self.body.blocks(),
            contacts=self.contacts.contacts(),
        )
        return self.panel.apply(release) if self.panel is not None else release

    def set_release(self, release: Release) -> None:
        """Show ``release``; widgets already showing the right value are left alone."""
        self._loading = True
        try:
            self._shown = release
            if self._header_lines() != release.header:  # blank lines typed stay
                self.header.set_text("\n".join(release.header), from_top=True)
            self._header_text = self._typed_header()
            if self._document() != release.document:
                self.document_kind.setCurrentIndex(
                    self.document_kind.findData(str(release.document))
                )
            self._show_kind_lines(release.document)
            self._show_panel(release.document)
            if self.panel is not None:
                self.panel.show_release(release)
            if self.kind.currentText() != release.kind:
                self.kind.setEditText(release.kind)
            self.headline.set_text(release.headline)
            if self.place.text() != release.place:
                self.place.setText(release.place)
            self.has_date.setChecked(release.date is not None)
            self.date_row.setEnabled(release.date is not None)
            if release.date is not None:
                self.date.set_date(release.date)
            self.has_embargo.setChecked(release.embargo is not None)
            self.embargo_row.setEnabled(release.embargo is not None)
            if release.embargo is not None:
                moment = paris_wall_clock(release.embargo)
                self.embargo.set_date(moment.date())
                self.embargo_time.set_time(time(moment.hour, moment.minute))
            else:
                self.embargo_time.set_time(time(10))
                self._embargo_follows_date()
            self.ministries.set_ministries(release.ministries)
            self.ministries.show_header(release.header)
            if self._number_shown != (release.number, release.numbering):
                self._number_shown = (release.number, release.numbering)
                self.number.setText(self._number_text(release))
            self.body.set_blocks(release.body)
            self.contacts.set_contacts(release.contacts)
        finally:
            self._loading = False

    def _number_text(self, release: Release) -> str:
        """The number as the outputs print it (as it was issued)."""
        if release.number is None:
            return self.tr("non attribué")
        if is_imported(release.numbering):
            return self.tr("{number} (repris du document importé)").format(
                number=self._number_label(release)
            )
        return self.tr("{number} (attribué)").format(number=self._number_label(release))

    # ------------------------------------------------------------ places

    def focus_location(self, location: Location) -> bool:
        """Give the focus to the field a draft location names: ``headline``, ``date``,
        ``header[1]``, ``body[2]``, ``contacts[1].email``… Returns False for an unknown place."""
        field, index, sub = location.field, location.index, location.sub
        position = index if index is not None else 0
        if self.panel is not None and self.panel.focus_location(location):
            return True
        widgets: dict[str, QWidget] = {
            "document": self.document_kind,
            "header": self.header,
            "ministries": self.ministries.choose_button,
            "kind": self.kind,
            "headline": self.headline,
            "place": self.place,
            "date": self.date,
            "number": self.number,
            "embargo": self.embargo,
        }
        if field == "body":
            self.body.focus_block(position)
            return True
        if field == "contacts":
            return self.contacts.focus_field(position, sub or "name")
        widget = widgets.get(field)
        if widget is None:
            return False
        if field == "header" and index is not None:
            block = self.header.document().findBlockByNumber(position)
            if block.isValid():
                cursor = self.header.textCursor()
                cursor.setPosition(block.position())
                self.header.setTextCursor(cursor)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
