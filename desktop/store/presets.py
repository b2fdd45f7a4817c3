"""The user's own header presets (*Modèles › Gérer les modèles…*), kept in the data folder.

The shipped list (``resources/ministries.json``) belongs to the installed package and changes
with each release; what a press office adds (a directorate, a prefecture, a ministry formed
since) lives beside the register in the user's data folder, as a small JSON file written
atomically, and survives upgrades.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.errors import CommuniqueError
from desktop.core.header import HeaderPreset
from desktop.core.text import clean_text
from desktop.services.files import InputRefused, atomic_write, describe_os_error, read_json
from desktop.services.paths import PRESETS_FILE, data_dir

FILE_NAME = PRESETS_FILE


class PresetsError(CommuniqueError):
    """The presets file cannot be read or a preset is not valid; the message is in French."""


def presets_path() -> Path:
    return data_dir() / FILE_NAME


def validate(name: str, lines: tuple[str, ...] | list[str]) -> HeaderPreset:
    """A preset from what was typed: the name on one line, the header's non-empty lines."""
    clean_name = clean_text(name, multiline=False).strip()
    clean_lines = tuple(
        line for line in (clean_text(item, multiline=False).strip() for item in lines) if line
    )
    if not clean_name:
        raise PresetsError("le modèle n’a pas de nom.")
    if not clean_lines:
        raise PresetsError(f"le modèle «\u00a0{clean_name}\u00a0» n’a aucune ligne d’en-tête.")
    return HeaderPreset(clean_name, clean_lines)


def load_presets(path: Path | None = None) -> tuple[HeaderPreset, ...]:
    """The user's presets; none when the file does not exist yet."""
    path = path or presets_path()
    try:
        data = read_json(path, what="fichier de modèles")
    except FileNotFoundError:
        return ()
    except InputRefused as exc:
        raise PresetsError(
            f"les modèles de «\u00a0{path}\u00a0» sont illisibles ({exc.message})."
        ) from exc
    except OSError as exc:
        raise PresetsError(
            f"les modèles sont illisibles\u00a0: {describe_os_error(exc, path)}"
        ) from exc
    entries = data.get("presets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise PresetsError(f"«\u00a0{path}\u00a0» n’est pas un fichier de modèles.")
    presets = []
    for entry in entries:
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("lines"), list)
            and all(isinstance(line, str) for line in entry["lines"])
        ):
            presets.append(validate(entry["name"], entry["lines"]))
    return tuple(presets)


def save_presets(
    presets: tuple[HeaderPreset, ...] | list[HeaderPreset], path: Path | None = None
) -> None:
    """Write the presets atomically (the folder is created if needed)."""
    path = path or presets_path()
    names = [preset.name.casefold() for preset in presets]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise PresetsError(f"deux modèles portent le même nom («\u00a0{duplicates[0]}\u00a0»).")
    data = {
        "format": "communique-presets",
        "version": 1,
        "presets": [{"name": p.name, "lines": list(p.lines)} for p in presets],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
