"""File names made from a person's text are valid on Windows as on Linux and macOS."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.filenames import MAX_NAME_BYTES, is_portable_name, portable_name


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("CON", ".pdf", "CON_.pdf"),
        ("nul", "", "nul_"),
        ("com1", ".docx", "com1_.docx"),
        ("Lpt9", ".html", "Lpt9_.html"),
        ("console", ".pdf", "console.pdf"),
        ("con .txt", "", "con_ .txt"),
        ("CONIN$", ".pdf", "CONIN$_.pdf"),
        ("aux.tar", ".gz", "aux_.tar.gz"),
        ("Réunion : bilan ?", ".pdf", "Réunion bilan.pdf"),
        ('a<b>c"d/e\\f|g*h', "", "a b c d e f g h"),
        ("fin...", ".pdf", "fin.pdf"),
        ("   ", ".pdf", "communique.pdf"),
        ("\u200b\u2060", "", "communique"),
        ("Cafe\u0301", "", "Café"),  # composed, as Windows and macOS show it
        ("ligne\nsuivante\t", ".txt", "ligne suivante.txt"),
    ],
)
def test_names_windows_refuses_are_mended(text: str, suffix: str, expected: str) -> None:
    assert portable_name(text, suffix=suffix) == expected
    assert is_portable_name(expected)


@pytest.mark.parametrize(
    "name",
    ["CON", "aux.txt", "nul .pdf", "a:b", "fin.", "fin ", "", "..", "x" * 256, "a\x00b", "\u200bx"],
)
def test_names_that_are_not_portable(name: str) -> None:
    assert not is_portable_name(name)


def test_a_long_headline_is_cut_on_a_character_not_a_byte() -> None:
    name = portable_name("é" * 300, suffix=".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert set(name.removesuffix(".pdf")) == {"é"}


@given(st.text(max_size=400), st.sampled_from(["", ".pdf", ".docx", ".communique", ".html"]))
def test_any_text_gives_a_portable_name(text: str, suffix: str) -> None:
    name = portable_name(text, suffix=suffix)
    assert is_portable_name(name), repr(name)
    assert name.endswith(suffix)
    assert unicodedata.is_normalized("NFC", name)
    assert portable_name(name.removesuffix(suffix), suffix=suffix) == name  # stable
