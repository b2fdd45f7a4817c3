"""Settings the IT department presets for every user of a machine, from one system-wide file.

``/etc/communique/settings.toml`` on Linux, ``%ProgramData%\\Communique\\settings.toml`` on
Windows, ``/Library/Application Support/Communique/settings.toml`` on macOS
(``COMMUNIQUE_SITE_SETTINGS`` names another file, for tests and for a trial)::

    [registre]
    adresse = "postgresql://registre.example.gouv.fr/communique"   # or a shared .sqlite file

    [envoi]
    expediteur = "Service de presse <presse@example.gouv.fr>"
    serveur = "smtp://relais.example.gouv.fr:587"

    [style]
    dossier_police = "/usr/share/fonts/truetype/marianne"   # the office's Marianne

Each value is a default: what the user sets (the settings file of their own, ``envoi.json``,
the preferences) and the environment variables (``COMMUNIQUE_REGISTER``, ``COMMUNIQUE_SENDER``,
``COMMUNIQUE_SMTP``, ``COMMUNIQUE_FONT_DIR``) win over it. A missing file is no file; a file
that cannot be read, or holds a key this version does not know, is refused with a French
message naming the file, so that a typo in a deployment is seen at once rather than ignored.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.core.errors import OutsideError
from desktop.services import conninfo, portable

ENV_VAR = "COMMUNIQUE_SITE_SETTINGS"
MAX_BYTES = 64 * 1024
KEYS = {
    "registre": {"adresse": "register"},
    "envoi": {"expediteur": "sender", "serveur": "smtp"},
    "style": {"dossier_police": "font_dir"},
}
"""The file's sections and keys (French: IT staff write them) and the field each fills."""


class SiteSettingsError(OutsideError):
    """The system-wide settings file cannot be used; the message is French and names it."""


@dataclass(frozen=True)
class SiteSettings:
    register: str | None = None
    sender: str | None = None
    smtp: str | None = None
    font_dir: str | None = None


def site_settings_file(platform: str = sys.platform) -> Path:
    """Where the system-wide file is looked for on this system."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override)
    if platform == "win32":
        base = os.environ.get("PROGRAMDATA") or os.environ.get("ALLUSERSPROFILE")
        return Path(base or r"C:\ProgramData") / "Communique" / "settings.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/Communique/settings.toml")
    return Path("/etc/communique/settings.toml")


def site_settings() -> SiteSettings:
    """The system-wide settings (read once per file name and process)."""
    return _read(site_settings_file())


def forget() -> None:
    """Read the file again at the next call (tests, and after IT changed it)."""
    _read.cache_clear()


@cache
def _read(path: Path) -> SiteSettings:
    where = f"«\u00a0{path}\u00a0»"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # never a FIFO or a device: it could block
            raise SiteSettingsError(
                f"Les réglages de l’administrateur {where} ne sont pas un fichier ordinaire."
            )
        _check_trusted(info, where)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return SiteSettings()
    except OSError as exc:
        raise SiteSettingsError(
            f"Les réglages de l’administrateur {where} sont illisibles ({exc.strerror})."
        ) from exc
    if len(raw) > MAX_BYTES:
        raise SiteSettingsError(
            f"Les réglages de l’administrateur {where} sont trop volumineux "
            f"(au plus {MAX_BYTES // 1024} ko)."
        )
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        place = re.search(r"line (\d+), column (\d+)", str(exc))  # tomllib says it in English
        detail = (
            f"erreur de syntaxe ligne {place[1]}, colonne {place[2]}"
            if place
            else "texte qui n’est pas en UTF-8"
            if isinstance(exc, UnicodeDecodeError)
            else "erreur de syntaxe"
        )
        raise SiteSettingsError(
            f"Les réglages de l’administrateur {where} ne sont pas un fichier TOML valide "
            f"({detail})."
        ) from exc
    found: dict[str, str] = {}
    for section, values in data.items():
        known = KEYS.get(section)
        if known is None or not isinstance(values, dict):
            raise SiteSettingsError(
                f"Réglages de l’administrateur {where}\u00a0: section «\u00a0[{section}]\u00a0» "
                f"inconnue (sections possibles\u00a0: {', '.join(KEYS)})."
            )
        for key, value in values.items():
            if key not in known:
                raise SiteSettingsError(
                    f"Réglages de l’administrateur {where}\u00a0: clé «\u00a0{key}\u00a0» "
                    f"inconnue dans [{section}] (clés possibles\u00a0: {', '.join(known)})."
                )
            if not isinstance(value, str) or not value.strip():
                raise SiteSettingsError(
                    f"Réglages de l’administrateur {where}\u00a0: [{section}] {key} doit être "
                    "un texte non vide, entre guillemets."
                )
            field = known[key]
            server = field == "register" and conninfo.is_server(value)
            if field in _FOLDERS and not server and not _absolute(value):
                raise SiteSettingsError(
                    f"Réglages de l’administrateur {where}\u00a0: [{section}] {key} doit être un "
                    f"chemin complet (et non «\u00a0{value.strip()}\u00a0», qui dépendrait du "
                    "dossier où Communiqué est lancé)."
                )
            found[field] = value.strip()
    return SiteSettings(**found)


def _check_trusted(info: os.stat_result, where: str) -> None:
    """Refuse a file (or the file a link leads to) that an account other than the
    administrator's or the user's may rewrite: it chooses every user's register and SMTP relay.
    POSIX only: Windows's ``%ProgramData%`` is guarded by its access lists."""
    me = portable.user_id()
    if me is None:
        return
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise SiteSettingsError(
            f"Les réglages de l’administrateur {where} sont modifiables par d’autres comptes "
            f"(droits {stat.S_IMODE(info.st_mode):o})\u00a0: ils ne sont pas lus, car ils "
            "choisissent le registre et le serveur d’envoi de chacun. Rendez-les modifiables "
            "par leur seul propriétaire (chmod 644)."
        )
    if info.st_uid not in (0, me):
        raise SiteSettingsError(
            f"Les réglages de l’administrateur {where} appartiennent à un autre compte que "
            "l’administrateur (root)\u00a0: ils ne sont pas lus."
        )


_FOLDERS = {"register", "font_dir"}
"""Values naming a place on disk: a relative one would change with the current folder."""


def _absolute(value: str) -> bool:
    """Absolute here, or on Windows (``C:\\…``, ``\\\\server\\share``), whatever this system is."""
    text = value.strip()
    return Path(text).is_absolute() or bool(re.match(r"^(?:[A-Za-z]:[\\/]|\\\\)", text))
