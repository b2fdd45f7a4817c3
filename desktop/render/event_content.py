"""An invitation's event as every output shows it, after the body: when, where, the programme,
how the press is received; a cancelled event says so first. Sections in the body's terms
(``render/kind_content.py``), each under a level-2 heading."""

from __future__ import annotations

from datetime import date, datetime, time

from desktop.core.embargo import clock_text
from desktop.core.event import ACCESS_DETAILS, ACCESS_NAMES, PRESS_CARD, Event, PressAccess
from desktop.core.model import Block, BulletList, Paragraph, Release, Run
from desktop.core.typography import NBSP, long_date
from desktop.render.sections import KindSection

CANCELLED = "Événement annulé"
WHEN = "Date et horaires"
WHERE = "Lieu"
PROGRAMME = "Programme"
PRESS = "Modalités pour la presse"


def clock(at: time) -> str:
    """``10 h``, ``9 h 30``."""
    return clock_text(datetime.combine(date.min, at))


def labelled(label: str, text: str) -> Paragraph:
    """« Label : text », the label in bold."""
    return Paragraph((Run(f"{label}{NBSP}: ", bold=True), Run(text)))


def when_line(event: Event) -> str:
    """``Samedi 27 mars 2027, de 10 h à 11 h 30`` (or ``à 10 h`` without an end)."""
    if event.day is None:
        return ""
    day = long_date(event.day, weekday=True)
    day = day[:1].upper() + day[1:]
    if event.start is None:
        return day
    if event.end is None:
        return f"{day}, à {clock(event.start)}"
    return f"{day}, de {clock(event.start)} à {clock(event.end)}"


def access_line(access: PressAccess) -> str:
    detail = ACCESS_DETAILS[access]
    return f"{ACCESS_NAMES[access]} ({detail})" if detail else ACCESS_NAMES[access]


def deadline_text(moment: datetime) -> str:
    return f"{long_date(moment.date(), weekday=True)} à {clock(moment.time())}"


def event_sections(release: Release) -> tuple[KindSection, ...]:
    event = release.event
    if event is None:
        return ()
    sections: list[KindSection] = []
    title = event.title.strip() or release.headline.strip()
    if event.cancelled:
        sections.append(
            KindSection(
                CANCELLED,
                (
                    Paragraph(
                        (
                            Run(f"{title or 'L’événement'} n’aura pas lieu", bold=True),
                            Run(f" ({when_line(event)})." if event.day else "."),
                        )
                    ),
                ),
            )
        )
    when: list[Block] = []
    if line := when_line(event):
        when.append(Paragraph((Run(line),)))
    if event.press_arrival is not None:
        when.append(labelled("Accueil de la presse", f"à partir de {clock(event.press_arrival)}"))
    if when:
        sections.append(KindSection(WHEN, tuple(when)))
    address = ", ".join(line.strip() for line in event.address if line.strip())
    place = [Paragraph((Run(text),)) for text in (event.venue.strip(), address) if text]
    if place:
        sections.append(KindSection(WHERE, tuple(place)))
    steps = [step for step in event.programme if step.text.strip()]
    if steps:
        items = tuple(
            (Run(f"{clock(step.at)}{NBSP}: ", bold=True), Run(step.text))
            if step.at is not None
            else (Run(step.text),)
            for step in steps
        )
        sections.append(KindSection(PROGRAMME, (BulletList(items),)))
    press: list[Block] = [Paragraph((Run(access_line(event.access)),))]
    if event.accreditation:
        text = "Accréditation obligatoire"
        if event.accreditation_deadline is not None:
            text += f" avant le {deadline_text(event.accreditation_deadline)}"
        contact = event.accreditation_contact.strip()
        press.append(Paragraph((Run(f"{text}{f', {contact}' if contact else ''}.", bold=True),)))
    if event.press_card and event.access is not PressAccess.CLOSED:
        press.append(Paragraph((Run(PRESS_CARD),)))
    sections.append(KindSection(PRESS, tuple(press)))
    return tuple(sections)
