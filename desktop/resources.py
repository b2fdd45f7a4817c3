"""Where the shipped resources live, whichever way Communiqué was installed.

A wheel carries them inside the package (``desktop/_resources``); a source checkout and an
editable install read the top-level ``resources/`` folder beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError(
        "Les ressources de Communiqué sont introuvables : l’installation est incomplète."
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
