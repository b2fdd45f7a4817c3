"""French typography, one place for every rule: dates, phone numbers, spaces and quotes.

These functions turn what the author typed into what a ministry prints; the draft keeps what was
typed. Sources: the Lexique des règles typographiques de l'Imprimerie nationale, via
../shared/notes/brand.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from typing import Any

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = "fr_FR"


def day_text(day: int) -> str:
    """``1er`` for the first of the month, the plain number otherwise."""
    return "1er" if day == 1 else str(day)


def long_date(value: date, *, weekday: bool = False) -> str:
    """``3 novembre 2020``, ``1er avril 2021``; with ``weekday``: ``jeudi 5 novembre 2020``."""
    from babel.dates import format_date  # imported at first use: the window is shown without it

    month_year = format_date(value, "MMMM y", locale=LOCALE)
    text = f"{day_text(value.day)}{NBSP}{month_year}"
    return f"{format_date(value, 'EEEE', locale=LOCALE)} {text}" if weekday else text


def dateline(place: str, value: date | None) -> str:
    """``Paris, le 3 novembre 2020``; the place alone when there is no date yet."""
    place = place.strip()
    if value is None:
        return place
    when = f"le {long_date(value)}"
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


# ---------------------------------------------------------------- phone numbers


# A number typed in the national form (0…) is French: metropolitan first, then the overseas
# departments and collectivities that share the French plan (0262 for La Réunion, 0590 for
# Guadeloupe…), each of which phonenumbers knows as its own region.
_FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")


def format_phone(raw: str) -> str:
    """French numbers in two-digit groups (``01 44 49 89 40``), others in international form.

    A number that is not a valid one (a typo, ``01 44 49 89 40 poste 12``, a short number such as
    3939) is printed as typed: the checks point at the invalid ones, the release never shows a
    number the author did not write.
    """
    number = _parse_phone(raw)
    if number is None or any(ch.isalpha() for ch in raw):  # « Standard : 01… » stays as typed
        return raw.strip()
    import phonenumbers

    national = not raw.strip().startswith(("+", "00"))
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if national
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style).replace(" ", NBSP)


def phone_uri(raw: str) -> str | None:
    """``tel:+33-1-44-49-89-40`` (RFC 3966), or None for a number that is not a valid one."""
    number = _parse_phone(raw)
    if number is None:
        return None
    import phonenumbers

    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966))


def is_valid_phone(raw: str) -> bool:
    """A valid French (overseas included) or international number, or a French short number."""
    if _parse_phone(raw) is not None:
        return True
    import phonenumbers

    text = raw.strip()
    if not text.isdigit() or not 3 <= len(text) <= 6:
        return False
    return bool(phonenumbers.is_valid_short_number(phonenumbers.parse(text, "FR")))


def _parse_phone(raw: str) -> Any:
    """The number, when ``raw`` is a valid one; None otherwise."""
    text = raw.strip()
    if not text or sum(ch.isdigit() for ch in text) < 4:
        return None
    import phonenumbers

    for region in _FRENCH_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return number
        if text.startswith(("+", "00")):
            return None  # international form: the region plays no part
    return None


# ---------------------------------------------------------------- prose


# Formatting (bold, a link) splits a paragraph into runs, but typography is about the text as it
# reads: the runs are joined with a zero-width mark, the rules see the marks as nothing (a space
# before « ; » in one run and the « ; » in the next still get their no-break space), and the
# result is split at the marks again. Addresses and code are held out while the rules run, a
# stand-in character keeping their place so a rule still sees a word there.
_MARK = "\ue000"
_HOLD = "\ue001"

_SPACES = "[ \u00a0\u202f]"
_GAP = "[ \u00a0\u202f\ue000]"
_UNITS = (
    r"M€|Md€|k€|€|%|‰|jours?|ans?|mois|semaines?|heures?|minutes?|km|kg|m²|ha|"
    r"millions?|milliards?|euros?|habitants|emplois|personnes|places|logements|lits"
)


_SYMBOLS = r"M€|Md€|k€|€|%|‰|km|kg|m²"
"""Units written as symbols, which take a space even when typed against the number."""
_ABBREVIATIONS = r"M\.|MM\.|Mme|Mmes|Mlle|Mlles|Dr|Drs|Pr|art\.|p\.|[Nn]°"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def _grouped(digits: str) -> str:
    """``12345`` as ``12 345``, with narrow no-break spaces."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NNBSP.join(groups)


def _marks(text: str) -> str:
    return _MARK * text.count(_MARK)


Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


