"""Dates and times typed the French way."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.french_dates import format_date, format_time, parse_date, parse_time

MARCH_29 = date(2026, 3, 29)


@pytest.mark.parametrize(
    "text",
    [
        "29/03/2026",
        "29/3/2026",
        "29-03-2026",
        "29.03.2026",
        "29 03 2026",
        "29/03/26",
        "29032026",
        "2026-03-29",
        "29 mars 2026",
        "29 Mars 2026",
        "  29  mars   2026 ",
        "dimanche 29 mars 2026",
        "Dimanche, 29 mars 2026",
        "29 mar 2026",
        "29 mar. 2026",
        "29/03",
        "29 mars",
    ],
)
def test_march_29(text: str) -> None:
    assert parse_date(text, default_year=2026) == MARCH_29


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1er avril 2026", date(2026, 4, 1)),
        ("1 févr. 2027", date(2027, 2, 1)),
        ("3 fevrier 2027", date(2027, 2, 3)),
        ("14 juil 2026", date(2026, 7, 14)),
        ("15 août 2026", date(2026, 8, 15)),
        ("15 aout 2026", date(2026, 8, 15)),
        ("2 déc 2026", date(2026, 12, 2)),
        ("5 sept. 2026", date(2026, 9, 5)),
        ("29 février 2028", date(2028, 2, 29)),
    ],
)
def test_french_months(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "29",
        "mars 2026",
        "32/03/2026",
        "29/13/2026",
        "29 février 2026",
        "29 ju 2026",
        "29 brumaire 2026",
        "demain",
        "29//03/2026",
        "2026",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text, default_year=2026) is None


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_a_shown_date_reads_back(value: date) -> None:
    assert parse_date(format_date(value)) == value
    assert parse_date(value.strftime("%d/%m/%Y")) == value


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_none(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), date)
    assert parse_time(text) is None or isinstance(parse_time(text), time)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:30", time(10, 30)),
        ("10 h 30", time(10, 30)),
        ("10h30", time(10, 30)),
        ("10 h", time(10)),
        ("10h", time(10)),
        ("9", time(9)),
        ("09.05", time(9, 5)),
        ("23:59", time(23, 59)),
        ("0 h 00", time(0)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected
    assert parse_time(format_time(expected)) == expected


@pytest.mark.parametrize("text", ["", "24:00", "10:60", "dix heures", "10:3", "-1"])
def test_not_a_time(text: str) -> None:
    assert parse_time(text) is None


def test_a_moment_is_said_in_paris_time_in_words() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from desktop.core.french_dates import format_moment, format_moment_text

    assert format_moment(datetime(2020, 11, 3, 13, 5, tzinfo=UTC)) == (
        "3\u00a0novembre 2020 à 14\u00a0h\u00a005"
    )
    assert format_moment(datetime(2021, 4, 1, 7, 0, tzinfo=UTC)) == "1er\u00a0avril 2021 à 9\u00a0h"
    # the machine's zone does not matter: New York's 23 h 30 is Paris's next day
    new_york = timezone(timedelta(hours=-5))
    assert format_moment(datetime(2020, 12, 31, 23, 30, tzinfo=new_york)).startswith(
        "1er\u00a0janvier 2021 à 5\u00a0h\u00a030"
    )
    assert (
        format_moment_text("2020-11-03T13:05:00+00:00")
        == "3\u00a0novembre 2020 à 14\u00a0h\u00a005"
    )
    assert format_moment_text("pas une date") == "pas une date"
