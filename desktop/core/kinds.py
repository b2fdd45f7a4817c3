"""The kinds of document a press office writes: communiqué, invitation, agenda, speech,
statement, press kit; for each, its French name, the kind line printed on it by default, and the
register series that numbers it by default (none: unnumbered).

A kind's own details live in a module of their own (``core/event.py`` for an invitation,
``core/agenda.py`` for an agenda…), each an optional field of ``Release``; the kind itself is
``Release.document``. ``Release.kind`` stays the line printed under the bloc-marque, which a
press officer may change (« Avis aux rédactions » is an invitation too).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """The kind of a document, as the draft file writes it (``"document": "invitation"``)."""

    COMMUNIQUE = "communique"
    INVITATION = "invitation"
    AGENDA = "agenda"
    SPEECH = "discours"
    STATEMENT = "declaration"
    PRESS_KIT = "dossier"


@dataclass(frozen=True)
class KindInfo:
    """What every part of the program says of one kind."""

    name: str
    """Its French name, as menus and messages say it (« Invitation presse »)."""
    line: str
    """The kind line a new document of this kind prints under the bloc-marque."""
    other_lines: tuple[str, ...] = ()
    """Other kind lines a press officer may choose for it (« Avis aux rédactions »)."""
    series: str | None = None
    """The register series that numbers it by default; None: not numbered by default. The
    register may say otherwise (``communique register kinds``)."""


KINDS: dict[DocumentKind, KindInfo] = {
    DocumentKind.COMMUNIQUE: KindInfo(
        "Communiqué de presse", "Communiqué de presse", ("Communiqué",), "CP"
    ),
    DocumentKind.INVITATION: KindInfo(
        "Invitation presse",
        "Invitation presse",
        ("Avis aux rédactions", "Note aux rédactions"),
    ),
    DocumentKind.AGENDA: KindInfo("Agenda prévisionnel", "Agenda prévisionnel"),
    DocumentKind.SPEECH: KindInfo("Discours", "Discours"),
    DocumentKind.STATEMENT: KindInfo("Déclaration", "Déclaration"),
    DocumentKind.PRESS_KIT: KindInfo("Dossier de presse", "Dossier de presse"),
}


def info(kind: DocumentKind) -> KindInfo:
    return KINDS[kind]


def french_name(kind: DocumentKind) -> str:
    return KINDS[kind].name


def default_line(kind: DocumentKind) -> str:
    return KINDS[kind].line


def kind_lines(kind: DocumentKind) -> tuple[str, ...]:
    """The kind lines offered for ``kind``: its default first."""
    entry = KINDS[kind]
    return (entry.line, *entry.other_lines)


def default_series(kind: DocumentKind) -> str | None:
    return KINDS[kind].series


def kind_of_old_line(line: str) -> DocumentKind:
    """The kind a format-2 draft's kind line names where it is unambiguous: an invitation's
    lines (« Invitation presse », « Avis aux rédactions », « Note aux rédactions ») make an
    invitation; anything else stays a communiqué (format 2 had no other kind)."""
    folded = " ".join(line.split()).casefold()
    if folded in (text.casefold() for text in kind_lines(DocumentKind.INVITATION)):
        return DocumentKind.INVITATION
    return DocumentKind.COMMUNIQUE


def parse_kind(value: str) -> DocumentKind | None:
    """The kind a draft's ``document`` names, or None for a value no kind has."""
    try:
        return DocumentKind(value)
    except ValueError:
        return None


_LINE_STARTS: tuple[tuple[str, DocumentKind], ...] = (
    ("invitation", DocumentKind.INVITATION),
    ("avis aux", DocumentKind.INVITATION),
    ("note aux", DocumentKind.INVITATION),
    ("agenda", DocumentKind.AGENDA),
    ("discours", DocumentKind.SPEECH),
    ("declaration", DocumentKind.STATEMENT),
    ("dossier de presse", DocumentKind.PRESS_KIT),
)


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def kind_of_line(line: str) -> DocumentKind:
    """The kind a kind line names, in any case and with or without accents (an imported
    release's « INVITATION PRESSE », « Avis aux médias », « Agenda de la ministre »): a kind's
    own line first, else by its first words; a communiqué otherwise."""
    folded = _folded(line)
    for kind in KINDS:
        if folded in (_folded(text) for text in kind_lines(kind)):
            return kind
    for start, kind in _LINE_STARTS:
        if folded.startswith(start):
            return kind
    return DocumentKind.COMMUNIQUE
