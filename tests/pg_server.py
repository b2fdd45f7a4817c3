"""A throw-away PostgreSQL cluster for the tests, on 127.0.0.1, started and stopped by them.

``initdb`` refuses to run as root (CI runs as root): the cluster then belongs to ``nobody``,
whose commands run through ``runuser``. Its files live in a temporary folder owned by that user,
removed at the end. Only the PostgreSQL binaries (Debian's ``postgresql`` package) are needed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

UNPRIVILEGED = "nobody"


def find_binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on the PATH, else Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bin: Path
    folder: Path
    port: int
    as_user: list[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", options: str = "") -> str:
        query = f"?options={options}" if options else ""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}{query}"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )

    def stop(self) -> None:
        try:
            self.pg_ctl("-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Create and start a cluster; ``RuntimeError`` with the reason when it cannot."""
    binaries = find_binaries()
    if binaries is None:
        raise FileNotFoundError(
            "PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's postgresql package"
        )
    folder = Path(tempfile.mkdtemp(prefix="communique-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            raise RuntimeError("running as root without runuser: cannot start PostgreSQL")
        as_user = [runuser, "-u", UNPRIVILEGED, "--"]
        shutil.chown(folder, user=UNPRIVILEGED)
        folder.chmod(0o700)
    cluster = Cluster(binaries, folder, _free_port(), as_user)
    try:
        subprocess.run(
            [
                *as_user,
                str(binaries / "initdb"),
                "-D",
                str(cluster.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
            cwd=folder,
        )
        options = (
            f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=60"
        )
        cluster.pg_ctl("-o", options, "-l", str(folder / "log"), "-w", "start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r}") from exc
    return cluster
