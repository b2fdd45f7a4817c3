"""What differs between Linux, macOS and Windows in how files are handled: the one module that
uses file locks, permissions, the user's identity, process checks and file replacement
(``tests/test_portability_rules.py`` forbids ``fcntl``, ``msvcrt``, ``signal``, ``os.chmod``,
``os.umask``, ``os.getuid``, ``os.kill``, ``os.rename`` and ``os.replace`` anywhere else in
``desktop/``).

Each function takes ``windows`` (None: whether this is Windows, read from ``WINDOWS`` at each
call) so that the tests run the Windows branch here, on Linux, with the same code:

- **locks**: POSIX has ``flock``; Windows's byte-range locks (``msvcrt.locking``) need a handle
  kept open on the file, and an open handle there stops the file's replacement (saving the
  numbered draft). The Windows branch therefore locks a lock file beside the locked file
  (``.NAME.lock``, removed after use) with ``msvcrt.locking`` (``flock`` when that branch runs here,
  in the tests): both are held by one handle and dropped by the system when the process dies, so
  a dead holder leaves no stale lock to judge and no one can take a live holder's lock, which an
  ``O_EXCL`` lock file judged stale by its age could not promise;
- **replacement**: ``os.replace`` on Windows fails with ``PermissionError`` while another program
  (an antivirus, the search indexer, a file-sync client) holds the target open for a moment: it is
  tried again a few times before giving up;
- **permissions and identity**: Windows has no POSIX modes or user ids; a new file keeps the
  default permissions of its folder, and ownership is never compared.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.core.errors import OutsideError

WINDOWS = sys.platform == "win32"
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_S = 0.05
"""Windows: how often and how long a replacement refused by a briefly open target is retried
(0.05 s, then 0.1 s… about two seconds in all)."""


class LockBusy(OutsideError):
    """Another process holds the lock (callers wait and try again, or say so in French)."""


class LockUnsupported(OutsideError):
    """The file system cannot lock (some network shares): callers carry on without a lock."""


# ---------------------------------------------------------------- identity and permissions


def on_windows(windows: bool | None = None) -> bool:
    """``windows`` when given, else whether this is Windows (``WINDOWS``, which tests set)."""
    return WINDOWS if windows is None else windows


def user_id(*, windows: bool | None = None) -> int | None:
    """The user's numeric id, or None where there is none (Windows)."""
    if on_windows(windows) or not hasattr(os, "getuid"):
        return None
    return os.getuid()


def account_name(*, windows: bool | None = None) -> str:
    """The operating-system account this process runs under, as the system knows it, never as
    the environment says (``USER``, ``LOGNAME``, ``USERNAME`` are the caller's to set): the user
    database's name on POSIX, or ``uid N`` for a user id it does not list (a container's user,
    a directory that did not answer); on Windows the logon name of the process's token. Empty
    when it cannot be known (sign-off then refuses to approve)."""
    if on_windows(windows):
        return _windows_logon()
    if not hasattr(os, "getuid"):
        return ""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return f"uid {os.getuid()}"


def _windows_logon() -> str:  # pragma: no cover - Windows only (tests replace it)
    """The account of the process's token (``GetUserNameW``), or empty."""
    try:
        import ctypes

        size = ctypes.c_ulong(257)
        buffer = ctypes.create_unicode_buffer(size.value)
        advapi = ctypes.windll.advapi32  # type: ignore[attr-defined,unused-ignore]
        if advapi.GetUserNameW(buffer, ctypes.byref(size)):
            return str(buffer.value)
    except (ImportError, AttributeError, OSError):
        pass
    return ""


def owned_by_user(info: os.stat_result, *, windows: bool | None = None) -> bool | None:
    """Whether the file described by ``info`` is the user's; None when it cannot be known."""
    uid = user_id(windows=windows)
    return None if uid is None else info.st_uid == uid


