"""Atomic writes, and French messages for the file errors a person can meet.

Drafts and exports are written to a temporary file in the target's folder, flushed and synced,
then renamed over the target: a crash, a full disk or a refused write never leaves a truncated
file, and never damages an earlier file of the same name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` so that ``path`` holds either its old content or all of ``data``."""
    atomic_write_all([(Path(path), data)])


def atomic_write_all(outputs: list[tuple[Path, bytes]]) -> None:
    """Write several files together: each is written in full to a temporary file beside it and
    synced first, and only when all are ready are they renamed into place. A refused folder, a
    missing one or a full disk leaves every target as it was."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in outputs:
            staged.append((_stage(Path(path), data), Path(path)))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _about(exc, path) from exc
    finally:
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
    for folder in {path.parent for _tmp, path in staged}:
        _sync_folder(folder if str(folder) else Path())


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a synced temporary file in ``path``'s folder, with ``path``'s permissions."""
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _about(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _about(exc, path) from exc
        raise
    return tmp


def _about(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the person asked for rather than a temporary one."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """A French sentence for a person, naming the file and what went wrong."""
    where = f"« {path} »"
    if isinstance(exc, FileNotFoundError):
        return f"{where} : fichier ou dossier introuvable."
    if isinstance(exc, PermissionError):
        return f"{where} : accès refusé (droits insuffisants ou disque en lecture seule)."
    if isinstance(exc, IsADirectoryError):
        return f"{where} est un dossier, pas un fichier."
    if isinstance(exc, NotADirectoryError):
        return f"{where} : un élément du chemin n’est pas un dossier."
    if exc.errno == errno.ENOSPC:
        return f"{where} : le disque est plein."
    if exc.errno == errno.EROFS:
        return f"{where} : le disque est en lecture seule."
    if exc.errno == errno.ENAMETOOLONG:
        return f"{where} : le nom est trop long."
    if exc.errno == errno.EBUSY:
        return f"{where} : l’emplacement est occupé ou n’est pas un fichier."
    if exc.errno in (errno.EINVAL, errno.EEXIST):
        return f"{where} : nom de fichier impossible à cet endroit."
    if exc.errno == errno.EXDEV:
        return f"{where} : impossible d’écrire sur ce disque depuis ce dossier."
    if exc.errno in (errno.EIO, errno.EDQUOT):
        return f"{where} : le disque a refusé l’écriture (erreur matérielle ou quota)."
    reason = exc.strerror or exc.__class__.__name__
    return f"{where} : erreur du système ({reason})."
