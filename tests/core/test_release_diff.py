"""The word difference between two versions: it says exactly what changed (kept and deleted
pieces give the old text, kept and added the new), and runs in near-linear time on a 2 MB
draft, however hostile (lines repeated all over, one enormous paragraph)."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.release_diff import ADDED, DELETED, KEPT, Piece, text_diff

SIZE = 2_000_000
SECONDS = 5.0


def sides(pieces: list[Piece]) -> tuple[str, str]:
    old = "".join(p.text for p in pieces if p.kind in (KEPT, DELETED))
    new = "".join(p.text for p in pieces if p.kind in (KEPT, ADDED))
    return old, new


lines = st.lists(
    st.sampled_from(["Le ministre", "a annoncé", "", "la réforme", "la réforme des retraites"])
    | st.text(max_size=30),
    max_size=30,
)


@given(lines, lines)
@settings(max_examples=300, deadline=None)
def test_the_pieces_give_back_both_versions(old: list[str], new: list[str]) -> None:
    before, after = "\n".join(old), "\n".join(new)
    assert sides(text_diff(before, after)) == (before, after)


def test_a_word_changed_is_one_word_deleted_and_one_added() -> None:
    pieces = text_diff("Le ministre a annoncé\nla réforme", "Le ministre a présenté\nla réforme")
    assert [p for p in pieces if p.kind != KEPT] == [
        Piece(DELETED, "annoncé"),
        Piece(ADDED, "présenté"),
    ]


def _timed(old: str, new: str) -> float:
    start = time.perf_counter()
    assert sides(text_diff(old, new)) == (old, new)
    return time.perf_counter() - start


def test_two_mb_of_lines_repeated_all_over_in_seconds() -> None:
    rng = random.Random(1)
    choices = [f"ligne {i}" for i in range(101)]  # each about 1 % of the lines: no line unique
    count = SIZE // 9
    old = "\n".join(rng.choice(choices) for _ in range(count))
    new = "\n".join(rng.choice(choices) for _ in range(count))
    assert _timed(old, new) < SECONDS  # 507 s with difflib on the lines


def test_two_mb_of_paragraphs_with_edits_in_seconds() -> None:
    rng = random.Random(2)
    words = [f"mot{i}" for i in range(3000)]
    paragraphs = [" ".join(rng.choices(words, k=80)) for _ in range(SIZE // 500)]
    edited = list(paragraphs)
    for k in rng.sample(range(len(edited)), 300):
        edited[k] = edited[k].replace("mot1", "MOT", 1) + " ajout"
    del edited[10:30]
    assert _timed("\n".join(paragraphs), "\n".join(edited)) < SECONDS


def test_one_enormous_paragraph_rewritten_in_seconds() -> None:
    rng = random.Random(3)
    words = [f"m{i}" for i in range(50)]
    old = " ".join(rng.choices(words, k=SIZE // 4))
    new = " ".join(rng.choices(words, k=SIZE // 4))
    assert _timed(old, new) < SECONDS
