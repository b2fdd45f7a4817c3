"""Embargo times in Paris, across the March and October changes of time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.core.draft import release_from_json
from desktop.core.embargo import PARIS, WallTime, embargo_line, is_past, wall_time
from desktop.core.typography import NBSP


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def test_the_embargo_line_is_in_full_french() -> None:
    assert embargo_line(paris("2020-11-05T10:00")) == (
        f"SOUS EMBARGO jusqu’au jeudi 5{NBSP}novembre 2020 à 10{NBSP}h (heure de Paris)"
    )
    assert embargo_line(paris("2021-04-01T09:30")).startswith(
        f"SOUS EMBARGO jusqu’au jeudi 1er{NBSP}avril 2021 à 9{NBSP}h{NBSP}30"
    )
    assert embargo_line(None) == ""


def test_an_embargo_given_in_utc_is_said_in_paris_time() -> None:
    summer = datetime(2021, 7, 1, 8, 0, tzinfo=UTC)
    winter = datetime(2021, 12, 1, 8, 0, tzinfo=UTC)
    assert f"à 10{NBSP}h" in embargo_line(summer)
    assert f"à 9{NBSP}h" in embargo_line(winter)


@pytest.mark.parametrize(
    "moment, kind",
    [
        ("2021-03-28T01:59", WallTime.NORMAL),
        ("2021-03-28T02:00", WallTime.MISSING),
        ("2021-03-28T02:30", WallTime.MISSING),
        ("2021-03-28T03:00", WallTime.NORMAL),
        ("2021-10-31T01:59", WallTime.NORMAL),
        ("2021-10-31T02:00", WallTime.AMBIGUOUS),
        ("2021-10-31T02:59", WallTime.AMBIGUOUS),
        ("2021-10-31T03:00", WallTime.NORMAL),
        ("2026-03-29T02:15", WallTime.MISSING),
        ("2026-10-25T02:15", WallTime.AMBIGUOUS),
    ],
)
def test_time_changes(moment: str, kind: WallTime) -> None:
    assert wall_time(paris(moment)) is kind


def test_a_draft_embargo_without_offset_is_paris_time_across_the_change() -> None:
    before = release_from_json(
        {"format": "communique", "version": 1, "embargo": "2021-03-28T01:30"}
    ).embargo
    after = release_from_json(
        {"format": "communique", "version": 1, "embargo": "2021-03-28T03:30"}
    ).embargo
    assert before is not None and after is not None
    assert before.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert after.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert (after.astimezone(UTC) - before.astimezone(UTC)).total_seconds() == 3600


def test_past_is_compared_in_absolute_time() -> None:
    moment = paris("2021-10-31T02:30")  # first occurrence, 00:30 UTC
    assert is_past(moment, datetime(2021, 10, 31, 0, 31, tzinfo=UTC))
    assert not is_past(moment, datetime(2021, 10, 31, 0, 29, tzinfo=UTC))
