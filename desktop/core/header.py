"""The entity name of the bloc-marque: the charter's rule, and how a ministry's name is set.

A release signed by two ministries or more is signed GOUVERNEMENT; a single ministry signs with
its own name, in capitals, broken over lines so that the institution word stays alone on line 1
(MINISTÈRE / DE L'ÉCONOMIE, / DES FINANCES / ET DE LA RELANCE), no line wider than the block
allows (``core.header_width``). The lines are the author's to change: these are proposals.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from desktop.core.fonts import DOCX_SUBSTITUTE, SUBSTITUTE, FontChoice
from desktop.core.model import GOVERNMENT
from desktop.resources import resource

INSTITUTION_WORDS = ("MINISTÈRE", "SECRÉTARIAT D'ÉTAT", "PREMIER MINISTRE", "HAUT-COMMISSARIAT")


def is_joint(ministries: tuple[str, ...]) -> bool:
    return len([m for m in ministries if m.strip()]) >= 2


def expected_header(ministries: tuple[str, ...]) -> tuple[str, ...] | None:
    """What the charter says the header is, or None when it has nothing to say."""
    names = [m for m in ministries if m.strip()]
    if len(names) >= 2:
        return (GOVERNMENT,)
    if len(names) == 1:
        return header_lines(names[0])
    return None


def header_lines(name: str) -> tuple[str, ...]:
    """A ministry's header: the lines the shipped list gives it (its bloc-marque), else its
    name broken by ``ministry_lines``."""
    return _shipped_lines().get(_key(name)) or ministry_lines(name)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def ministry_lines(name: str) -> tuple[str, ...]:
    """``Ministère de la Culture`` → ``("MINISTÈRE", "DE LA CULTURE")``, long names broken."""
    text = " ".join(name.replace("’", "'").split()).upper()
    lead = next((w for w in INSTITUTION_WORDS if text.startswith(w + " ")), None)
    rest = text[len(lead) :].strip() if lead else text
    chunks = [c for c in re.split(r"(?<=,) | (?=ET )", rest) if c]
    lines: list[str] = [lead] if lead else []
    for chunk in chunks:
        lines.extend(_wrap(chunk))
    return tuple(lines) if lines else (text,)


_LINKING_WORDS = frozenset(
    {"DE", "DES", "DU", "LA", "LE", "LES", "AU", "AUX", "ET", "EN", "AVEC", "POUR", "SUR", "À"}
)


def _wrap(chunk: str) -> list[str]:
    """Greedy lines no wider than the bloc-marque allows (``core.header_width``, measured in the
    shipped typeface); linking words at a line's end go to the next line, unless the line holds
    nothing else (« ET DE LA » / « DÉCENTRALISATION »)."""
    lines: list[list[str]] = [[]]
    for word in chunk.split():
        current = lines[-1]
        if (
            not current
            or _fits(" ".join([*current, word]))
            or (len(current) == 1 and current[0] in _LINKING_WORDS)
        ):
            current.append(word)
            continue
        carried: list[str] = []
        while (
            len(current) > 1
            and current[-1] in _LINKING_WORDS
            and any(w not in _LINKING_WORDS for w in current[:-1])
        ):
            carried.insert(0, current.pop())
        lines.append([*carried, word])
    return [part for line in lines if line for part in _at_hyphen(" ".join(line))]


def _at_hyphen(line: str) -> list[str]:
    """A line still too wide is broken after the hyphen of a compound (« DE L'AGRO- » /
    « ALIMENTAIRE »), where it has one."""
    cut = line.rfind("-")
    if _fits(line) or cut < 0:
        return [line]
    return [line[: cut + 1], *_at_hyphen(line[cut + 1 :])]


def _fits(line: str) -> bool:
    """No wider than the bloc-marque allows, in the shipped typeface (the same on every
    machine)."""
    from desktop.core.header_width import line_width, widest_allowed

    shipped = FontChoice(SUBSTITUTE, DOCX_SUBSTITUTE, (resource("fonts"),))
    return line_width(line, shipped) <= widest_allowed(shipped)


@dataclass(frozen=True)
class HeaderPreset:
    """A name offered in *Modèles* and the header lines it puts in."""

    name: str
    lines: tuple[str, ...]


@cache
def shipped_presets() -> tuple[HeaderPreset, ...]:
    """The current ministries (``resources/ministries.json``), each with its bloc-marque's
    lines; an entry given as a bare name gets ``ministry_lines``."""
    data = json.loads(resource("ministries.json").read_text(encoding="utf-8"))
    presets = []
    for entry in data["ministries"]:
        if isinstance(entry, str):
            presets.append(HeaderPreset(entry, ministry_lines(entry)))
        else:
            name = str(entry["name"])
            lines = tuple(str(line) for line in entry.get("lines") or ()) or ministry_lines(name)
            presets.append(HeaderPreset(name, lines))
    return tuple(presets)


@cache
def _shipped_lines() -> dict[str, tuple[str, ...]]:
    return {_key(preset.name): preset.lines for preset in shipped_presets()}


def ministry_presets() -> tuple[str, ...]:
    """Names of the current ministries, for the app's lists."""
    return tuple(preset.name for preset in shipped_presets())


@cache
def known_header_words() -> frozenset[str]:
    words = {GOVERNMENT, "PREMIER", "MINISTRE", "RÉPUBLIQUE", "FRANÇAISE", "PRÉSIDENCE"}
    for preset in shipped_presets():
        for line in preset.lines:
            words.update(header_words(line))
    return frozenset(words)


def header_words(line: str) -> list[str]:
    return [w for w in re.split(r"[\s,;:.()'’-]+", line.upper()) if len(w) > 2]
