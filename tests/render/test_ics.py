"""The calendar file (.ics) of an invitation and of an agenda, read back by ``icalendar``:
times right across the changes of summer time, the VTIMEZONE, a UID every export keeps, a
SEQUENCE one more at each change (recorded in the draft), a cancelled event cancelled."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from desktop.cli import main
from desktop.core.event import Event
from desktop.core.kinds import DocumentKind
from desktop.core.model import Release
from desktop.render.content import prepare
from desktop.render.ics import render_ics
from desktop.resources import resource
from desktop.services.drafts import load_draft

PARIS = ZoneInfo("Europe/Paris")
IDENTITY = "0f6b1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f"
EXAMPLES = resource("examples")


def invitation(day: date, start: time, **change: object) -> Release:
    event = Event(title="Visite", day=day, start=start, end=time(start.hour + 1), venue="Musée")
    return Release(
        document=DocumentKind.INVITATION,
        kind="Invitation presse",
        headline="Déplacement",
        identity=IDENTITY,
        event=replace(event, **change),  # type: ignore[arg-type]
    )


def calendar_of(release: Release) -> Calendar:
    return Calendar.from_ical(render_ics(prepare(release)))


def only_event(cal: Calendar) -> object:
    (event,) = cal.walk("VEVENT")
    return event


@pytest.mark.parametrize(
    ("day", "start", "utc_hour"),
    [
        (date(2027, 3, 27), time(10), 9),  # the Saturday before: winter time, UTC+1
        (date(2027, 3, 28), time(10), 8),  # the last Sunday of March: summer time, UTC+2
        (date(2027, 10, 30), time(10), 8),  # the Saturday before: still summer time
        (date(2027, 10, 31), time(10), 9),  # the last Sunday of October: winter time again
        (date(2027, 10, 31), time(1, 30), 23),  # before the change, summer time (the 30th UTC)
    ],
)
def test_times_are_paris_times_and_right_across_the_change_of_time(
    day: date, start: time, utc_hour: int
) -> None:
    raw = render_ics(prepare(invitation(day, start)))
    assert f"DTSTART;TZID=Europe/Paris:{day:%Y%m%d}T{start:%H%M}00".encode() in raw
    event = only_event(Calendar.from_ical(raw))
    dtstart = event["DTSTART"].dt  # type: ignore[index]
    assert dtstart.tzinfo is not None
    assert dtstart.replace(tzinfo=None) == datetime.combine(day, start)
    assert dtstart.astimezone(UTC).hour == utc_hour


def test_the_zone_is_described_with_both_of_its_offsets() -> None:
    cal = calendar_of(invitation(date(2027, 3, 28), time(10)))
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    offsets = {part["TZOFFSETTO"].to_ical() for part in zone.subcomponents}
    assert {o if isinstance(o, str) else o.decode() for o in offsets} == {"+0100", "+0200"}


def test_the_shipped_invitation_says_where_when_and_what_in_french() -> None:
    release = load_draft(EXAMPLES / "invitation.communique")
    cal = calendar_of(release)
    assert cal["METHOD"] == "PUBLISH"
    event = only_event(cal)
    assert str(event["UID"]) == f"{release.identity}@communique.gouv.fr"  # type: ignore[index]
    assert event["SEQUENCE"] == 0  # type: ignore[index]
    assert "20 place des Terreaux" in str(event["LOCATION"])  # type: ignore[index]
    description = str(event["DESCRIPTION"])  # type: ignore[index]
    assert "Accréditation obligatoire avant le jeudi 25\u00a0mars 2027" in description
    assert "Se munir de sa carte de presse." in description
    assert "<" not in description and "*" not in description  # plain text, no markup
    assert event["DTEND"].dt == datetime(2027, 3, 27, 11, 30, tzinfo=PARIS)  # type: ignore[index]


def test_the_uid_is_the_same_at_every_export_and_the_sequence_too_while_nothing_changes() -> None:
    release = invitation(date(2027, 3, 27), time(10))
    first, second = (only_event(calendar_of(release)) for _ in range(2))
    assert first["UID"] == second["UID"]  # type: ignore[index]
    assert first["SEQUENCE"] == second["SEQUENCE"] == 0  # type: ignore[index]


def test_a_cancelled_event_is_a_cancellation() -> None:
    cal = calendar_of(invitation(date(2027, 3, 27), time(10), cancelled=True))
    assert cal["METHOD"] == "CANCEL"
    assert only_event(cal)["STATUS"] == "CANCELLED"  # type: ignore[index]


def test_the_agenda_has_one_event_per_entry() -> None:
    release = load_draft(EXAMPLES / "agenda.communique")
    events = Calendar.from_ical(render_ics(prepare(release))).walk("VEVENT")
    assert release.agenda is not None
    assert len(events) == sum(len(day.entries) for day in release.agenda.days)
    assert len({str(e["UID"]) for e in events}) == len(events)
    council = next(e for e in events if "Conseil des ministres" in str(e["SUMMARY"]))
    assert council["DTSTART"].dt == datetime(2027, 3, 23, 11, 0, tzinfo=PARIS)


def test_a_changed_event_exported_again_is_an_update_with_the_next_sequence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "invitation.communique"
    shutil.copy(EXAMPLES / "invitation.communique", draft)
    ics = tmp_path / "invitation.ics"

    def export() -> tuple[str, int]:
        assert main(["export", str(draft), "--ics", str(ics)]) == 0
        event = only_event(Calendar.from_ical(ics.read_bytes()))
        return str(event["UID"]), int(event["SEQUENCE"])  # type: ignore[index]

    uid, sequence = export()
    assert (uid, sequence) == ("6f1c2a80-4b3d-4e2a-9c71-2d5e8f0a9b14@communique.gouv.fr", 0)
    assert export() == (uid, 0)  # nothing changed: the same sequence
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["event"]["start"] = "10:30"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert export() == (uid, 1)  # the start moved: an update
    assert export() == (uid, 1)
    assert load_draft(draft).calendar is not None
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["event"]["cancelled"] = True
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert export() == (uid, 2)
    assert Calendar.from_ical(ics.read_bytes())["METHOD"] == "CANCEL"
    capsys.readouterr()


def test_a_draft_without_identity_gets_one_and_keeps_it(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "invitation.communique").read_text(encoding="utf-8"))
    del data["release_id"]
    draft = tmp_path / "sans-identite.communique"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["export", str(draft), "--ics", str(tmp_path / "a.ics")]) == 0
    identity = load_draft(draft).identity
    assert identity is not None
    event = only_event(Calendar.from_ical((tmp_path / "a.ics").read_bytes()))
    assert str(event["UID"]).startswith(identity)  # type: ignore[index]


def test_a_communique_has_no_calendar_file(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example_path), "--ics", str(tmp_path / "x.ics")]) == 2
    assert "seules une invitation presse" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def test_the_place_is_set_in_french_typography_like_the_description() -> None:
    """The calendar shows LOCATION beside DESCRIPTION: both with the ’ apostrophe, as in the
    PDF, never the straight quote typed on the keyboard; the English note icalendar writes in
    the VTIMEZONE does not reach the file either."""
    release = invitation(
        date(2027, 3, 25),
        time(10),
        venue="Lycée de l'Assomption",
        address=("1 place de l'École", "69005 Lyon"),
    )
    event = only_event(calendar_of(release))
    location = str(event["LOCATION"])  # type: ignore[index]
    assert location == "Lycée de l’Assomption, 1 place de l’École, 69005 Lyon"
    assert b"This timezone" not in render_ics(prepare(release))


@pytest.mark.parametrize("state", ["brouillon", "soumis"])
def test_a_calendar_file_of_a_release_not_approved_says_so(state: str) -> None:
    """A calendar has no page to write PROJET across: the event's title, its status and its
    description say it, as the PDF's diagonal and the mail's notice do."""
    release = invitation(date(2027, 3, 27), time(10))
    event = only_event(Calendar.from_ical(render_ics(prepare(release, state=state))))
    assert str(event["SUMMARY"]).startswith("PROJET – ")  # type: ignore[index]
    assert event["STATUS"] == "TENTATIVE"  # type: ignore[index]
    assert str(event["DESCRIPTION"]).startswith(f"PROJET – communiqué non validé ({state})")  # type: ignore[index]
    approved = only_event(Calendar.from_ical(render_ics(prepare(release, state="validé"))))
    assert str(approved["SUMMARY"]) == "Visite"  # type: ignore[index]
    assert approved["STATUS"] == "CONFIRMED"  # type: ignore[index]
