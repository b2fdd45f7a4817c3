"""The pieces of an old release, each recognised on its own: the kind, the dateline, the
number, the embargo, the bloc-marque's lines and the contacts (names, phones, addresses).

Pure text analysis for ``core.recognise``, which decides where each line of a document goes.
Every function takes one piece of text and says what it is, or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from desktop.core.embargo import PARIS
from desktop.core.french_dates import MONTHS, WEEKDAYS
from desktop.core.model import Contact
from desktop.core.search import fold

SPACES = "[ \u00a0\u202f\t]"
_MONTH_NUMBER = {fold(name): n for n, name in enumerate(MONTHS, start=1)}
_MONTH = "|".join(sorted({*MONTHS, *_MONTH_NUMBER}, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_DAY = r"(?P<day>1\s*er|1er|[0-3]?\d)"
_WORD_DATE = (
    rf"(?:(?:{_WEEKDAY}){SPACES}+)?{_DAY}{SPACES}*(?:er)?{SPACES}+(?P<month>{_MONTH})"
    rf"{SPACES}+(?P<year>\d{{4}})"
)
_NUMERIC_DATE = r"(?P<nday>[0-3]?\d)[/.](?P<nmonth>[01]?\d)[/.](?P<nyear>\d{4})"
DATE = re.compile(rf"(?:{_WORD_DATE}|{_NUMERIC_DATE})", re.IGNORECASE)
_PLACE = r"(?P<place>[^\W\d_][^\W\d_'’\- ]*(?:[ '’\-]+[^\W\d_]+){0,4})"
DATELINE = re.compile(
    rf"^{SPACES}*(?:{_PLACE}{SPACES}*,{SPACES}*)?(?:le{SPACES}+)?(?P<date>{DATE.pattern})"
    rf"{SPACES}*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
NUMBER = re.compile(
    rf"(?:\b(?:CP|communiqu[ée](?:{SPACES}+de{SPACES}+presse)?){SPACES}*)?"
    rf"\bn{SPACES}*[°ºo]\.?{SPACES}*(?:(?P<year>(?:19|20)\d\d){SPACES}*[-/–]{SPACES}*)?"
    rf"(?P<n>\d{{1,6}})(?:{SPACES}*[-/]{SPACES}*(?:19|20)\d\d)?\b",
    re.IGNORECASE,
)
_TIME = re.compile(rf"\b(?P<h>[0-2]?\d){SPACES}*(?:h|:|heures?){SPACES}*(?P<m>[0-5]\d)?", re.I)
EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{2,3}(?:[ \u00a0.\-]?\(0\))?(?:[ \u00a0.\-]?\d){8,10}\b"
    r"|(?<![\w+])0[1-9](?:[ \u00a0.\-]?\d{2}){4}\b"
)
CONTACTS_MARK = re.compile(
    r"^(?:contacts?|relations?|service|bureau|p[ôo]le)(?:\s+(?:de\s+)?(?:presse|m[ée]dias?))?"
    r"(?:\s+et\s+m[ée]dias?)?\s*(?::|$)",
    re.IGNORECASE,
)
_LABELS = re.compile(
    r"\b(?:t[ée]l[ée]phone|t[ée]l|port(?:able)?|mobile|fixe|m[ée]l|courriel|e-?mail|mail|"
    r"adresse)\b\.?\s*:?",
    re.IGNORECASE,
)
KINDS = (
    "Communiqué de presse",
    "Communiqué de presse conjoint",
    "Communiqué conjoint",
    "Communiqué",
    "Dossier de presse",
    "Invitation presse",
    "Invitation",
    "Note aux rédactions",
    "Avis aux rédactions",
    "Avis aux médias",
    "Information presse",
    "Déclaration",
    "Discours",
    "Agenda prévisionnel",
)
_KINDS = {fold(kind): kind for kind in KINDS}
_KIND_STARTS = (
    "communique",
    "invitation",
    "avis aux",
    "note aux",
    "dossier de presse",
    "declaration",
    "discours",
    "agenda",
    "information presse",
)
"""How the other kind lines an old template printed begin (« COMMUNIQUÉ DE PRESSE COMMUN »)."""
MAX_KIND_WORDS = 6
DECORATIONS = ("république française", "liberté égalité fraternité", "liberte egalite fraternite")
_HEADER_WORDS = (
    "gouvernement",
    "ministere",
    "ministre",
    "secretariat",
    "premier ministre",
    "prefet",
    "prefecture",
    "ambassade",
    "haut-commissariat",
    "haut commissariat",
    "delegation",
    "direction",
    "cabinet du",
    "cabinet de la",
    "service d'information du gouvernement",
)


def kind_of(text: str) -> str | None:
    """« Communiqué de presse » (in any case, with or without accents), or None; another kind
    line written in capitals (« AVIS AUX RÉDACTIONS DE LA PRESSE RÉGIONALE ») in the house's
    form, a capital first (« Avis aux rédactions de la presse régionale »)."""
    key = " ".join(fold(text).strip(" :.-–—").split())
    if key in _KINDS:
        return _KINDS[key]
    shown = " ".join(text.split()).strip(" :.-–—")
    if (
        is_upper(shown)
        and key.startswith(_KIND_STARTS)
        and len(key.split()) <= MAX_KIND_WORDS
        and not any(ch.isdigit() for ch in key)
    ):
        lower = shown.lower()
        return lower[:1].upper() + lower[1:]
    return None


def is_decoration(text: str) -> bool:
    """The words drawn in the bloc-marque itself (the Republic and its motto)."""
    key = fold(text).replace("\u00a0", " ").strip(" .")
    key = " ".join(key.replace("-", " ").split())
    return key in {fold(d) for d in DECORATIONS} or key == "republique francaise"


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_upper(text: str) -> bool:
    letters = _letters(text)
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def is_header_start(text: str) -> bool:
    """A line that begins a ministry's name in a bloc-marque (« MINISTÈRE DE… »)."""
    key = fold(text).replace("’", "'")
    return len(text) <= 140 and key.startswith(_HEADER_WORDS)


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text) or "0")


