"""The office's own words (ministers' names, programmes, acronyms), kept in the register.

Stored in the register's ``office_words`` table through ``Database`` only, so a shared register
shares them with the whole office. What the speller accepts on top of the French dictionary is
``office_vocabulary``: these words plus the names of the contact directory, the header presets
and the ministries' headers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import CommuniqueError
from desktop.core.search import fold
from desktop.core.text import clean_text
from desktop.store.base import Store, register_exists
from desktop.store.database import Connection, Database, RegisterError, utc_now

log = logging.getLogger(__name__)

MAX_WORD_LENGTH = 80
_ONE_WORD = re.compile(r"^\w+(?:[’'\-.]\w+)*$")


class OfficeWordError(CommuniqueError, ValueError):
    """A word that cannot go into the office dictionary; the message is French."""


@dataclass(frozen=True)
class OfficeWord:
    word: str
    added_at: str
    added_by: str


@dataclass(frozen=True)
class ImportReport:
    added: tuple[str, ...]
    already: tuple[str, ...]


def validate_word(text: str) -> str:
    """The word as it will be stored, or ``OfficeWordError`` with the reason in French."""
    word = clean_text(text).strip()
    if not word:
        raise OfficeWordError("le mot est vide.")
    if len(word) > MAX_WORD_LENGTH:
        raise OfficeWordError(
            f"«\u00a0{word[:30]}…\u00a0» est trop long (au plus {MAX_WORD_LENGTH} caractères)."
        )
    if not _ONE_WORD.match(word) or "_" in word:
        raise OfficeWordError(
            f"«\u00a0{word}\u00a0» n’est pas un mot\u00a0: un seul mot, fait "
            "de lettres, de chiffres, de traits d’union ou d’apostrophes."
        )
    return word


def _who() -> str:
    from desktop.store.register import os_user

    return os_user()


class OfficeDictionary(Store):
    """The office words of one register; open it once and keep it, as for ``Register``."""

    def words(self) -> list[OfficeWord]:
        """Every word, in the order of a French reader (accents and case aside)."""
        rows = self.db.read("SELECT word, added_at, added_by FROM office_words")
        found = [OfficeWord(r["word"], r["added_at"], r["added_by"]) for r in rows]
        return sorted(found, key=lambda w: (fold(w.word), w.word))

    def add(self, text: str) -> bool:
        """Store one word; False when it was already there (in any case)."""
        return bool(self.add_many([text]).added)

    def add_many(self, texts: Iterable[str]) -> ImportReport:
        """Validate every word first (``OfficeWordError`` names the bad ones), then store them
        in one transaction."""
        good: list[str] = []
        problems: list[str] = []
        for text in texts:
            try:
                good.append(validate_word(text))
            except OfficeWordError as exc:
                problems.append(str(exc))
        if problems:
            raise OfficeWordError(
                " ".join(problems[:5])
                + (f" (et {len(problems) - 5} autres)" if len(problems) > 5 else "")
            )
        who, when = _who(), utc_now()

        def work(conn: Connection) -> ImportReport:
            added: list[str] = []
            already: list[str] = []
            for word in dict.fromkeys(good):
                exists = conn.execute(
                    "SELECT 1 FROM office_words WHERE folded = ?", (word.casefold(),)
                ).fetchone()
                if exists:
                    already.append(word)
                    continue
                conn.execute(
                    "INSERT INTO office_words (folded, word, added_at, added_by) "
                    "VALUES (?, ?, ?, ?)",
                    (word.casefold(), word, when, who),
                )
                added.append(word)
            return ImportReport(tuple(added), tuple(already))

        return self.db.write(work)

    def remove(self, text: str) -> bool:
        """Forget a word (in any case); False when it was not there."""
        folded = clean_text(text).strip().casefold()

        def work(conn: Connection) -> bool:
            cursor = conn.execute("DELETE FROM office_words WHERE folded = ?", (folded,))
            return cursor.rowcount > 0

        return self.db.write(work)


MAX_WORD_LIST_BYTES = 10_000_000
"""A word list to import: some 100,000 words at most (a FIFO or a device is never read)."""


def read_word_list(path: Path) -> list[str]:
    """One word a line (UTF-8); blank lines and lines starting with # are skipped. The file
    must be a regular file of at most ``MAX_WORD_LIST_BYTES`` (``InputRefused``)."""
    from desktop.services.files import read_limited

    data = read_limited(path, MAX_WORD_LIST_BYTES, what="fichier de mots")
    text = data.decode("utf-8-sig")
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def format_word_list(words: Iterable[str]) -> str:
    return "".join(f"{word}\n" for word in words)


def office_vocabulary(path: Path | None = None) -> list[str]:
    """Every word the speller takes from the office: the office dictionary, the directory's
    names and organisations, the header presets and the ministries' headers. A register that
    cannot be opened gives what the rest gives (logged, never raised)."""
    from desktop.core.header import known_header_words
    from desktop.store.presets import PresetsError, load_presets

    found: list[str] = sorted(known_header_words())
    try:
        found += [line for preset in load_presets() for line in preset.lines]
    except (PresetsError, OSError) as exc:
        log.warning("presets not read for spelling: %s", exc)
    if not register_exists(path):
        return found  # no register yet: nothing to read, and none is created for it
    try:
        with Database.open(path, max_wait=1.0) as db:
            found += [r["word"] for r in db.read("SELECT word FROM office_words")]
            for row in db.read("SELECT name, organisation FROM contacts"):
                found += [row["name"], row["organisation"]]
    except (RegisterError, OSError) as exc:
        log.warning("office words not read from the register: %s", exc)
    return found
