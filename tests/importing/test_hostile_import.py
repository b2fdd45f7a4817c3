"""Importing as an adversary would: files that are not files, bombs, damaged documents, names
taken, links, invisible characters, any text at all; never a traceback, never a file written
over, never a source changed."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.draft import dumps_draft, parse_draft
from desktop.core.recognise import recognise
from desktop.services.drafts import load_draft
from desktop.services.import_readers import ImportRefused, read_document, text_document
from desktop.usecases.importing import import_files, import_text
from tests.importing.corpus import content, make_docx, text_of


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_fifo_a_folder_and_a_missing_file_are_refused_in_french(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.docx"
    os.mkfifo(fifo)
    with pytest.raises(ImportRefused, match="fichier ordinaire"):
        read_document(fifo)  # returns at once: a FIFO is never read
    done = import_files([fifo, tmp_path / "absent.odt"], tmp_path)
    assert [d.exit_code for d in done] == [2, 1]
    assert "introuvable" in done[1].refused
    assert list(tmp_path.glob("*.communique")) == []


def test_a_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):
            z.writestr(f"word/p{i}.xml", b"\0" * 50_000_000)
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(ImportRefused, match="démesuré"):
        read_document(bomb)


@pytest.mark.parametrize(
    "name, data",
    [
        ("vide.docx", b""),
        ("faux.docx", b"PK\x03\x04 pas un zip"),
        ("faux.odt", b"\x00" * 100),
        ("faux.pdf", b"%PDF-1.7\n rien"),
        ("zip.odt", b""),
    ],
)
def test_a_damaged_document_is_refused_in_french(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    if name == "zip.odt":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        data = buffer.getvalue()
    path.write_bytes(data)
    [done] = import_files([path], tmp_path)
    assert done.refused and done.draft is None
    assert "Traceback" not in done.refused and "«" in done.refused


def test_a_scanned_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    """No text to read (a scan): no empty draft, and the report says why (no OCR)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(tmp_path / "scan.pdf")
    [done] = import_files([tmp_path / "scan.pdf"], tmp_path)
    assert done.draft is None and done.exit_code == 2
    assert "ne contient aucun texte" in done.refused and "numérisé" in done.refused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.pdf"]


def test_a_text_with_few_words_still_gives_a_draft_that_says_what_is_missing(
    tmp_path: Path,
) -> None:
    done = import_text("Bonjour", tmp_path)
    assert done.recognised is not None and done.draft is not None
    said = [f.field for f in done.recognised.findings]
    assert {"date", "contacts"} <= set(said)


def test_no_draft_is_ever_written_over_and_links_are_not_followed(tmp_path: Path) -> None:
    source = tmp_path / "ancien.txt"
    source.write_text(text_of(content(1), 0), encoding="utf-8")
    before = _sha(source)
    existing = tmp_path / "ancien.communique"
    existing.write_text("ne pas toucher", encoding="utf-8")
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("cible", encoding="utf-8")
    (tmp_path / "ancien-2.communique").symlink_to(elsewhere)
    [done] = import_files([source], tmp_path)
    assert done.draft == tmp_path / "ancien-3.communique"
    assert existing.read_text(encoding="utf-8") == "ne pas toucher"
    assert elsewhere.read_text(encoding="utf-8") == "cible"
    assert _sha(source) == before
    assert load_draft(done.draft).headline == content(1).headline


def test_an_output_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    from desktop.core.errors import CommuniqueError

    source = tmp_path / "a.txt"
    source.write_text("Titre\n\nTexte.", encoding="utf-8")
    with pytest.raises(CommuniqueError, match="n’est pas un dossier"):
        import_files([source], source)


def test_invisible_and_control_characters_do_not_reach_the_draft(tmp_path: Path) -> None:
    text = (
        "MINISTÈRE DE LA CULTURE\u200b\nCommuniqué de presse\nParis, le 3\u00a0novembre 2020\n\n"
        "Titre \u202eenrevni\u202c avec \x1b[31mcouleur\x07\n\nUn paragraphe\x00.\n\n"
        "Contacts presse :\nJean\u200d Dupont 01 44 49 89 40 jean.dupont@culture.gouv.fr\n"
    )
    done = import_text(text, tmp_path)
    assert done.draft is not None
    release = load_draft(done.draft)
    assert "\u202e" not in release.headline and "\x1b" not in release.headline
    assert release.date is not None and release.date.day == 3
    assert release.contacts[0].email == "jean.dupont@culture.gouv.fr"


