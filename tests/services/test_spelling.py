"""French spelling: what is flagged, what is not, and what is suggested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services.spelling import Speller, SpellingUnavailable, load_speller, words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def speller(tmp_path_factory: pytest.TempPathFactory) -> Speller:
    try:
        return load_speller(config_dir=tmp_path_factory.mktemp("enchant"))
    except SpellingUnavailable as exc:
        pytest.skip(f"the spelling engine cannot be loaded here: {exc}")


def unknown(speller: Speller, text: str) -> list[str]:
    return [m.word for m in speller.misspellings(text)]


@pytest.fixture(autouse=True)
def _no_office_words(speller: Speller) -> None:
    speller.set_office_words([])


def test_ordinary_typos_are_flagged_with_the_intended_word_first(speller: Speller) -> None:
    text = "Le minsitre a anoncé un acompagnement pour le développemment du territoire."
    assert unknown(speller, text) == ["minsitre", "anoncé", "acompagnement", "développemment"]
    assert speller.suggest("minsitre")[0] == "ministre"
    assert speller.suggest("anoncé")[0] == "annoncé"
    assert speller.suggest("acompagnement")[0] == "accompagnement"
    assert speller.suggest("développemment")[0] == "développement"
    assert len(speller.suggest("anoncé")) <= 5


def test_the_places_are_those_of_the_text(speller: Speller) -> None:
    text = "Un texte avec une fôte."
    (m,) = speller.misspellings(text)
    assert text[m.start : m.end] == "fôte"


@pytest.mark.parametrize(
    "text",
    [
        "l’annonce d’un projet qu’il a lancé jusqu’à lundi, lorsqu’elle l’a dit",
        "l'annonce d'un projet qu'il a lancé",
        "aujourd’hui, presqu’île, c’est",
        "L’État, C’est, Qu’il",
    ],
)
def test_elisions_are_not_flagged(speller: Speller, text: str) -> None:
    assert unknown(speller, text) == []


def test_an_elided_typo_is_still_flagged(speller: Speller) -> None:
    assert unknown(speller, "l’acompagnement") == ["l’acompagnement"]


@pytest.mark.parametrize(
    "text",
    [
        "porte-parole, peut-être, a-t-il, vis-à-vis, sous-préfecture, franco-allemand",
        "Saint-Étienne, Béthune-Bruay, Pannier-Runacher",
    ],
)
def test_hyphenated_words_are_not_flagged(speller: Speller, text: str) -> None:
    assert unknown(speller, text) == []


def test_a_hyphenated_typo_is_flagged(speller: Speller) -> None:
    assert unknown(speller, "un porte-parrole") == ["porte-parrole"]


@pytest.mark.parametrize(
    "text",
    [
        "paraître connaître août coût maître boîte entraînement événement oignon nénuphar",
        "paraitre connaitre aout cout maitre boite entrainement évènement ognon nénufar",
    ],
)
def test_classical_and_1990_spellings_are_both_accepted(speller: Speller, text: str) -> None:
    assert unknown(speller, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "https://www.economie.gouv.fr/plan-de-relance?id=3&x=anoncé",
        "www.info.gouv.fr/minsitre",
        "presse@industrie.gouv.fr, communication.jg@cohesion-territoires.gouv.fr",
        "economie.gouv.fr",
        "economie.gouv.fr/Espace-presse/Comuniques-minsitre",
        "mailto:presse@culture.gouv.fr, MAILTO:Presse-Cabinet@culture.gouv.fr",
        "HTTPS://WWW.EXEMPLE.FR/Minsitre et WWW.EXEMPLE.FR/Comuniques",
        "prénom.nom-minsitre@exémple.fr",
        "ftp://ftp.exemple.fr/Documants/Comuniques",
        "01 44 49 89 40, +33 1 44 49 89 40",
        "78, rue de Varenne, 75007 Paris ; 139, rue de Bercy, 75572 Paris Cedex 12",
        "15h30, 400 M€, 145 jours, 12 km, 3 %, 1er, 2e, XXIe siècle, COVID-19, A7, 4G",
    ],
)
def test_addresses_numbers_and_codes_are_not_flagged(speller: Speller, text: str) -> None:
    assert unknown(speller, text) == []


def test_capitals(speller: Speller) -> None:
    assert unknown(speller, "GOUVERNEMENT, MINISTÈRE DE L’ÉCONOMIE, l’Etat, ETAT") == []
    assert unknown(speller, "GOVERNEMENT") == ["GOVERNEMENT"]
    assert speller.suggest("GOVERNEMENT")[0] == "GOUVERNEMENT"
    assert unknown(speller, "EY, SNCF, DGCCRF, URSSAF") == []


def test_proper_nouns_are_flagged_only_near_a_known_word(speller: Speller) -> None:
    assert unknown(speller, "Bridgestone, Tourcoing, Decathlon, Varenne") == []
    assert unknown(speller, "Le Gouvernment a dit") == ["Gouvernment"]
    assert speller.suggest("Gouvernment")[0] == "Gouvernement"


def test_office_words_are_accepted_and_their_near_misses_flagged(speller: Speller) -> None:
    assert unknown(speller, "Pannier-Runacer") == []  # no office entry yet: a name like any
    assert unknown(speller, "Mme Gourrault") == []
    speller.set_office_words(["Agnès Pannier-Runacher", "Gourault", "Zorglub"])
    assert unknown(speller, "Pannier-Runacer et Gourrault") == ["Pannier-Runacer", "Gourrault"]
    assert speller.suggest("Pannier-Runacer")[0] == "Pannier-Runacher"
    assert speller.suggest("Gourrault")[0] == "Gourault"
    assert unknown(speller, "zorglub ZORGLUB Zorglub") == []


def test_ignore_is_for_the_session(speller: Speller) -> None:
    assert unknown(speller, "une fôte") == ["fôte"]
    speller.ignore("fôte")
    assert unknown(speller, "une fôte") == []


def test_the_seed_release_has_no_spelling_finding(speller: Speller) -> None:
    seed = json.loads(
        (ROOT / "resources" / "examples" / "seed.communique").read_text(encoding="utf-8")
    )
    texts = [*seed["header"], *seed["ministries"], seed["headline"], *seed["body"]]
    assert [w for t in texts for w in unknown(speller, t)] == []


def test_words_skips_what_is_not_prose() -> None:
    found = [w for _, _, w in words("Un 3e jour, à 15h30, voir https://a.fr/b et x@y.fr : ok")]
    assert found == ["Un", "jour", "voir", "et", "ok"]


@pytest.mark.logs_warnings
def test_a_missing_dictionary_is_said_in_french(tmp_path: Path) -> None:
    with pytest.raises(SpellingUnavailable, match="dictionnaire français est introuvable"):
        load_speller(tmp_path / "nothing", config_dir=tmp_path / "cfg")


def test_a_run_of_letters_too_long_for_a_word_is_not_checked(speller: Speller) -> None:
    assert unknown(speller, "x" * 33_000 + " minsitre") == ["minsitre"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_gives_places_inside_it(speller: Speller, text: str) -> None:
    for m in speller.misspellings(text):
        assert text[m.start : m.end] == m.word
        assert len(speller.suggest(m.word)) <= 5


def test_spelling_skips_what_the_outputs_set_as_an_address() -> None:
    """One rule: every address the PDF, DOCX and HTML set whole and link is skipped by
    spelling, in the window (``gui.spelling.words``) as in ``communique check``."""
    from desktop.core.model import Run
    from desktop.gui.spelling import words as window_words
    from desktop.render.content import split_addresses

    text = (
        "Écrire à presse@exemple.fr, mailto:cabinet@exemple.fr ou voir https://www.exemple.fr/"
        "Comuniques, www.exemple.fr/Dossiers et ftp://ftp.exemple.fr/Documants."
    )
    addresses = [r.text for r in split_addresses(Run(text)) if r.address]
    assert len(addresses) == 5
    checked = [w for _, _, w in words(text)]
    assert checked == [w for _, _, w in window_words(text)] == ["Écrire", "ou", "voir", "et"]
    assert not any(w in a for w in ("Comuniques", "Documants", "mailto") for a in checked)
