from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.text import clean_text

XML_FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def test_word_line_breaks_and_tabs_become_line_breaks_and_spaces() -> None:
    assert clean_text("a\x0bb\tc\r\nd\re\u2028f") == "a\nb c\nd\ne\nf"
    assert clean_text("a\x0bb", multiline=False) == "a b"


def test_other_control_characters_are_dropped() -> None:
    assert clean_text("a\x00b\x07c\x1bd\x7f") == "abcd"


@given(st.text())
def test_no_xml_forbidden_character_survives(value: str) -> None:
    cleaned = clean_text(value)
    assert not set(cleaned) & XML_FORBIDDEN
    assert all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in cleaned)
    assert "\r" not in cleaned


DROPPED_BY_DESIGN = "\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""A byte-order mark and the bidirectional controls (``clean_text``'s docstring says why)."""


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=DROPPED_BY_DESIGN
        )
    )
)
def test_ordinary_text_is_kept_as_typed(value: str) -> None:
    assert clean_text(value.replace("\ufffe", "").replace("\uffff", "")) == value.replace(
        "\ufffe", ""
    ).replace("\uffff", "")
