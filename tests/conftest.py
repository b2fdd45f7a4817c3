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


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's real data, settings or register."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("COMMUNIQUE_REGISTER", str(home / "register.sqlite"))
    monkeypatch.delenv("COMMUNIQUE_FONT_DIR", raising=False)
    # Never the machine's own /etc/communique/settings.toml: a file no test has written.
    monkeypatch.setenv("COMMUNIQUE_SITE_SETTINGS", str(home / "site-settings.toml"))


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
        url = fresh_server_register(request.getfixturevalue("pg_cluster"))
        monkeypatch.setenv("COMMUNIQUE_REGISTER", url)
    return str(request.param)


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
