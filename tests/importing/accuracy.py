"""How well the import recognises the corpus: per field, the share of releases (of contacts, of
body paragraphs) found exactly as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.model import BulletList, Paragraph, Release
from desktop.core.numbers import printed_number
from desktop.core.search import fold
from tests.importing.corpus import DOCUMENTS, Expected


def _norm(text: str) -> str:
    return " ".join(fold(text.replace("’", "'").replace("\u00ad", "")).split())


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if digits.startswith("33") else digits


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, hit: int, total: int = 1, *, about: str = "") -> None:
        self.hits[name] = self.hits.get(name, 0) + hit
        self.totals[name] = self.totals.get(name, 0) + total
        if hit < total and about:
            self.misses.append(f"{name} {about}")

    def rate(self, name: str) -> float:
        return self.hits.get(name, 0) / max(1, self.totals.get(name, 0))

    def table(self) -> str:
        return "\n".join(
            f"{name:10} {self.rate(name):7.1%}  ({self.hits[name]}/{self.totals[name]})"
            for name in self.totals
        )


def body_texts(release: Release) -> list[str]:
    out: list[str] = []
    for block in release.body:
        if isinstance(block, BulletList):
            out += ["".join(r.text for r in item) for item in block.items]
        elif isinstance(block, Paragraph):
            out.append(block.text)
    return out


def score(release: Release, expected: Expected, result: Score, name: str, label: str = "") -> None:
    result.add(
        "headline",
        _norm(release.headline) == _norm(expected.headline),
        about=f"{name}: {release.headline!r}",
    )
    result.add("date", release.date == expected.date, about=f"{name}: {release.date}")
    result.add("number", release.number == expected.number, about=f"{name}: {release.number}")
    if label:  # the number as the old release printed it (« CP n° 2023-0141 »)
        shown = printed_number(release)
        result.add("label", shown == label, about=f"{name}: {shown!r} ≠ {label!r}")
    result.add("kind", release.kind == expected.kind, about=f"{name}: {release.kind!r}")
    document = DOCUMENTS.get(expected.kind, "communique")
    result.add("document", release.document == document, about=f"{name}: {release.document}")
    found = {(_norm(c.name), _digits(c.phone), c.email.casefold()) for c in release.contacts}
    wanted = [(_norm(n), _digits(p), m.casefold()) for n, p, m in expected.contacts]
    hits = sum(w in found for w in wanted) - max(0, len(release.contacts) - len(wanted))
    result.add("contacts", max(0, hits), len(wanted), about=f"{name}: {release.contacts}")
    got = [_norm(t) for t in body_texts(release)]
    want = [_norm(t) for t in expected.body_texts]
    body_hits = sum(t in got for t in want) - max(0, len(got) - len(want))
    result.add("body", max(0, body_hits), len(want), about=f"{name}: {got}")
    result.add(
        "header", tuple(release.header) == tuple(expected.header), about=f"{name}: {release.header}"
    )