@cache
def _patterns() -> tuple[re.Pattern[str], list[Rule]]:
    """What must never be touched, and the rules: compiled at first use, not at import (the
    window is built without them)."""
    protected = re.compile(
        # What must never be touched: web addresses, e-mail addresses, and `code`.
        r"`[^`\ue000]*`"
        r"|\b(?:https?|ftp)://[^\s<>«»\"\ue000]+"
        r"|\bwww\.[^\s<>«»\"\ue000]+"
        r"|\bmailto:[^\s<>«»\"\ue000]+"
        # An address starts where a word does (not inside a run of word characters): without the
        # look-behind, a long word with no « @ » would be scanned again from each of its letters.
        r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    )
    rules: list[Rule] = [
        (re.compile(r"\.\.\."), "…"),
        (re.compile(r"(?<=\w)'|'(?=\w)"), "’"),
        (re.compile("«" + _GAP + "*"), lambda m: "«" + NBSP + _marks(m.group(0))),
        # (The look-behind starts a match only where a run of spaces starts: linear time.)
        (
            re.compile("(?<!" + _GAP + ")" + _GAP + "*»"),
            lambda m: _marks(m.group(0)) + NBSP + "»",
        ),
        (
            re.compile(r"(?<=[^\s;!?(«\[\ue000])" + _GAP + "*([;!?])"),
            lambda m: _marks(m.group(0)) + NNBSP + m.group(1),
        ),
        (
            re.compile(r"(?<=[^\s:(«\[\ue000])" + _GAP + r"*:(?=[\s\ue000]|$)"),
            lambda m: _marks(m.group(0)) + NBSP + ":",
        ),
        (re.compile(r"\b([Nn]°)" + _SPACES + r"+(?=\d)"), r"\1" + NBSP),
        # A title or an abbreviation stays with what follows it: « M. Dupont », « art. 3 ».
        (
            re.compile(r"(?<![\w.])(" + _ABBREVIATIONS + r")(\ue000*) +(?=[\w\ue001])"),
            r"\1\2" + NBSP,
        ),
        # A day stays with its month: « le 14 juillet », « le 1er avril ».
        (
            re.compile(r"\b(\d{1,2}|1er)(\ue000*) +(?=\ue000*(?:" + _MONTHS + r")\b)"),
            r"\1\2" + NBSP,
        ),
        (
            re.compile(r"\b(\d{1,2})" + _SPACES + r"?h" + _SPACES + r"?(\d{2})\b"),
            r"\1" + NBSP + "h" + NBSP + r"\2",
        ),
        (re.compile(r"\b(\d{1,2})" + _SPACES + r"?h\b(?!\d)"), r"\1" + NBSP + "h"),
        # Thousands: a number typed in groups (« 1 000 000 ») is held by narrow no-break
        # spaces; only a group of one to three digits followed by groups of three is one number
        # (« depuis 2021 300 communes » is two), and it is not a decimal's tail.
        (
            re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?!\d)"),
            lambda m: m.group(0).replace(" ", NNBSP),
        ),
        # A number of five digits or more before a unit is grouped (« 10000 habitants »); a
        # year or a code (« 75007 Paris ») is never, nor a decimal's tail.
        (
            re.compile(r"(?<![\d,.\w])\d{5,}(?=" + _SPACES + r"?(?:" + _UNITS + r")(?!\w))"),
            lambda m: _grouped(m.group(0)),
        ),
        (re.compile(r"(?<=\d)" + _SPACES + r"(" + _UNITS + r")(?!\w)"), NBSP + r"\1"),
        # A symbol typed against its number gets its no-break space: « 3,5 % », « 10 € ».
        (re.compile(r"(?<=\d)(" + _SYMBOLS + r")(?!\w)"), NBSP + r"\1"),
        (re.compile(r"(?<=\S)  +"), " "),
    ]
    return protected, rules


def french(text: str) -> str:
    """Apply French typography to prose, leaving addresses and code exactly as typed."""
    return french_runs([text])[0]


def french_runs(texts: Sequence[str]) -> list[str]:
    """French typography over consecutive runs of one paragraph, as if they were one text."""
    if not texts:
        return []
    joined = _MARK.join(t.replace(_MARK, "").replace(_HOLD, "") for t in texts)
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(0))
        return _HOLD

    protected, rules = _patterns()
    text = _curly_quotes(protected.sub(hold, joined))
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    tokens = iter(held)
    text = re.sub(_HOLD, lambda _m: next(tokens), text)
    return text.split(_MARK)


def _curly_quotes(text: str) -> str:
    """Straight double quotes become « » : opening after a space or a bracket, closing elsewhere."""
    if '"' not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch != '"':
            continue
        before = i - 1
        while before >= 0 and chars[before] == _MARK:
            before -= 1
        opening = before < 0 or chars[before] in " \u00a0\u202f\n([«’'—–-"
        chars[i] = "«" if opening else "»"
    return "".join(chars)


# ---------------------------------------------------------------- ordinals


_ORDINAL = re.compile(
    # A number, arabic or roman, then the French ordinal ending: 1er, 1re, 2e, 2nd, XXIe, 1ers,
    # 3es. A roman number of one letter takes only the endings that make no word: « Ier »,
    # « Ve », « Xe », never « Vers », « Ce » or « Les ».
    r"(?<![\w.,\-])(?:(\d+|[IVX]{2,6}|[XLC][IVXLC]{1,6})(ers?|res?|es?|nde?s?)"
    r"|(I)(er|re)|([VX])(es?))(?![\w\-])"
)


def ordinal_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` as (part, superior) pairs: the ending of an ordinal (``er`` of ``1er``, ``e`` of
    ``XXIe``) is set superior, in every format that can; joined, the parts are ``text``."""
    parts: list[tuple[str, bool]] = []
    start = 0
    for match in _ORDINAL.finditer(text):
        ending = next(i for i in (2, 4, 6) if match.group(i) is not None)
        if match.group(1) == "1" and match.group(2) in ("e", "es"):
            continue  # « 1e » is not French: left as typed, the checks may point at it
        end = match.start(ending)
        if end > start:
            parts.append((text[start:end], False))
        parts.append((match.group(ending), True))
        start = match.end()
    if start < len(text) or not parts:
        parts.append((text[start:], False))
    return [(part, sup) for part, sup in parts if part] or [("", False)]
