"""The gate (issue 19, item 2): in its order, a draft with errors is refused, the sign-off state
applies (the PROJET mark, or a refused publication), every path is guarded, the files are
written atomically, and what left is recorded in the register's history."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services import paths
from desktop.services.drafts import load_draft, save_draft
from desktop.services.files import OutputRefused
from desktop.store.register import Register
from desktop.store.register_errors import RegisterUnavailable
from desktop.usecases import gate
from desktop.usecases.export import export_release


def make_draft(folder: Path, name: str = "annonce") -> Path:
    path = folder / f"{name}.communique"
    save_draft(
        Release(
            headline="Une annonce",
            date=date(2026, 11, 3),
            body=(plain_paragraph("Le ministre annonce un plan de relance."),),
        ),
        path,
    )
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# ---------------------------------------------------------------- a: errors


def test_a_draft_with_errors_is_refused_before_anything_is_rendered(
    tmp_path: Path, example_path: Path
) -> None:
    release = replace(load_draft(example_path), headline="")
    with pytest.raises(gate.DraftRefused) as refused:
        export_release(release, {"pdf": tmp_path / "cp.pdf"})
    assert str(refused.value).startswith("export refusé\u00a0: le brouillon contient")
    assert any(f.is_error for f in refused.value.findings)
    assert refused.value.exit_code == 2
    assert files_in(tmp_path) == []


def test_publish_refuses_a_draft_with_errors(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["contacts"][0]["email"] = "pas-une-adresse"
    draft = tmp_path / "x.communique"
    draft.write_text(json.dumps(data), encoding="utf-8")
    site = tmp_path / "presse"
    assert main(["publish", str(draft), "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "contacts[0].email" in err and "publication refusée" in err
    assert not site.exists()


# ---------------------------------------------------------------- b: sign-off


def test_publishing_a_release_not_approved_is_refused_then_allowed_once_approved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    Register.open().close()  # the office has a register: sign-off applies
    site = tmp_path / "presse"
    assert main(["publish", str(draft), "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "publication refusée" in err and "«\u00a0brouillon\u00a0»" in err
    assert "jamais la mention PROJET" in err
    assert not site.exists()

    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert main(["submit", str(draft)]) == 0
    assert main(["publish", str(draft), "--site", str(site)]) == 2  # submitted is not approved
    assert "«\u00a0soumis\u00a0»" in capsys.readouterr().err
    monkeypatch.setenv("COMMUNIQUE_USER", "Directeur de cabinet")
    assert main(["approve", str(draft)]) == 0
    assert main(["publish", str(draft), "--site", str(site)]) == 0
    [page] = site.glob("2026-*.html")
    html = page.read_text(encoding="utf-8")
    assert "Une annonce" in html and "PROJET" not in html
    assert '<meta name="status" content="validé"' in html
    assert "PROJET" not in pdf_text(page.with_suffix(".pdf").read_bytes())

    from desktop.store.outputs import outputs_of
    from desktop.store.signoff import status

    with Register.open() as register:
        release = load_draft(draft)
        assert status(register, release).state == "diffusé"  # now in the public's hands
        [published] = outputs_of(register, release)
    assert published.kind == "publication" and published.state == "validé"
    assert [f.format for f in published.files] == ["html", "pdf", "odt"]


def test_an_office_without_sign_off_publishes_unmarked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    assert main(["register", "policy", "--validation", "non"]) == 0
    site = tmp_path / "presse"
    assert main(["publish", str(draft), "--site", str(site)]) == 0, capsys.readouterr().err
    [page] = site.glob("2026-*.html")
    assert "PROJET" not in page.read_text(encoding="utf-8")


def test_an_export_of_a_release_not_approved_carries_the_mark_in_every_format(
    tmp_path: Path,
) -> None:
    draft = make_draft(tmp_path)
    Register.open().close()
    targets = {name: tmp_path / f"cp.{name}" for name in ("pdf", "html", "txt")}
    result = export_release(load_draft(draft), targets, inputs=(draft,))
    assert result.state == "brouillon" and result.prepared.draft_mark == "PROJET"
    assert "PROJET" in pdf_text(targets["pdf"].read_bytes())
    assert "PROJET – communiqué non validé" in targets["html"].read_text(encoding="utf-8")
    # Under the bloc-marque, as in every format.
    assert targets["txt"].read_text(encoding="utf-8").split("\n\n")[1].startswith("PROJET")


# ---------------------------------------------------------------- c: paths


@pytest.fixture
def draft(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "cp.communique"
    shutil.copy(example_path, path)
    return path


def _target(kind: str, folder: Path, draft: Path) -> Path:
    if kind == "the draft":
        return draft
    if kind == "another draft named .pdf":
        other = folder / "autre.pdf"
        shutil.copy(draft, other)
        return other
    if kind == "the register":
        Register.open().close()
        return paths.register_path()
    if kind == "a symbolic link":
        real = folder / "vrai.pdf"
        real.write_bytes(b"ancien")
        link = folder / "lien.pdf"
        link.symlink_to(real)
        return link
    if kind == "a read-only file":
        locked = folder / "verrou.pdf"
        locked.write_bytes(b"ancien")
        locked.chmod(stat.S_IRUSR | stat.S_IRGRP)
        return locked
    if kind == "a folder":
        inside = folder / "dossier.pdf"
        inside.mkdir()
        return inside
    assert kind == "a wrong suffix"
    return folder / "cp.docx"


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("the draft", "brouillon lu"),
        ("another draft named .pdf", "brouillon de communiqué"),
        ("the register", "registre"),
        ("a symbolic link", "lien symbolique"),
        ("a read-only file", "lecture seule"),
        ("a folder", "dossier"),
        ("a wrong suffix", "doit se terminer par"),
    ],
)
def test_the_gate_refuses_the_path_and_writes_nothing(
    kind: str, said: str, tmp_path: Path, draft: Path
) -> None:
    target = _target(kind, tmp_path, draft)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    register = paths.register_path()
    register_before = register.read_bytes() if register.is_file() else None
    with pytest.raises(OutputRefused, match=said):
        export_release(
            load_draft(draft),
            {"pdf": target, "docx": tmp_path / "ok.docx"},
            inputs=(draft,),
        )
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing written, not even the valid DOCX
    if register_before is not None:
        assert register.read_bytes() == register_before


def test_publish_never_writes_the_feed_through_a_link_to_the_register(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Measured before the gate: the register became an Atom feed."""
    Register.open().close()
    assert main(["register", "policy", "--validation", "non"]) == 0
    register = paths.register_path()
    before = register.read_bytes()
    site = tmp_path / "presse"
    site.mkdir()
    (site / "feed.xml").symlink_to(register)
    assert main(["publish", str(example_path), "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "registre" in err and "rien n’a été publié" in err
    assert register.read_bytes() == before
    assert files_in(site) == ["feed.xml"]


def test_publish_never_writes_the_index_through_a_link(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "ailleurs.html"
    elsewhere.write_text("à garder", encoding="utf-8")
    site = tmp_path / "presse"
    site.mkdir()
    (site / "index.html").symlink_to(elsewhere)
    assert main(["publish", str(example_path), "--site", str(site)]) == 2
    assert "lien symbolique" in capsys.readouterr().err
    assert elsewhere.read_text(encoding="utf-8") == "à garder"
    assert files_in(site) == ["index.html"]


def test_dictionary_export_never_writes_over_the_register(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["dictionary", "add", "Gourault"]) == 0
    register = paths.register_path()
    before = register.read_bytes()
    assert main(["dictionary", "export", str(register)]) == 2
    assert "registre" in capsys.readouterr().err
    assert register.read_bytes() == before
    assert main(["dictionary", "list"]) == 0  # still a register


@pytest.mark.parametrize("command", [["lists", "export", "presse"], ["contacts", "export"]])
def test_csv_exports_never_write_over_a_draft(
    command: list[str], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists", "create", "presse"]) == 0
    before = draft.read_bytes()
    assert main([*command, str(draft)]) == 2
    assert "brouillon" in capsys.readouterr().err
    assert draft.read_bytes() == before


def test_write_file_guards_and_writes(tmp_path: Path) -> None:
    target = gate.write_file(tmp_path / "mots.txt", b"Gourault\n")
    assert target.read_bytes() == b"Gourault\n"
    link = tmp_path / "lien.txt"
    link.symlink_to(target)
    with pytest.raises(OutputRefused, match="lien symbolique"):
        gate.write_file(link, b"autre\n")
    assert target.read_bytes() == b"Gourault\n"


# ---------------------------------------------------------------- e: history


def test_an_export_is_recorded_with_its_files_and_state(draft: Path, tmp_path: Path) -> None:
    import hashlib

    from desktop.store.outputs import outputs_of

    Register.open().close()
    targets = {"pdf": tmp_path / "cp.pdf", "docx": tmp_path / "cp.docx"}
    result = export_release(load_draft(draft), targets, inputs=(draft,))
    assert result.warnings == ()
    with Register.open() as register:
        [recorded] = outputs_of(register, load_draft(draft))
    assert (recorded.kind, recorded.state, recorded.number) == ("export", "brouillon", "N°350")
    assert recorded.headline.startswith("Jacqueline Gourault")
    for out in recorded.files:
        data = Path(out.path).read_bytes()
        assert (out.sha256, out.size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert [f.format for f in recorded.files] == ["pdf", "docx"]


def test_without_a_register_nothing_is_recorded_and_none_is_made(
    draft: Path, tmp_path: Path
) -> None:
    export_release(load_draft(draft), {"txt": tmp_path / "cp.txt"}, inputs=(draft,))
    assert not paths.register_path().exists()


@pytest.mark.logs_warnings
def test_a_failure_to_record_is_a_warning_not_a_lost_export(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.store import outputs

    Register.open().close()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RegisterUnavailable("Le registre est en lecture seule.")

    monkeypatch.setattr(outputs, "record_output", refuse)
    assert main(["export", str(draft), "--txt", str(tmp_path / "cp.txt")]) == 0
    err = capsys.readouterr().err
    assert "avertissement" in err and "pas pu être notée au registre" in err
    assert (tmp_path / "cp.txt").read_text(encoding="utf-8").split("\n\n")[1].startswith("PROJET")


def test_the_history_is_kept_on_both_backends(
    backend: str, draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store.outputs import outputs_of

    if backend == "sqlite":
        Register.open().close()
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    for name in ("a", "b"):
        export_release(load_draft(draft), {"txt": tmp_path / f"{name}.txt"}, inputs=(draft,))
    with Register.open() as register:
        found = outputs_of(register, load_draft(draft))
    assert [Path(o.files[0].path).name for o in found] == ["a.txt", "b.txt"]
    assert {o.author for o in found} == {"Léa Martin"}


def test_a_read_only_file_stays_refused_even_for_root(tmp_path: Path) -> None:
    locked = tmp_path / "verrou.txt"
    locked.write_bytes(b"x")
    os.chmod(locked, 0o444)
    with pytest.raises(OutputRefused, match="lecture seule"):
        gate.guard(locked, suffix=".txt")


def test_the_gate_speaks_french_typography(tmp_path: Path) -> None:
    from desktop.core.checks import check
    from tests.test_interface_typography import typography_faults

    link = tmp_path / "lien.pdf"
    link.symlink_to(tmp_path / "absent.pdf")
    locked = tmp_path / "verrou.pdf"
    locked.write_bytes(b"x")
    locked.chmod(0o444)
    messages = [
        str(gate.DraftRefused(gate.EXPORT, check(Release()))),
        str(gate.NotApproved(gate.PUBLICATION, "soumis")),
    ]
    for target in (link, locked):
        with pytest.raises(OutputRefused) as refused:
            gate.guard(target)
        messages.append(refused.value.message)
    for message in messages:
        assert typography_faults(message) == [], message
