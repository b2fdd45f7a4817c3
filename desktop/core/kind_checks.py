"""The checks of an invitation's event and of an agenda's entries, run by ``core/checks.py``
for the documents of those kinds (``KIND_RULES``).

Times are Paris wall-clock times: one that does not exist there (02:00 to 02:59 on the last
Sunday of March, when summer time starts) is refused; one that happens twice (the last Sunday
of October) is taken as the first, and said. The accreditation deadline must come before the
event, the end after the start; an event already past is a warning (a template reused).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time

from desktop.core.embargo import PARIS, WallTime, clock_text, wall_time
from desktop.core.event import Event
from desktop.core.findings import Finding, error, warning
from desktop.core.kinds import DocumentKind
from desktop.core.model import Release
from desktop.core.typography import long_date


def paris_time(day: date, at: time) -> datetime:
    """``day`` at ``at`` in Paris (the first of two readings, when it happens twice)."""
    return datetime.combine(day, at, tzinfo=PARIS)


def clock_exists(day: date, at: time | None, where: str) -> Iterator[Finding]:
    if at is None:
        return
    kind = wall_time(datetime.combine(day, at))
    when = f"{clock_text(datetime.combine(day, at))} le {long_date(day)}"
    if kind is WallTime.MISSING:
        yield error(
            where,
            f"{when} n’existe pas à Paris (passage à l’heure d’été)\u00a0: "
            "choisissez une autre heure.",
        )
    elif kind is WallTime.AMBIGUOUS:
        yield warning(
            where,
            f"{when} existe deux fois à Paris (passage à l’heure d’hiver)\u00a0: "
            "la première, en heure d’été, est retenue.",
        )


def event_rules(release: Release, now: datetime) -> Iterator[Finding]:
    event = release.event
    if event is None:
        yield error("event", "l’invitation ne dit rien de l’événement (date, heure, lieu).")
        return
    if not (event.title or release.headline).strip():
        yield error("event.title", "l’événement n’a pas de titre.")
    if event.day is None:
        yield error("event.day", "la date de l’événement manque.")
        return
    if event.start is None:
        yield error("event.start", "l’heure de début de l’événement manque.")
    for where, at in (
        ("event.start", event.start),
        ("event.end", event.end),
        ("event.press_arrival", event.press_arrival),
        *((f"event.programme[{i}].at", step.at) for i, step in enumerate(event.programme)),
    ):
        yield from clock_exists(event.day, at, where)
    yield from _event_order(event)
    if not event.cancelled:
        yield from _event_place(event)
        yield from _accreditation(event)
        starts = event.starts or datetime.combine(event.day, time(23, 59))
        if starts.replace(tzinfo=PARIS) < now.astimezone(PARIS):
            yield warning(
                "event.day",
                f"l’événement est passé ({long_date(event.day)})\u00a0: "
                "vérifiez sa date avant d’envoyer l’invitation.",
            )


def _event_order(event: Event) -> Iterator[Finding]:
    if event.start is not None and event.end is not None and event.end <= event.start:
        yield error(
            "event.end",
            f"l’événement finit ({_clock(event.end)}) avant de commencer ({_clock(event.start)}).",
        )
    if (
        event.start is not None
        and event.press_arrival is not None
        and event.press_arrival > event.start
    ):
        yield warning(
            "event.press_arrival",
            f"l’arrivée de la presse ({_clock(event.press_arrival)}) est après le début "
            f"({_clock(event.start)}).",
        )


def _clock(at: time) -> str:
    return clock_text(datetime.combine(date.min, at))


def _event_place(event: Event) -> Iterator[Finding]:
    if not event.venue.strip() and not any(line.strip() for line in event.address):
        yield error("event.venue", "le lieu de l’événement manque.")
    elif not any(line.strip() for line in event.address):
        yield warning("event.address", "l’adresse complète du lieu manque.")


def _accreditation(event: Event) -> Iterator[Finding]:
    if not event.accreditation:
        return
    deadline = event.accreditation_deadline
    if deadline is None:
        yield error(
            "event.accreditation_deadline",
            "l’accréditation est obligatoire\u00a0: dites avant quand.",
        )
    else:
        yield from clock_exists(deadline.date(), deadline.time(), "event.accreditation_deadline")
        starts = event.starts
        if starts is not None and deadline >= starts:
            yield error(
                "event.accreditation_deadline",
                "la date limite d’accréditation doit précéder le début de l’événement.",
            )
    if not event.accreditation_contact.strip():
        yield error(
            "event.accreditation_contact",
            "l’accréditation est obligatoire\u00a0: dites auprès de qui et comment.",
        )


def agenda_rules(release: Release, _now: datetime) -> Iterator[Finding]:
    agenda = release.agenda
    if agenda is None or not agenda.days:
        yield error("agenda", "l’agenda n’a aucun jour.")
        return
    seen: set[date] = set()
    for i, day in enumerate(agenda.days):
        where = f"agenda.days[{i}]"
        if day.day in seen:
            yield error(f"{where}.day", f"le {long_date(day.day)} figure deux fois dans l’agenda.")
        seen.add(day.day)
        if i and day.day < agenda.days[i - 1].day:
            yield warning(f"{where}.day", "les jours de l’agenda ne sont pas dans l’ordre.")
        for j, entry in enumerate(day.entries):
            at = f"{where}.entries[{j}]"
            if not entry.what.strip():
                yield error(f"{at}.what", "un rendez-vous de l’agenda ne dit pas ce qu’il est.")
            yield from clock_exists(day.day, entry.at, f"{at}.at")


KindRule = Callable[[Release, datetime], Iterator[Finding]]

KIND_RULES: dict[DocumentKind, tuple[KindRule, ...]] = {
    DocumentKind.INVITATION: (event_rules,),
    DocumentKind.AGENDA: (agenda_rules,),
}
"""The rules of each kind with details of its own, after the rules every document has."""
