"""The user's header presets, kept in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.header import HeaderPreset
from desktop.resources import resources_dir
from desktop.store.presets import PresetsError, load_presets, presets_path, save_presets, validate

PREFECTURE = HeaderPreset("Préfecture du Nord", ("PRÉFET", "DU NORD"))


def test_presets_live_in_the_data_folder_not_in_the_package() -> None:
    path = presets_path()
    assert not path.is_relative_to(resources_dir().parent)
    assert load_presets() == ()  # none yet
    save_presets([PREFECTURE])
    assert path.is_file()
    assert load_presets() == (PREFECTURE,)


def test_typed_presets_are_cleaned_and_checked() -> None:
    assert validate("  Préfecture du Nord ", ["PRÉFET", "  ", "DU NORD\x0b"]) == HeaderPreset(
        "Préfecture du Nord", ("PRÉFET", "DU NORD")
    )
    with pytest.raises(PresetsError, match="n’a pas de nom"):
        validate(" ", ["PRÉFET"])
    with pytest.raises(PresetsError, match="aucune ligne"):
        validate("Préfecture", ["", " "])
    with pytest.raises(PresetsError, match="même nom"):
        save_presets([PREFECTURE, HeaderPreset("préfecture du nord", ("X",))])


def test_a_damaged_file_is_said_in_french(tmp_path: Path) -> None:
    path = tmp_path / "modeles.json"
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(PresetsError, match="illisibles"):
        load_presets(path)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(PresetsError, match="n’est pas un fichier de modèles"):
        load_presets(path)
