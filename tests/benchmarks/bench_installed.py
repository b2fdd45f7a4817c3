"""Benchmark of the installed Linux package: its size, and how fast its programs start.

    python tests/benchmarks/bench_installed.py --deb dist/communique.deb [--runs 15] [--json F]

With ``--deb`` the package is installed first (``dpkg -i``, as root) and removed at the end;
without it the program already installed in /opt/communique is measured. Figures: the .deb's
size, the installed size, ``communique --version`` (the frozen program's bare start),
``communique export`` of the example to PDF and DOCX (whole process), and the window's start
to the example exported and the program ended (``communique-app --smoke-export``, offscreen);
median and 95th percentile. Each process runs with a fresh home of its own, from an empty
folder, as a press officer's first start would.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "resources" / "examples" / "seed.communique"
PREFIX = Path("/opt/communique")


def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "runs": len(values),
    }


def timed(command: list[str], work: Path, home: Path) -> float:
    environ = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    start = time.perf_counter()
    subprocess.run(command, cwd=work, env=environ, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def du_mb(path: Path) -> float:
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1e6, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", type=Path, help="install this package first, remove it after")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures: dict[str, object] = {}
    if args.deb:
        figures["deb_mb"] = round(args.deb.stat().st_size / 1e6, 1)
        subprocess.run(["dpkg", "-i", str(args.deb)], check=True, capture_output=True)
    try:
        figures["installed_mb"] = du_mb(PREFIX)
        cli, app = str(PREFIX / "communique"), str(PREFIX / "communique-app")
        runs: dict[str, list[float]] = {"version_s": [], "export_s": [], "window_export_s": []}
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                work, home = Path(tmp), Path(tmp) / "home"
                home.mkdir()
                shutil.copy(SEED, work / "seed.communique")
                runs["version_s"].append(timed([cli, "--version"], work, home))
                runs["export_s"].append(
                    timed(
                        [cli, "export", "seed.communique", "--pdf", "a.pdf", "--docx", "a.docx"],
                        work,
                        home,
                    )
                )
                runs["window_export_s"].append(
                    timed([app, "--smoke-export", "b.pdf", "seed.communique"], work, home)
                )
        for name, values in runs.items():
            figures[name] = stats(values)
        figures["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    finally:
        if args.deb:
            subprocess.run(["dpkg", "-r", "communique"], check=True, capture_output=True)
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
