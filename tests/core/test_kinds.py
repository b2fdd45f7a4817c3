"""The kinds of document: their French names, lines and default series, and new documents."""

from __future__ import annotations

from datetime import date

from desktop.core.draft import dumps_draft, parse_draft
from desktop.core.kinds import (
    DocumentKind,
    default_line,
    default_series,
    french_name,
    kind_lines,
    kind_of_old_line,
)
from desktop.core.templates import new_document


def test_six_kinds_each_with_a_french_name_and_a_printed_line() -> None:
    assert [str(k) for k in DocumentKind] == [
        "communique",
        "invitation",
        "agenda",
        "discours",
        "declaration",
        "dossier",
    ]
    assert [french_name(k) for k in DocumentKind] == [
        "Communiqué de presse",
        "Invitation presse",
        "Agenda prévisionnel",
        "Discours",
        "Déclaration",
        "Dossier de presse",
    ]
    assert default_line(DocumentKind.INVITATION) == "Invitation presse"
    assert "Avis aux rédactions" in kind_lines(DocumentKind.INVITATION)


def test_only_communiques_are_numbered_by_default() -> None:
    assert default_series(DocumentKind.COMMUNIQUE) == "CP"
    assert default_series(DocumentKind.INVITATION) is None
    assert default_series(DocumentKind.AGENDA) is None


def test_an_old_line_names_an_invitation_only() -> None:
    assert kind_of_old_line(" Avis aux  rédactions ") is DocumentKind.INVITATION
    assert kind_of_old_line("Agenda prévisionnel") is DocumentKind.COMMUNIQUE


def test_every_kind_has_a_template_that_saves_and_reads_back() -> None:
    for kind in DocumentKind:
        release = new_document(kind, date(2026, 3, 2))
        assert release.document is kind
        assert release.kind == default_line(kind)
        assert release.date == date(2026, 3, 2)
        assert parse_draft(dumps_draft(release)) == release
