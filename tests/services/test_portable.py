"""The portability module, both branches run here: POSIX as it is, Windows by passing
``windows=True`` (or setting ``portable.WINDOWS``) so its code runs on Linux unchanged."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

import pytest

from desktop.services import files, portable


@pytest.fixture(params=[False, True], ids=["posix", "windows"])
def windows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(portable, "WINDOWS", request.param)
    return bool(request.param)


def test_identity_is_unknown_on_windows(tmp_path: Path, windows: bool) -> None:
    (tmp_path / "f").write_bytes(b"x")
    info = (tmp_path / "f").stat()
    if windows:
        assert portable.user_id() is None
        assert portable.owned_by_user(info) is None
    else:
        assert portable.user_id() == os.getuid()
        assert portable.owned_by_user(info) is True


def test_copy_mode_only_on_posix(tmp_path: Path, windows: bool) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    path.chmod(0o644)
    portable.copy_mode(path, 0o600)
    assert stat.S_IMODE(path.stat().st_mode) == (0o644 if windows else 0o600)


def test_an_atomic_write_works_in_both_branches(tmp_path: Path, windows: bool) -> None:
    target = tmp_path / "sortie.pdf"
    target.write_bytes(b"old")
    files.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sortie.pdf"]


def test_replace_retries_a_target_held_open_on_windows(tmp_path: Path) -> None:
    """Windows refuses to replace a file another program holds open for a moment (an
    antivirus scan): the replacement is tried again and succeeds once the file is let go."""
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    refusals = iter([True, True, False])
    pauses: list[float] = []

    def rename(a: Path | str, b: Path | str) -> None:
        if next(refusals):
            raise PermissionError(13, "The process cannot access the file", str(b))
        os.replace(a, b)

    portable.replace(source, target, windows=True, rename=rename, pause=pauses.append)
    assert target.read_bytes() == b"new" and not source.exists()
    assert len(pauses) == 2


def test_replace_gives_up_after_its_attempts_and_posix_does_not_retry(tmp_path: Path) -> None:
    calls: list[int] = []

    def refuse(a: Path | str, b: Path | str) -> None:
        calls.append(1)
        raise PermissionError(13, "denied", str(b))

    with pytest.raises(PermissionError):
        portable.replace("a", "b", windows=True, rename=refuse, pause=lambda _s: None)
    assert len(calls) == portable.REPLACE_ATTEMPTS
    calls.clear()
    with pytest.raises(PermissionError):
        portable.replace("a", "b", windows=False, rename=refuse, pause=lambda _s: None)
    assert len(calls) == 1


def test_a_lock_is_exclusive_and_released(tmp_path: Path, windows: bool) -> None:
    path = tmp_path / "brouillon.communique"
    path.write_bytes(b"{}")
    first = os.open(path, os.O_RDONLY)
    second = os.open(path, os.O_RDONLY)  # another open file, as another process would have
    try:
        with (
            portable.try_exclusive_lock(path, first),
            pytest.raises(portable.LockBusy),
            portable.try_exclusive_lock(path, second),
        ):
            pass
        with portable.try_exclusive_lock(path, second):
            pass
    finally:
        os.close(first)
        os.close(second)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brouillon.communique"]


def test_a_lock_file_left_by_a_dead_process_is_taken_at_once(tmp_path: Path) -> None:
    path = tmp_path / "brouillon.communique"
    path.write_bytes(b"{}")
    lock = portable.lock_file_for(path)
    lock.write_text("4242")  # left by a process that died while numbering: nothing holds it
    assert lock.name == ".brouillon.communique.lock"
    with portable.try_exclusive_lock(path, None, windows=True):
        assert lock.exists()
    assert not lock.exists()
    assert path.read_bytes() == b"{}"


def test_a_held_lock_is_never_taken_however_old_its_lock_file_looks(tmp_path: Path) -> None:
    """A holder slower than any staleness limit (a suspended laptop, a stalled share) keeps its
    lock: the old lock file, judged stale after two minutes, was deleted under it."""
    path = tmp_path / "brouillon.communique"
    path.write_bytes(b"{}")
    lock = portable.lock_file_for(path)
    with portable.try_exclusive_lock(path, None, windows=True):
        os.utime(lock, (0, 0))  # as old as a lock left by a process that died long ago
        with (
            pytest.raises(portable.LockBusy),
            portable.try_exclusive_lock(path, None, windows=True),
        ):
            pass
        assert lock.exists()


def test_two_takers_of_a_dead_process_lock_file_never_both_hold_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: B looks at the lock file left by a dead process; before B acts, A takes it
    over and holds it; B must then not take it from A. A runs inside B's look at the file (a
    hook on ``Path.stat``), so the interleaving is the same on every run."""
    path = tmp_path / "brouillon.communique"
    path.write_bytes(b"{}")
    lock = portable.lock_file_for(path)
    lock.write_text("4242")
    os.utime(lock, (0, 0))  # long dead
    holding: list[str] = []
    real_stat = Path.stat

    def stat_then_let_a_in(self: Path, **kwargs: bool) -> os.stat_result:
        seen = real_stat(self, **kwargs)
        if self == lock and not rival.is_set():
            rival.set()
            try:
                held.enter_context(portable.try_exclusive_lock(path, None, windows=True))
                holding.append("A")
            except portable.LockBusy:
                pass
        return seen

    rival = threading.Event()
    monkeypatch.setattr(Path, "stat", stat_then_let_a_in)
    with contextlib.ExitStack() as held:
        with contextlib.suppress(portable.LockBusy):
            held.enter_context(portable.try_exclusive_lock(path, None, windows=True))
            holding.append("B")
        monkeypatch.undo()
        assert rival.is_set()  # A did come in between
        assert len(holding) == 1, holding
    assert not lock.exists()


