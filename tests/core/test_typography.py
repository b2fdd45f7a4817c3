"""French typography: each rule alone, then all of them on the seed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.typography import (
    NBSP,
    NNBSP,
    dateline,
    format_phone,
    french,
    french_runs,
    is_valid_phone,
    long_date,
    ordinal_parts,
    phone_uri,
)


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Enfin!", f"Enfin{NNBSP}!"),
        ("a ; b", f"a{NNBSP}; b"),
        ("Contacts presse :", f"Contacts presse{NBSP}:"),
        ("Contacts presse: x", f"Contacts presse{NBSP}: x"),
        ("« France Relance »", f"«{NBSP}France Relance{NBSP}»"),
        ("«France Relance»", f"«{NBSP}France Relance{NBSP}»"),
        ('le plan "France Relance" présenté', f"le plan «{NBSP}France Relance{NBSP}» présenté"),
        ("l'État d'urgence", "l’État d’urgence"),
        ("et puis...", "et puis…"),
        ("N° 350", f"N°{NBSP}350"),
        ("400 M€", f"400{NBSP}M€"),
        ("145 jours", f"145{NBSP}jours"),
        ("1 000 000 euros", f"1{NNBSP}000{NNBSP}000{NBSP}euros"),
        ("à 10h30", f"à 10{NBSP}h{NBSP}30"),
        ("à 10 h 30", f"à 10{NBSP}h{NBSP}30"),
        ("à 9h", f"à 9{NBSP}h"),
        ("deux  espaces", "deux espaces"),
    ],
)
def test_each_rule(typed: str, printed: str) -> None:
    assert french(typed) == printed


@pytest.mark.parametrize(
    "kept",
    [
        "https://www.gouvernement.fr/actualite?id=3&x=y",
        "presse@industrie.gouv.fr",
        "mailto:a.b@c.gouv.fr",
        "`code: x;y`",
        "www.economie.gouv.fr/plan-de-relance",
    ],
)
def test_addresses_and_code_are_left_alone(kept: str) -> None:
    assert french(f"voir {kept} puis") == f"voir {kept} puis"


def test_times_like_10_30_with_a_colon_are_not_spaced() -> None:
    assert french("à 10:30") == "à 10:30"


@given(st.text())
def test_typography_never_loses_a_letter(text: str) -> None:
    out = french(text)
    letters = [ch for ch in text if ch.isalnum()]
    assert [ch for ch in out if ch.isalnum()] == letters


@pytest.mark.parametrize(
    "month, name",
    list(
        enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            start=1,
        )
    ),
)
def test_dateline_for_every_month(month: int, name: str) -> None:
    assert dateline("Paris", date(2021, month, 15)) == f"Paris, le 15{NBSP}{name} 2021"
    assert dateline("Paris", date(2021, month, 1)) == f"Paris, le 1er{NBSP}{name} 2021"


def test_dateline_without_place_or_date() -> None:
    assert dateline("", date(2020, 11, 3)) == f"Le 3{NBSP}novembre 2020"
    assert dateline("Lyon", None) == "Lyon"


def test_long_date_with_weekday() -> None:
    assert long_date(date(2020, 11, 5), weekday=True) == f"jeudi 5{NBSP}novembre 2020"


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("0144498940", "01 44 49 89 40"),
        ("01.44.49.89.40", "01 44 49 89 40"),
        ("01 44 49 89 40", "01 44 49 89 40"),
        ("+33144498940", "+33 1 44 49 89 40"),
        ("+33 1 44 49 89 40", "+33 1 44 49 89 40"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("pas un numéro", "pas un numéro"),
    ],
)
def test_phone_numbers(typed: str, printed: str) -> None:
    assert format_phone(typed).replace(NBSP, " ") == printed


def test_phone_links_and_validity() -> None:
    assert phone_uri("01 44 49 89 40") == "tel:+33-1-44-49-89-40"
    assert phone_uri("n/a") is None
    assert is_valid_phone("01 44 49 89 40") and is_valid_phone("+44 20 7946 0958")
    assert not is_valid_phone("01 44") and not is_valid_phone("12345678901234")


@pytest.mark.parametrize(
    "typed, printed, link",
    [
        ("0262 40 75 75", "0262 40 75 75", "tel:+262-262-40-75-75"),  # La Réunion
        ("0590993900", "0590 99 39 00", "tel:+590-590-99-39-00"),  # Guadeloupe
        ("+262 262 40 75 75", "+262 262 40 75 75", "tel:+262-262-40-75-75"),
        ("01 44 49 89 40 poste 12", "01 44 49 89 40 poste 12", None),
        ("01 44 49 89 40 (standard)", "01 44 49 89 40 (standard)", None),
        ("Standard : 01 44 49 89 40", "Standard : 01 44 49 89 40", "tel:+33-1-44-49-89-40"),
        ("3939", "3939", None),
    ],
)
def test_what_is_not_a_plain_valid_number_is_printed_as_typed(
    typed: str, printed: str, link: str | None
) -> None:
    assert format_phone(typed).replace(NBSP, " ") == printed
    assert phone_uri(typed) == link


def test_overseas_and_short_numbers_are_valid() -> None:
    assert is_valid_phone("0262 40 75 75") and is_valid_phone("0596 55 55 55")
    assert is_valid_phone("3939")  # Allô Service Public
    assert not is_valid_phone("01 44 49 89 40 poste 12")


@pytest.mark.parametrize(
    "runs, expected",
    [
        (
            ['Le plan "', "France Relance", '" est lancé ; voir ', "le site", "."],
            [
                "Le plan «" + NBSP,
                "France Relance",
                NBSP + "» est lancé" + NNBSP + "; voir ",
                "le site",
                ".",
            ],
        ),
        (
            ["France Relance", " ; il a dit oui", " ! Voir le site", " : merci."],
            [
                "France Relance",
                NNBSP + "; il a dit oui",
                NNBSP + "! Voir le site",
                NBSP + ": merci.",
            ],
        ),
        (["écrire à a.b@c.gouv.fr", " : merci"], ["écrire à a.b@c.gouv.fr", NBSP + ": merci"]),
    ],
)
def test_typography_reads_across_bold_italic_and_links(
    runs: list[str], expected: list[str]
) -> None:
    assert french_runs(runs) == expected


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_runs_keep_their_count_and_letters(runs: list[str]) -> None:
    out = french_runs(runs)
    assert len(out) == len(runs)
    for before, after in zip(runs, out, strict=True):
        kept = [ch for ch in before if ch.isalnum() and ch not in "\ue000\ue001"]
        assert [ch for ch in after if ch.isalnum()] == kept


def test_no_runs_give_no_runs() -> None:
    assert french_runs([]) == []


# ---------------------------------------------------------------- issue 23: spacing everywhere


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("M. Dupont", f"M.{NBSP}Dupont"),
        ("MM. Dupont et Durand", f"MM.{NBSP}Dupont et Durand"),
        ("Mme Martin", f"Mme{NBSP}Martin"),
        ("le Dr Roux", f"le Dr{NBSP}Roux"),
        ("l'art. 3", f"l’art.{NBSP}3"),
        ("voir p. 12", f"voir p.{NBSP}12"),
        ("le n° 350", f"le n°{NBSP}350"),
        ("le 14 juillet", f"le 14{NBSP}juillet"),
        ("le 1er avril", f"le 1er{NBSP}avril"),
        ("3,5%", f"3,5{NBSP}%"),
        ("10€", f"10{NBSP}€"),
        ("12 km", f"12{NBSP}km"),
        ("10000 habitants", f"10{NNBSP}000{NBSP}habitants"),
        ("1 000 000 euros", f"1{NNBSP}000{NNBSP}000{NBSP}euros"),
        ("en 2021", "en 2021"),
        ("75007 Paris", "75007 Paris"),
        ("3,14159 km", f"3,14159{NBSP}km"),
        ("Oui!", f"Oui{NNBSP}!"),
    ],
)
def test_spacing_rules(typed: str, printed: str) -> None:
    assert french(typed) == printed


def test_a_sequence_of_numbers_keeps_its_meaning() -> None:
    """« depuis 2021 300 communes » is a year and a count, never 2 021 300."""
    assert french("depuis 2021 300 communes") == "depuis 2021 300 communes"
    assert french("en 2020, 12 000 emplois") == f"en 2020, 12{NNBSP}000{NBSP}emplois"


@pytest.mark.parametrize(
    "text, parts",
    [
        ("le 1er avril", [("le 1", False), ("er", True), (" avril", False)]),
        ("la 1re fois", [("la 1", False), ("re", True), (" fois", False)]),
        ("le XXIe siècle", [("le XXI", False), ("e", True), (" siècle", False)]),
        ("la 2e et la 3es", [("la 2", False), ("e", True), (" et la 3", False), ("es", True)]),
        ("Ce Le Ve", [("Ce Le V", False), ("e", True)]),
        ("Vers la Ve", [("Vers la V", False), ("e", True)]),
        ("François Ier", [("François I", False), ("er", True)]),
        ("Les Ces Xes", [("Les Ces X", False), ("es", True)]),
        ("1e www.a1e.fr", [("1e www.a1e.fr", False)]),
        ("", [("", False)]),
    ],
)
def test_ordinal_endings_are_found(text: str, parts: list[tuple[str, bool]]) -> None:
    assert ordinal_parts(text) == parts


_FORMS = str.maketrans({"’": "'", "«": '"', "»": '"'})


def _letters_and_digits(text: str) -> str:
    """The text with its spaces out and its characters' forms undone (’ « » …)."""
    return "".join(text.replace("…", "...").translate(_FORMS).split())


@given(st.text())
def test_typography_changes_only_spaces_and_forms(text: str) -> None:
    """Spaces added, removed or made no-break, quotes and apostrophes curled, ``...`` as ``…``:
    nothing else, so a number never changes (« 2021 300 » stays two numbers)."""
    text = text.replace("\ue000", "").replace("\ue001", "")
    assert _letters_and_digits(french(text)) == _letters_and_digits(text)


@given(
    st.integers(min_value=1000, max_value=9999),
    st.integers(min_value=0, max_value=999_999),
    st.sampled_from(["communes", "euros", "%", "habitants", "et", ""]),
)
def test_a_year_and_a_count_stay_two_numbers(year: int, count: int, after: str) -> None:
    """A four-digit number is never the head of a grouped one: « 2021 300 » is read as typed."""
    printed = french(f"depuis {year} {count} {after}".strip())
    assert f"{year} " in printed.replace(NBSP, " ")
    assert f"{year}{NNBSP}" not in printed


@given(st.text(alphabet=st.sampled_from("1erXIV e2ndsLC '-.,")))
def test_ordinal_parts_join_to_the_text(text: str) -> None:
    assert "".join(part for part, _sup in ordinal_parts(text)) == text
