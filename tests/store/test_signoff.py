"""Sign-off in the register (on SQLite and on PostgreSQL): submit, approve, the PROJET mark in the
PDF until approval (an artifact, with the state in the metadata), back to brouillon on any
change, versions with their author, and the register policy that turns it off."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import load_draft, save_draft
from desktop.store.register import Register
from desktop.store.signoff import status, versions

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL


def make_draft(folder: Path) -> Path:
    path = folder / "annonce.communique"
    save_draft(
        Release(
            headline="Une annonce",
            date=date(2026, 11, 3),
            body=(plain_paragraph("Le ministre annonce un plan de relance."),),
        ),
        path,
    )
    return path


def export_pdf(draft: Path, folder: Path, name: str) -> tuple[str, str]:
    """The PDF's text (pypdf reads artifacts too) and its keywords."""
    out = folder / name
    assert main(["export", str(draft), "--pdf", str(out)]) == 0
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    return text, str((reader.metadata or {}).get("/Keywords", ""))


def spoken_text(pdf: Path) -> str:
    """What a text extractor that honours the tags (pdftotext skips artifacts) reads."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_submit_approve_export_then_a_change_brings_the_mark_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    Register.open().close()  # the office has a register: sign-off applies
    text, keywords = export_pdf(draft, tmp_path, "avant.pdf")
    assert "PROJET" in text and "état : brouillon" in keywords
    assert "PROJET" not in spoken_text(tmp_path / "avant.pdf")  # an artifact, not read aloud

    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(draft)]) == 0
    assert main(["approve", str(draft)]) == 2  # not by who submitted it
    assert "revient à une autre personne" in capsys.readouterr().err
    monkeypatch.setenv("COMMUNIQUE_USER", "Le cabinet")
    assert main(["submit", str(draft)]) == 2
    assert "déjà « soumis »" in capsys.readouterr().err
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert main(["approve", str(draft), "--note", "OK"]) == 0
    assert main(["status", str(draft)]) == 0
    assert "État : validé (validation par Directeur de cabinet" in capsys.readouterr().out
    text, keywords = export_pdf(draft, tmp_path, "valide.pdf")
    assert "PROJET" not in text and "état : validé" in keywords
    with Register.open() as reg:
        assert status(reg, load_draft(draft)).state == "diffusé"  # the final export

    release = load_draft(draft)
    save_draft(replace(release, headline="Une annonce modifiée"), draft)
    assert main(["status", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "État : brouillon" in out and "modifié depuis" in out
    text, keywords = export_pdf(draft, tmp_path, "modifie.pdf")
    assert "PROJET" in text and "état : brouillon" in keywords
    capsys.readouterr()

    assert main(["versions", str(draft)]) == 0
    listed = capsys.readouterr().out.splitlines()
    lines = [line for line in listed if not line.startswith("→")]
    assert [line.split()[0] for line in lines] == ["1", "2", "3"]
    # what left since the release has its identity (the first PDF came before its submission)
    left = [line for line in listed if line.startswith("→")]
    assert len(left) == 2 and all("export" in line and "PDF" in line for line in left)
    assert ", validé —" in left[0] and ", brouillon —" in left[1]
    assert "Directeur de cabinet" in left[0]
    assert listed.index(lines[1]) < listed.index(left[0]) < listed.index(left[1])
    assert "soumission" in lines[0] and "Léa Martin" in lines[0]
    assert "validation" in lines[1] and "Directeur de cabinet" in lines[1] and "OK" in lines[1]
    assert "diffusion" in lines[2]
    with Register.open() as reg:
        found = versions(reg, load_draft(draft))
    assert found[1].release().headline == "Une annonce"  # the approved text is kept


def test_the_pdf_with_the_mark_still_passes_the_pdfua_check(tmp_path: Path) -> None:
    tool = Path(sys.executable).with_name("pdfua")
    if not tool.exists():
        pytest.skip("pdfua is not installed")
    draft = make_draft(tmp_path)
    Register.open().close()
    export_pdf(draft, tmp_path, "projet.pdf")
    result = subprocess.run(
        [str(tool), "check", str(tmp_path / "projet.pdf")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_approval_needs_a_submission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = make_draft(tmp_path)
    assert main(["approve", str(draft)]) == 2
    assert "soumettez-le d’abord" in capsys.readouterr().err
    assert main(["status", str(draft)]) == 0
    assert "État : brouillon." in capsys.readouterr().out


def test_an_office_without_sign_off_gets_no_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    assert main(["register", "policy", "--validation", "non"]) == 0
    assert "Validation avant diffusion : non" in capsys.readouterr().out
    text, keywords = export_pdf(draft, tmp_path, "sans.pdf")
    assert "PROJET" not in text and "état" not in keywords


def test_diff_shows_the_changed_words_with_their_author(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(draft)]) == 0
    release = load_draft(draft)
    save_draft(
        replace(release, body=(plain_paragraph("Le ministre annonce un grand plan de soutien."),)),
        draft,
    )
    capsys.readouterr()
    assert main(["diff", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "De la version 1 (soumission par Léa Martin" in out
    assert "[-relance.-]" in out and "{+grand +}" in out and "{+soutien.+}" in out
    assert main(["submit", str(draft)]) == 0
    capsys.readouterr()
    assert main(["diff", str(draft), "--from", "1", "--to", "2"]) == 0
    assert "{+grand +}" in capsys.readouterr().out
    assert main(["diff", str(draft)]) == 0
    assert "Aucune différence." in capsys.readouterr().out
    assert main(["diff", str(draft), "--from", "7"]) == 2
    assert "La version 7 n’existe pas" in capsys.readouterr().err


def test_word_diff_keeps_every_word_in_order() -> None:
    from desktop.core.release_diff import ADDED, DELETED, KEPT, release_lines, word_diff

    a = Release(headline="Le plan de relance")
    b = Release(headline="Le grand plan de soutien")
    pieces = word_diff(a, b)
    assert "".join(p.text for p in pieces if p.kind != ADDED) == "\n".join(release_lines(a))
    assert "".join(p.text for p in pieces if p.kind != DELETED) == "\n".join(release_lines(b))
    assert [p.text for p in pieces if p.kind == DELETED] == ["relance"]
    assert any(p.kind == KEPT for p in pieces)


def test_the_docx_carries_words_watermark_until_approval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    draft = make_draft(tmp_path)
    Register.open().close()

    def export_docx(name: str) -> tuple[str, str]:
        out = tmp_path / name
        assert main(["export", str(draft), "--docx", str(out)]) == 0
        document = docx.Document(str(out))
        headers = "".join(s.header._element.xml for s in document.sections)
        return headers, document.core_properties.content_status

    headers, state = export_docx("projet.docx")
    assert 'string="PROJET"' in headers and "rotation:315" in headers and state == "brouillon"
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(draft)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")
    assert main(["approve", str(draft)]) == 0
    headers, state = export_docx("valide.docx")
    assert "PROJET" not in headers and state == "validé"


def test_text_html_and_odt_say_projet_until_approval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from odf.opendocument import load as load_odt
    from odf.text import P

    draft = make_draft(tmp_path)
    Register.open().close()

    def outputs(stem: str) -> tuple[str, str, str]:
        paths = {k: tmp_path / f"{stem}.{k}" for k in ("txt", "html", "odt")}
        assert (
            main(
                [
                    "export",
                    str(draft),
                    "--txt",
                    str(paths["txt"]),
                    "--html",
                    str(paths["html"]),
                    "--odt",
                    str(paths["odt"]),
                ]
            )
            == 0
        )
        document = load_odt(str(paths["odt"]))
        odt = " ".join(
            str(p)
            for p in (
                *document.getElementsByType(P),
                *document.masterstyles.getElementsByType(P),  # the page header
            )
        )
        return (
            paths["txt"].read_text(encoding="utf-8"),
            paths["html"].read_text(encoding="utf-8"),
            odt,
        )

    text, page, odt = outputs("projet")
    notice = "PROJET – communiqué non validé (brouillon)"
    # Under the bloc-marque in the text; the page header of every page in the ODT.
    assert text.split("\n\n")[1].startswith(notice) and notice in page and notice in odt
    assert '<meta name="status" content="brouillon"' in page
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(draft)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")
    assert main(["approve", str(draft)]) == 0
    text, page, odt = outputs("valide")
    assert "PROJET" not in text and "PROJET" not in page and "PROJET" not in odt