def test_a_folder_where_no_lock_file_can_be_made_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "brouillon.communique"
    with (
        pytest.raises(portable.LockUnsupported),
        portable.try_exclusive_lock(path, None, windows=True),
    ):
        pass


def test_the_account_comes_from_the_user_database_on_posix_and_the_logon_on_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    monkeypatch.setenv("USER", "quelquun-dautre")
    monkeypatch.setenv("LOGNAME", "quelquun-dautre")
    assert portable.account_name(windows=False) == pwd.getpwuid(os.getuid()).pw_name
    # Windows: the logon of the process's token, never USERNAME (``set USERNAME=chef``)
    monkeypatch.setenv("USERNAME", "chef.de.cabinet")
    monkeypatch.setattr(portable, "_windows_logon", lambda: "agent.presse")
    assert portable.account_name(windows=True) == "agent.presse"
    monkeypatch.setattr(portable, "_windows_logon", lambda: "")
    assert portable.account_name(windows=True) == ""  # unknown: sign-off refuses to approve


@pytest.mark.parametrize("windows", [False, True], ids=["posix", "windows"])
def test_the_waiting_lock_waits_for_a_release_and_gives_up_after_its_wait(
    tmp_path: Path, windows: bool
) -> None:
    import threading

    path = tmp_path / "salle"
    path.write_bytes(b"")
    first = None if windows else os.open(path, os.O_RDONLY)
    second = None if windows else os.open(path, os.O_RDONLY)
    released = threading.Event()
    try:
        holder = portable.try_exclusive_lock(path, first, windows=windows)
        holder.__enter__()
        with (
            pytest.raises(portable.LockBusy),
            portable.waiting_exclusive_lock(path, second, wait=0.1, windows=windows),
        ):
            pass
        timer = threading.Timer(0.2, lambda: (holder.__exit__(None, None, None), released.set()))
        timer.start()
        with portable.waiting_exclusive_lock(path, second, wait=30, windows=windows) as locked:
            assert locked and released.is_set()
        timer.join()
    finally:
        for fd in (first, second):
            if fd is not None:
                os.close(fd)


def test_the_waiting_lock_yields_false_where_nothing_can_lock(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "salle"
    with portable.waiting_exclusive_lock(path, None, wait=5, windows=True) as locked:
        assert locked is False


def test_a_user_id_missing_from_the_user_database_is_its_number_not_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("USER", "directeur")
    monkeypatch.setenv("LOGNAME", "directeur")
    assert portable.account_name(windows=False) == f"uid {os.getuid()}"
