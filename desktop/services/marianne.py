"""Marianne in one step: from the State design system's npm package to TrueType files.

The DSFR package (``@gouvfr/dsfr`` on the npm registry) carries the Marianne typeface as WOFF2
only; Typst, Word and LibreOffice want TrueType. This reads the package (a file the user gives,
or the registry's latest tarball), converts each Marianne WOFF2 with fontTools, and writes the
fonts to the user's data folder, where ``fonts.choose_font`` finds them from then on. The
typeface is reserved to State services: nothing of it is shipped with Communiqué.
"""

from __future__ import annotations

import io
import json
import os
import re
import tarfile
import urllib.error
import urllib.request
import zlib
from pathlib import Path, PurePosixPath

from desktop.core.errors import EXIT_INVALID, EXIT_IO, OutsideError
from desktop.core.fonts import forget_choice, installed_fonts_dir
from desktop.services.files import atomic_write_all

PACKAGE = "@gouvfr/dsfr"
REGISTRY = "https://registry.npmjs.org"
REGISTRY_VARIABLE = "COMMUNIQUE_NPM_REGISTRY"
"""Another registry (a ministry's mirror) for the download."""
LARGEST_PACKAGE = 200 * 1024 * 1024
LARGEST_FONT = 5 * 1024 * 1024
"""A Marianne WOFF2 is some 50 kB: a larger member is not read."""
LARGEST_UNPACKED = 600 * 1024 * 1024
"""How far into the unpacked archive the reading goes (the DSFR package unpacks to some
100 MB): an archive that unpacks to more is refused, never unpacked whole."""
MOST_MEMBERS = 50_000
_FONT = re.compile(r"(?i)^marianne[-_][\w-]*\.woff2$")


class MarianneError(OutsideError):
    """The fonts could not be installed; the message is for a person, in French."""

    def __init__(self, message: str, *, invalid: bool = False) -> None:
        super().__init__(message)
        self.invalid = invalid
        """The package was read but holds no Marianne (an input problem, not a file one)."""
        self.exit_code = EXIT_INVALID if invalid else EXIT_IO


def download_package(registry: str | None = None, *, timeout: float = 60.0) -> bytes:
    """The latest ``@gouvfr/dsfr`` tarball from the npm registry."""
    base = (registry or os.environ.get(REGISTRY_VARIABLE) or REGISTRY).rstrip("/")
    try:
        with urllib.request.urlopen(
            f"{base}/{PACKAGE.replace('/', '%2F')}/latest", timeout=timeout
        ) as response:
            tarball = json.load(response)["dist"]["tarball"]
        with urllib.request.urlopen(tarball, timeout=timeout) as response:
            data: bytes = response.read(LARGEST_PACKAGE + 1)
    except (urllib.error.URLError, OSError, ValueError, KeyError, TypeError) as exc:
        raise MarianneError(
            f"Téléchargement du paquet {PACKAGE} impossible depuis {base} : "
            f"{exc}. Téléchargez-le (npm pack {PACKAGE}) et indiquez le "
            "fichier."
        ) from exc
    if len(data) > LARGEST_PACKAGE:
        raise MarianneError(f"Le paquet téléchargé dépasse {LARGEST_PACKAGE // 2**20} Mo.")
    return data


def marianne_woff2(package: bytes) -> dict[str, bytes]:
    """Each Marianne WOFF2 of the package, by file name (``Marianne-Bold.woff2``). The archive
    is read member by member, within limits (``LARGEST_FONT`` a font, ``LARGEST_UNPACKED`` in
    all, ``MOST_MEMBERS``): a decompression bomb is refused, not unpacked."""
    fonts: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(package), mode="r:*") as archive:
            for count, member in enumerate(archive, start=1):
                if count > MOST_MEMBERS or member.offset_data + member.size > LARGEST_UNPACKED:
                    raise MarianneError(
                        "Ce paquet est démesuré une fois décompressé (plus de "
                        f"{LARGEST_UNPACKED // 2**20} Mo ou {MOST_MEMBERS} fichiers) : ce n’est "
                        f"pas le paquet {PACKAGE}.",
                        invalid=True,
                    )
                name = PurePosixPath(member.name).name
                if not member.isfile() or not _FONT.match(name):
                    continue
                if member.size > LARGEST_FONT:
                    raise MarianneError(
                        f"« {name} » est trop volumineux pour une police Marianne "
                        f"(plus de {LARGEST_FONT // 2**20} Mo).",
                        invalid=True,
                    )
                extracted = archive.extractfile(member)
                if extracted is not None:
                    fonts[name] = extracted.read(LARGEST_FONT + 1)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:  # English, many lines
        raise MarianneError(
            "Ce fichier n’est pas un paquet npm lisible (.tgz) : il est vide, abîmé ou d’un "
            "autre format.",
            invalid=True,
        ) from exc
    if not fonts:
        raise MarianneError(
            f"Ce paquet ne contient pas la police Marianne (fichiers "
            f"Marianne-*.woff2 du paquet {PACKAGE}).",
            invalid=True,
        )
    return fonts


def to_truetype(woff2: bytes) -> bytes:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(woff2))
        font.flavor = None
        out = io.BytesIO()
        font.save(out)
    except (TTLibError, OSError, ValueError, AssertionError, ImportError) as exc:
        raise MarianneError(
            "Conversion de la police impossible : le fichier WOFF2 est abîmé ou n’est pas une "
            "police.",
            invalid=True,
        ) from exc
    return out.getvalue()


def install_marianne(package: Path | None = None, *, target: Path | None = None) -> list[Path]:
    """Convert the package's Marianne fonts into ``target`` (the user's font folder for
    Communiqué by default); returns the files written. Raises ``MarianneError``."""
    if package is None:
        data = download_package()
    else:
        from desktop.services.files import InputRefused, read_limited

        try:
            data = read_limited(Path(package), LARGEST_PACKAGE, what="paquet npm (.tgz)")
        except InputRefused as exc:  # not a regular file, too large: a file problem (1)
            raise MarianneError(str(exc)) from exc
        except OSError as exc:
            from desktop.services.files import describe_os_error

            raise MarianneError(describe_os_error(exc, package)) from exc
    folder = target or installed_fonts_dir()
    outputs = [
        (folder / (Path(name).stem + ".ttf"), to_truetype(woff2))
        for name, woff2 in sorted(marianne_woff2(data).items())
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_all(outputs)
    except OSError as exc:
        from desktop.services.files import describe_os_error

        raise MarianneError(describe_os_error(exc, folder)) from exc
    forget_choice()
    return [path for path, _data in outputs]
