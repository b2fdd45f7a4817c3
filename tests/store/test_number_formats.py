"""Display formats: the examples offered, and the check of a format typed by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store.number_formats import EXAMPLES, check_display_format
from desktop.store.register import RegisterRefused, label_shows


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.format)
def test_every_example_passes_and_shows_the_number(example: object) -> None:
    assert check_display_format(example.format) == example.format  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fmt", ["N°{n:,}", "N°{n:_}", "N° {n:>6}", "{n:+d}", "CP {year}-{n:05d}", "{{{n}}}"]
)
def test_formats_that_print_the_number_whole_pass(fmt: str) -> None:
    assert check_display_format(fmt) == fmt


@pytest.mark.parametrize(
    ("fmt", "why"),
    [
        ("N°{n:x}", "en entier, en chiffres"),  # hexadecimal: 352 → 160
        ("N°{n:o}", "en entier, en chiffres"),
        ("N°{n:b}", "en entier, en chiffres"),
        ("N°{n:e}", "en entier, en chiffres"),
        ("N°{n:c}", "caractère de contrôle"),
        ("N°1{n}", "en entier, en chiffres"),  # 1 → N°11
        ("N°{n:.3}", "invalide"),  # not a format an integer takes
        ("N°", "{n}"),
        ("N°{numero}", "inconnu"),
        ("", "vide"),
    ],
)
def test_formats_that_do_not_print_the_number_are_refused(fmt: str, why: str) -> None:
    with pytest.raises(RegisterRefused, match=why.replace("{", r"\{").replace("}", r"\}")):
        check_display_format(fmt)


@given(st.text(max_size=20))
def test_any_accepted_format_prints_any_number(fmt: str) -> None:
    try:
        checked = check_display_format(fmt)
    except RegisterRefused:
        return
    for number in (3, 350, 10_000):
        assert label_shows(checked.format(n=number, year=2030), number)
