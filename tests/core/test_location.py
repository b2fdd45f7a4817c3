"""One grammar for places in a draft, and one shape for a French message about a place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.findings import TYPEFACE, Severity, environment, error, sentence, warning
from desktop.core.location import Location


@pytest.mark.parametrize(
    ("text", "field", "index", "sub"),
    [
        ("", "", None, None),
        ("headline", "headline", None, None),
        ("header[1]", "header", 1, None),
        ("contacts[1].email", "contacts", 1, "email"),
        ("body[2].list[0][1].text", "body", 2, "list"),
        ("numbering.label", "numbering", None, "label"),
    ],
)
def test_a_location_reads_and_writes_the_same(
    text: str, field: str, index: int | None, sub: str | None
) -> None:
    location = Location.parse(text)
    assert str(location) == text
    assert (location.field, location.index, location.sub) == (field, index, sub)


@pytest.mark.parametrize("text", ["[1]", ".headline", "a..b", "a[x]", "a b", "1a", "a[1"])
def test_what_is_not_a_location_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a location"):
        Location.parse(text)


names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)


@given(
    st.lists(st.one_of(names, st.integers(0, 10_000)), max_size=6).filter(
        lambda p: not p or isinstance(p[0], str)
    )
)
def test_any_path_round_trips(path: list[str | int]) -> None:
    location = Location(tuple(path))
    assert Location.parse(str(location)) == location


def test_a_finding_says_its_place_or_what_it_is_about() -> None:
    assert str(error("headline", "titre vide")) == "erreur headline : titre vide"
    assert str(warning(Location.of("contacts", 1, "email"), "adresse invalide")) == (
        "avertissement contacts[1].email : adresse invalide"
    )
    font = environment(Severity.WARNING, TYPEFACE, "la police Marianne n’est pas installée")
    assert str(font) == "avertissement police : la police Marianne n’est pas installée"
    assert not font.in_draft and error("", "x").in_draft
    assert str(error("", "fichier illisible")) == "erreur brouillon : fichier illisible"
    assert error("", "fichier illisible").placed == "fichier illisible"
    assert error("version", "trop récent").placed == "version : trop récent"


def test_a_message_becomes_a_sentence_in_one_place() -> None:
    assert sentence("titre vide") == "Titre vide."
    assert sentence("déjà dit.") == "Déjà dit."
    assert sentence("vraiment\u202f?") == "Vraiment\u202f?"
    assert sentence("") == ""
