"""Benchmark of the archive (issue 25, item 4): 20,000 generated releases indexed, then searched,
on the SQLite file and on a throw-away PostgreSQL cluster (``tests/pg_server.py``):

    python tests/benchmarks/bench_archive.py [--count 20000] [--queries 300] [--only sqlite]

Prints, per backend, the indexing rate (releases a second, stemming included, batches of 500 in
one transaction each) and the latency of a search (median and 95th percentile) over a mix of
queries: one common word, two words, a word being typed (prefix), a rare word, and a word with a
date range, a kind or a contact filter. Budgets: at least 200 releases a second, a search under
100 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.model import BulletList, Contact, Paragraph, Release, Run  # noqa: E402
from desktop.store.archive import Archive, Entry, Filters  # noqa: E402
from tests.importing.corpus import PEOPLE, PLACES, SUBJECTS, content  # noqa: E402

WORDS = [
    "accompagnement",
    "industrie",
    "territoire",
    "emploi",
    "relance",
    "investissement",
    "commune",
    "région",
    "agriculture",
    "éleveurs",
    "sécheresse",
    "culture",
    "patrimoine",
    "musique",
    "école",
    "rénovation",
    "énergie",
    "fibre",
    "numérique",
    "santé",
    "hôpital",
    "sécurité",
    "gendarmerie",
    "justice",
    "transport",
    "ferroviaire",
    "logement",
    "jeunesse",
    "sport",
    "olympique",
    "recherche",
    "université",
    "innovation",
    "entreprises",
    "artisans",
    "commerce",
    "export",
    "tourisme",
    "montagne",
    "littoral",
    "forêt",
    "eau",
    "biodiversité",
    "climat",
    "transition",
    "solidarité",
    "handicap",
    "retraite",
    "formation",
    "apprentissage",
    "ruralité",
    "quartiers",
    "outre-mer",
    "Guadeloupe",
    "Martinique",
    "Réunion",
    "Mayotte",
    "Guyane",
    "Corse",
    "Bretagne",
    "Occitanie",
    "Normandie",
    "Béthune",
    "Bruay",
    "Lens",
    "Roubaix",
    "Marseille",
    "Lyon",
    "annonce",
    "annoncent",
    "lancement",
    "signature",
    "convention",
    "plan",
    "fonds",
    "millions",
    "euros",
    "ministre",
    "Gouvernement",
    "préfet",
    "élus",
    "maires",
    "concertation",
    "déplacement",
    "visite",
    "inauguration",
]


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """French words from the shipped dictionary, weighted as a language uses them (Zipf: the
    n-th word n times rarer than the first), the office's own words first."""
    dic = ROOT / "resources" / "dictionaries" / "hunspell" / "fr_FR.dic"
    words = [
        line.split("/", 1)[0]
        for line in dic.read_text(encoding="utf-8").splitlines()[1:]
        if line[:1].islower() and line.split("/", 1)[0].isalpha()
    ]
    rng.shuffle(words)
    chosen = [*WORDS, *words[: size - len(WORDS)]]
    return chosen, list(itertools.accumulate(1 / (rank + 10) for rank in range(len(chosen))))


def releases(count: int) -> list[Release]:
    rng = random.Random(25)
    out: list[Release] = []
    base = [content(i) for i in range(24)]
    vocab, weights = vocabulary(rng)
    for n in range(count):
        e = base[n % len(base)]
        extra = " ".join(rng.choices(vocab, cum_weights=weights, k=250))
        subject = SUBJECTS[n % len(SUBJECTS)][0]
        words = " ".join(rng.choices(vocab, cum_weights=weights, k=6))
        body = (
            Paragraph((Run(f"{e.body_texts[0]} {extra}"),)),
            Paragraph((Run(e.body_texts[1]),)),
            BulletList(tuple((Run(t),) for t in e.body[2].items)),
        )
        out.append(
            Release(
                header=e.header,
                kind=("Communiqué de presse", "Dossier de presse", "Invitation presse")[n % 3],
                headline=f"{words.capitalize()} : {subject} ({n})",
                place=PLACES[n % len(PLACES)],
                date=date(2015, 1, 1) + timedelta(days=n % 4000),
                number=n + 1,
                body=body,
                contacts=tuple(Contact(*PEOPLE[(n + k) % len(PEOPLE)]) for k in range(2)),
                identity=f"00000000-0000-4000-8000-{n:012d}",
            )
        )
    return out


