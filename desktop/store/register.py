"""The numbering register: gives each release its number, once, and remembers it.

A number is taken from a counter row (one per series, and per year for a yearly series), never
from ``max() + 1`` over the entries alone: the counter and the new entry change in the same
transaction, so a process killed at any moment leaves either both or neither, and a cancelled
number or a deleted draft never frees its number. (The highest entry is also consulted, so a
damaged or hand-edited counter still cannot give a number twice; a UNIQUE index backs it.)

Issuing a draft (``issue_draft``) records the number first, then writes it into the draft. If the
process dies between the two, the entry remembers the draft's path and a hash of its bytes: the
next issue of that same, unchanged draft returns the same number (only while the entry is not
marked ``draft_written``, so a deleted draft's number is not handed to a new, identical draft at
the same place). Once written, the draft carries
a ``numbering`` stamp (register id, entry id) by which a second issue recognises it, and a copy of
a numbered draft is told apart from the draft itself.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import re
import socket
import string
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

from desktop.core.draft import DraftError, DraftFileError, parse_draft, problem
from desktop.core.embargo import PARIS
from desktop.core.kinds import DocumentKind, default_series, french_name
from desktop.core.model import Numbering, Release
from desktop.core.numbers import (
    DEFAULT_FORMAT,
    format_label,
    is_imported,
    label_shows,
    recorded_label,
    release_year,
)
from desktop.core.search import matches
from desktop.core.text import clean_text
from desktop.services.drafts import load_draft, read_draft_bytes, save_draft
from desktop.services.files import describe_os_error
from desktop.store.base import Store
from desktop.store.database import (
    DEFAULT_SERIES,
    Connection,
    Database,
    RegisterBusy,
    RegisterError,
    RegisterRefused,
    RegisterUnavailable,
    Target,
    utc_now,
)

__all__ = [
    "DEFAULT_FORMAT",
    "DEFAULT_SERIES",
    "DraftNotUpdated",
    "Entry",
    "IssueOutcome",
    "NeedsNew",
    "Policy",
    "Register",
    "RegisterError",
    "RegisterRefused",
    "RegisterUnavailable",
    "check_format",
    "format_label",
    "format_problem",
    "issue_draft",
    "label_shows",
    "number_format",
    "number_label",
    "release_year",
]

STATE_LABELS = {"issued": "attribué", "cancelled": "annulé"}
MAX_FORMAT_LENGTH = 80
MAX_SERIES_LENGTH = 40
MAX_NUMBER = 999_999_999

_pause_for_tests: Callable[[str], None] | None = None
"""Called at ``"allocating"`` (inside the transaction, before commit) and ``"recorded"`` (after
commit, before the draft is written): the crash tests stop a process there and kill it."""


class NeedsNew(RegisterRefused):
    """The draft holds a number this register cannot vouch for (typed by hand, from another
    register, cancelled, or a copy of another numbered draft): a fresh number replaces it only
    when the caller asks (``issue_draft(..., new=True)``; ``--new`` on the command line)."""


class NotNumbered(RegisterRefused):
    """A kind of document the register does not number (an invitation, by default)."""


class DraftNotUpdated(RegisterError):
    """The number is recorded but the draft could not be written; issuing again returns it."""

    def __init__(self, message: str, entry: Entry) -> None:
        super().__init__(message)
        self.entry = entry


# ---------------------------------------------------------------- plain data for callers


@dataclass(frozen=True)
class Policy:
    """How a series numbers: continuous or restarting each year, and how a number is shown."""

    series: str
    yearly: bool
    format: str

    def label(self, number: int, year: int) -> str:
        return format_label(self.format, number, year)


@dataclass(frozen=True)
class Entry:
    """One number of the register, as recorded."""

    id: str
    series: str
    number: int
    year: int
    label: str
    """The number as printed, in the display format of its series when it was issued: a later
    change of format leaves it as it was."""
    headline: str
    release_date: date | None
    draft_path: str
    issued_at: datetime
    issued_by: str
    state: str
    """``issued`` or ``cancelled``; ``state_label`` is the French word."""
    cancelled_at: datetime | None = None
    cancelled_by: str = ""
    cancel_reason: str = ""
    issued_on: str = ""
    """The machine the number was issued from (empty for numbers issued before it was kept)."""
    cancelled_on: str = ""
    replaces: str = ""
    """For a rectificatif, the id of the entry it cancels and replaces."""
    draft_written: bool = True
    """False while the number is recorded but not yet saved in its draft."""

    @property
    def cancelled(self) -> bool:
        return self.state == "cancelled"

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


@dataclass(frozen=True)
class IssueOutcome:
    entry: Entry
    release: Release
    """The release as the draft now holds it (``number`` and ``numbering`` set)."""
    reused: bool
    """True when the draft already had this number: nothing was consumed."""


# ---------------------------------------------------------------- the display format


_SAMPLE_NUMBERS = (1, 2, 7, 10, 11, 99, 100, 123, 1_000, 12_345, 123_456, 999_999_999)
_SAMPLE_YEARS = (1, 999, 2026, 9999)


def format_problem(fmt: str) -> str | None:
    """Why the display format ``fmt`` is refused, in French, or None when it is acceptable.

    For the form and the command line alike. Only ``{n}`` and ``{year}`` may appear (no
    attribute or index access), ``{n}`` must; and the format is tried on sample numbers: each
    must be printed in full in decimal digits (so ``{n:e}``, ``{n:g}``, ``{n:x}``, ``{n:c}``
    are refused), no two alike, with no control character, in a short text.
    """
    try:
        check_format(fmt)
    except RegisterRefused as exc:
        return str(exc)
    return None


def check_format(fmt: str) -> str:
    """The display format, cleaned, or ``RegisterRefused`` saying what is wrong with it
    (``format_problem`` gives the reason without the exception)."""
    fmt = clean_text(fmt, multiline=False).strip()
    if not fmt:
        raise RegisterRefused("Le format d’affichage est vide ; exemple : « N°{n} ».")
    if len(fmt) > MAX_FORMAT_LENGTH:
        raise RegisterRefused(f"Le format d’affichage dépasse {MAX_FORMAT_LENGTH} caractères.")
    if not fmt.isprintable():
        raise RegisterRefused(
            "Le format d’affichage contient un caractère invisible ou de contrôle."
        )
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        raise RegisterRefused(
            f"Format « {fmt} » invalide : accolades mal appariées. Pour une accolade "
            "littérale, doublez-la : {{ ou }}."
        ) from exc
    names = [name for _, name, _, _ in parts if name is not None]
    for _, name, spec, _ in parts:
        if name is None:
            continue
        if name not in ("n", "year"):
            raise RegisterRefused(
                f"Format « {fmt} » : champ « {{{name}}} » inconnu ; seuls {{n}} (le numéro) et "
                "{year} (l’année) sont permis."
            )
        if spec and ("{" in spec or re.search(r"\d{3,}", spec)):
            raise RegisterRefused(
                f"Format « {fmt} » : la mise en forme « {spec} » n’est pas admise."
            )
    if "n" not in names:
        raise RegisterRefused(f"Format « {fmt} » : {{n}} (le numéro) doit y figurer.")
    labels: dict[str, tuple[int, int]] = {}
    for year in _SAMPLE_YEARS:
        for n in _SAMPLE_NUMBERS:
            try:
                label = fmt.format(n=n, year=year)
            except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
                raise RegisterRefused(
                    f"Format « {fmt} » invalide : il ne s’applique pas à un numéro entier."
                ) from exc
            if not label.isprintable() or len(label) > MAX_FORMAT_LENGTH:
                raise RegisterRefused(
                    f"Format « {fmt} » : le numéro {n} s’afficherait « {_escaped(label)} », "
                    "avec un caractère de contrôle ou trop long."
                )
            if not label_shows(label, n) or ("year" in names and not label_shows(label, year)):
                what = "le numéro" if not label_shows(label, n) else "l’année"
                raise RegisterRefused(
                    f"Format « {fmt} » : {what} doit s’afficher en entier, en chiffres "
                    f"décimaux, séparé des autres chiffres ; le numéro {n} de {year} "
                    f"s’afficherait « {_escaped(label)} »."
                )
            if "year" not in names and year != _SAMPLE_YEARS[0]:
                continue  # without {year}, the same number looks the same every year
            if label in labels:
                other = labels[label]
                raise RegisterRefused(
                    f"Format « {fmt} » : deux numéros différents s’y affichent pareil "
                    f"(« {_escaped(label)} » pour le {other[0]} de {other[1]} et le {n} de "
                    f"{year})."
                )
            labels[label] = (n, year)
    return fmt


def _escaped(label: str) -> str:
    from desktop.core.text import shown

    return shown(label)


def number_label(release: Release, path: Path | None = None) -> str:
    """The number as the outputs print it: the label recorded when it was issued (kept in the
    draft, else in the register's entry), otherwise the series' current display format; empty
    without a number. Like ``number_format``, never fails and never creates a register."""
    if release.number is None:
        return ""
    recorded = recorded_label(release)
    if recorded is not None:
        return recorded
    return _label_from_register(release, release.number, path)


def _label_from_register(release: Release, number: int, path: Path | None) -> str:
    from desktop.services.paths import register_exists

    year = release_year(release)
    if path is None and not register_exists():
        return format_label(DEFAULT_FORMAT, number, year)
    if path is not None and not path.is_file():
        return format_label(DEFAULT_FORMAT, number, year)
    target = path
    stamp = release.numbering
    try:
        with Register.open(target, max_wait=1.0) as reg:
            if stamp is not None and stamp.register == reg.id:
                entry = reg.entry(stamp.entry)
                if entry is not None and entry.number == number:
                    return entry.label
            return reg.policy(stamp.series if stamp else DEFAULT_SERIES).label(number, year)
    except RegisterError:
        return format_label(DEFAULT_FORMAT, number, year)


def number_format(release: Release | None = None, path: Path | None = None) -> str:
    """The display format for ``release``'s number (its series', else the default series'),
    for export and preview. Never fails and never creates a register: a missing, locked or
    damaged register gives the default ``N°{n}``."""
    from desktop.services.paths import register_exists

    if not (path.is_file() if path is not None else register_exists()):
        return DEFAULT_FORMAT
    target = path
    series = release.numbering.series if release and release.numbering else DEFAULT_SERIES
    try:
        with Register.open(target, max_wait=1.0) as reg:
            return reg.policy(series).format
    except RegisterError:
        return DEFAULT_FORMAT


# ---------------------------------------------------------------- the register


USER_ENV_VAR = "COMMUNIQUE_USER"


def os_user() -> str:
    """Who issues the number: ``COMMUNIQUE_USER`` (a team's names for its officers), else the
    login name, as the operating system knows it."""
    chosen = clean_text(os.environ.get(USER_ENV_VAR, ""), multiline=False).strip()
    if chosen:
        return chosen[:100]
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return name or os.environ.get("USERNAME", "") or os.environ.get("USER", "") or "inconnu"


def machine_name() -> str:
    """Which machine did it (recorded beside who, since a team shares the register)."""
    try:
        return clean_text(socket.gethostname(), multiline=False).strip()[:100] or "inconnue"
    except OSError:
        return "inconnue"


def _utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Register(Store):
    """The numbering register (an SQLite file or a server); cheap to keep open in a window.

    ``clock`` gives the current time (UTC, aware); tests replace it to cross a new year.
    """

    def __init__(self, db: Database, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(db)
        self.clock = clock or (lambda: datetime.now(UTC))
        self._id: str | None = None

    @classmethod
    def open(
        cls,
        path: Target | None = None,
        *,
        max_wait: float | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Self:
        register = super().open(path, max_wait=max_wait)
        if clock is not None:
            register.clock = clock
        return register

    @property
    def id(self) -> str:
        if self._id is None:
            self._id = self.db.register_id()
        return self._id

    def current_year(self) -> int:
        return self.clock().astimezone(PARIS).year

    # -- policy

    def series(self) -> list[Policy]:
        rows = self.db.read("SELECT name, yearly, format FROM series ORDER BY name")
        return [Policy(r["name"], bool(r["yearly"]), r["format"]) for r in rows]

    def policy(self, series: str = DEFAULT_SERIES) -> Policy:
        rows = self.db.read("SELECT name, yearly, format FROM series WHERE name = ?", (series,))
        if not rows:
            raise self._unknown_series(series)
        return Policy(rows[0]["name"], bool(rows[0]["yearly"]), rows[0]["format"])

    def set_policy(
        self,
        series: str = DEFAULT_SERIES,
        *,
        yearly: bool | None = None,
        fmt: str | None = None,
        create: bool = False,
    ) -> Policy:
        """Change a series' policy (or create the series with ``create``); returns the new one."""
        name = clean_text(series, multiline=False).strip()
        if not name or len(name) > MAX_SERIES_LENGTH:
            raise RegisterRefused(f"Nom de série invalide : de 1 à {MAX_SERIES_LENGTH} caractères.")
        checked = check_format(fmt) if fmt is not None else None

        def work(conn: Connection) -> None:
            exists = conn.execute("SELECT 1 FROM series WHERE name = ?", (name,)).fetchone()
            if not exists:
                if not create:
                    raise self._unknown_series(name)
                conn.execute(
                    "INSERT INTO series (name, yearly, format) VALUES (?, ?, ?)",
                    (name, int(bool(yearly)), checked or DEFAULT_FORMAT),
                )
                return
            if yearly is not None:
                conn.execute("UPDATE series SET yearly = ? WHERE name = ?", (int(yearly), name))
            if checked is not None:
                conn.execute("UPDATE series SET format = ? WHERE name = ?", (checked, name))

        self.db.write(work)
        return self.policy(name)

    # -- the series of each kind of document

    def kind_series(self, kind: DocumentKind) -> str | None:
        """The series that numbers ``kind``: the office's choice, else the kind's default
        (``core.kinds``: communiqués ``CP``, the others unnumbered); None: not numbered."""
        rows = self.db.read("SELECT series FROM kind_series WHERE kind = ?", (str(kind),))
        if not rows:
            return default_series(kind)
        series = rows[0]["series"]
        return str(series) if series is not None else None

    def set_kind_series(self, kind: DocumentKind, series: str | None) -> None:
        """Number ``kind`` in ``series`` (which must exist), or not at all (None)."""
        if series is not None:
            series = self.policy(clean_text(series, multiline=False).strip()).series

        def work(conn: Connection) -> None:
            conn.execute(
                "INSERT INTO kind_series (kind, series) VALUES (?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET series = excluded.series",
                (str(kind), series),
            )

        self.db.write(work)

    def started(self, series: str = DEFAULT_SERIES) -> bool:
        """Whether ``series`` has a starting point: a number given, or a next number chosen
        (``set_next``). A series without one would start at N°1, which is rarely the office's
        next number: the window asks it, the command line wants it said."""

        return self.db.run(lambda conn: _has_started(conn, series))

    def next_number(self, series: str = DEFAULT_SERIES, year: int | None = None) -> int:
        """The number the next issue in ``series`` (and ``year``, for a yearly one) will get."""
        policy = self.policy(series)
        period = self._period(policy.yearly, year)
        return self.db.run(lambda conn: _next_free(conn, series, period))

    def set_next(
        self, number: int, *, series: str = DEFAULT_SERIES, year: int | None = None
    ) -> int:
        """Continue a sequence kept elsewhere (an office at 350 sets 351). A value at or below a
        number already given is refused: it would give that number again."""

        _check_next(number)
        return self.db.write(lambda conn: self._set_next_in(conn, number, series, year))

    def start_at(self, number: int, *, series: str = DEFAULT_SERIES) -> bool:
        """Set where ``series`` starts if it has never numbered, in one transaction with that
        check: False when it had started (another desk, another process got there first), so
        desks started at once with the same ``--start`` do not set it back under each other."""
        _check_next(number)

        def work(conn: Connection) -> bool:
            if _has_started(conn, series):
                return False
            self._set_next_in(conn, number, series, None)
            return True

        return self.db.write(work)

    def _set_next_in(self, conn: Connection, number: int, series: str, year: int | None) -> int:
        policy = self._policy_in(conn, series)
        period = self._period(policy.yearly, year)
        top = _highest(conn, series, period)
        if number <= top:
            row = conn.execute(
                "SELECT label FROM entries WHERE series = ? AND number = ? "
                "ORDER BY period = ? DESC, rowid DESC LIMIT 1",
                (series, top, period),
            ).fetchone()
            shown = row["label"] if row and row["label"] else f"numéro {top}"
            raise RegisterRefused(
                f"Impossible de reprendre à {number} : le {shown} a "
                f"déjà été attribué ; le prochain numéro doit être au moins {top + 1}."
            )
        counter = conn.execute(
            "SELECT next FROM counters WHERE series = ? AND period = ?", (series, period)
        ).fetchone()
        if counter is not None and number < int(counter["next"]):
            shown = policy.label(int(counter["next"]), year or self.current_year())
            raise RegisterRefused(
                f"Impossible de reprendre à {number} : le compteur des numéros ne recule "
                f"jamais, et le prochain numéro est déjà {shown} (un numéro sauté peut être "
                "attribué puis annulé, il reste dans le registre)."
            )
        conn.execute(
            "INSERT INTO counters (series, period, next) VALUES (?, ?, ?) "
            "ON CONFLICT (series, period) DO UPDATE SET next = excluded.next",
            (series, period, number),
        )
        return number

    # -- giving a number

    def allocate(
        self, release: Release, draft_path: str, draft_sha256: str, *, series: str = DEFAULT_SERIES
    ) -> tuple[Entry, bool]:
        """Record the next number for this draft, in one transaction; ``(entry, reused)``.

        If an entry of this series already points at the same path with the same bytes, the
        draft is the one a previous issue could not finish writing: that entry is returned.
        """
        year = release.date.year if release.date else self.current_year()
        _ = self.id  # read once, outside the transaction (a rectificatif names it)

        def work(conn: Connection) -> tuple[str, bool]:
            pending = conn.execute(
                "SELECT id FROM entries WHERE draft_path = ? AND draft_sha256 = ? AND series = ? "
                "AND state = 'issued' AND draft_written = 0 ORDER BY rowid DESC LIMIT 1",
                (draft_path, draft_sha256, series),
            ).fetchone()
            if pending:
                return str(pending["id"]), True
            policy = self._policy_in(conn, series)
            period = year if policy.yearly else 0
            number = _next_free(conn, series, period)
            entry_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO entries (id, series, period, number, year, label, headline, "
                "release_date, draft_path, draft_sha256, issued_at, issued_by, issued_on, "
                "replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry_id,
                    series,
                    period,
                    number,
                    year,
                    policy.label(number, year),
                    clean_text(release.headline, multiline=False),
                    release.date.isoformat() if release.date else None,
                    draft_path,
                    draft_sha256,
                    self.clock().astimezone(UTC).isoformat(timespec="seconds"),
                    os_user(),
                    machine_name(),
                    self._replaced_entry(conn, release),
                ),
            )
            conn.execute(
                "INSERT INTO counters (series, period, next) VALUES (?, ?, ?) "
                "ON CONFLICT (series, period) DO UPDATE SET next = excluded.next",
                (series, period, number + 1),
            )
            if _pause_for_tests:
                _pause_for_tests("allocating")
            return entry_id, False

        entry_id, reused = self.db.write(work)
        entry = self.entry(entry_id)
        assert entry is not None
        return entry, reused

    def _replaced_entry(self, conn: Connection, release: Release) -> str:
        """The entry a rectificatif replaces, when it names one of this register's entries."""
        replaces = release.replaces
        if replaces is None or replaces.register != self.id:
            return ""
        entry_id = replaces.entry
        row = conn.execute("SELECT id FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return entry_id if row else ""

    def replaced_by(self, entry_id: str) -> Entry | None:
        """The rectificatif that cancels and replaces ``entry_id``, if one was numbered."""
        rows = self.db.read(_SELECT + " WHERE e.replaces = ? ORDER BY e.rowid", (entry_id,))
        return _entry(rows[-1]) if rows else None

    # -- reading the register

    def entry(self, entry_id: str) -> Entry | None:
        rows = self.db.read(_SELECT + " WHERE e.id = ?", (entry_id,))
        return _entry(rows[0]) if rows else None

    def entries(
        self,
        *,
        search: str = "",
        year: int | None = None,
        series: str | None = None,
        state: str | None = None,
    ) -> list[Entry]:
        """Entries in the order they were issued; ``search`` matches words of the number (as
        shown or bare), headline, date (2026-11-03 or 03/11/2026), user, draft, state."""
        clauses, params = [], []
        for column, value in (("e.year", year), ("e.series", series), ("e.state", state)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.read(_SELECT + where + " ORDER BY e.rowid", tuple(params))
        found = [_entry(row) for row in rows]
        return [e for e in found if matches(search, _search_fields(e))] if search else found

    def find(
        self,
        number: int,
        *,
        series: str = DEFAULT_SERIES,
        year: int | None = None,
        draft: str | None = None,
    ) -> Entry:
        """The entry of ``number`` in ``series`` (``year`` settles a yearly series' repeats;
        ``draft``, a draft's path or file name, settles two entries of one year, which a
        register could hold from before a switch between continuous and yearly numbering)."""
        self.policy(series)
        hits = [e for e in self.entries(series=series, year=year) if e.number == number]
        if draft is not None:
            wanted = {draft, Path(draft).name}
            with contextlib.suppress(OSError, RuntimeError, ValueError):
                wanted.add(str(Path(draft).resolve()))
            hits = [e for e in hits if e.draft_path in wanted or Path(e.draft_path).name in wanted]
        if not hits:
            where = f" en {year}" if year is not None else ""
            of = f" pour « {draft} »" if draft is not None else ""
            raise RegisterRefused(
                f"Le numéro {number} de la série « {series} »{where}{of} n’a pas été attribué."
            )
        if len({e.year for e in hits}) > 1:
            years = ", ".join(str(e.year) for e in hits)
            raise RegisterRefused(
                f"Le numéro {number} de la série « {series} » a été attribué plusieurs années "
                f"({years}) : précisez l’année."
            )
        if len(hits) > 1:
            which = " ; ".join(
                f"le {e.label} attribué le {e.issued_at.astimezone(PARIS):%d/%m/%Y à %H:%M} "
                f"pour « {Path(e.draft_path).name} »"
                for e in hits
            )
            raise RegisterRefused(
                f"Le numéro {number} de la série « {series} » a été attribué deux fois en "
                f"{hits[0].year} ({which}) : précisez le brouillon (--draft)."
            )
        return hits[0]

    # -- changing an entry

    def cancel(
        self,
        number: int,
        *,
        series: str = DEFAULT_SERIES,
        year: int | None = None,
        reason: str = "",
        draft: str | None = None,
    ) -> Entry:
        """Mark a number cancelled: recorded with who and when; the number stays taken."""
        entry = self.find(number, series=series, year=year, draft=draft)
        return self.cancel_entry(entry.id, reason=reason)

    def cancel_entry(self, entry_id: str, *, reason: str = "") -> Entry:
        reason = clean_text(reason, multiline=False).strip()[:500]

        def work(conn: Connection) -> None:
            row = conn.execute(
                "SELECT state, cancelled_at FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                raise RegisterRefused("Cette entrée n’existe pas dans le registre.")
            if row["state"] == "cancelled":
                raise RegisterRefused(f"Ce numéro a déjà été annulé (le {row['cancelled_at']}).")
            conn.execute(
                "UPDATE entries SET state = 'cancelled', cancelled_at = ?, "
                "cancelled_by = ?, cancelled_on = ?, cancel_reason = ? WHERE id = ?",
                (utc_now(), os_user(), machine_name(), reason, entry_id),
            )

        self.db.write(work)
        entry = self.entry(entry_id)
        assert entry is not None
        return entry

    def mark_written(self, entry_id: str) -> None:
        """The draft now holds the number: the entry can no longer be claimed by path."""
        self.db.write(
            lambda conn: conn.execute(
                "UPDATE entries SET draft_written = 1 WHERE id = ? AND draft_written = 0",
                (entry_id,),
            )
        )

    def relocate(self, entry_id: str, draft_path: str) -> None:
        """The numbered draft was moved or renamed: remember where it is now."""
        self.db.write(
            lambda conn: conn.execute(
                "UPDATE entries SET draft_path = ? WHERE id = ?", (draft_path, entry_id)
            )
        )

    # -- helpers

    def _period(self, yearly: bool, year: int | None) -> int:
        return (year or self.current_year()) if yearly else 0

    def _policy_in(self, conn: Connection, series: str) -> Policy:
        row = conn.execute(
            "SELECT name, yearly, format FROM series WHERE name = ?", (series,)
        ).fetchone()
        if row is None:
            raise self._unknown_series(series)
        return Policy(row["name"], bool(row["yearly"]), row["format"])

    def _unknown_series(self, series: str) -> RegisterRefused:
        known = ", ".join(p.series for p in self.series()) or "aucune"
        return RegisterRefused(f"Série « {series} » inconnue dans le registre (séries : {known}).")


_SELECT = "SELECT e.*, s.format FROM entries e JOIN series s ON s.name = e.series"


def _entry(row: Any) -> Entry:
    return Entry(
        id=row["id"],
        series=row["series"],
        number=row["number"],
        year=row["year"],
        label=row["label"] or format_label(row["format"], row["number"], row["year"]),
        headline=row["headline"],
        release_date=date.fromisoformat(row["release_date"]) if row["release_date"] else None,
        draft_path=row["draft_path"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        issued_by=row["issued_by"],
        state=row["state"],
        cancelled_at=_utc(row["cancelled_at"]),
        cancelled_by=row["cancelled_by"] or "",
        cancel_reason=row["cancel_reason"] or "",
        draft_written=bool(row["draft_written"]),
        issued_on=row["issued_on"] or "",
        cancelled_on=row["cancelled_on"] or "",
        replaces=row["replaces"] or "",
    )


def _search_fields(entry: Entry) -> list[str]:
    day = entry.release_date
    return [
        entry.label,
        str(entry.number),
        entry.headline,
        entry.series,
        day.isoformat() if day else "",
        day.strftime("%d/%m/%Y") if day else "",
        entry.issued_at.astimezone(PARIS).date().isoformat(),
        entry.issued_by,
        entry.issued_on,
        Path(entry.draft_path).name,
        entry.state_label,
        entry.cancel_reason,
    ]


def _highest(conn: Connection, series: str, period: int) -> int:
    """The highest number a new one must follow. A series may have switched between continuous
    and yearly numbering: a continuous sequence (period 0) follows every number of the series,
    and a year's sequence also follows the continuous numbers given that year, so that no
    number is given twice in one year (the printed form may not show the year)."""
    if period == 0:
        row = conn.execute(
            "SELECT max(number) AS top FROM entries WHERE series = ?", (series,)
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT max(number) AS top FROM entries WHERE series = ? "
            "AND (period = ? OR (period = 0 AND year = ?))",
            (series, period, period),
        ).fetchone()
    return int(row["top"] or 0)


def _next_free(conn: Connection, series: str, period: int) -> int:
    row = conn.execute(
        "SELECT next FROM counters WHERE series = ? AND period = ?", (series, period)
    ).fetchone()
    counted = int(row["next"]) if row else 1
    return max(counted, _highest(conn, series, period) + 1)


# ---------------------------------------------------------------- issuing a draft


def _check_next(number: int) -> None:
    if not 1 <= number <= MAX_NUMBER:
        raise RegisterRefused(f"Le prochain numéro doit être un entier entre 1 et {MAX_NUMBER}.")


def _has_started(conn: Connection, series: str) -> bool:
    """Whether ``series`` has given a number or had its next number chosen."""
    return any(
        conn.execute(f"SELECT 1 FROM {table} WHERE series = ? LIMIT 1", (series,)).fetchone()
        for table in ("counters", "entries")
    )


def issue_draft(
    path: Path, *, series: str | None = None, new: bool = False, register: Register | None = None
) -> IssueOutcome:
    """Give the draft at ``path`` its number: record it, then write it into the draft. Its
    series is ``series``, else the one the register says for its kind of document
    (``Register.kind_series``); a kind the register does not number is refused
    (``NotNumbered``).

    A draft that already holds a number from this register gets it back and nothing is
    consumed. Raises ``DraftError`` (unreadable draft), ``NeedsNew`` (a number this register
    did not give; pass ``new=True`` to replace it), ``RegisterRefused``, ``RegisterUnavailable``
    (nothing recorded, draft untouched) or ``DraftNotUpdated`` (recorded, draft not written;
    issuing again returns the same number).
    """
    path = Path(path)
    read_draft_bytes(path)  # refuse a missing, oversized or non-regular draft before waiting
    reg = register or Register.open()
    try:
        with _draft_locked(path, reg.db.max_wait):
            return _issue_locked(reg, path, series=series, new=new)
    finally:
        if register is None:
            reg.close()


@contextlib.contextmanager
def _draft_locked(path: Path, max_wait: float) -> Iterator[None]:
    """Hold an exclusive lock on the draft while it is numbered: a second issue of the same
    draft (another process, another window) waits, then finds the number written and returns
    it, instead of taking a second number. The lock is on the file itself (through symbolic
    links; a lock file beside it on Windows: ``services.portable``); since saving replaces the
    file, a waiter that gets the lock on the old file tries again on the new one. Where the file
    system cannot lock, the check of the draft's bytes before writing still refuses a draft
    changed meanwhile."""
    from desktop.services import portable

    deadline = time.monotonic() + max_wait
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise DraftFileError([problem("", describe_os_error(exc, path))]) from exc
        held = os.fstat(fd)
        if portable.on_windows():  # an open handle there would stop the draft's replacement
            os.close(fd)
            fd = -1
        try:
            try:
                lock = portable.waiting_exclusive_lock(
                    path, None if fd < 0 else fd, wait=max(0.0, deadline - time.monotonic())
                )
                with lock as locked:  # not locked: the bytes check still guards
                    try:
                        current = path.stat()
                    except OSError:
                        current = None
                    if not locked or (
                        current is not None
                        and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino)
                    ):
                        yield
                        return
            except portable.LockBusy:
                raise RegisterBusy(
                    f"« {path} » est en cours de numérotation par un autre programme. "
                    "Réessayez dans un instant."
                ) from None
        finally:
            if fd >= 0:
                os.close(fd)


def _issue_locked(reg: Register, path: Path, *, series: str | None, new: bool) -> IssueOutcome:
    raw = read_draft_bytes(path)
    release = parse_draft(raw, source=str(path))
    if series is None:
        series = reg.kind_series(release.document)
        if series is None and release.number is None:
            raise NotNumbered(
                f"un document «\u00a0{french_name(release.document)}\u00a0» n’est pas numéroté "
                "dans ce registre (communique register kinds pour lui donner une série)."
            )
    if series is None:  # numbered before its kind stopped being: its number is kept
        series = release.numbering.series if release.numbering else DEFAULT_SERIES
    digest = hashlib.sha256(raw).hexdigest()
    where = str(path.resolve())
    known = _known_number(reg, release, path, where, new=new)
    if known is not None:
        if not known.draft_written:
            reg.mark_written(known.id)
        return IssueOutcome(replace(known, draft_written=True), release, reused=True)
    _refuse_hard_links(path)
    entry, reused = reg.allocate(release, where, digest, series=series)
    if _pause_for_tests:
        _pause_for_tests("recorded")
    numbered = replace(
        release,
        number=entry.number,
        numbering=Numbering(
            register=reg.id, entry=entry.id, series=entry.series, year=entry.year, label=entry.label
        ),
    )
    return _write(reg, path, numbered, entry, digest=digest, reused=reused)


def _refuse_hard_links(path: Path) -> None:
    """A draft with several names (hard links) is refused before a number is taken: saving it
    replaces one name by a new file, and the other names, left unnumbered, would each get
    another number."""
    try:
        links = path.stat().st_nlink
    except OSError:
        return  # reading it again will say what is wrong
    if links > 1:
        raise RegisterRefused(
            f"« {path} » a {links} noms (liens physiques) : l’attribution ne numéroterait que "
            "celui-ci, et les autres noms recevraient chacun un autre numéro. Faites-en une "
            "copie indépendante (ou supprimez les autres noms), puis recommencez."
        )


def _known_number(
    reg: Register, release: Release, path: Path, where: str, *, new: bool
) -> Entry | None:
    """The entry of the number the draft already holds, if it is this register's own."""
    stamp = release.numbering
    number = release.number
    if number is None:
        return None
    if stamp is None:
        if new:
            return None
        raise NeedsNew(
            f"« {path} » porte déjà le numéro {number}, qui n’a pas été attribué par le registre."
        )
    if stamp.register != reg.id:
        if new:
            return None
        if is_imported(stamp):
            raise NeedsNew(
                f"« {path} » porte le numéro « {stamp.label or number} », repris du document "
                "importé : ce n’est pas un numéro du registre."
            )
        raise NeedsNew(
            f"« {path} » a été numéroté ({number}) par un autre registre que « {reg.location} »."
        )
    entry = reg.entry(stamp.entry)
    if entry is None or entry.number != number or entry.series != stamp.series:
        if new:
            return None
        raise NeedsNew(
            f"Le numéro {number} de « {path} » ne correspond à aucune entrée du "
            f"registre « {reg.location} » (brouillon modifié à la main, ou registre "
            "restauré d’une sauvegarde plus ancienne)."
        )
    if entry.cancelled:
        if new:
            return None
        raise NeedsNew(f"Le {entry.label} de « {path} » a été annulé dans le registre.")
    if entry.draft_path != where:
        if _holds(Path(entry.draft_path), entry.id):
            if new:
                return None
            raise NeedsNew(
                f"« {path} » est une copie de « {entry.draft_path} », qui porte déjà "
                f"le {entry.label}."
            )
        reg.relocate(entry.id, where)
        entry = replace(entry, draft_path=where)
    if new:
        raise RegisterRefused(
            f"« {path} » porte déjà le {entry.label} de ce registre. Pour lui en donner un autre, "
            "annulez d’abord celui-ci dans le registre."
        )
    return entry


def _holds(path: Path, entry_id: str) -> bool:
    """True when the draft at ``path`` still carries the number of ``entry_id``."""
    try:
        release = load_draft(path)
    except DraftError:  # gone, unreadable or no longer a draft: it holds nothing
        return False
    return release.numbering is not None and release.numbering.entry == entry_id


def _write(
    reg: Register, path: Path, numbered: Release, entry: Entry, *, digest: str, reused: bool
) -> IssueOutcome:
    """Write the number into the draft, unless the draft changed since it was read."""
    try:
        current = read_draft_bytes(path)
    except DraftFileError as exc:
        raise DraftNotUpdated(_not_written(entry, path, str(exc)), entry) from exc
    if hashlib.sha256(current).hexdigest() != digest:
        if _holds(path, entry.id):  # another issue of the same draft finished first
            reg.mark_written(entry.id)
            return IssueOutcome(replace(entry, draft_written=True), load_draft(path), reused=True)
        fate = "reste réservé à sa version précédente"
        if not reused:
            reg.cancel_entry(entry.id, reason="brouillon modifié pendant l’attribution")
            fate = "a été annulé"
        raise RegisterRefused(
            f"« {path} » a été modifié pendant l’attribution du numéro : il n’a pas été changé, "
            f"et le {entry.label} {fate}. Recommencez l’attribution."
        )
    try:
        save_draft(numbered, path)
    except OSError as exc:
        raise DraftNotUpdated(
            _not_written(entry, path, describe_os_error(exc, path)), entry
        ) from exc
    with contextlib.suppress(RegisterError):  # the draft has its number: that is what counts
        reg.mark_written(entry.id)
    return IssueOutcome(replace(entry, draft_written=True), numbered, reused=reused)


def _not_written(entry: Entry, path: Path, why: str) -> str:
    return (
        f"Le {entry.label} est enregistré au registre, mais le brouillon « {path} » n’a pas "
        f"pu être modifié : {why} Recommencez l’attribution une fois le problème réglé : le "
        "même numéro sera rendu."
    )
