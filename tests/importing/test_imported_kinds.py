"""An imported release's kind line takes the house's form (« COMMUNIQUÉ DE PRESSE » becomes
« Communiqué de presse »), never a line of the bloc-marque, and makes the document's kind
(« Invitation presse » an invitation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.checks import check
from desktop.core.errors import CommuniqueError
from desktop.core.kinds import DocumentKind, kind_of_line
from desktop.services.drafts import load_draft
from desktop.usecases.export import export_release
from desktop.usecases.importing import import_text
from tests.importing.corpus import pasted


@pytest.mark.parametrize(
    ("line", "kind", "document"),
    [
        ("COMMUNIQUÉ DE PRESSE", "Communiqué de presse", DocumentKind.COMMUNIQUE),
        ("COMMUNIQUE DE PRESSE CONJOINT", "Communiqué de presse conjoint", DocumentKind.COMMUNIQUE),
        ("COMMUNIQUÉ DE PRESSE COMMUN", "Communiqué de presse commun", DocumentKind.COMMUNIQUE),
        ("INVITATION PRESSE", "Invitation presse", DocumentKind.INVITATION),
        ("AVIS AUX RÉDACTIONS", "Avis aux rédactions", DocumentKind.INVITATION),
        ("Avis aux médias", "Avis aux médias", DocumentKind.INVITATION),
        ("DOSSIER DE PRESSE", "Dossier de presse", DocumentKind.PRESS_KIT),
        ("DÉCLARATION", "Déclaration", DocumentKind.STATEMENT),
        ("DISCOURS", "Discours", DocumentKind.SPEECH),
        ("AGENDA DE LA MINISTRE", "Agenda de la ministre", DocumentKind.AGENDA),
    ],
)
def test_the_kind_line_takes_the_house_form_and_makes_the_document(
    line: str, kind: str, document: DocumentKind, tmp_path: Path
) -> None:
    done = import_text(pasted(kind=line), tmp_path)
    assert done.draft is not None
    release = load_draft(done.draft)
    assert (release.kind, release.document) == (kind, document)
    assert release.header == ("MINISTÈRE DE LA CULTURE",)  # the kind is not a bloc-marque line
    assert release.headline == "Les archives départementales rouvrent"


def test_a_headline_in_capitals_is_not_taken_for_a_kind(tmp_path: Path) -> None:
    text = pasted(kind="COMMUNIQUÉ DE PRESSE").replace(
        "Les archives départementales rouvrent",
        "DÉCLARATION DE LA MINISTRE SUR LA RÉOUVERTURE DES ARCHIVES DÉPARTEMENTALES",
    )
    release = load_draft(import_text(text, tmp_path).draft or tmp_path)
    assert release.kind == "Communiqué de presse"
    assert release.headline.startswith("DÉCLARATION DE LA MINISTRE")


def test_kind_of_line_ignores_case_accents_and_spaces() -> None:
    assert kind_of_line("  invitation   PRESSE ") is DocumentKind.INVITATION
    assert kind_of_line("NOTE AUX REDACTIONS") is DocumentKind.INVITATION
    assert kind_of_line("Communiqué") is DocumentKind.COMMUNIQUE
    assert kind_of_line("Information presse") is DocumentKind.COMMUNIQUE


def test_an_imported_invitation_exports_once_its_event_is_told_or_says_why(
    tmp_path: Path,
) -> None:
    done = import_text(pasted(kind="INVITATION PRESSE"), tmp_path)
    release = load_draft(done.draft or tmp_path)
    said = [f.message for f in check(release) if f.severity.value == "erreur"]
    assert said == ["l’invitation ne dit rien de l’événement (date, heure, lieu)."]
    with pytest.raises(CommuniqueError, match="le brouillon contient une erreur"):
        export_release(release, {"pdf": tmp_path / "invitation.pdf"})
    assert not (tmp_path / "invitation.pdf").exists()
