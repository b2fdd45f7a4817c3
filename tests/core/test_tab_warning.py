"""Tabs of a table pasted into the body: kept in the draft, set as spaces in every output, and
a warning that says where the columns they aligned are lost."""

from __future__ import annotations

import json
from datetime import date

from desktop.core.checks import check
from desktop.core.draft import dumps_draft, parse_draft
from desktop.core.model import Paragraph, Release, Run
from desktop.render.content import prepare
from desktop.render.text import render_text

TABLE = "Région\tMontant\nBretagne\t12 M€\nNormandie\t8 M€"


def release(*body: str) -> Release:
    return Release(
        headline="Titre",
        date=date(2026, 11, 3),
        body=tuple(Paragraph((Run(text),)) for text in body),
    )


def test_a_tab_survives_the_draft_and_is_a_space_in_the_outputs() -> None:
    draft = parse_draft(dumps_draft(release("Intro.", TABLE)))
    assert draft.body[1].text == TABLE
    assert "\\t" in json.dumps(json.loads(dumps_draft(draft))["body"])
    prepared = prepare(draft)
    shown = "".join(run.text for run in prepared.body[1].items[0])
    assert "\t" not in shown and shown.startswith("Région Montant\nBretagne 12")
    assert "\t" not in render_text(prepared)


def test_the_check_says_where_the_alignment_is_lost() -> None:
    findings = [f for f in check(release("Intro.", TABLE)) if "tabulations" in f.message]
    assert [f.field for f in findings] == ["body[1]"]
    message = findings[0].message
    assert "aux lignes 1, 2 et 3" in message
    assert "«\u00a0Région → Montant\u00a0»" in message
    assert "liste à puces" in message
    assert not findings[0].is_error
    one = [f for f in check(release("Total\t20 M€")) if "tabulations" in f.message]
    assert "dans ce paragraphe" in one[0].message
    assert not [f for f in check(release(TABLE)) if "absents de la police" in f.message]


def test_no_tab_no_warning() -> None:
    assert not [f for f in check(release("Région Montant")) if "tabulations" in f.message]