def new_file_mode() -> int:
    """The permissions a new file gets here (``0o666`` less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def copy_mode(path: Path, mode: int, *, windows: bool | None = None) -> None:
    """Give ``path`` the POSIX permissions ``mode``. Windows has only a read-only flag, and a
    new temporary file must stay writable until it is renamed: nothing is done there."""
    if on_windows(windows):
        return
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def process_running(pid: int, *, windows: bool | None = None) -> bool:
    """Whether a process with this id runs (one of another user counts: it runs)."""
    if on_windows(windows):  # pragma: no cover - os.kill(pid, 0) would end it on Windows
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        kernel.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------- replacement


def replace(
    source: Path | str,
    target: Path | str,
    *,
    windows: bool | None = None,
    rename: Callable[[Path | str, Path | str], None] | None = None,
    pause: Callable[[float], None] = time.sleep,
) -> None:
    """Rename ``source`` over ``target`` atomically. On Windows a ``PermissionError`` (the
    target briefly open in another program) is retried ``REPLACE_ATTEMPTS`` times."""
    attempts = REPLACE_ATTEMPTS if on_windows(windows) else 1
    for attempt in range(attempts):
        try:
            (rename or os.replace)(source, target)  # looked up at each call: tests replace it
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            pause(REPLACE_PAUSE_S * (attempt + 1))


# ---------------------------------------------------------------- locks


def lock_file_for(path: Path) -> Path:
    """The lock file that stands for a lock on ``path`` (Windows branch)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def try_exclusive_lock(
    path: Path, fd: int | None, *, windows: bool | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (opened as ``fd`` on POSIX; on Windows no
    handle may stay open on it, or the file could not be replaced: its lock file is locked),
    without waiting: raises ``LockBusy`` when another process holds it, ``LockUnsupported`` when
    the file system cannot lock. The lock is released when the block ends."""
    if on_windows(windows) or fd is None:
        with _lock_file(path):
            yield
        return
    _lock_handle(fd, path)
    try:
        yield
    finally:
        _unlock_handle(fd)


def _lock_handle(fd: int, path: Path) -> None:
    """Lock the open file ``fd`` for this handle alone, without waiting."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # the first byte, past the end of an empty file
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                raise LockBusy(str(path)) from None
            raise LockUnsupported(str(exc)) from exc
        return
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise LockBusy(str(path)) from None
    except OSError as exc:
        raise LockUnsupported(str(exc)) from exc


def _unlock_handle(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def waiting_exclusive_lock(
    path: Path,
    fd: int | None,
    *,
    wait: float,
    poll: float = 0.02,
    windows: bool | None = None,
) -> Iterator[bool]:
    """``try_exclusive_lock`` tried again every ``poll`` seconds for up to ``wait`` seconds:
    yields True with the lock held, False where the file system cannot lock (the caller's own
    guard then applies); raises ``LockBusy`` once ``wait`` has passed. The one waiting loop of
    the register's draft lock and the press room's folder lock."""
    deadline = time.monotonic() + wait
    with contextlib.ExitStack() as held:
        while True:
            try:
                held.enter_context(try_exclusive_lock(path, fd, windows=windows))
                locked = True
                break
            except LockBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(poll)
            except LockUnsupported:
                locked = False
                break
        yield locked


@contextlib.contextmanager
def _lock_file(path: Path) -> Iterator[None]:
    """The lock on ``path``'s lock file, held by its open handle. On release the lock file is
    removed: on POSIX while still locked, so whoever has locked a file removed meanwhile sees it
    and tries again; on Windows, where no open file can be removed, once closed, which fails
    while anyone else has it open (the empty file then stays)."""
    lock = lock_file_for(path)
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o600)
        except OSError as exc:  # a read-only folder: no lock can be taken there
            raise LockUnsupported(str(exc)) from exc
        try:
            _lock_handle(fd, path)
        except OutsideError:
            os.close(fd)
            raise
        try:
            named = lock.stat()
        except OSError:
            named = None
        held = os.fstat(fd)
        if named is not None and (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)  # removed by its last holder after this handle opened it: lock the new one
    try:
        yield
    finally:
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                lock.unlink()
        _unlock_handle(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                lock.unlink()
