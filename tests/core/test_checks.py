"""Every check with a good and a bad case; the seed as first typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from desktop.core.checks import RULES, Finding, Severity, check
from desktop.core.embargo import PARIS
from desktop.core.event import Event
from desktop.core.fonts import FontChoice, choose_font
from desktop.core.images import read_picture
from desktop.core.kinds import DocumentKind
from desktop.core.model import (
    Contact,
    Figure,
    Heading,
    ImportNote,
    Paragraph,
    Release,
    Run,
    Table,
    plain_paragraph,
)
from desktop.core.press_kit import Annex, PressKit
from desktop.core.speech import Speech
from desktop.services.drafts import load_draft
from tests.helpers import small_png

DATA = Path(__file__).resolve().parents[1] / "data"
PICTURE = read_picture(small_png())
NOW = datetime(2020, 11, 2, 12, 0, tzinfo=UTC)
MARIANNE = FontChoice("Marianne", "Marianne", choose_font().folders)  # as if installed

GOOD = Release(
    header=("GOUVERNEMENT",),
    headline="Lancement d'un accompagnement",
    date=date(2020, 11, 3),
    body=(plain_paragraph("Le Gouvernement est mobilisé."),),
    contacts=(Contact("Cabinet", "01 44 49 89 40", "presse@industrie.gouv.fr"),),
    ministries=("Ministère A", "Ministère B"),
)


def findings(release: Release, font: FontChoice = MARIANNE) -> list[Finding]:
    return check(release, font=font, now=NOW)


def fields(release: Release, font: FontChoice = MARIANNE) -> set[tuple[str, str]]:
    return {(f.severity.value, f.field) for f in findings(release, font)}


def test_a_good_release_has_no_finding() -> None:
    assert findings(GOOD) == []


BAD_CASES: list[tuple[dict[str, object], tuple[str, str]]] = [
    ({"headline": "  "}, ("erreur", "headline")),
    ({"date": None}, ("erreur", "date")),
    ({"contacts": (Contact("C", "", "pas-une-adresse"),)}, ("erreur", "contacts[0].email")),
    ({"contacts": (Contact("C", "", "a@b"),)}, ("erreur", "contacts[0].email")),
    ({"embargo": datetime(2021, 3, 28, 2, 30, tzinfo=PARIS)}, ("erreur", "embargo")),
    ({"contacts": ()}, ("avertissement", "contacts")),
    ({"headline": "Jacqueline Gourault GOURAULT et"}, ("avertissement", "headline")),
    ({"body": (plain_paragraph("Il faut le le faire."),)}, ("avertissement", "body[0]")),
    ({"header": ("GOVERNEMENT",)}, ("avertissement", "header[0]")),
    ({"header": ("MINISTERE", "DE LA CULTURE"), "ministries": ()}, ("avertissement", "header[0]")),
    ({"contacts": (Contact("C", "01 44", "a@b.fr"),)}, ("avertissement", "contacts[0].phone")),
    ({"embargo": datetime(2020, 11, 1, 10, 0, tzinfo=PARIS)}, ("avertissement", "embargo")),
    ({"embargo": datetime(2021, 10, 31, 2, 30, tzinfo=PARIS)}, ("avertissement", "embargo")),
    ({"headline": "x" * 251}, ("avertissement", "headline")),
    ({"headline": "Deux  espaces"}, ("avertissement", "headline")),
    ({"body": (plain_paragraph("Région\tMontant"),)}, ("avertissement", "body[0]")),
    ({"header": ("MINISTÈRE", "DE LA CULTURE")}, ("avertissement", "header")),
    ({"header": ("GOUVERNEMENT", "ET DE LA DÉCENTRALISATION")}, ("avertissement", "header[1]")),
    ({"headline": "Titre 漢字"}, ("avertissement", "headline")),
    ({"headline": "x" * 8_001}, ("erreur", "headline")),
    ({"contacts": (Contact("C" * 8_001),)}, ("erreur", "contacts[0].name")),
    ({"body": (plain_paragraph("a"),) * 1_001}, ("erreur", "body")),
    ({"contacts": (Contact("C"),) * 101}, ("erreur", "contacts")),
    # 12 columns × 400 rows of 100 characters: 198 pages, 720 MB to typeset (420: 775, 2 GB)
    ({"body": (Table(("a",) * 12, (("mot " * 25,) * 12,) * 400),)}, ("erreur", "body")),
    (
        {
            "document": DocumentKind.PRESS_KIT,
            "press_kit": PressKit(annexes=(Annex("Annexe", (plain_paragraph("a"),) * 1_001),)),
        },
        ("erreur", "body"),
    ),
    (
        {"body": (Paragraph((Run("lien", link="https://a.fr/" + "a" * 2_000),)),)},
        ("erreur", "body[0]"),
    ),
    ({"imported": ImportNote("ancien.docx", "…", ("20 avenue de Ségur",))}, ("avertissement", "")),
    ({"body": (Figure(PICTURE, " "),)}, ("erreur", "body[0].figure.alt")),
    ({"body": (Figure(PICTURE, "Un drapeau"),) * 5}, ("erreur", "body")),
    ({"body": (Heading(2, "Section seule"),)}, ("avertissement", "body[0].heading.level")),
    ({"body": (Heading(1, " "),)}, ("avertissement", "body[0].heading.text")),
    ({"body": (Table(("Mesure", ""), (("a", "b"),)),)}, ("avertissement", "body[0].table.header")),
    ({"document": DocumentKind.SPEECH, "speech": Speech()}, ("avertissement", "speech.speaker")),
    (
        {"document": DocumentKind.STATEMENT, "speech": Speech("Claire Martin, ministre")},
        ("avertissement", "speech.time"),
    ),
    ({"press_kit": PressKit(cover=PICTURE)}, ("erreur", "press_kit.cover_alt")),
    ({"document": DocumentKind.PRESS_KIT}, ("avertissement", "body")),
    (
        {
            "document": DocumentKind.INVITATION,
            "event": Event(day=date(2021, 3, 28), start=time(2, 30), venue="Musée", address=("a",)),
        },
        ("erreur", "event.start"),
    ),
]
"""A release changed so that one rule finds something, and what it finds."""


@pytest.mark.parametrize("change, expected", BAD_CASES)
def test_each_check_catches_its_case(change: dict[str, object], expected: tuple[str, str]) -> None:
    assert expected in fields(replace(GOOD, **change))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"headline": "Nous nous engageons"},
        {"header": ("MINISTÈRE", "DE LA CULTURE"), "ministries": ("Ministère de la Culture",)},
        {"contacts": (Contact("C", "+44 20 7946 0958", "a.b@c.gouv.fr"),)},
        {"embargo": datetime(2020, 11, 5, 10, 0, tzinfo=PARIS)},
        {"headline": "x" * 200},
        {"contacts": (Contact("C", "", "a@b.fr"),)},
        {
            "document": DocumentKind.PRESS_KIT,
            "press_kit": PressKit("Sous-titre", PICTURE, "Un carré bleu"),
            "body": (
                Heading(1, "Le plan"),
                Heading(2, "Les mesures"),
                Table(("Mesure", "Montant"), (("Aide", "10 €"),), "Les aides"),
                Figure(PICTURE, "Un drapeau bleu", "Le drapeau"),
            ),
        },
    ],
)
def test_good_cases_pass(change: dict[str, object]) -> None:
    assert findings(replace(GOOD, **change)) == []  # type: ignore[arg-type]


def test_the_missing_marianne_font_is_a_warning() -> None:
    substitute = FontChoice("Liberation Sans", "Arial", choose_font().folders)
    assert ("avertissement", "police") in fields(GOOD, substitute)


def test_errors_come_first_and_print_as_the_cli_does() -> None:
    result = findings(replace(GOOD, headline="", contacts=()))
    assert result[0].severity is Severity.ERROR
    assert str(result[0]) == "erreur headline : le titre est vide."


def test_the_seed_as_first_typed() -> None:
    seed = load_draft(DATA / "seed-as-typed.communique")
    found = {(f.field, f.message) for f in findings(seed)}
    assert ("headline", "mot répété\u00a0: «\u00a0Gourault GOURAULT\u00a0».") in found
    assert (
        "header[0]",
        "«\u00a0GOVERNEMENT\u00a0»\u00a0: vouliez-vous écrire «\u00a0GOUVERNEMENT\u00a0»\u202f?",
    ) in found
    assert not any(f.is_error for f in findings(seed))


def test_every_rule_has_a_bad_case_above() -> None:
    # A rule added without a test shows up here.
    tested = {
        "headline_present",
        "date_present",
        "emails_valid",
        "embargo_exists",
        "has_contact",
        "repeated_words",
        "header_spelling",
        "phones_valid",
        "embargo_not_past",
        "headline_length",
        "double_spaces",
        "tab_alignment",
        "unaccented_capitals",
        "joint_release_header",
        "drawable_characters",
        "marianne_installed",
        "field_lengths",
        "list_lengths",
        "link_lengths",
        "spelling",
        "header_line_widths",
        "import_leftovers",
        "figures_described",
        "images_bounded",
        "headings_nested",
        "tables_filled",
        "speaker_named",
        "statement_timed",
        "cover_described",
        "press_kit_chaptered",
        "kind_rules",
    }
    assert {rule.__name__ for rule in RULES} == tested


def test_spelling_says_each_unknown_word_with_its_place_and_never_an_error() -> None:
    from desktop.services.spelling import SpellingUnavailable, shared_speller

    try:
        speller = shared_speller()
    except SpellingUnavailable as exc:
        pytest.skip(f"the spelling engine cannot be loaded here: {exc}")
    speller.set_office_words([])
    bad = replace(
        GOOD,
        body=(plain_paragraph("Bon."), plain_paragraph("Il a anoncé.")),
        header=("GOVERNEMENT",),
    )
    found = check(bad, font=MARIANNE, now=NOW, speller=speller)
    assert [str(f) for f in found if "mot inconnu" in f.message] == [
        "avertissement body[1] : «\u00a0anoncé\u00a0»\u00a0: mot inconnu "
        "(suggestions\u00a0: annoncé, énoncé, noncé)"
    ]
    assert not any(f.is_error for f in found)
    assert sum("GOVERNEMENT" in f.message for f in found) == 1  # said by header_spelling
    assert check(GOOD, font=MARIANNE, now=NOW, speller=speller) == []
    assert not any("mot inconnu" in f.message for f in findings(bad))  # no speller, no check


def test_repeated_words_are_said_once_per_field() -> None:
    body = (plain_paragraph("mot " * 2000),)  # 8,000 characters: the most a field holds
    found = [f for f in findings(replace(GOOD, body=body)) if f.field == "body[0]"]
    assert len(found) == 1
    assert found[0].message == "mot répété\u00a0: «\u00a0mot mot\u00a0» et 997 autres."


def test_the_shipped_example_warns_about_nothing() -> None:
    """A real release (its headline has 206 characters): the example must open clean."""
    from desktop.resources import resource

    seed = load_draft(resource("examples", "seed.communique"))
    assert len(seed.headline) == 206
    assert findings(seed) == []


def test_a_headline_past_the_threshold_is_still_warned() -> None:
    at_most = "Titre " * 41 + "long"  # 250 characters
    assert not [f for f in findings(replace(GOOD, headline=at_most)) if "caractères" in f.message]
    found = findings(replace(GOOD, headline=at_most + "s"))
    assert [(f.field, f.message) for f in found if "caractères" in f.message] == [
        ("headline", "251 caractères\u00a0: au-delà de 250, le titre sera mal repris.")
    ]


@pytest.mark.parametrize(
    "line",
    ["DES TERRITOIRES", "DU TERRITOIRE", "DES COLLECTIVITÉS TERRITORIALES", "DES AFFAIRES RURALES"],
)
def test_plural_or_singular_of_a_header_word_is_not_a_typo(line: str) -> None:
    """The issue: « DES TERRITOIRES » was flagged « vouliez-vous écrire TERRITOIRE ? »."""
    release = replace(GOOD, header=("MINISTÈRE", "DE LA COHÉSION", line), ministries=())
    assert [f.message for f in findings(release) if "vouliez-vous" in f.message] == []


def test_a_real_typo_in_a_plural_is_still_flagged() -> None:
    release = replace(GOOD, header=("MINISTÈRE", "DE LA COHÉSION", "DES TERITOIRES"), ministries=())
    messages = [f.message for f in findings(release) if f.field == "header[2]"]
    assert len(messages) == 1 and "vouliez-vous écrire «\u00a0TERRITOIRE" in messages[0]


def test_a_capital_without_its_accent_is_pointed_at() -> None:
    release = Release(
        headline="L’Etat et l'Ecole",
        body=(plain_paragraph("A partir de lundi, les Etats-Unis et l’Europe."),),
    )
    found = {f.where: f.message for f in check(release) if "accent" in f.message}
    assert found["headline"] == (
        "majuscule sans accent\u00a0: «\u00a0Etat\u00a0» → «\u00a0État\u00a0», "
        "«\u00a0Ecole\u00a0» → «\u00a0École\u00a0»."
    )
    assert "«\u00a0A\u00a0» → «\u00a0À\u00a0»" in found["body[0]"]
    assert "Etats" in found["body[0]"] and "Europe" not in found["body[0]"]


def test_accented_capitals_and_names_pass() -> None:
    release = Release(headline="L’État, l’École, Éric, Europe, Eva, le plan A pour A. Martin")
    assert not [f for f in check(release) if "accent" in f.message]