QUERIES = (
    ("industrie", Filters()),
    ("relance territoires", Filters()),
    ("sécheress", Filters()),
    ("Guadeloupe annonce", Filters()),
    ("éleveurs", Filters(start=date(2018, 1, 1), end=date(2019, 12, 31))),
    ("patrimoine", Filters(kind="Dossier de presse")),
    ("musique", Filters(contact="gourault")),
    ("inauguration fibre Creuse", Filters()),
    ("", Filters(start=date(2020, 1, 1))),
    ("convention millions euros ministre", Filters()),
)


def bench(
    backend: str, target: str, items: list[Release], queries: int, *, verbose: bool = False
) -> dict[str, float]:
    os.environ["COMMUNIQUE_REGISTER"] = target
    with Archive.open(target) as archive:
        start = time.perf_counter()
        for i in range(0, len(items), 500):
            archive.add(Entry(r, number=f"N°{r.number}") for r in items[i : i + 500])
        elapsed = time.perf_counter() - start
        assert archive.count() == len(items)
        for text, filters in QUERIES:  # warm-up
            archive.search(text, filters)
        times: list[float] = []
        found: list[int] = []
        per_query: dict[str, list[float]] = {}
        for n in range(queries):
            text, filters = QUERIES[n % len(QUERIES)]
            t0 = time.perf_counter()
            hits = archive.search(text, filters)
            times.append((time.perf_counter() - t0) * 1000)
            per_query.setdefault(text or "(filtres seuls)", []).append(times[-1])
            found.append(len(hits))
        if verbose:
            for text, spent in per_query.items():
                print(f"    {text!r:40} médiane {statistics.median(spent):6.1f} ms")
        one = replace(items[0], headline="Un communiqué ajouté seul")
        t0 = time.perf_counter()
        archive.add([Entry(one)])
        single = (time.perf_counter() - t0) * 1000
    times.sort()
    figures = {
        "releases": len(items),
        "index_rate_per_s": len(items) / elapsed,
        "search_median_ms": statistics.median(times),
        "search_p95_ms": times[int(len(times) * 0.95) - 1],
        "search_max_ms": times[-1],
        "add_one_ms": single,
        "mean_hits": statistics.mean(found),
    }
    print(
        f"{backend:10} {len(items)} communiqués indexés à {figures['index_rate_per_s']:.0f}/s ; "
        f"recherche médiane {figures['search_median_ms']:.1f} ms, "
        f"95e centile {figures['search_p95_ms']:.1f} ms (max {figures['search_max_ms']:.1f}) ; "
        f"ajout d’un seul {single:.1f} ms"
    )
    return figures


def calibration() -> float:
    """A fixed pure-Python workload, in ms, printed at the start and the end: on a machine shared
    with other work, the figures of two runs compare as their calibrations do."""
    t0 = time.perf_counter()
    total = 0
    for n in range(1_500_000):
        total += n % 7
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--only", default="sqlite,postgresql")
    parser.add_argument("--verbose", action="store_true", help="le temps de chaque recherche")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"charge de la machine {load:.1f}, étalon {calibration():.0f} ms")
    t0 = time.perf_counter()
    items = releases(args.count)
    print(f"{len(items)} communiqués générés en {time.perf_counter() - t0:.1f} s")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        if "sqlite" in args.only:
            results["sqlite"] = bench(
                "SQLite", str(Path(folder) / "r.sqlite"), items, args.queries, verbose=args.verbose
            )
        if "postgresql" in args.only:
            from tests.conftest import fresh_server_register
            from tests.pg_server import start_cluster

            cluster = start_cluster()
            try:
                url = fresh_server_register(cluster)
                results["postgresql"] = bench(
                    "PostgreSQL", url, items, args.queries, verbose=args.verbose
                )
            finally:
                cluster.stop()
    print(f"étalon à la fin {calibration():.0f} ms")
    ok = all(r["index_rate_per_s"] >= 200 and r["search_p95_ms"] < 100 for r in results.values())
    print("budgets tenus" if ok else "BUDGET DÉPASSÉ (≥ 200/s, p95 < 100 ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
