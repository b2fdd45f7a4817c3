"""Atomic writes, and French messages for the file errors a person can meet.

Drafts and exports are written to a temporary file in the target's folder, flushed and synced,
then renamed over the target: a crash, a full disk or a refused write never leaves a truncated
file, and never damages an earlier file of the same name. A target that is a symbolic link is
written through: the file it points to gets the new content, the link stays.

Inputs are read with ``read_limited``: a regular file only (never a device or a FIFO, which could
be endless or block), and never more than its limit. ``check_output`` refuses an output that
would land on an input (the draft being read, the register, an autosave), whatever the path says
(symbolic or hard links), and anything that is not a regular file or a new name.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import stat
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.errors import CommuniqueError, OutsideError
from desktop.services import portable

log = logging.getLogger(__name__)

NAME_MAX = 255
"""The longest file name (in bytes) the usual file systems accept."""
STALE_AFTER_S = 3600.0
"""A temporary file of ours older than this was left by a process killed while writing."""
_TMP_SUFFIX = ".tmp"
_TMP_PATTERN = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_swept: set[Path] = set()


class OutputRefused(CommuniqueError, OSError):
    """An output path that must not be written (it is an input, or not a file); the message is
    a French sentence naming the path."""

    def __init__(self, message: str, path: Path | str) -> None:
        super().__init__(errno.EINVAL, message, str(path))
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[OutputRefused], tuple[str, str]]:
        return (OutputRefused, (self.message, str(self.filename)))


class InputRefused(CommuniqueError, OSError):
    """An input that is not a regular file, or is larger than its limit (French message)."""

    def __init__(self, message: str, path: Path | str) -> None:
        super().__init__(errno.EINVAL, message, str(path))
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[InputRefused], tuple[str, str]]:
        return (InputRefused, (self.message, str(self.filename)))


def read_limited(path: Path, limit: int, *, what: str = "fichier") -> bytes:
    """The bytes of the regular file at ``path``, refused (``InputRefused``) when it is not a
    regular file or holds more than ``limit`` bytes. A FIFO or a device is never read: it is
    opened without waiting, seen for what it is, and closed. Other failures are ``OSError``."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except ValueError as exc:  # a NUL character in the name
        raise InputRefused(f"« {path} » n’est pas un nom de fichier possible.", path) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(
                f"« {path} » n’est pas un fichier ordinaire (périphérique, "
                f"tube ou dossier) : ce n’est pas un {what}.",
                path,
            )
        if info.st_size > limit:
            raise InputRefused(_too_big(path, limit, what), path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputRefused(_too_big(path, limit, what), path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_json(path: Path, limit: int = 1_000_000, *, what: str = "fichier de réglages") -> object:
    """The JSON value of the regular file at ``path`` (``read_limited``); ``InputRefused`` with
    a French reason for a file that is not UTF-8 or not JSON, or nested too deep for Python.
    ``FileNotFoundError`` and other ``OSError`` pass through."""
    import json

    data = read_limited(path, limit, what=what)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        reason = "texte qui n’est pas en UTF-8"
        raise InputRefused(reason, path) from exc
    except json.JSONDecodeError as exc:
        reason = f"JSON invalide ligne {exc.lineno}, colonne {exc.colno}"
        raise InputRefused(reason, path) from exc
    except RecursionError as exc:
        raise InputRefused("JSON imbriqué trop profondément", path) from exc


def _too_big(path: Path, limit: int, what: str) -> str:
    size = f"{limit / 1_000_000:.0f} Mo" if limit >= 1_000_000 else f"{limit // 1000} ko"
    return f"« {path} » est trop volumineux pour un {what} (au plus {size})."


# ---------------------------------------------------------------- what an output must not be


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = Path(path).stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def protected_files() -> list[Path]:
    """Files no output may replace: the register (and SQLite's companions), the autosaves, and
    the program's own settings, presets and log."""
    from desktop.services.conninfo import RegisterAddressRefused
    from desktop.services.paths import (
        REGISTER_FILE,
        autosave_dir,
        data_dir,
        own_files,
        register_path,
    )

    try:
        register = register_path()
    except RegisterAddressRefused:  # no register file is named: protect the default one
        register = data_dir() / REGISTER_FILE
    found = [register] + [
        register.with_name(register.name + s) for s in ("-wal", "-shm", "-journal")
    ]
    with contextlib.suppress(OSError):
        found += [p for p in autosave_dir().iterdir()]
    return found + own_files()


class KeptFiles:
    """Files an output must not replace, known by device and inode (when they exist) and by
    resolved path: built once, then each output is checked in constant time (a batch of a
    thousand drafts checks two thousand outputs)."""

    def __init__(self, inputs: Iterable[Path] = ()) -> None:
        self._by_identity: dict[tuple[int, int], tuple[Path, bool]] = {}
        self._by_path: dict[Path, tuple[Path, bool]] = {}
        for path in inputs:
            self._add(Path(path), is_input=True)
        for path in protected_files():
            self._add(path, is_input=False)

    def _add(self, path: Path, *, is_input: bool) -> None:
        identity = _identity(path)
        if identity is not None:
            self._by_identity.setdefault(identity, (path, is_input))
        resolved = _resolved(path)
        if resolved is not None:
            self._by_path.setdefault(resolved, (path, is_input))

    def clash(
        self, target: tuple[int, int] | None, resolved: Path | None
    ) -> tuple[Path, bool] | None:
        """The kept file an output would replace (and whether it is an input), or None."""
        if target is not None:
            return self._by_identity.get(target)
        return self._by_path.get(resolved) if resolved is not None else None


def check_output(
    path: Path, *, inputs: Iterable[Path] | KeptFiles = (), suffix: str | None = None
) -> None:
    """Refuse (``OutputRefused``) an output that would replace an input or is not a file.

    ``inputs`` are the files being read (the drafts), or a ``KeptFiles`` built once for many
    outputs; the register and the autosaves are always protected. Identity is the device and
    inode, so a symbolic or hard link to an input is seen for what it is; a name that does not
    exist yet is compared by its resolved path. ``suffix`` (``.pdf``, ``.docx``), when given,
    must end the name.
    """
    path = Path(path)
    name = path.name
    if not name or str(path).endswith(("/", "\\")):
        raise OutputRefused(f"« {path} » n’est pas un nom de fichier.", path)
    if len(os.fsencode(name)) > NAME_MAX:
        raise OutputRefused(
            f"« {path} » : le nom du fichier est trop long (au plus {NAME_MAX} octets).", path
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except ValueError as exc:  # a NUL character in the name
        raise OutputRefused(f"« {path} » n’est pas un nom de fichier possible.", path) from exc
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputRefused(f"« {path} » : le chemin est trop long.", path) from exc
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "un dossier" if stat.S_ISDIR(info.st_mode) else "un périphérique ou un tube"
        raise OutputRefused(f"« {path} » est {kind}, pas un fichier : rien n’y est écrit.", path)
    kept = inputs if isinstance(inputs, KeptFiles) else KeptFiles(inputs)
    target = (info.st_dev, info.st_ino) if info is not None else None
    clash = kept.clash(target, _resolved(path) if target is None else None)
    if clash is not None:
        other, is_input = clash
        what = (
            "le brouillon lu"
            if is_input
            else "un fichier de Communiqué (registre des numéros, sauvegarde automatique, réglages)"
        )
        raise OutputRefused(
            f"« {path} » désigne {what} « {other} » : il serait remplacé. "
            "Choisissez un autre chemin.",
            path,
        )
    if suffix is not None and path.suffix.lower() != suffix:
        raise OutputRefused(
            f"« {path} » doit se terminer par « {suffix} » : ce chemin "
            f"recevra un fichier {suffix[1:].upper()}.",
            path,
        )


def _resolved(path: Path) -> Path | None:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def atomic_write(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` so that ``path`` holds either its old content or all of ``data``
    (``private``: readable by its owner only, 0600, whatever the umask)."""
    atomic_write_all([(Path(path), data)], private=private)


def atomic_write_all(
    outputs: list[tuple[Path, bytes]], *, follow_links: bool = True, private: bool = False
) -> None:
    """Write several files together: all of them, or none.

    Each is written in full to a temporary file beside it and synced first; only when all are
    ready are they renamed into place. A refused folder, a missing one or a full disk leaves
    every target as it was. When a rename fails after others succeeded (a file made immutable,
    a share that went away), the ones already replaced get their earlier content back (kept as
    a hard link until the end; where the file system has none, the earlier files stay replaced
    and the log says so).

    ``follow_links``: a target that is a symbolic link is written where the link points (a
    draft kept as a link stays a link). The gate passes False: an output replaces the path
    itself, so a link swapped in after the check is replaced, never written through.

    ``private``: the files hold personal data (addresses, names): readable and writable by
    their owner only (0600), whatever the umask or an earlier file's permissions.
    """
    staged: list[tuple[Path, Path]] = []
    kept: dict[Path, Path | None] = {}
    replaced: list[Path] = []
    try:
        for path, data in outputs:
            target = _through_links(Path(path)) if follow_links else Path(path)
            staged.append((_stage(target, data, private=private), target))
        for _tmp, path in staged:
            kept[path] = _keep(path)
        for tmp, path in staged:
            try:
                portable.replace(tmp, path)
            except OSError as exc:
                _restore(replaced, kept)
                raise _about(exc, path) from exc
            replaced.append(path)
    except OSError as exc:
        log.warning("write failed, nothing replaced: %s", exc)
        raise
    finally:
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for backup in kept.values():
            if backup is not None and backup is not _NOTHING_THERE:
                with contextlib.suppress(OSError):
                    backup.unlink()
    for folder in {path.parent for _tmp, path in staged}:
        _sync_folder(folder if str(folder) else Path())


_NOTHING_THERE = Path()
"""``_keep``'s answer for a target that did not exist: undoing its write removes it."""


def _keep(path: Path) -> Path | None:
    """A hard link to ``path``'s current file under a temporary name, to undo its replacement;
    ``_NOTHING_THERE`` when there is no file; None when it cannot be kept."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return _NOTHING_THERE
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    backup = path.with_name(f"{_tmp_prefix(path.name)}{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}")
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        return None
    return backup


def _restore(replaced: list[Path], kept: dict[Path, Path | None]) -> None:
    """Undo the renames already done: each target gets its earlier file back."""
    for path in reversed(replaced):
        backup = kept.get(path)
        try:
            if backup is _NOTHING_THERE:
                path.unlink()
            elif backup is not None:
                portable.replace(backup, path)
                kept[path] = None
            else:
                log.warning("could not restore %s after a failed write", path)
        except OSError as exc:
            log.warning("could not restore %s after a failed write: %s", path, exc)


def _through_links(path: Path) -> Path:
    """The file a symbolic link points to (so the link stays a link), else ``path`` itself."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return path


def _stage(path: Path, data: bytes, *, private: bool = False) -> Path:
    """``data`` in a synced temporary file in ``path``'s folder, with ``path``'s permissions
    (0600 when ``private``)."""
    folder = path.parent if str(path.parent) else Path()
    sweep_stale(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=_tmp_prefix(path.name), suffix=_TMP_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise _about(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        portable.copy_mode(tmp, PRIVATE_FILE if private else _mode_for(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _about(exc, path) from exc
        raise
    return tmp


def _tmp_prefix(name: str) -> str:
    """``.NAME.``, the name shortened if need be so the temporary name (8 random characters and
    ``.tmp`` added) stays within the file system's limit: a legal name is never refused."""
    room = NAME_MAX - 2 - 8 - len(_TMP_SUFFIX)
    raw = os.fsencode(name)
    if len(raw) > room:
        name = raw[:room].decode("utf-8", errors="ignore") or "x"
    return f".{name}."


def sweep_stale(folder: Path) -> None:
    """Remove, once per folder and process, our temporary files that a killed process left:
    only regular files named as ours (``.NAME.XXXXXXXX.tmp``), owned by us, older than
    ``STALE_AFTER_S``."""
    key = Path(folder).absolute()
    if key in _swept:
        return
    _swept.add(key)
    now = time.time()
    uid = portable.user_id()
    try:
        entries = list(os.scandir(key))
    except OSError:
        return
    for entry in entries:
        if not _TMP_PATTERN.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and now - info.st_mtime > STALE_AFTER_S
                and (uid is None or info.st_uid == uid)
            ):
                Path(entry.path).unlink()


def _about(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the person asked for rather than a temporary one."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))


PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) for files holding personal data: a folder this
    creates is 0700; an existing one is left as it is (a team may share it on purpose)."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        portable.copy_mode(folder, PRIVATE_FOLDER)  # mkdir's mode passes through the umask


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return portable.new_file_mode()


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
    if isinstance(exc, OutputRefused | InputRefused):
        return exc.message
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
    if exc.errno == errno.ELOOP:
        return f"{where} : trop de liens symboliques (un lien pointe sur lui-même ?)."
    if exc.errno in (errno.ENXIO, errno.ENODEV):
        return f"{where} : périphérique absent ou inutilisable."
    if exc.errno == errno.ETXTBSY:
        return f"{where} : le fichier est en cours d’utilisation."
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return f"{where} : trop de fichiers ouverts ; réessayez."
    code = errno.errorcode.get(exc.errno or 0, exc.__class__.__name__)
    return f"{where} : erreur du système ({code})."  # the system’s own words are English


class FileError(OutsideError):
    """A file or folder the system would not read or write, said as ``describe_os_error`` says
    it (exit code 1). ``explain_os_errors`` turns an ``OSError`` into one."""


@contextlib.contextmanager
def explain_os_errors(path: Path | str | None = None) -> Iterator[None]:
    """Inside the block, an ``OSError`` becomes a ``FileError`` naming ``path`` (by default the
    file the system names). Our own ``OutputRefused`` and ``InputRefused`` keep their sentence
    and, like every file failure met here, exit with 1."""
    try:
        yield
    except OSError as exc:
        where = path if path is not None else (exc.filename or "")
        raise FileError(describe_os_error(exc, where)) from exc
