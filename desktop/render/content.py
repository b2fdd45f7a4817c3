"""What every output shows, prepared once from the release: the one source for PDF, DOCX, preview.

Each rule of presentation lives here (the header in capitals, the dateline, the number's format,
the contact line, the typography), so the renderers only place what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.embargo import embargo_line
from desktop.core.fonts import FontChoice, choose_font
from desktop.core.model import BulletList, Paragraph, Release, Run
from desktop.core.typography import (
    NBSP,
    dateline,
    format_phone,
    french,
    french_runs,
    phone_uri,
)

MOTTO = ("Liberté", "Égalité", "Fraternité")
CONTACTS_HEADING = f"Contacts presse{NBSP}:"
CONTACT_SEPARATOR = " – "
LANGUAGE = "fr-FR"


@dataclass(frozen=True)
class PreparedContact:
    name: str
    phone: str
    phone_uri: str | None
    email: str

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None

    @property
    def lead(self) -> str:
        """The text before the links: ``Cabinet J. Gourault : ``."""
        return f"{self.name}{NBSP}: " if self.name and (self.phone or self.email) else self.name


@dataclass(frozen=True)
class PreparedBlock:
    kind: str  # "paragraph" or "list"
    items: tuple[tuple[Run, ...], ...]
    """One item for a paragraph; one per bullet for a list."""


@dataclass(frozen=True)
class PreparedRelease:
    header: tuple[str, ...]
    kind: str
    headline: str
    dateline: str
    number: str
    embargo: str
    body: tuple[PreparedBlock, ...]
    contacts_heading: str
    contacts: tuple[PreparedContact, ...]
    font: FontChoice

    @property
    def title(self) -> str:
        """The document title (PDF/UA requires one): the headline, else the kind."""
        return self.headline or self.kind or "Communiqué de presse"

    @property
    def author(self) -> str:
        return " ".join(self.header) or "Communiqué"

    @property
    def brand_alt(self) -> str:
        """Alternative text of the bloc-marque: what it says, in reading order."""
        return " – ".join(("Marianne", *(" ".join(self.header),) * bool(self.header),
                           ", ".join(MOTTO)))


def prepare(release: Release, *, font: FontChoice | None = None) -> PreparedRelease:
    """Everything the outputs show. The number is printed as it was issued (the label kept in
    the draft or the register), else in its series' display format: ``register.number_label``."""
    from desktop.core.register import number_label

    return PreparedRelease(
        header=tuple(french(line.strip()).upper() for line in release.header if line.strip()),
        kind=french(release.kind.strip()),
        headline=french(release.headline.strip()),
        dateline=dateline(release.place, release.date),
        number=number_label(release),
        embargo=embargo_line(release.embargo),
        body=tuple(_prepare_block(block) for block in release.body if block.text.strip()),
        contacts_heading=CONTACTS_HEADING,
        contacts=tuple(
            PreparedContact(
                name=french(c.name.strip()),
                phone=format_phone(c.phone),
                phone_uri=phone_uri(c.phone),
                email=c.email.strip(),
            )
            for c in release.contacts
            if c.name.strip() or c.phone.strip() or c.email.strip()
        ),
        font=font or choose_font(),
    )


def _prepare_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    texts = french_runs([run.text for run in runs])
    return tuple(
        Run(text, run.bold, run.italic, run.link)
        for run, text in zip(runs, texts, strict=True) if text
    )


def _prepare_block(block: Paragraph | BulletList) -> PreparedBlock:
    if isinstance(block, Paragraph):
        return PreparedBlock("paragraph", (_prepare_runs(block.runs),))
    items = tuple(_prepare_runs(item) for item in block.items)
    return PreparedBlock("list", tuple(item for item in items if item))