def date_of(match: re.Match[str]) -> date | None:
    try:
        if match["month"]:
            return date(int(match["year"]), _MONTH_NUMBER[fold(match["month"])], _day(match["day"]))
        return date(int(match["nyear"]), int(match["nmonth"]), int(match["nday"]))
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Dateline:
    place: str
    date: date
    rest: str
    """What followed the date on the line (the beginning of the body, in some layouts)."""


def dateline_of(text: str, *, alone: bool) -> Dateline | None:
    """« Paris, le 3 novembre 2020 », « Paris, 03/11/2020 », « Le 3 novembre 2020 », « Lundi 3
    novembre 2020 ». ``alone``: nothing else may follow (else the rest is returned, after a
    dash or a colon)."""
    match = DATELINE.match(text)
    if match is None:
        return None
    when = date_of(DATE.match(match["date"]))  # type: ignore[arg-type]
    if when is None:
        return None
    rest = match["rest"].strip()
    if rest and alone:
        return None
    if rest and not re.match(r"^[–—\-:.|]", rest):
        return None
    rest = rest.lstrip("–—-:.| \u00a0")
    place = (match["place"] or "").strip()
    if place and fold(place) in {fold(w) for w in WEEKDAYS}:
        place = ""
    return Dateline(place, when, rest)