def test_a_text_too_long_for_a_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roman.txt"
    path.write_text(
        ("Un paragraphe assez long pour peser. " * 40 + "\n\n") * 2_000, encoding="utf-8"
    )
    [done] = import_files([path], tmp_path)
    assert "trop long" in done.refused and done.draft is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_pasted_text_gives_a_draft_that_reads_back(text: str) -> None:
    found = recognise(text_document(text, "collé.txt", kind="texte collé"))
    parse_draft(dumps_draft(found.release))  # what is written always reads back


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Paris, le 1er janvier 2020",
                "N°12",
                "CP n° 2020-7",
                "Contacts presse :",
                "MINISTÈRE DE LA CULTURE",
                "Sous embargo jusqu’au 3 mars 2021 à 10 h",
                "01 44 49 89 40",
                "a@b.fr",
                "• un point",
                "",
                "Un paragraphe.",
                "COMMUNIQUÉ DE PRESSE",
            ]
        ),
        max_size=25,
    )
)
def test_any_arrangement_of_parts_reads_back(parts: list[str]) -> None:
    found = recognise(text_document("\n".join(parts), "x.txt", kind="texte"))
    parse_draft(dumps_draft(found.release))


def test_the_command_line_reports_each_file_and_exits_with_the_worst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "bon.docx"
    make_docx(content(2), good, "paragraphs", "lines")
    before = _sha(good)
    bad = tmp_path / "mauvais.pdf"
    bad.write_bytes(b"pas un pdf")
    out = tmp_path / "sortie"
    out.mkdir()
    assert main(["import", str(good), str(bad), "--output", str(out), "--archive"]) == 2
    said = capsys.readouterr()
    assert "bon.docx → " in said.out and "titre (corps)" in said.out
    assert "mauvais.pdf : non importé — " in said.err and "Traceback" not in said.err
    assert _sha(good) == before
    assert main(["archive", "search", "accompagnement"]) == 0
    assert content(2).headline.split(" ")[0] in capsys.readouterr().out
    assert main(["import", str(tmp_path / "pas-là.docx")]) == 1
    assert main(["import", "--output", str(good), str(good)]) == 2
    assert "n’est pas un dossier" in capsys.readouterr().err


def test_a_large_folder_is_imported_in_time_linear_in_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each draft's output was checked against every file of the folder, a new list of them
    each time: 5,000 files meant 25 million look-ups (about 40 minutes here). The files being
    read are now known once per import."""
    from desktop.services import files

    built: list[int] = []
    real_init = files.KeptFiles.__init__

    def counting_init(self: files.KeptFiles, inputs: object = ()) -> None:
        inputs = list(inputs)  # type: ignore[call-overload]
        built.append(len(inputs))
        real_init(self, inputs)

    monkeypatch.setattr(files.KeptFiles, "__init__", counting_init)
    folder = tmp_path / "anciens"
    folder.mkdir()
    for i in range(120):
        (folder / f"cp{i:03}.txt").write_text(
            f"Paris, le 3 novembre 2020\nCommuniqué numéro {i}\nTexte.\n", encoding="utf-8"
        )
    done = import_files([folder])
    assert sum(1 for d in done if d.draft is not None) == 120
    # the files of the folder are gathered once, not once per draft written
    assert sum(built) <= 2 * 120, f"{len(built)} lists of kept files, {sum(built)} paths in all"


@pytest.mark.parametrize(
    "name", ["CON.txt", "nul .txt", "bilan: 2020.txt", "aux.docx.txt", "x\u200b.txt"]
)
def test_a_draft_gets_a_name_windows_accepts_whatever_its_source_is_called(
    tmp_path: Path, name: str
) -> None:
    """Files made on Linux (or on a share) carry names Windows refuses: their drafts, written
    on the office's Windows share, must open there."""
    from desktop.core.filenames import is_portable_name

    source = tmp_path / name
    source.write_text("Paris, le 3 novembre 2020\nUn titre\nLe texte.\n", encoding="utf-8")
    (done,) = import_files([source])
    assert done.draft is not None, done.refused
    assert is_portable_name(done.draft.name), done.draft.name
    assert done.draft.suffix == ".communique" and done.draft.parent == tmp_path


def test_a_long_name_imported_twice_gets_two_drafts(tmp_path: Path) -> None:
    source = tmp_path / ("é" * 120 + ".txt")
    source.write_text("Paris, le 3 novembre 2020\nUn titre\nLe texte.\n", encoding="utf-8")
    first, second = (import_files([source])[0].draft for _ in range(2))
    assert first is not None and second is not None and first != second
    assert second.name.endswith("-2.communique")


def test_a_pdf_locked_by_a_password_says_so(tmp_path: Path) -> None:
    import pikepdf

    locked = tmp_path / "verrouille.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    (done,) = import_files([locked])
    assert done.draft is None and done.exit_code == 2
    assert "mot de passe" in done.refused and "Error" not in done.refused
