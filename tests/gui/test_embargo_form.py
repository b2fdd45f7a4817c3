"""The embargo in the form is the time the author wrote, even one Paris skips."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.embargo import PARIS
from desktop.gui.main_window import MainWindow

SKIPPED_HOUR = "2026-03-29T02:30"  # summer time starts: 02:00 becomes 03:00 in Paris


@pytest.fixture(params=["UTC", "Europe/Paris"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The machine's own time zone: a French ministry's is Paris."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def open_with_embargo(make_window: Any, tmp_path: Path, embargo: str) -> MainWindow:
    path = tmp_path / "embargo.communique"
    path.write_text(
        json.dumps(
            {
                "format": "communique",
                "version": 1,
                "headline": "Titre",
                "date": "2026-03-27",
                "embargo": embargo,
            }
        ),
        encoding="utf-8",
    )
    return make_window(path)


def test_a_skipped_hour_is_kept_and_reported(
    make_window: Any, tmp_path: Path, machine_zone: str
) -> None:
    window = open_with_embargo(make_window, tmp_path, SKIPPED_HOUR)
    assert window.form.embargo_time.text() == "02:30"
    embargo = window.release().embargo
    assert embargo is not None and embargo.tzinfo == PARIS
    assert (embargo.hour, embargo.minute) == (2, 30)
    assert not window.is_modified()
    window.findings.check_now()
    [error] = [f for f in window.findings.findings if f.field == "embargo" and f.is_error]
    assert "02:30 n’existe pas le 29/03/2026 à Paris" in error.message


def test_another_offset_is_shown_in_paris_time(
    make_window: Any, tmp_path: Path, machine_zone: str
) -> None:
    window = open_with_embargo(make_window, tmp_path, "2026-03-29T08:30+00:00")
    assert window.form.embargo_time.text() == "10:30"
    embargo = window.release().embargo
    assert embargo is not None and embargo.hour == 10 and embargo.tzinfo == PARIS
