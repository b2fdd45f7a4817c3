"""Both formats hold the whole seed release, in the order a reader meets it."""

from __future__ import annotations

import pytest

from desktop.core.model import Release
from tests.render.conftest import docx_text, pdf_text, squash


def expected_sequence(seed: Release) -> list[str]:
    return [
        "Communiqué de presse",
        squash(seed.headline.replace("'", "’")),
        "Paris, le 3 novembre 2020",
        "N°350",
        *[squash(block.text.replace("'", "’"))[:60] for block in seed.body],
        "Contacts presse :",
        "Cabinet J. Gourault : 01 44 49 89 40 – communication.jg@cohesion-territoires.gouv.fr",
        "Cabinet A. Pannier-Runacher : 01 53 18 44 38 – presse@industrie.gouv.fr",
    ]


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"missing or out of order: {part!r}"
        position = found + len(part)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_part_of_the_seed_in_reading_order(
    fmt: str, seed: Release, seed_outputs: dict[str, bytes]
) -> None:
    text = pdf_text(seed_outputs["pdf"]) if fmt == "pdf" else docx_text(seed_outputs["docx"])
    assert_in_order(text, expected_sequence(seed))


def test_pdf_header_says_gouvernement_and_the_motto(seed_outputs: dict[str, bytes]) -> None:
    import io

    import pikepdf

    text = pdf_text(seed_outputs["pdf"])
    assert text.startswith("GOUVERNEMENT")
    pdf = pikepdf.open(io.BytesIO(seed_outputs["pdf"]))
    alts = [
        str(node.get("/Alt")) for node in _struct_nodes(pdf.Root.StructTreeRoot) if "/Alt" in node
    ]
    # One alternative text says the whole block; its name and motto are not read twice.
    assert alts == ["Marianne – GOUVERNEMENT – Liberté, Égalité, Fraternité"]


def _struct_nodes(node: object) -> list:  # type: ignore[type-arg]
    import pikepdf

    out = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Dictionary):
            out.append(current)
            kids = current.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(current, pikepdf.Array):
            stack.extend(current)
    return out
