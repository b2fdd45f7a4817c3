"""Whatever a press officer types in an event is data: it reads back from the draft as typed
(cleaned), and the calendar file says it exactly, escaped by ``icalendar`` (commas, semicolons,
backslashes, line ends), whatever the characters."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from desktop.core.draft import dumps_draft, parse_draft
from desktop.core.event import Event, Step
from desktop.core.kinds import DocumentKind
from desktop.core.model import Release
from desktop.core.text import clean_text
from desktop.render.content import prepare
from desktop.render.ics import render_ics
from desktop.render.text import render_text

LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).map(
    lambda t: clean_text(t, multiline=False).strip()
)


@settings(max_examples=60, deadline=None)
@given(title=LINE, venue=LINE, step=LINE, contact=LINE)
def test_event_text_is_data_in_the_draft_and_the_calendar_file(
    title: str, venue: str, step: str, contact: str
) -> None:
    event = Event(
        title=title or "x",
        day=date(2027, 3, 27),
        start=time(10),
        venue=venue or "y",
        programme=(Step(time(10), step),),
        accreditation=True,
        accreditation_contact=contact,
    )
    release = Release(
        document=DocumentKind.INVITATION,
        headline="Titre",
        identity="0f6b1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f",
        event=event,
    )
    assert parse_draft(dumps_draft(release)) == release
    prepared = prepare(release)
    assert prepared.calendar is not None
    said = prepared.calendar.events[0]
    (vevent,) = Calendar.from_ical(render_ics(prepared)).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == said.summary
    assert str(vevent["LOCATION"]) == said.location
    assert str(vevent["DESCRIPTION"]) == said.description
    render_text(prepared)  # never fails on it
