"""CSV files without silent damage: an unclosed quote or a bad UTF-8 byte is refused with its
line, and no cell a spreadsheet could run as a formula leaves unprotected (issue 10, item 9)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.contact_files import ContactFileError, contacts_csv, parse_csv
from desktop.store.directory import PressContact

HEADER = "nom;organisation;téléphone;e-mail\n"


def test_an_unclosed_quote_is_refused_with_its_line() -> None:
    text = (
        HEADER + "Élodie;Cabinet;01 44 49 89 40;e@example.fr\n"
        '"Martin;Cabinet;01 44 49 89 41;m@example.fr\n'
        "Paul;Cabinet;01 44 49 89 42;p@example.fr\n"
        "Zoé;Cabinet;01 44 49 89 43;z@example.fr\n"
    )
    with pytest.raises(ContactFileError, match="ligne 3 : guillemet"):
        parse_csv(text.encode("utf-8"))


def test_a_quoted_field_on_one_line_is_still_read() -> None:
    text = HEADER + '"Martin; fils";"Cabinet";01 44 49 89 41;m@example.fr\n'
    reading = parse_csv(text.encode("utf-8"))
    assert [c.name for c in reading.contacts] == ["Martin; fils"]


def test_one_bad_byte_in_a_utf8_file_is_refused_with_its_line() -> None:
    raw = (HEADER + "Élodie;Cabinet;01 44 49 89 40;e@example.fr\n").encode("utf-8")
    raw += b"Jos\xe9;Cabinet;01 44 49 89 41;j@example.fr\n"
    with pytest.raises(ContactFileError, match="ligne 3 : octet 0xE9"):
        parse_csv(raw)


def test_a_real_windows_1252_file_is_still_read() -> None:
    raw = (HEADER + "Élodie;Cabinet;01 44 49 89 40;e@example.fr\n").encode("cp1252")
    reading = parse_csv(raw)
    assert [(c.name, c.phone) for c in reading.contacts] == [("Élodie", "01 44 49 89 40")]


def test_every_cell_starting_like_a_formula_is_protected_phones_included() -> None:
    contact = PressContact(
        name="=HYPERLINK(1)", organisation="@SUM", phone="+33 1 44 49 89 40", email="-x@example.fr"
    )
    rows = list(csv.reader(io.StringIO(contacts_csv([contact])), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(1)", "'@SUM", "'+33 1 44 49 89 40", "'-x@example.fr"]
    back = parse_csv(contacts_csv([PressContact(name="A", phone="+33 1 44 49 89 40")]))
    assert [c.phone for c in back.contacts] == ["+33 1 44 49 89 40"]


def test_register_csv_protects_headlines_and_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.core.model import Release
    from desktop.services.drafts import save_draft

    draft = tmp_path / "a.communique"
    save_draft(Release(headline="=1+1 en titre"), draft)
    assert main(["issue", "--start", "1", str(draft)]) == 0
    assert main(["register", "cancel", "1", "--reason", "+cmd|' /C calc'!A0"]) == 0
    capsys.readouterr()
    assert main(["register", "list", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+1 en titre" in cells and "'+cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_a_field_too_long_is_said_in_french() -> None:
    """The csv module's English reason (« field larger than field limit (131072) ») reached the
    message."""
    reading = parse_csv("nom;e-mail\n" + "x" * 200_000 + ";a@b.fr\n")
    said = " ".join(reading.problems)
    assert "field" not in said and "champ trop long, plus de 131\u202f072 caractères" in said
    with pytest.raises(ContactFileError) as refused:
        parse_csv("[" * 200_000)
    assert "field" not in str(refused.value) and "trop long" in str(refused.value)
