"""A text copied from a web page or a word processor has one line per paragraph and no blank
line between them: each line is then a paragraph, not one endless headline."""

from __future__ import annotations

from pathlib import Path

from desktop.services.drafts import load_draft
from desktop.usecases.importing import import_text, report_lines

ONE_LINE_PER_PARAGRAPH = """MINISTÈRE DE LA CULTURE
Communiqué de presse
Paris, le 21 juin 2022
Fête de la musique 2022 : plus de 18 000 concerts gratuits en France
Le 21 juin 2022, la Fête de la musique a réuni des millions de spectateurs dans plus de 18 000 concerts.
La ministre de la Culture a salué l’engagement des musiciens amateurs et professionnels.
"""  # a paragraph per line, as pasted


def test_a_paragraph_per_line_without_blank_lines_gives_the_headline_and_the_body(
    tmp_path: Path,
) -> None:
    done = import_text(ONE_LINE_PER_PARAGRAPH, tmp_path)
    assert done.draft is not None
    release = load_draft(done.draft)
    assert release.headline == (
        "Fête de la musique 2022 : plus de 18 000 concerts gratuits en France"
    )
    assert [p.text for p in release.body] == ONE_LINE_PER_PARAGRAPH.splitlines()[4:6]
    assert "  texte (corps) : 2 paragraphes" in report_lines(done)


def test_a_text_wrapped_at_72_columns_still_joins_its_lines(tmp_path: Path) -> None:
    wrapped = (
        "Paris, le 21 juin 2022\n\n"
        "Fête de la musique : des concerts partout\n\n"
        "La Fête de la musique a réuni des millions de spectateurs dans plus de\n"
        "18 000 concerts, dans toutes les communes de France.\n"
    )
    done = import_text(wrapped, tmp_path)
    assert done.draft is not None
    body = load_draft(done.draft).body
    assert [p.text for p in body] == [
        "La Fête de la musique a réuni des millions de spectateurs dans plus de "
        "18 000 concerts, dans toutes les communes de France."
    ]
