"""Full-text search in French, the part that is the same on both backends: words cut, elisions
dropped (« l’industrie » → « industrie »), stemmed by Snowball's French stemmer (plurals and
conjugations: « communes », « commune » → « commun »; « annoncé », « annonce » → « annonc »),
then accents and case folded. The index (``store.archive``) holds these stems, in SQLite's FTS5
and in PostgreSQL's ``tsvector`` alike, and a query goes through the same steps, so that both
backends find the same releases. The matching words of a result are found back in its text here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.model import BulletList, Release
from desktop.core.search import fold, without_accents

_WORD = re.compile(r"\w+", re.UNICODE)
_ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})
MAX_QUERY_TERMS = 12
MAX_INDEXED_CHARS = 200_000


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("french")


_STEMS: dict[str, str] = {}
MAX_CACHED = 300_000
"""Words whose stems are kept (a language's words repeat: the index's speed comes from it)."""
_ELIDED = re.compile(r"\b(?:qu|jusqu|lorsqu|puisqu|[ldjmnstc])['’]", re.IGNORECASE)


def _stem(word: str) -> str:
    lowered = word.casefold()
    if lowered.isdigit():
        return lowered
    return without_accents(_stemmer().stemWord(lowered))  # type: ignore[attr-defined]


def stem(word: str) -> str:
    """One word's stem, folded: « Régions » → « region »."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= MAX_CACHED:
            _STEMS.clear()
        found = _STEMS[word] = _stem(word)
    return found


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of ``text`` with its place, elisions left out (« l’ », « qu’ »)."""
    for match in _WORD.finditer(text):
        word = match.group()
        if word.casefold() in _ELISIONS and text[match.end() : match.end() + 1] in "’'":
            continue
        yield match.start(), match.end(), word


def terms(text: str) -> str:
    """The text as the index holds it: its stems, separated by spaces (the same words as
    ``words`` finds, found faster: elisions removed first, then words cut by the regex engine)."""
    found = _WORD.findall(_ELIDED.sub(" ", text[:MAX_INDEXED_CHARS]))
    cache = _STEMS
    return " ".join([cache.get(w) or stem(w) for w in found])


@dataclass(frozen=True)
class Query:
    """A search as typed: its stems; the last one is a prefix while the word is being typed."""

    stems: tuple[str, ...]
    prefix: bool

    @property
    def empty(self) -> bool:
        return not self.stems


def parse_query(text: str) -> Query:
    found = [stem(w) for _, _, w in words(text)][:MAX_QUERY_TERMS]
    typing = bool(text) and not text[-1].isspace() and bool(found)
    return Query(tuple(dict.fromkeys(found)), typing)


def matches(word: str, query: Query) -> bool:
    s = stem(word)
    if s in query.stems:
        return True
    return query.prefix and bool(query.stems) and s.startswith(query.stems[-1])


def highlight(text: str, query: Query) -> list[tuple[str, bool]]:
    """``text`` in pieces, each saying whether it is a word the query found."""
    out: list[tuple[str, bool]] = []
    position = 0
    for start, end, word in words(text):
        if matches(word, query):
            if start > position:
                out.append((text[position:start], False))
            out.append((text[start:end], True))
            position = end
    if position < len(text):
        out.append((text[position:], False))
    return out


def snippet(text: str, query: Query, width: int = 180) -> str:
    """A stretch of ``text`` around its first matching word (its beginning when none)."""
    first = next((s for s, _, w in words(text) if matches(w, query)), 0)
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    piece = text[start : start + width]
    return ("…" if start else "") + piece.strip() + ("…" if start + width < len(text) else "")


@dataclass(frozen=True)
class ArchiveText:
    """What the archive keeps of a release to find it: its texts and their stems."""

    headline: str
    body: str
    ministry: str
    contacts: str
    kind: str

    def indexed(self) -> tuple[str, str, str, str]:
        return terms(self.headline), terms(self.body), terms(self.ministry), terms(self.contacts)

    @property
    def folded_ministry(self) -> str:
        return fold(self.ministry)

    @property
    def folded_contacts(self) -> str:
        return fold(self.contacts)


def archive_text(release: Release) -> ArchiveText:
    body: list[str] = []
    for block in release.body:
        if isinstance(block, BulletList):
            body += ["".join(r.text for r in item) for item in block.items]
        else:
            body.append(block.text)
    contacts = "\n".join(
        " ".join(part for part in (c.name, c.phone, c.email) if part) for c in release.contacts
    )
    ministry = "\n".join((*release.header, *release.ministries))
    return ArchiveText(release.headline, "\n".join(body), ministry, contacts, release.kind)
