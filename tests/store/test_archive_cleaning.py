"""Issue 25's follow-up: the archive can be cleaned. The same document imported twice is kept
once (« déjà dans les archives »), an empty one is refused, and ``communique archive remove``
takes out what was imported; what the office issued stays (its history is never rewritten).
On the SQLite file and a real PostgreSQL server, connected as a desk's role (``backend``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Numbering, Paragraph, Release, Run, new_identity
from desktop.resources import resource
from desktop.services.import_readers import ImportRefused
from desktop.store.archive import Archive, Entry
from desktop.usecases.archive import ArchiveError, remove_from_archive
from desktop.usecases.importing import import_files, import_text, report_lines
from tests.importing.corpus import content, text_of

REGISTER_ID = "6f1c2a3e-1111-4222-8333-944455556666"


def _issued(headline: str, *, numbered: bool = False, source: str = "") -> Entry:
    release = Release(
        headline=headline,
        date=date(2024, 3, 4),
        number=12 if numbered else None,
        numbering=Numbering(REGISTER_ID, new_identity(), "CP", 2024, "N°12") if numbered else None,
        body=(Paragraph((Run("Un texte diffusé par le bureau."),)),),
        identity=new_identity(),
    )
    return Entry(release, source, "N°12" if numbered else "")


def test_the_same_file_imported_twice_is_kept_once(backend: str, tmp_path: Path) -> None:
    source = tmp_path / "ancien.txt"
    source.write_text(text_of(content(2), 0), encoding="utf-8")
    copy = tmp_path / "copie.txt"  # the same text under another name
    copy.write_bytes(source.read_bytes())
    out = tmp_path / "brouillons"
    out.mkdir()
    with Archive.open() as archive:
        first, again, other = import_files([source, source, copy], out, archive=archive)
        assert first.draft is not None and not first.already
        for twice in (again, other):
            assert twice.draft is None and twice.already == content(2).headline
            (line,) = report_lines(twice)
            assert "déjà dans les archives" in line and "aucun brouillon écrit" in line
        assert archive.count() == 1
    assert sorted(p.name for p in out.iterdir()) == ["ancien.communique"]


def test_the_same_text_pasted_twice_is_kept_once(backend: str, tmp_path: Path) -> None:
    text = text_of(content(4), 1)
    with Archive.open() as archive:
        assert import_text(text, tmp_path, archive=archive).draft is not None
        again = import_text(text, tmp_path, archive=archive)
        assert again.draft is None and again.already
        assert archive.count() == 1


@pytest.mark.parametrize("pasted", ["", "   \n\n", "\u00a0\t\u200b\n", "\x00\x07", "– — …\n* * *"])
def test_an_empty_paste_is_refused_and_adds_no_row(
    backend: str, tmp_path: Path, pasted: str
) -> None:
    with Archive.open() as archive:
        with pytest.raises(ImportRefused, match="ne contient aucun texte"):
            import_text(pasted, tmp_path, archive=archive)
        assert archive.count() == 0
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_reported_not_imported(backend: str, tmp_path: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    with Archive.open() as archive:
        (done,) = import_files([empty], tmp_path, archive=archive)
        assert done.draft is None and "ne contient aucun texte" in done.refused
        assert done.exit_code == 2
        assert archive.count() == 0


def test_an_imported_release_is_removed_by_its_id(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ancien.txt"
    source.write_text(text_of(content(5), 0), encoding="utf-8")
    assert main(["import", str(source), "--archive"]) == 0
    capsys.readouterr()
    assert main(["archive", "search", ""]) == 0
    out = capsys.readouterr().out
    key = next(line.split("id\u00a0: ")[1] for line in out.splitlines() if "id\u00a0: " in line)
    assert key.startswith("import:")
    assert main(["archive", "remove", key]) == 0
    assert (
        f"Retiré des archives\u00a0: «\u00a0{content(5).headline}\u00a0»" in capsys.readouterr().out
    )
    with Archive.open() as archive:
        assert archive.count() == 0
    assert (tmp_path / "ancien.communique").is_file()  # the draft itself stays
    # removed, it may be imported again
    assert main(["import", str(source), "--archive", "--output", str(tmp_path)]) == 0
    with Archive.open() as archive:
        assert archive.count() == 1


def test_what_the_office_issued_stays_and_nothing_is_removed(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _issued("Exporté par le bureau")  # kept by the gate: no file of its own
    numbered = _issued(
        "Numéroté au registre", numbered=True, source=str(tmp_path / "cp.communique")
    )
    with Archive.open() as archive:
        archive.add([exported, numbered])
        imported = import_text(text_of(content(6), 0), tmp_path, archive=archive)
        assert imported.draft is not None
        (mine,) = [h for h in archive.search("") if h.key.startswith("import:")]
        for kept, why in ((exported, "sorti du bureau"), (numbered, "historique du registre")):
            with pytest.raises(ArchiveError, match=why) as refused:
                remove_from_archive(archive, [mine.key, kept.key])
            assert "Rien n’a été retiré." in str(refused.value)
            assert archive.count() == 3  # all or none: the imported one is still there
        with pytest.raises(ArchiveError, match="aucun communiqué des archives n’a l’identifiant"):
            remove_from_archive(archive, ["import:0000"])
    assert main(["archive", "remove", exported.key]) == 2
    err = capsys.readouterr().err
    assert err.startswith("erreur : ") and "Traceback" not in err
    with Archive.open() as archive:
        assert [h.key for h in remove_from_archive(archive, [mine.key])] == [mine.key]
        assert archive.count() == 2


def test_a_release_that_left_stays_when_its_draft_is_added_again(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invitation (unnumbered) exported through the gate, whose draft is then added to the
    archive by hand: the row now names a file, yet the release left the office, so it stays."""
    draft = tmp_path / "invitation.communique"
    draft.write_bytes(resource("examples/invitation.communique").read_bytes())
    with Archive.open() as archive:  # the office's register, which keeps what leaves
        assert archive.count() == 0
    assert main(["export", "--html", str(tmp_path / "invitation.html"), str(draft)]) == 0
    with Archive.open() as archive:
        (kept,) = archive.search("")
    assert main(["archive", "add", str(draft)]) == 0
    capsys.readouterr()
    assert main(["archive", "remove", kept.key]) == 2
    assert "sorti du bureau" in capsys.readouterr().err
    with Archive.open() as archive:
        assert archive.count() == 1
