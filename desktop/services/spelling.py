"""French spelling: which words of a text are unknown, and what the writer probably meant.

The dictionary is Grammalecte's Hunspell French dictionary (shipped in
``resources/dictionaries``, MPL 2.0), read by Enchant through pyenchant. Enchant is loaded once,
lazily (about 0.1 s), and is not thread-safe: a ``Speller`` serialises its calls with a lock, so the
form can check in a worker thread while the CLI checks in its own.

What is never flagged: numbers and anything with a digit (15h30, COVID-19, A7), single letters,
Roman numerals, URLs, e-mail addresses and domain names. Elisions (l’, qu’, jusqu’…) and hyphenated
words are checked part by part when the dictionary does not know the whole. The spellings of the
1990 reform that drop the circumflex on i and u (paraitre, aout) are accepted alongside the
classical ones (the dictionary already has the others: évènement, ognon, nénufar).

A capitalised or all-capitals word the dictionary does not know is a name more often than a typo:
it is flagged only when it is one letter away from a known word or from an entry of the office
dictionary (« Gouvernment », « GOVERNEMENT », « Pannier-Runacer »).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.addresses import address_spans
from desktop.core.errors import OutsideError

log = logging.getLogger(__name__)

LANGUAGE = "fr_FR"
MAX_SUGGESTIONS = 5
MAX_WORD_LENGTH = 40
"""Longer runs of letters are not words (French's longest common words have about 25 letters);
they are not checked (Hunspell's suggestions for a 30,000-letter run never end)."""
MIN_CHECKED_ACRONYM = 6
"""Words in capitals shorter than this are taken as acronyms (EY, SNCF, ADEME) unless known."""
MIN_NEAR_LENGTH = 5
"""A capitalised word shorter than this is never compared with known words (too many near)."""

UNAVAILABLE_NO_PACKAGE = (
    "Vérification orthographique indisponible\u00a0: le module pyenchant n’est pas installé "
    "(pip install pyenchant)."
)
UNAVAILABLE_NO_LIBRARY = (
    "Vérification orthographique indisponible\u00a0: la bibliothèque Enchant est absente de "
    "cet ordinateur (Debian et Ubuntu\u00a0: apt install libenchant-2-2\u202f; Fedora\u00a0: "
    "dnf install enchant2)."
)
UNAVAILABLE_NO_DICTIONARY = (
    "Vérification orthographique indisponible\u00a0: le dictionnaire français est introuvable "
    "ou illisible\u00a0; réinstallez Communiqué."
)


class SpellingUnavailable(OutsideError):
    """The engine or the dictionary cannot be loaded; the message is French, for the user."""


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_ROMAN = re.compile(r"^[IVXLCDM]+(?:e|er|re|ème|ᵉ)?$")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)[’'](.+)$", re.IGNORECASE)
_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"
_ACCENTED_CAPITALS = {"E": "ÉÈÊ", "A": "ÀÂ", "I": "Î", "O": "Ô", "U": "Û", "C": "Ç"}
_CIRCUMFLEX = {"i": "î", "u": "û"}


def _without_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """The words worth checking, with their place in ``text``: not the words of a web or
    e-mail address (``core.addresses.address_spans``, the rule the outputs link by)."""
    skipped = address_spans(text)
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group(0)
        if not 2 <= len(word) <= MAX_WORD_LENGTH or "_" in word or any(ch.isdigit() for ch in word):
            continue
        if any(s <= start < e for s, e in skipped) or _ROMAN.match(word):
            continue
        yield start, end, word


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _dictionary_stems(dic: Path) -> tuple[set[str], set[str]]:
    """The dictionary's entries (without their affix flags), lower-cased, and among them the
    common words (written in lower case there): what a capitalised unknown word is compared
    with. Reading them takes about 40 ms."""
    stems: set[str] = set()
    common: set[str] = set()
    with dic.open(encoding="utf-8") as lines:
        next(lines, None)  # the count of entries
        for line in lines:
            entry = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if entry:
                stems.add(entry.casefold())
                if entry.islower():
                    common.add(entry)
    return stems, common


def _prepare_config_dir(target: Path, source: Path) -> Path:
    """Enchant reads Hunspell files from ``$ENCHANT_CONFIG_DIR/hunspell`` and writes its own
    personal word files beside them, so it is pointed at a copy in the cache, never at the
    installed resources (which may be read-only)."""
    hunspell = target / "hunspell"
    hunspell.mkdir(parents=True, exist_ok=True)
    for name in (f"{LANGUAGE}.aff", f"{LANGUAGE}.dic"):
        wanted = source / name
        copy = hunspell / name
        if not copy.is_file() or copy.stat().st_size != wanted.stat().st_size:
            part = copy.with_suffix(copy.suffix + ".part")
            shutil.copyfile(wanted, part)
            part.replace(copy)
    return target


class Speller:
    """One loaded French dictionary plus the words of the office and the ones ignored."""

    def __init__(self, dictionary: Any, stems: set[str], common: set[str]) -> None:
        self._dictionary = dictionary
        self._stems = stems
        self._common = common
        self._lock = threading.Lock()
        self._office: set[str] = set()
        self._office_entries: set[str] = set()
        self._ignored: set[str] = set()
        self._known_cache: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ office words

    def set_office_words(self, entries: Iterable[str]) -> None:
        """The office dictionary plus names from the directory and presets (replaces them)."""
        office: set[str] = set()
        whole: set[str] = set()
        for entry in entries:
            for _, _, word in words(entry):
                office.add(word.casefold())
                whole.add(word)
        with self._lock:
            self._office = office
            self._office_entries = whole
            self._known_cache.clear()
            self._suggestions.clear()

    def add_office_word(self, entry: str) -> None:
        """One more office entry (just added to the register), keeping the others."""
        with self._lock:
            for _, _, word in words(entry):
                self._office.add(word.casefold())
                self._office_entries.add(word)
            self._known_cache.clear()
            self._suggestions.clear()

    def ignore(self, word: str) -> None:
        """Accepted for this session only (the form's *Ignorer*)."""
        with self._lock:
            self._ignored.add(word.casefold())
            self._known_cache.clear()

    # ------------------------------------------------------------------ checking

    def misspellings(self, text: str) -> list[Misspelling]:
        return [
            Misspelling(start, end, word)
            for start, end, word in words(text)
            if not self.is_known(word)
        ]

    def is_known(self, word: str) -> bool:
        with self._lock:
            known = self._known_cache.get(word)
            if known is None:
                known = self._known(word)
                if len(self._known_cache) > 50_000:
                    self._known_cache.clear()
                self._known_cache[word] = known
            return known

    def _check(self, word: str) -> bool:
        return bool(self._dictionary.check(word))

    def _known(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self._office or folded in self._ignored or self._check(word):
            return True
        if _is_capitalised(word):
            return self._accepted_name(word)
        return self._known_plain(word)

    def _known_plain(self, word: str) -> bool:
        """A lower-case word: the dictionary, then its parts, then the 1990 spelling."""
        if self._check(word) or word.casefold() in self._office or word in self._ignored:
            return True
        elided = _ELISION.match(word)
        if elided:
            rest = elided.group(1)
            return (
                self._known_plain(rest) if not _is_capitalised(rest) else self._accepted_name(rest)
            )
        if "-" in word:
            parts = [p for p in word.split("-") if len(p) > 1]
            return all(
                self._known_plain(p) if not _is_capitalised(p) else self._accepted_name(p)
                for p in parts
            )
        return self._reformed(word)

    def _reformed(self, word: str) -> bool:
        """The 1990 reform drops the circumflex on i and u: « paraitre » is « paraître »."""
        places = [i for i, ch in enumerate(word) if ch in _CIRCUMFLEX][:4]
        for mask in range(1, 1 << len(places)):
            letters = list(word)
            for bit, place in enumerate(places):
                if mask & (1 << bit):
                    letters[place] = _CIRCUMFLEX[letters[place]]
            if self._check("".join(letters)):
                return True
        return False

    def _accepted_name(self, word: str) -> bool:
        """A capitalised word is accepted unless it is one letter away from a known word."""
        if self._check(word) or word.casefold() in self._office:
            return True
        if self._known_capitals(word):
            return True
        if "’" in word or "'" in word:
            elided = _ELISION.match(word)
            if elided:
                rest = elided.group(1)
                return (
                    self._accepted_name(rest) if _is_capitalised(rest) else self._known_plain(rest)
                )
        if "-" in word:
            # A compound name (Béthune-Bruay): only a near miss of an office entry is a typo.
            if self._near_office(word):
                return False
            return all(
                self._known_plain(p)
                for p in word.split("-")
                if len(p) > 1 and not _is_capitalised(p)
            )
        if word.isupper() and len(word) < MIN_CHECKED_ACRONYM:
            return True  # an acronym (EY, SNCF, ADEME)
        return not self._near_known(word)

    def _known_capitals(self, word: str) -> bool:
        """Capitals often lose their accents: « Etat », « ETAT » are « État »."""
        folded = word.casefold()
        if folded in self._stems or self._check(word.lower()) or self._check(word.capitalize()):
            return True
        first = word[0]
        rest = word[1:].lower() if word.isupper() else word[1:]
        for accented in _ACCENTED_CAPITALS.get(first, ""):
            if self._check(accented + rest) or self._check((accented + rest).lower()):
                return True
        if word.isupper():
            return self._reformed(word.lower())
        return False

    def _near_office(self, word: str) -> bool:
        folded = word.casefold()
        return any(e in self._office for e in _edits1(folded))

    def _near_known(self, word: str) -> bool:
        """One letter from an office entry, or from a common word with the same first letter
        and not only by an accent (Varenne is not garenne, Decathlon not décathlon)."""
        if len(word) < MIN_NEAR_LENGTH:
            return False
        folded = word.casefold()
        plain = _without_accents(folded)
        for edit in _edits1(folded):
            if edit in self._office:
                return True
            if edit in self._common and edit[0] == folded[0] and _without_accents(edit) != plain:
                return True
        return False

    # ------------------------------------------------------------------ suggestions

    def suggest(self, word: str) -> tuple[str, ...]:
        """Up to five likely intended words, the closest first (about 50 ms the first time)."""
        with self._lock:
            cached = self._suggestions.get(word)
            if cached is not None:
                return cached
            folded = word.casefold()
            edits = _edits1(folded)
            office = [
                _same_case(word, w) for w in sorted(self._office_entries) if w.casefold() in edits
            ]
            found = [_same_case(word, w) for w in self._dictionary.suggest(word)]
            if _is_capitalised(word):
                near = [_same_case(word, e) for e in sorted(edits) if e in self._common]
                found = office + near + found
            else:
                found = found + office
            unique = {w.casefold(): w for w in reversed(found)}
            result = tuple(dict.fromkeys(unique[w.casefold()] for w in found))[:MAX_SUGGESTIONS]
            self._suggestions[word] = result
            return result


def _same_case(model: str, word: str) -> str:
    """``word`` in the case of ``model``: capitals, capitalised, or lower case for a word the
    dictionary or the office writes in capitals (a header word)."""
    if model.isupper():
        return word.upper()
    if word.isupper():
        word = word.lower()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_shared: dict[str, Speller] = {}
_shared_lock = threading.Lock()


def load_speller(directory: Path | None = None, config_dir: Path | None = None) -> Speller:
    """Load Enchant and the French dictionary, or raise ``SpellingUnavailable`` (French)."""
    from desktop.resources import resource
    from desktop.services.paths import cache_dir

    source = directory or resource("dictionaries", "hunspell")
    try:
        import enchant
    except ImportError as exc:
        log.warning("spelling unavailable: %s", exc)
        if "enchant" in str(exc).casefold() and "library" in str(exc).casefold():
            raise SpellingUnavailable(UNAVAILABLE_NO_LIBRARY) from exc
        raise SpellingUnavailable(UNAVAILABLE_NO_PACKAGE) from exc
    try:
        config = _prepare_config_dir(config_dir or cache_dir() / "spelling", source)
        stems, common = _dictionary_stems(source / f"{LANGUAGE}.dic")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("French dictionary unreadable: %s", exc)
        raise SpellingUnavailable(UNAVAILABLE_NO_DICTIONARY) from exc
    previous = os.environ.get("ENCHANT_CONFIG_DIR")
    os.environ["ENCHANT_CONFIG_DIR"] = str(config)
    try:
        broker = enchant.Broker()
        broker.set_ordering(LANGUAGE, "hunspell")
        dictionary = broker.request_dict(LANGUAGE)
    except enchant.errors.Error as exc:
        log.warning("Enchant cannot open the French dictionary: %s", exc)
        raise SpellingUnavailable(UNAVAILABLE_NO_DICTIONARY) from exc
    finally:
        if previous is None:
            os.environ.pop("ENCHANT_CONFIG_DIR", None)
        else:
            os.environ["ENCHANT_CONFIG_DIR"] = previous
    if not dictionary.check("communiqué") or dictionary.check("minsitre"):
        raise SpellingUnavailable(UNAVAILABLE_NO_DICTIONARY)
    speller = Speller(dictionary, stems, common)
    speller._broker = broker  # type: ignore[attr-defined]  # keeps Enchant's broker alive
    return speller


def shared_speller() -> Speller:
    """The process's one speller, loaded on first use (raises ``SpellingUnavailable``)."""
    with _shared_lock:
        if "fr" not in _shared:
            _shared["fr"] = load_speller()
        return _shared["fr"]
