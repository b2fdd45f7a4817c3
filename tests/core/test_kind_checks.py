"""The checks of an invitation's event and of an agenda: times that exist in Paris, the end
after the start, the accreditation deadline before the event, an event past."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from desktop.core.agenda import Agenda, AgendaDay, AgendaEntry
from desktop.core.checks import check
from desktop.core.event import Event, Step
from desktop.core.fonts import FontChoice, choose_font
from desktop.core.kinds import DocumentKind
from desktop.core.model import Contact, Release, plain_paragraph

MARIANNE = FontChoice("Marianne", "Marianne", choose_font().folders)
NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)

EVENT = Event(
    title="Visite du chantier",
    day=date(2027, 3, 27),
    start=time(10),
    end=time(11, 30),
    press_arrival=time(9, 30),
    venue="Musée des Confluences",
    address=("86 quai Perrache", "69002 Lyon"),
    programme=(Step(time(10), "Accueil"), Step(time(10, 30), "Visite")),
    accreditation=True,
    accreditation_deadline=datetime(2027, 3, 25, 18, 0),
    accreditation_contact="presse@culture.gouv.fr",
)
INVITATION = Release(
    document=DocumentKind.INVITATION,
    kind="Invitation presse",
    headline="Déplacement de la ministre à Lyon",
    date=date(2027, 3, 15),
    body=(plain_paragraph("La ministre visitera le chantier."),),
    contacts=(Contact("Service de presse", "01 40 15 80 00", "presse@culture.gouv.fr"),),
    event=EVENT,
)


def found(release: Release, now: datetime = NOW) -> set[tuple[str, str]]:
    return {(f.severity.value, f.field) for f in check(release, font=MARIANNE, now=now)}


def with_event(**change: object) -> Release:
    return replace(INVITATION, event=replace(EVENT, **change))  # type: ignore[arg-type]


def test_a_good_invitation_has_no_finding() -> None:
    assert found(INVITATION) == set()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"day": date(2027, 3, 28), "start": time(2, 30)}, ("erreur", "event.start")),
        ({"day": date(2027, 3, 28), "start": time(1), "end": time(2, 15)}, ("erreur", "event.end")),
        ({"day": date(2027, 10, 31), "start": time(2, 30)}, ("avertissement", "event.start")),
        ({"end": time(9)}, ("erreur", "event.end")),
        ({"end": time(10)}, ("erreur", "event.end")),
        ({"press_arrival": time(10, 15)}, ("avertissement", "event.press_arrival")),
        (
            {"accreditation_deadline": datetime(2027, 3, 27, 10, 0)},
            ("erreur", "event.accreditation_deadline"),
        ),
        ({"accreditation_deadline": None}, ("erreur", "event.accreditation_deadline")),
        ({"accreditation_contact": " "}, ("erreur", "event.accreditation_contact")),
        ({"day": None}, ("erreur", "event.day")),
        ({"start": None}, ("erreur", "event.start")),
        ({"venue": "", "address": ()}, ("erreur", "event.venue")),
        ({"address": ()}, ("avertissement", "event.address")),
        ({"day": date(2027, 3, 1)}, ("avertissement", "event.day")),
        (
            {"programme": (Step(time(2, 45), "x"),), "day": date(2027, 3, 28), "start": time(4)},
            ("erreur", "event.programme[0].at"),
        ),
    ],
)
def test_each_rule_of_the_event(change: dict[str, object], expected: tuple[str, str]) -> None:
    assert expected in found(with_event(**change))


def test_the_spring_forward_gap_is_refused_in_french() -> None:
    findings = check(with_event(day=date(2027, 3, 28), start=time(2, 30)), font=MARIANNE, now=NOW)
    messages = [f.message for f in findings if f.field == "event.start"]
    assert messages == [
        "2\u00a0h\u00a030 le 28\u00a0mars 2027 n’existe pas à Paris (passage à l’heure d’été)\u00a0: "
        "choisissez une autre heure."
    ]


def test_a_cancelled_event_in_the_past_is_not_a_warning() -> None:
    assert found(with_event(day=date(2027, 3, 1), cancelled=True)) == set()


def test_an_invitation_without_its_event_is_an_error() -> None:
    assert ("erreur", "event") in found(replace(INVITATION, event=None))


AGENDA = Release(
    document=DocumentKind.AGENDA,
    kind="Agenda prévisionnel",
    headline="Agenda prévisionnel de la ministre",
    date=date(2027, 3, 19),
    contacts=INVITATION.contacts,
    agenda=Agenda(
        (
            AgendaDay(date(2027, 3, 22), (AgendaEntry(time(9, 30), "Conseil", "Élysée"),)),
            AgendaDay(date(2027, 3, 23)),
        )
    ),
)


def test_a_good_agenda_has_no_finding() -> None:
    assert found(AGENDA) == set()


def test_an_agenda_entry_in_the_gap_and_without_its_what() -> None:
    gap = AgendaDay(date(2027, 3, 28), (AgendaEntry(time(2, 0), ""),))
    assert AGENDA.agenda is not None
    release = replace(AGENDA, agenda=Agenda((*AGENDA.agenda.days, gap, gap)))
    assert {
        ("erreur", "agenda.days[2].entries[0].at"),
        ("erreur", "agenda.days[2].entries[0].what"),
        ("erreur", "agenda.days[3].day"),
    } <= found(release)


def test_an_agenda_without_days_is_an_error() -> None:
    assert ("erreur", "agenda") in found(replace(AGENDA, agenda=None))
