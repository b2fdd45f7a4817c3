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
    is_valid_phone,
    long_date,
    phone_uri,
)


@pytest.mark.parametrize("typed, printed", [
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
])
def test_each_rule(typed: str, printed: str) -> None:
    assert french(typed) == printed


@pytest.mark.parametrize("kept", [
    "https://www.gouvernement.fr/actualite?id=3&x=y",
    "presse@industrie.gouv.fr",
    "mailto:a.b@c.gouv.fr",
    "`code: x;y`",
    "www.economie.gouv.fr/plan-de-relance",
])
def test_addresses_and_code_are_left_alone(kept: str) -> None:
    assert french(f"voir {kept} puis") == f"voir {kept} puis"


def test_times_like_10_30_with_a_colon_are_not_spaced() -> None:
    assert french("à 10:30") == "à 10:30"


@given(st.text())
def test_typography_never_loses_a_letter(text: str) -> None:
    out = french(text)
    letters = [ch for ch in text if ch.isalnum()]
    assert [ch for ch in out if ch.isalnum()] == letters


@pytest.mark.parametrize("month, name", list(enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"], start=1)))
def test_dateline_for_every_month(month: int, name: str) -> None:
    assert dateline("Paris", date(2021, month, 15)) == f"Paris, le 15{NBSP}{name} 2021"
    assert dateline("Paris", date(2021, month, 1)) == f"Paris, le 1er{NBSP}{name} 2021"


def test_dateline_without_place_or_date() -> None:
    assert dateline("", date(2020, 11, 3)) == f"Le 3{NBSP}novembre 2020"
    assert dateline("Lyon", None) == "Lyon"


def test_long_date_with_weekday() -> None:
    assert long_date(date(2020, 11, 5), weekday=True) == f"jeudi 5{NBSP}novembre 2020"


@pytest.mark.parametrize("typed, printed", [
    ("0144498940", "01 44 49 89 40"),
    ("01.44.49.89.40", "01 44 49 89 40"),
    ("01 44 49 89 40", "01 44 49 89 40"),
    ("+33144498940", "+33 1 44 49 89 40"),
    ("+33 1 44 49 89 40", "+33 1 44 49 89 40"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
    ("pas un numéro", "pas un numéro"),
])
def test_phone_numbers(typed: str, printed: str) -> None:
    assert format_phone(typed).replace(NBSP, " ") == printed


def test_phone_links_and_validity() -> None:
    assert phone_uri("01 44 49 89 40") == "tel:+33-1-44-49-89-40"
    assert phone_uri("n/a") is None
    assert is_valid_phone("01 44 49 89 40") and is_valid_phone("+44 20 7946 0958")
    assert not is_valid_phone("01 44") and not is_valid_phone("12345678901234")
