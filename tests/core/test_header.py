from __future__ import annotations

from desktop.core.header import (
    INSTITUTION_WORDS,
    expected_header,
    header_lines,
    is_joint,
    ministry_lines,
    ministry_presets,
    shipped_presets,
)


def test_the_institution_word_stays_alone_on_line_one() -> None:
    assert ministry_lines("Ministère de l'Économie, des Finances et de la Relance") == (
        "MINISTÈRE",
        "DE L'ÉCONOMIE,",
        "DES FINANCES",
        "ET DE LA RELANCE",
    )
    assert ministry_lines("Ministère de la Culture") == ("MINISTÈRE", "DE LA CULTURE")


def test_long_names_are_broken_before_linking_words() -> None:
    lines = ministry_lines(
        "Ministère de la Cohésion des territoires et des Relations avec "
        "les collectivités territoriales"
    )
    assert lines[0] == "MINISTÈRE"
    assert "DES TERRITOIRES" in lines
    assert all(len(line) <= 25 for line in lines)
    assert not any(line in {"ET", "DE", "DES"} for line in lines)


def test_every_preset_gives_lines() -> None:
    for name in ministry_presets():
        lines = ministry_lines(name)
        assert lines[0] in INSTITUTION_WORDS and len(lines) >= 1


def test_the_shipped_lines_spell_the_name() -> None:
    """Each ministry's bloc-marque lines are its name, whole, in capitals, with the institution
    word alone on the first line (the width of each line: test_header_width.py)."""
    for preset in shipped_presets():
        spelled = " ".join(preset.lines).replace("- ", "-")  # a compound broken at its hyphen
        assert spelled == " ".join(preset.name.upper().split()), preset.name
        assert preset.lines[0] in INSTITUTION_WORDS
        assert len(preset.lines) == 1 or preset.lines[0] == "MINISTÈRE"
        assert all(len(line) <= 25 for line in preset.lines), preset.lines
        assert not any(line in {"ET", "DE", "DES", "DU"} for line in preset.lines)


def test_the_shipped_list_is_current() -> None:
    names = ministry_presets()
    assert len(names) == len(set(names)) >= 20
    assert not [n for n in names if "Relance" in n or "Relations avec les collectivités" in n]
    for current in (
        "Ministère de l'Intérieur",
        "Ministère des Armées et des Anciens combattants",
        "Ministère de l'Aménagement du territoire et de la Décentralisation",
    ):
        assert current in names
    assert any(n.startswith("Ministère de la Transition écologique") for n in names)


def test_a_single_shipped_ministry_signs_with_its_bloc_marque() -> None:
    name = (
        "Ministère de l'Économie, des Finances et de la Souveraineté industrielle, "
        "énergétique et numérique"
    )
    assert expected_header((name,)) == (
        "MINISTÈRE",
        "DE L'ÉCONOMIE,",
        "DES FINANCES",
        "ET DE LA",
        "SOUVERAINETÉ",
        "INDUSTRIELLE,",
        "ÉNERGÉTIQUE",
        "ET NUMÉRIQUE",
    )
    assert header_lines(name.replace("'", "’")) == expected_header((name,))


def test_the_charter_rule() -> None:
    assert expected_header(("A", "B")) == ("GOUVERNEMENT",)
    assert expected_header(("Ministère de la Culture",)) == ("MINISTÈRE", "DE LA CULTURE")
    assert expected_header(()) is None
    assert is_joint(("A", "B")) and not is_joint(("A", " "))


def test_the_shipped_lines_are_what_the_width_rule_gives() -> None:
    """``ministry_lines`` (used for a name typed under *Autre*) breaks a name as the shipped
    bloc-marques are broken: after commas, before « ET », no line wider than the block allows."""
    assert {p.name: ministry_lines(p.name) for p in shipped_presets()} == {
        p.name: p.lines for p in shipped_presets()
    }
    assert ministry_lines("Ministère de l'Aménagement du territoire et de la Décentralisation") == (
        "MINISTÈRE",
        "DE L'AMÉNAGEMENT",
        "DU TERRITOIRE",
        "ET DE LA",
        "DÉCENTRALISATION",
    )
