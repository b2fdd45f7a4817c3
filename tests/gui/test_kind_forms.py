"""Kinds of document in the window: *Fichier › Nouveau document* makes each from its template;
an invitation is typed by keys alone, Tab reaching every field of its event in reading order;
an agenda's entries are typed in its table."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.event import PressAccess, Step
from desktop.core.kinds import DocumentKind, french_name
from desktop.gui.agenda_panel import AgendaPanel
from desktop.gui.event_panel import EventPanel
from desktop.gui.main_window import MainWindow

TAB = Qt.Key.Key_Tab


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def keys(text: str) -> None:
    """Typed where the focus is, one key a character; an accented letter as a keyboard layout
    sends it (text without a key code: QTest aborts on non-ASCII)."""
    for char in text:
        if char == "\n":
            QTest.keyClick(focus(), Qt.Key.Key_Return)
        elif char.isascii():
            QTest.keyClicks(focus(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    focus(),
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )


def test_every_kind_is_offered_and_made_from_its_template(make_window: Any) -> None:
    window: MainWindow = make_window()
    for kind, action in window.actions_.new_kinds.items():
        action.trigger()
        release = window.release()
        assert release.document is kind
        assert release.date == date.today()
        panel = window.form.panel
        if kind is DocumentKind.INVITATION:
            assert isinstance(panel, EventPanel) and panel.isVisible()
            assert window.form.kind_box.title() == "Événement"
        elif kind is DocumentKind.AGENDA:
            assert isinstance(panel, AgendaPanel) and panel.isVisible()
        elif kind is DocumentKind.COMMUNIQUE:
            assert not window.form.kind_box.isVisible()
        else:  # speech, statement, press kit: their own details
            assert panel is not None and panel.isVisible()
    names = [a.text().replace("&", "") for a in window.actions_.new_kinds.values()]
    assert names == [french_name(kind) for kind in DocumentKind]


def test_a_new_invitation_typed_by_keys_alone(make_window: Any, qtbot: Any) -> None:
    window: MainWindow = make_window()
    window.actions_.new_kinds[DocumentKind.INVITATION].trigger()
    form = window.form
    panel = form.panel
    assert isinstance(panel, EventPanel)
    qtbot.waitUntil(lambda: window._window_keys.watches(panel.venue))
    form.headline.setFocus(Qt.FocusReason.TabFocusReason)
    keys("La ministre visite le chantier du musée")

    # From the kind line, Tab walks the whole event in reading order (the accreditation's
    # deadline too, once it is asked for: by a space on its box).
    panel.accreditation.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(focus(), Qt.Key.Key_Space)
    form.kind.setFocus(Qt.FocusReason.TabFocusReason)
    order = []
    for _ in range(60):
        QTest.keyClick(focus(), TAB)
        order.append(focus())
        if focus() is panel.press_card:
            break
    expected = [
        panel.cancelled,
        panel.event_title,
        panel.day,
        panel.start,
        panel.end,
        panel.press_arrival,
        panel.venue,
        panel.address,
        panel.programme,
        panel.access,
        panel.accreditation,
        panel.deadline_day,
        panel.deadline_time,
        panel.accreditation_contact,
        panel.press_card,
    ]
    reached = [w for w in order if w in expected]
    assert reached == expected, [w.accessibleName() for w in order]

    def type_in(widget: QWidget, text: str) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        keys(text)

    type_in(panel.event_title, "Visite du chantier")
    type_in(panel.day, "27/03/2027")
    type_in(panel.start, "10 h 30")
    type_in(panel.end, "12:00")
    type_in(panel.press_arrival, "10:00")
    type_in(panel.venue, "Musée des Beaux-Arts")
    type_in(panel.address, "20 place des Terreaux\n69001 Lyon")
    type_in(panel.programme, "10:30 Accueil\n11 h Visite")
    panel.access.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(focus(), Qt.Key.Key_Down)  # Pool
    assert panel.accreditation.isChecked() and panel.deadline_day.isEnabled()
    type_in(panel.deadline_day, "25/03/2027")
    type_in(panel.deadline_time, "18:00")
    type_in(panel.accreditation_contact, "presse@culture.gouv.fr")
    QTest.keyClick(focus(), TAB)  # leaves the field: the last edit is taken

    event = window.release().event
    assert event is not None
    assert window.release().headline == "La ministre visite le chantier du musée"
    assert (event.title, event.day) == ("Visite du chantier", date(2027, 3, 27))
    assert (event.start, event.end, event.press_arrival) == (time(10, 30), time(12), time(10))
    assert event.address == ("20 place des Terreaux", "69001 Lyon")
    assert event.programme == (Step(time(10, 30), "Accueil"), Step(time(11), "Visite"))
    assert event.access is PressAccess.POOL
    assert event.accreditation and event.accreditation_contact == "presse@culture.gouv.fr"
    assert event.accreditation_deadline is not None
    assert event.accreditation_deadline.date() == date(2027, 3, 25)
    # Undo takes the last typing back; the form shows it.
    window.undo_stack.undo()
    assert window.release().event.accreditation_contact == ""  # type: ignore[union-attr]
    assert panel.accreditation_contact.text() == ""


def test_an_agenda_entry_typed_in_its_table(make_window: Any, qtbot: Any) -> None:
    window: MainWindow = make_window()
    window.actions_.new_kinds[DocumentKind.AGENDA].trigger()
    panel = window.form.panel
    assert isinstance(panel, AgendaPanel)
    release = window.release()
    assert release.agenda is not None and len(release.agenda.days) == 5
    monday = release.agenda.days[0].day
    panel.add_button.click()
    for column, text in ((1, "9:30"), (2, "Conseil des ministres"), (3, "Élysée"), (4, "fermé")):
        panel.table.item(0, column).setText(text)  # type: ignore[union-attr]
    agenda = window.release().agenda
    assert agenda is not None
    (entry,) = agenda.days[0].entries
    assert (entry.at, entry.what, entry.where) == (time(9, 30), "Conseil des ministres", "Élysée")
    assert entry.access is PressAccess.CLOSED
    assert agenda.days[0].day == monday and agenda.days[-1].day == monday + timedelta(days=4)


def test_the_window_exports_the_calendar_file_and_the_draft_keeps_its_sequence(
    make_window: Any, tmp_path: Path, fake_dialogs: Any
) -> None:
    from icalendar import Calendar

    from desktop.resources import resource
    from desktop.services.drafts import load_draft

    draft = tmp_path / "invitation.communique"
    draft.write_bytes(resource("examples", "invitation.communique").read_bytes())
    window: MainWindow = make_window(draft)
    ics = tmp_path / "invitation.ics"
    assert window.export_to(ics=ics)
    (event,) = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 0
    saved = load_draft(draft).calendar
    assert saved is not None and saved.sequence == 0
    assert not window.is_modified()


def test_the_register_dialog_sets_the_series_of_each_kind(make_window: Any, qtbot: Any) -> None:
    from desktop.gui.register_dialog import show_register
    from desktop.store.register import Register

    window: MainWindow = make_window()
    Register.open().close()
    dialog = show_register(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    choices = dialog.kind_series
    assert choices[DocumentKind.COMMUNIQUE].currentData() == "CP"
    assert choices[DocumentKind.INVITATION].currentData() == ""  # not numbered
    choices[DocumentKind.INVITATION].setCurrentIndex(
        choices[DocumentKind.INVITATION].findData("CP")
    )
    assert "numérotés dans la série" in dialog.kinds_message.text()
    with Register.open() as register:
        assert register.kind_series(DocumentKind.INVITATION) == "CP"
    dialog.close()


def test_tab_from_the_release_fields_reaches_the_kind_panel_before_the_text(
    make_window: Any, qtbot: Any
) -> None:
    """The panel sits between *Communiqué* and *Texte* on screen: Tab goes there in that
    order, not after the body and the contacts (the panel is built once the window is up)."""
    window: MainWindow = make_window()
    for kind in (DocumentKind.INVITATION, DocumentKind.AGENDA, DocumentKind.SPEECH):
        window.actions_.new_kinds[kind].trigger()
        form = window.form
        panel = form.panel
        assert panel is not None
        qtbot.waitUntil(panel.isVisible)
        form.has_embargo.setFocus(Qt.FocusReason.TabFocusReason)
        reached_panel = False
        for _ in range(40):
            QTest.keyClick(focus(), TAB)
            if panel.isAncestorOf(focus()):
                reached_panel = True
                break
            assert not form.body.isAncestorOf(focus()), (kind, focus().accessibleName())
        assert reached_panel, kind
