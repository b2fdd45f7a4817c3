"""Shared test set-up: Qt offscreen, GUI tests marked, a clean environment for every test."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import Cluster, start_cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from tests.helpers import SEED as EXAMPLE


def _session_folders() -> None:
    """Between tests too (a thread of one test may still run while the next is set up), the
    folders are throw-away ones: nothing ever reads or makes the real user's register."""
    import atexit
    import shutil
    import tempfile

    home = tempfile.mkdtemp(prefix="communique-tests-")
    atexit.register(shutil.rmtree, home, True)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(Path(home) / variable.lower())
    os.environ.pop("COMMUNIQUE_REGISTER", None)
    os.environ["COMMUNIQUE_SITE_SETTINGS"] = str(Path(home) / "site-settings.toml")  # never /etc


_session_folders()


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's real data, settings or register. The register is the
    default one (in the test's own data folder, not made yet): ``COMMUNIQUE_REGISTER`` is unset,
    since a register the user *names* and that is missing counts as unreachable (the outputs
    are marked PROJET), while the default location not made yet is an office without one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("COMMUNIQUE_REGISTER", raising=False)
    (home / "data" / "communique").mkdir(parents=True)  # where the default register goes
    monkeypatch.delenv("COMMUNIQUE_FONT_DIR", raising=False)
    # Never the machine's own /etc/communique/settings.toml: a file no test has written.
    monkeypatch.setenv("COMMUNIQUE_SITE_SETTINGS", str(home / "site-settings.toml"))


@pytest.fixture(autouse=True)
def _one_account_per_person(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sign-off compares accounts, not names (``store.identity``). The tests play two people by
    changing ``COMMUNIQUE_USER``: here each name stands for an operating-system account of its
    own (on PostgreSQL, the ``backend`` fixture connects each name as a role of its own). A test
    of the real accounts says so with ``@pytest.mark.real_accounts``."""
    if request.node.get_closest_marker("real_accounts") is not None:
        return
    from desktop.store import identity

    real = identity.os_account

    def account() -> str:
        name = os.environ.get("COMMUNIQUE_USER", "")
        return f"compte-{_person(name)}" if name.strip() else real()

    monkeypatch.setattr(identity, "os_account", account)


def _person(name: str) -> str:
    import hashlib

    from desktop.store.signoff import person_key

    return hashlib.sha256(person_key(name).encode()).hexdigest()[:10]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_unexpected_warning_in_our_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning in our loggers (``desktop.*``) is something that should not happen: a test
    that provokes one on purpose says so with ``@pytest.mark.logs_warnings``."""
    handler = _Warnings()
    logger = logging.getLogger("desktop")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(min(level or logging.WARNING, logging.WARNING))
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    if handler.records and request.node.get_closest_marker("logs_warnings") is None:
        said = "; ".join(f"{r.name}: {r.getMessage()}" for r in handler.records[:5])
        pytest.fail(f"unexpected warning in our logs: {said}", pytrace=False)


# ---------------------------------------------------------------- the register's two backends

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throw-away PostgreSQL cluster for the session (skips when the binaries are absent)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    try:
        cluster = start_cluster()
    except FileNotFoundError as exc:
        pytest.skip(f"PostgreSQL absent: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test against the SQLite file and against a fresh PostgreSQL schema: the same
    ``COMMUNIQUE_REGISTER`` variable chooses, as for a user."""
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = fresh_server_register(cluster)
        monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
        if request.node.get_closest_marker("real_accounts") is None:
            _connect_each_person_as_a_role(cluster, monkeypatch)
    return str(request.param)


def _connect_each_person_as_a_role(cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``COMMUNIQUE_USER`` connects as a login role of its own (made on first use): the
    server, not the name, tells two people apart."""
    import psycopg

    from desktop.store import database_pg

    real = database_pg.connect
    made: set[str] = set()

    def connect(url: str, *, timeout: int) -> database_pg._Connection:
        name = os.environ.get("COMMUNIQUE_USER", "")
        if name.strip() and url.startswith("postgresql://postgres@"):
            role = f"desk_{_person(name)}"
            if role not in made:
                with psycopg.connect(cluster.url(), autocommit=True) as conn:
                    exists = conn.execute(
                        "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)
                    ).fetchone()
                    if not exists:
                        conn.execute(f"CREATE ROLE {role} LOGIN SUPERUSER")
                made.add(role)
            url = url.replace("postgresql://postgres@", f"postgresql://{role}@", 1)
        return real(url, timeout=timeout)

    monkeypatch.setattr(database_pg, "connect", connect)


def fresh_server_register(cluster: Cluster, *, init: bool = True) -> str:
    """The address of an empty schema of the cluster, initialised unless ``init`` is False."""
    import uuid

    import psycopg

    from desktop.store.database import Database

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = cluster.url(options=f"-csearch_path%3D{schema}")
    if init:
        Database.open(url, migrate=True).close()
    return url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    kept = []
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "/gui/" in str(item.path):
            item.add_marker(pytest.mark.gui)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("backend") == "postgresql" and item.get_closest_marker("sqlite_only"):
            continue  # a test of the SQLite file itself (WAL, backups, damaged file)
        kept.append(item)
    items[:] = kept


# One headless Chromium for the whole session, defined here once: a fixture imported into each
# test module is a definition per module, and a second sync Playwright session in one process
# fails (« using Playwright Sync API inside the asyncio loop »).
from tests.render.browser import browser, chromium  # noqa: E402

__all__ = ["browser", "chromium"]
