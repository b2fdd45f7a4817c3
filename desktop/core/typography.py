"""French typography, one place for every rule: dates, phone numbers, spaces and quotes.

These functions turn what the author typed into what a ministry prints; the draft keeps what was
typed. Sources: the Lexique des règles typographiques de l'Imprimerie nationale, via
../shared/notes/brand.md.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.dates import format_date

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = "fr_FR"


def day_text(day: int) -> str:
    """``1er`` for the first of the month, the plain number otherwise."""
    return "1er" if day == 1 else str(day)


def long_date(value: date, *, weekday: bool = False) -> str:
    """``3 novembre 2020``, ``1er avril 2021``; with ``weekday``: ``jeudi 5 novembre 2020``."""
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


def format_phone(raw: str) -> str:
    """French numbers in two-digit groups (``01 44 49 89 40``), others in international form.

    A number that cannot be parsed is returned as typed: the checks point at it, the release
    does not silently lose it.
    """
    number = _parse_phone(raw)
    if number is None:
        return raw.strip()
    import phonenumbers

    if number.country_code == 33 and not raw.strip().startswith(("+", "00")):
        style = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style).replace(" ", NBSP)


def phone_uri(raw: str) -> str | None:
    """``tel:+33-1-44-49-89-40`` (RFC 3966), or None for a number that cannot be parsed."""
    number = _parse_phone(raw)
    if number is None:
        return None
    import phonenumbers

    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966))


def is_valid_phone(raw: str) -> bool:
    number = _parse_phone(raw)
    if number is None:
        return False
    import phonenumbers

    return bool(phonenumbers.is_valid_number(number))


def _parse_phone(raw: str) -> Any:
    text = raw.strip()
    if not text or sum(ch.isdigit() for ch in text) < 4:
        return None
    import phonenumbers

    try:
        return phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return None


# ---------------------------------------------------------------- prose


# What must never be touched: web addresses, e-mail addresses, and `code`.
_PROTECTED = re.compile(
    r"`[^`]*`"
    r"|\b(?:https?|ftp)://[^\s<>«»\"]+"
    r"|\bwww\.[^\s<>«»\"]+"
    r"|\bmailto:[^\s<>«»\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_SPACES = "[ \u00a0\u202f]"
_UNITS = (r"M€|Md€|k€|€|%|‰|jours?|ans?|mois|semaines?|heures?|minutes?|km|kg|m²|ha|"
          r"millions?|milliards?|euros?|habitants|emplois|personnes|places|logements|lits")
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\.\.\."), "…"),
    (re.compile(r"(?<=\w)'|'(?=\w)"), "’"),
    (re.compile(r"«" + _SPACES + "*"), "«" + NBSP),
    (re.compile(_SPACES + "*»"), NBSP + "»"),
    (re.compile(r"(?<=[^\s;!?(«\[])" + _SPACES + "*([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[^\s:(«\[\d])" + _SPACES + r"*:(?=\s|$)"), NBSP + ":"),
    (re.compile(r"(?<=\d)" + _SPACES + "*:(?=\\s|$)"), NBSP + ":"),
    (re.compile(r"\b([Nn]°)" + _SPACES + r"+(?=\d)"), r"\1" + NBSP),
    (re.compile(r"\b(\d{1,2})" + _SPACES + r"?h" + _SPACES + r"?(\d{2})\b"),
     r"\1" + NBSP + "h" + NBSP + r"\2"),
    (re.compile(r"\b(\d{1,2})" + _SPACES + r"?h\b(?!\d)"), r"\1" + NBSP + "h"),
    (re.compile(r"(?<=\d) (?=\d{3}\b)"), NNBSP),
    (re.compile(r"(?<=\d)" + _SPACES + r"(" + _UNITS + r")(?!\w)"), NBSP + r"\1"),
    (re.compile(r"(?<=\S)  +"), " "),
]
_STRAIGHT_QUOTE = re.compile(r'"')


def french(text: str) -> str:
    """Apply French typography to prose, leaving addresses and code exactly as typed."""
    out: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(_french_prose(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_french_prose(text[last:]))
    return "".join(out)


def _french_prose(text: str) -> str:
    if not text:
        return text
    text = _curly_quotes(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _curly_quotes(text: str) -> str:
    """Straight double quotes become « » : opening after a space or a bracket, closing elsewhere."""
    if '"' not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch != '"':
            continue
        opening = i == 0 or chars[i - 1] in " \u00a0\u202f\n([«’'—–-"
        chars[i] = "«" if opening else "»"
    return "".join(chars)