_KIND_BEFORE_NUMBER = re.compile(r"^communiqu[ée](?:\s+de\s+presse)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class FoundNumber:
    value: int
    label: str
    """The number as the old release printed it (« CP n° 2020-350 »), spaces tidied."""
    year: int | None
    """The year the label shows (« 2020 » in « n° 2020-350 »), if any."""
    rest: str
    """What is left of the line."""


def number_of(text: str) -> FoundNumber | None:
    """The number (« N°350 », « CP n° 2020-350 ») and what is left of the line, or None."""
    match = NUMBER.search(text)
    if match is None:
        return None
    left = (text[: match.start()] + " " + text[match.end() :]).strip(" \u00a0–—-:|,")
    label = " ".join(match.group(0).replace("\u00a0", " ").split())
    label = _KIND_BEFORE_NUMBER.sub("", label)  # the kind line prints it already
    if label[:1] == "n":  # « … n° 350 » in a line: « N° 350 » on a line of its own
        label = "N" + label[1:]
    shown_year = re.search(r"(?:19|20)\d\d", match.group(0)[: match.start("n") - match.start()])
    year = shown_year or re.search(
        r"(?:19|20)\d\d", match.group(0)[match.end("n") - match.start() :]
    )
    return FoundNumber(
        int(match["n"]), label, int(year.group(0)) if year else None, " ".join(left.split())
    )


def embargo_of(text: str) -> datetime | None:
    """« Sous embargo jusqu’au 4 novembre 2020 à 10 h 30 »: the moment, in Paris."""
    if "embargo" not in fold(text):
        return None
    found = DATE.search(text)
    when = date_of(found) if found else None
    if when is None:
        return None
    hour = _TIME.search(text[found.end() :]) if found else None
    clock = time(0, 0)
    if hour is not None and int(hour["h"]) < 24:
        clock = time(int(hour["h"]), int(hour["m"] or 0))
    return datetime.combine(when, clock, tzinfo=PARIS)


def is_contacts_mark(text: str) -> str | None:
    """« Contacts presse : » and what follows it on the line, or None."""
    stripped = text.strip()
    match = CONTACTS_MARK.match(stripped)
    if match is None:
        return None
    return stripped[match.end() :].strip()


def has_contact_details(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text))


def _name(text: str) -> str:
    text = _LABELS.sub(" ", text)
    text = re.sub(r"^[\s:;,|/–—•·\-]+|[\s:;,|/–—•·\-]+$", "", text)
    return " ".join(text.split())


def _name_like(text: str) -> bool:
    """A name or a cabinet, not an address or a sentence: short, no digits, no web address."""
    if not text or len(text) > 70 or any(ch.isdigit() for ch in text):
        return False
    lowered = fold(text)
    return not any(w in lowered for w in ("www.", "http", "@", "twitter", "suivez"))


@dataclass
class _Building:
    name: str = ""
    phone: str = ""
    email: str = ""


def contacts_of(chunks: list[str]) -> tuple[tuple[Contact, ...], list[str]]:
    """The contacts in ``chunks`` (lines, or table cells, in reading order), and the chunks'
    text that is neither a name, a phone nor an address. Names, phones and addresses may run
    together on one line: a contact starts at a name once the previous one has a way to
    reach them, or at a phone or address the current one already has."""
    contacts: list[_Building] = []
    left: list[str] = []
    current = _Building()

    def flush() -> None:
        nonlocal current
        if current.name or current.phone or current.email:
            contacts.append(current)
        current = _Building()

    for chunk in chunks:
        if not has_contact_details(chunk) and not _name_like(_name(chunk)):
            left.append(" ".join(chunk.split()))  # an address, a web site: kept whole
            continue
        tokens = sorted(
            [(m.start(), m.end(), "email", m.group()) for m in EMAIL.finditer(chunk)]
            + [(m.start(), m.end(), "phone", m.group()) for m in PHONE.finditer(chunk)]
        )
        position = 0
        pieces: list[tuple[str, str]] = []
        for start, end, what, value in tokens:
            if start < position:
                continue
            pieces.append(("text", chunk[position:start]))
            pieces.append((what, value))
            position = end
        pieces.append(("text", chunk[position:]))
        for what, value in pieces:
            if what == "text":
                for part in re.split(r"\s[–—|/•]\s|\s-\s|;|\n", value):
                    name = _name(part)
                    if not name:
                        continue
                    if not _name_like(name):
                        left.append(name)
                    elif current.phone or current.email:
                        flush()
                        current.name = name
                    elif current.name:
                        current.name = f"{current.name}, {name}"
                    else:
                        current.name = name
            elif what == "phone":
                if current.phone:
                    flush()
                current.phone = " ".join(value.split())
            else:
                if current.email:
                    flush()
                current.email = value.rstrip(".")
    flush()
    found = tuple(Contact(c.name, c.phone, c.email) for c in contacts if c.phone or c.email)
    left += [c.name for c in contacts if not (c.phone or c.email)]
    return found, left
