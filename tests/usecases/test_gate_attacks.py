"""What an adversary tried against the gate after it landed: a draft saved with its keys in
another order, a file name that is not UTF-8, a rectificatif written through a dangling link."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.drafts import load_draft
from desktop.store.register import Register
from desktop.usecases.export import export_release
from tests.usecases.test_gate import make_draft


def test_a_draft_with_its_keys_sorted_is_still_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    data = json.loads(draft.read_text(encoding="utf-8"))
    disguised = tmp_path / "sauvegarde.pdf"
    disguised.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    before = disguised.read_bytes()
    assert main(["export", str(draft), "--pdf", str(disguised)]) == 2
    assert disguised.read_bytes() == before
    assert "brouillon" in capsys.readouterr().err


def test_an_export_to_a_name_that_is_not_utf8_is_written_and_recorded(tmp_path: Path) -> None:
    from desktop.store.outputs import outputs_of

    if os.name != "posix":
        pytest.skip("only POSIX file names hold arbitrary bytes")
    draft = make_draft(tmp_path)
    Register.open().close()
    folder = tmp_path / os.fsdecode(b"communiqu\xe9s")
    folder.mkdir()
    target = folder / "annonce.pdf"
    result = export_release(load_draft(draft), {"pdf": target}, inputs=(draft,))
    assert result.warnings == ()
    assert target.read_bytes().startswith(b"%PDF")
    with Register.open() as register:
        [recorded] = outputs_of(register, load_draft(draft))
    assert recorded.files[0].path.endswith("communiqu\\xe9s/annonce.pdf")


def test_a_rectificatif_is_never_written_through_a_dangling_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_draft(tmp_path)
    assert main(["issue", "--start", "1", "--new", str(draft)]) == 0
    planted = tmp_path / "ailleurs" / "planted.pdf"
    planted.parent.mkdir()
    link = tmp_path / "rectificatif.communique"
    link.symlink_to(planted)
    capsys.readouterr()
    assert main(["correct", "1", "--output", str(link)]) == 2
    assert not planted.exists()
    assert "existe déjà" in capsys.readouterr().err


@pytest.mark.parametrize("folder", [".", "/"])
def test_export_of_a_folder_is_one_french_line(
    folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", folder]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().startswith("erreur") and "dossier" in err


def _own_files() -> list[Path]:
    """The program's own files, as the user's settings, presets and log keep them."""
    from desktop.services import logs, paths, smtp_send
    from desktop.store import presets

    return [
        paths.config_dir() / smtp_send.SETTINGS_FILE,
        presets.presets_path(),
        paths.settings_file(),
        logs.log_file(),
    ]


def test_no_output_replaces_the_programs_own_settings_presets_or_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``communique register export ~/.config/communique/envoi.json`` replaced the sending
    settings with the register's history (any output of the right suffix would do the same to
    the header presets, the window's settings or the log)."""
    from desktop.services.files import OutputRefused
    from desktop.usecases import gate

    draft = make_draft(tmp_path)
    Register.open().close()
    for own in _own_files():
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_text("{}\n", encoding="utf-8")
        with pytest.raises(OutputRefused, match="fichier de Communiqué"):
            gate.guard(own, suffix=own.suffix)
        assert own.read_text(encoding="utf-8") == "{}\n"
    sending, presets_file = _own_files()[:2]
    assert main(["register", "export", str(sending)]) == 2
    assert main(["register", "export", str(presets_file)]) == 2
    assert "fichier de Communiqué" in capsys.readouterr().err
    assert sending.read_text(encoding="utf-8") == "{}\n"
    assert main(["export", str(draft), "--txt", str(tmp_path / "a.txt")]) == 0


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, "{pas du json", "\udcff"])
def test_damaged_settings_and_presets_are_refused_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    """A sending-settings file or a presets file nested too deep ended in a RecursionError
    traceback; a damaged one quoted json's English reason."""
    from desktop.store.presets import PresetsError, load_presets

    draft = make_draft(tmp_path)
    sending, presets_file = _own_files()[:2]
    for own in (sending, presets_file):
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert main(["mail", str(draft), "--eml", str(tmp_path / "m.eml")]) == 1
    err = capsys.readouterr().err
    assert "réglages d’envoi" in err and "illisibles" in err
    assert "Traceback" not in err and "Expecting" not in err and "recursion" not in err
    with pytest.raises(PresetsError) as refused:
        load_presets()
    assert "illisibles" in str(refused.value) and "Expecting" not in str(refused.value)


@pytest.mark.parametrize(
    "name", ["CON.pdf", "nul .pdf", "rapport:final.pdf", "aux.tar.pdf", "communiqué..pdf "]
)
def test_on_windows_the_gate_refuses_a_name_windows_would_misread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """On Windows ``CON.pdf`` is the console, ``rapport:final.pdf`` writes a hidden stream of a
    file named « rapport », a trailing dot or space is dropped: the export would go elsewhere
    than the person asked. The Windows branch runs here (``portable.WINDOWS``)."""
    from desktop.services import portable
    from desktop.services.files import OutputRefused
    from desktop.usecases import gate

    monkeypatch.setattr(portable, "WINDOWS", True)
    with pytest.raises(OutputRefused, match="Windows"):
        gate.write_file(tmp_path / name, b"%PDF", suffix=".pdf")
    assert list(tmp_path.iterdir()) == []
    gate.write_file(tmp_path / "rapport final.pdf", b"%PDF", suffix=".pdf")
    monkeypatch.setattr(portable, "WINDOWS", False)  # elsewhere such a name is the person's
    gate.write_file(tmp_path / "rapport:final.pdf", b"%PDF", suffix=".pdf")
