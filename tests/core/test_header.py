from __future__ import annotations

from desktop.core.header import expected_header, is_joint, ministry_lines, ministry_presets


def test_the_institution_word_stays_alone_on_line_one() -> None:
    assert ministry_lines("Ministère de l'Économie, des Finances et de la Relance") == (
        "MINISTÈRE", "DE L'ÉCONOMIE,", "DES FINANCES", "ET DE LA RELANCE")
    assert ministry_lines("Ministère de la Culture") == ("MINISTÈRE", "DE LA CULTURE")


def test_long_names_are_broken_before_linking_words() -> None:
    lines = ministry_lines("Ministère de la Cohésion des territoires et des Relations avec "
                           "les collectivités territoriales")
    assert lines[0] == "MINISTÈRE"
    assert "DES TERRITOIRES" in lines
    assert all(len(line) <= 25 for line in lines)
    assert not any(line in {"ET", "DE", "DES"} for line in lines)


def test_every_preset_gives_lines() -> None:
    for name in ministry_presets():
        lines = ministry_lines(name)
        assert lines[0] == "MINISTÈRE" and len(lines) >= 2


def test_the_charter_rule() -> None:
    assert expected_header(("A", "B")) == ("GOUVERNEMENT",)
    assert expected_header(("Ministère de la Culture",)) == ("MINISTÈRE", "DE LA CULTURE")
    assert expected_header(()) is None
    assert is_joint(("A", "B")) and not is_joint(("A", " "))
