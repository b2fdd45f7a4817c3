"""Every refusal the gate can give has its own words in the window and on the command line:
a send refused for errors never says « Export refusé », a CSV never lands on a PDF's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.usecases import gate


def test_the_window_has_a_title_and_text_for_every_refusal_of_the_gate() -> None:
    from desktop.gui.dialogs import _REFUSALS

    purposes = [value for value in vars(gate).values() if isinstance(value, gate.Purpose)]
    assert {p.refused for p in purposes} <= set(_REFUSALS)
    for refused, (title, text) in _REFUSALS.items():
        assert title.lower() == refused
        assert "\u00a0:" in text


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["contacts", "export"], "contacts.pdf"),
        (["dictionary", "export"], "mots.pdf"),
        (["lists", "export", "presse"], "liste.pdf"),
        (["register", "export"], "envoi.ini"),
    ],
)
def test_an_export_that_is_not_a_release_keeps_to_its_own_kind_of_file(
    command: list[str], name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if command[0] == "lists":
        assert main(["lists", "create", "presse"]) == 0
    target = tmp_path / name
    target.write_bytes(b"a file of another kind")
    assert main([*command, str(target)]) == 2
    assert target.read_bytes() == b"a file of another kind"
    assert "doit se terminer par" in capsys.readouterr().err
