"""Settings IT presets for the whole machine: read from one TOML file, under the user's own."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.services import paths, site_settings, smtp_send
from desktop.services.site_settings import SiteSettings, SiteSettingsError
from tests.helpers import SEED


@pytest.fixture
def site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "settings.toml"
    path.parent.mkdir()
    monkeypatch.setenv(site_settings.ENV_VAR, str(path))
    return path


def test_no_file_is_no_preset(site_file: Path) -> None:
    assert site_settings.site_settings() == SiteSettings()


def test_where_each_system_keeps_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(site_settings.ENV_VAR)
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    assert site_settings.site_settings_file("linux") == Path("/etc/communique/settings.toml")
    assert site_settings.site_settings_file("win32") == (
        Path(r"D:\ProgramData") / "Communique" / "settings.toml"
    )
    assert site_settings.site_settings_file("darwin") == Path(
        "/Library/Application Support/Communique/settings.toml"
    )


def test_the_preset_register_is_used_unless_the_user_names_one(
    site_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "partage" / "registre.sqlite"
    shared.parent.mkdir()
    site_file.write_text(f'[registre]\nadresse = "{shared}"\n', encoding="utf-8")
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    assert paths.register_path() == shared
    draft = tmp_path / "cp.communique"
    draft.write_bytes(SEED.read_bytes())
    assert main(["issue", "--start", "1", str(draft), "--new"]) == 0
    assert shared.is_file()  # the number was taken in the register IT named
    own = tmp_path / "mien.sqlite"
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(own))
    assert paths.register_path() == own


def test_a_preset_server_register(site_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_file.write_text(
        '[registre]\nadresse = "postgresql://presse@registre.example/communique"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    assert paths.register_url() == "postgresql://presse@registre.example/communique"


def test_sender_and_server_presets_give_way_to_the_user(
    site_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_file.write_text(
        "[envoi]\n"
        'expediteur = "Service de presse <presse@example.gouv.fr>"\n'
        'serveur = "smtp://relais.example.gouv.fr:587"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv(smtp_send.SENDER_ENV_VAR, raising=False)
    monkeypatch.delenv(smtp_send.SMTP_ENV_VAR, raising=False)
    assert smtp_send.settings() == {
        "smtp": "smtp://relais.example.gouv.fr:587",
        "sender": "Service de presse <presse@example.gouv.fr>",
    }
    smtp_send.save_sender("Cabinet <cabinet@example.gouv.fr>")
    assert smtp_send.settings()["sender"] == "Cabinet <cabinet@example.gouv.fr>"
    assert smtp_send.settings()["smtp"] == "smtp://relais.example.gouv.fr:587"
    monkeypatch.setenv(smtp_send.SENDER_ENV_VAR, "Autre <autre@example.gouv.fr>")
    assert smtp_send.settings()["sender"] == "Autre <autre@example.gouv.fr>"
    saved = json.loads((paths.config_dir() / smtp_send.SETTINGS_FILE).read_text("utf-8"))
    assert "smtp" not in saved  # the preset is not copied into the user's file


def test_the_office_typeface_folder_is_searched_first(site_file: Path, tmp_path: Path) -> None:
    site_file.write_text(f'[style]\ndossier_police = "{tmp_path / "marianne"}"\n', "utf-8")
    assert paths.system_font_dirs()[0] == tmp_path / "marianne"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[registre\n", "TOML valide (erreur de syntaxe ligne 1, colonne 10)"),
        ("\xff", "TOML valide"),
        ('[registres]\nadresse = "x.sqlite"\n', "section « [registres] » inconnue"),
        ('[envoi]\nexpediteurs = "a@b.fr"\n', "clé « expediteurs » inconnue"),
        ("[envoi]\nserveur = 25\n", "doit être un texte non vide"),
        ('[style]\ndossier_police = "  "\n', "doit être un texte non vide"),
        ('[registre]\nadresse = "registre.sqlite"\n', "doit être un chemin complet"),
        ('[style]\ndossier_police = "polices/marianne"\n', "doit être un chemin complet"),
    ],
)
def test_a_mistake_in_the_file_is_said_in_french_naming_it(
    site_file: Path,
    content: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site_file.write_text(content, encoding="utf-8")
    with pytest.raises(SiteSettingsError) as raised:
        site_settings.site_settings()
    assert said in str(raised.value).replace("\u00a0", " ")
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    assert main(["register", "list"]) == 1
    err = capsys.readouterr().err
    assert str(site_file) in err and "Traceback" not in err
    assert said in err.replace("\u00a0", " ")


def test_a_fifo_or_a_huge_file_is_refused_without_waiting(site_file: Path) -> None:
    os.mkfifo(site_file)
    with pytest.raises(SiteSettingsError, match="fichier ordinaire"):
        site_settings.site_settings()
    site_file.unlink()
    site_file.write_text("# " + "x" * site_settings.MAX_BYTES, encoding="utf-8")
    with pytest.raises(SiteSettingsError, match="trop volumineux"):
        site_settings.site_settings()


def test_windows_paths_are_complete_paths_too(site_file: Path) -> None:
    site_file.write_text(
        "[registre]\nadresse = 'Z:\\Presse\\registre.sqlite'\n"
        "[style]\ndossier_police = '\\\\serveur\\polices'\n",
        encoding="utf-8",
    )
    found = site_settings.site_settings()
    assert found.register == "Z:\\Presse\\registre.sqlite"
    assert found.font_dir == "\\\\serveur\\polices"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_file_gives_settings_or_a_french_refusal(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_bytes(content)
        site_settings.forget()
        try:
            found = site_settings._read(path)
        except SiteSettingsError as exc:
            assert str(path) in str(exc) and "administrateur" in str(exc)
        else:
            assert isinstance(found, SiteSettings)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o666, 0o664, 0o646])
def test_a_file_others_may_rewrite_is_refused(
    site_file: Path, tmp_path: Path, mode: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whoever can rewrite the machine's settings chooses every user's register and SMTP relay
    (each release then goes through their server): a file, or the file a link leads to, that
    another account may write is refused, as ``sudo`` and ``ssh`` refuse theirs."""
    site_file.write_text('[envoi]\nserveur = "smtp://relais.example.org"\n', encoding="utf-8")
    site_file.chmod(mode)
    with pytest.raises(SiteSettingsError, match="modifiables par d’autres comptes"):
        site_settings.site_settings()
    site_settings.forget()
    site_file.chmod(0o644)
    assert site_settings.site_settings().smtp == "smtp://relais.example.org"
    site_settings.forget()
    elsewhere = tmp_path / "partage.toml"
    elsewhere.write_text('[envoi]\nserveur = "smtp://espion.example.org"\n', encoding="utf-8")
    elsewhere.chmod(mode)
    site_file.unlink()
    site_file.symlink_to(elsewhere)
    assert main(["register", "list"]) == 1
    err = capsys.readouterr().err
    assert "modifiables par d’autres comptes" in err and str(site_file) in err


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root"
)
def test_a_file_owned_by_another_account_than_root_or_the_user_is_refused(
    site_file: Path,
) -> None:
    site_file.write_text('[envoi]\nserveur = "smtp://espion.example.org"\n', encoding="utf-8")
    os.chown(site_file, 4242, 4242)
    with pytest.raises(SiteSettingsError, match="appartiennent à un autre compte"):
        site_settings.site_settings()
