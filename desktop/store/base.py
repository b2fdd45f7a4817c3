"""What every part of the register (numbers, directory, lists, send log, office dictionary) does
the same way: open the register's database, hand it to its methods, close it.

``Store.open(target)`` finds the register as ``Database.open`` does (``target``, else
``COMMUNIQUE_REGISTER``, else the user's data folder; a ``postgresql://`` address is a server)
and brings an SQLite file's schema up to date. Open a part once and keep it, or use it in a
``with`` block; ``Store(db)`` shares a connection already open (one transaction across parts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from desktop.store.database import Database, Target, is_server


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: Target | None = None, *, max_wait: float | None = None) -> Self:
        """The part of the register at ``path`` (see the module); ``max_wait``: seconds to wait
        for a busy register (else ``COMMUNIQUE_REGISTER_WAIT``, else 20)."""
        return cls(Database.open(path, max_wait=max_wait))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def location(self) -> str:
        """The register as messages name it: its file, or its server (without password)."""
        return self.db.location


def register_exists(path: Target | None = None) -> bool:
    """Whether there is a register to read at ``path`` (else where ``open`` would look) without
    creating one: a server is always there to ask, a file once made."""
    if path is None:
        from desktop.services.paths import register_exists as configured

        return configured()
    return is_server(path) or Path(path).is_file()
