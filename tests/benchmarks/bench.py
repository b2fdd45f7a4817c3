"""Benchmark of Communiqué: start-up, preview, export, batch, memory, and LibreOffice as the peer.

Run by hand or as a separate CI step, never as a timed test:

    python tests/benchmarks/bench.py [--json out.json] [--quick] [--only cli,first,...]

Fresh processes (the command line, the app's start-up, the batch, the spelling's load) run what a
user runs: **the installed package**. The run builds this checkout's wheel (``pip wheel``), installs
it with ``pip`` into a virtual environment of its own in a temporary folder (pip compiles the
bytecode, as it does for a user), and lets that environment see the dependencies of the
interpreter running the benchmark (a ``.pth`` file), so nothing is downloaded but the build
backend (once, then pip's cache). The output says what was measured; ``--from-checkout`` measures
the source tree instead (no bytecode is written when ``PYTHONDONTWRITEBYTECODE`` is set, so every
start compiles the modules: slower than what users see). In-process figures (preview, exports)
are timed in this process after a warm-up, where bytecode plays no part.

Parts (``--only``, comma-separated; all by default):

- ``app``: start-up to the window shown and to its first preview page, and the app's memory.
- ``first``: start-up compared with the first version of the app (commit ``FIRST_VERSION``, which
  added the desktop app). That version is checked out in a temporary ``git worktree``, built and
  installed the same way, and the two are started alternately, offscreen, each with its own empty
  settings and data folders, with the example draft, until the main window is shown
  (``window_shown.py`` wraps ``QMainWindow.show``). Prints both medians and their ratio (≤ 1: no
  slower than the first version).
- ``preview``, ``export``: in process.
- ``spelling``: loading Enchant and the dictionary, checking the seed.
- ``cli``: ``communique export`` of the seed, both formats, whole process, alternated in one run
  with LibreOffice's PDF conversion of the same DOCX (the peer); prints the ratio and the two
  command lines, to time them by hand.
- ``batch``: a thousand drafts (a hundred with ``--quick``) in one call.

For example, the command line against LibreOffice and the start-up against the first version,
15 runs each: ``python tests/benchmarks/bench.py --only cli,first --runs 15``.

Each figure is the median and the 95th percentile over repeated runs on this machine. Machines
of the same kind differ (the same figures were 10 to 30 % slower on another one), so the run also
measures a calibration, in the same process and at the same time: a bare Typst page compiled in
process (``typst``) and a fixed pure-Python workload (``python``). Each figure is printed beside
the time as a multiple of the calibration that dominates it, and the budgets are set on those
multiples; the command line is timed alternately with LibreOffice, the peer, and the start-up
alternately with the first version, so that both of a pair see the same machine. On a loaded
machine, repeat: a pair's ratio holds better than its times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.model import Paragraph, Release, Run  # noqa: E402
from desktop.render.content import prepare  # noqa: E402
from desktop.render.docx import render_docx  # noqa: E402
from desktop.render.html import render_html  # noqa: E402
from desktop.render.odt import render_odt  # noqa: E402
from desktop.render.pdf import (  # noqa: E402
    render_brand_png,
    render_brand_svg,
    render_pages_svg,
    render_pdf,
)
from desktop.render.text import render_text  # noqa: E402
from desktop.services.drafts import load_draft, save_draft  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "seed.communique"
FIRST_VERSION = "57e0e0e"
"""The commit that added the desktop app: the start-up must be no slower than this version's."""

BUDGET = {
    "startup_s": 0.8,
    "startup_preview_s": None,
    "preview_ms_1": 40,
    "preview_ms_5": None,
    "preview_ms_20": 150,
    "preview_ms_dossier_40": None,
    "preview_first_page_ms_dossier_40": 150,
    "export_pdf_ms_seed": 15,
    "export_docx_ms_seed": 25,
    "export_odt_ms_seed": 30,
    "export_html_ms_seed": 10,
    "export_text_ms_seed": 2,
    "export_pdf_ms_20": None,
    "export_docx_ms_20": None,
    "cli_export_s": 0.25,
    "batch_1000_s": 30,
    "peak_rss_mb_app": 200,
    "peak_rss_mb_batch": None,
    "libreoffice_pdf_s": None,
    "spelling_load_ms": 300,
    "spelling_check_ms_seed": 30,
}
"""Absolute budgets on this project's machine (for the median; the preview's for the p95)."""

UNIT: dict[str, str] = {
    "startup_s": "python",
    "startup_preview_s": "python",
    "startup_shown_s": "python",
    "startup_shown_first_version_s": "python",
    "preview_ms_1": "typst",
    "preview_ms_5": "typst",
    "preview_ms_20": "typst",
    "preview_ms_dossier_40": "typst",
    "preview_first_page_ms_dossier_40": "typst",
    "export_pdf_ms_seed": "typst",
    "export_pdf_ms_20": "typst",
    "export_docx_ms_seed": "python",
    "export_docx_ms_20": "python",
    "export_odt_ms_seed": "python",
    "export_html_ms_seed": "python",
    "export_text_ms_seed": "python",
    "cli_export_s": "python",
    "batch_1000_s": "python",
    "batch_100_s": "python",
    "libreoffice_pdf_s": "python",
}
"""Which calibration each timed figure is expressed in."""

RELATIVE_BUDGET: dict[str, float] = {
    "startup_s": 60.0,
    "preview_ms_1": 12.0,
    "preview_ms_20": 45.0,
    "preview_first_page_ms_dossier_40": 45.0,
    "export_pdf_ms_seed": 5.0,
    "export_docx_ms_seed": 2.0,
    "cli_export_s": 19.0,
    "export_odt_ms_seed": 2.3,
    "export_html_ms_seed": 0.77,
    "export_text_ms_seed": 0.15,
}
"""Budgets as multiples of the calibration (the absolute budgets divided by the calibration
on this project's machine, about 13 ms python and 3.4 ms typst): they hold on a slower or a
faster machine too."""

RATIO_BUDGET: dict[str, tuple[str, float]] = {
    "cli_vs_libreoffice_ratio": (">=", 4.0),
    "startup_vs_first_version_ratio": ("<=", 1.0),
    "docx_vs_pdf_ratio_seed": ("<=", 2.0),
}


@dataclass(frozen=True)
class Installed:
    """A version of Communiqué as a user runs it: an interpreter that imports it, and how."""

    python: Path
    how: str
    env: dict[str, str]

    @property
    def communique(self) -> list[str]:
        script = self.python.parent / "communique"
        return [str(script)] if script.exists() else [str(self.python), "-m", "desktop.cli"]


def _quiet(command: list[str], cwd: Path | None = None) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)


def install(source: Path, folder: Path) -> Installed:
    """Build ``source``'s wheel and install it, bytecode compiled, into a new virtual environment
    in ``folder`` that sees this interpreter's dependencies. Falls back to the source tree with
    its bytecode compiled when the wheel cannot be built (offline without the build backend)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    venv = folder / "venv"
    python = venv / "bin" / "python"
    try:
        _quiet(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), "."],
            source,
        )
        wheel = next(folder.glob("communique-*.whl"))
        _quiet([sys.executable, "-m", "venv", "--without-pip", str(venv)])
        # Installed before the dependencies are visible, so pip never sees (or uninstalls)
        # another installation of communique in this interpreter's environment.
        _quiet(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                "--no-deps",
                "--no-index",
                "-q",
                str(wheel),
            ]
        )
    except (subprocess.CalledProcessError, StopIteration) as exc:
        reason = getattr(exc, "stderr", "") or type(exc).__name__
        _quiet([sys.executable, "-m", "compileall", "-q", str(source / "desktop")])
        env["PYTHONPATH"] = str(source)
        return Installed(
            Path(sys.executable),
            f"source tree {source}, bytecode compiled (no wheel: {reason.strip()[-200:]})",
            env,
        )
    packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    dependencies = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(packages) / "_bench_dependencies.pth").write_text("\n".join(dependencies) + "\n")
    return Installed(python, f"wheel of {source} installed by pip in {venv}", env)


def checkout(source: Path) -> Installed:
    """The source tree as it is (``--from-checkout``)."""
    return Installed(
        Path(sys.executable),
        f"source tree {source}, as is",
        {**os.environ, "PYTHONPATH": str(source)},
    )


def python_workload() -> int:
    """A fixed pure-Python task: loops, integers, strings and a dict, as the render code does."""
    total = 0
    words: dict[str, int] = {}
    for i in range(60_000):
        total += (i * i) % 7
        key = f"mot{i % 997}"
        words[key] = words.get(key, 0) + len(key)
    return total + sum(words.values())


def typst_workload(folder: Path) -> Callable[[], object]:
    """Compile a bare page, in process, with the shipped fonts only."""
    import typst

    from desktop.resources import resource

    source = folder / "calibration.typ"
    source.write_text("#set page(width: 10cm, height: 5cm)\nCalibration.\n", encoding="utf-8")
    fonts = [str(resource("fonts"))]
    return lambda: typst.compile(str(source), font_paths=fonts, ignore_system_fonts=True)


def calibrate(work: Path, runs: int) -> dict[str, dict[str, float]]:
    return {
        "calibration_python_ms": timed(python_workload, runs),
        "calibration_typst_ms": timed(typst_workload(work), runs),
    }


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 4),
        "p95": round(p95, 4),
        "runs": len(ordered),
    }


def timed(action: Callable[[], object], runs: int, scale: float = 1000.0) -> dict[str, float]:
    action()  # warm
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * scale)
    return stats(samples)


def release_of_pages(seed: Release, pages: int) -> Release:
    """The seed with its body repeated until the PDF has about ``pages`` pages."""
    if pages == 1:
        return seed
    body = list(seed.body)
    release = seed
    while True:
        count = len(render_pages_svg(prepare(release)))
        if count >= pages:
            return release
        body += [Paragraph((Run(b.text),)) for b in seed.body]  # type: ignore[union-attr]
        release = replace(seed, body=tuple(body))


def bench_preview(seed: Release, runs: int) -> dict[str, dict[str, float]]:
    """From an edit (a new headline) to the preview's pages ready (SVG, what the app draws)."""
    out = {}
    for pages in (1, 5, 20):
        base = release_of_pages(seed, pages)
        edits = iter(range(10**9))
        out[f"preview_ms_{pages}"] = timed(
            lambda base=base, edits=edits: render_pages_svg(  # type: ignore[misc]
                prepare(replace(base, headline=f"{base.headline} {next(edits)}"))
            ),
            runs,
        )
    return out


def dossier_of_pages(pages: int) -> Release:
    """The example press kit with its chapters repeated until the PDF has ``pages`` pages."""
    dossier = load_draft(ROOT / "resources" / "examples" / "dossier.communique")
    release = dossier
    while len(render_pages_svg(prepare(release))) < pages:
        release = replace(dossier, body=release.body + dossier.body)
    return release


def bench_dossier(runs: int) -> dict[str, dict[str, float]]:
    """A 40-page press kit (cover, contents, tables, images): from an edit to the whole
    document's pages ready, and to the page on screen ready when the preview compiles the
    visible page first (``render/preview_pages.py``, the first page shown)."""
    from desktop.render.preview_pages import layout_of, visible_first

    base = dossier_of_pages(40)
    prepared = prepare(base)
    layout = layout_of(prepared, render_pages_svg(prepared))
    edits = iter(range(10**9))

    def edited() -> Release:
        return replace(base, headline=f"{base.headline} {next(edits)}")

    return {
        "preview_ms_dossier_40": timed(lambda: render_pages_svg(prepare(edited())), runs),
        "preview_first_page_ms_dossier_40": timed(
            lambda: visible_first(prepare(edited()), 0, layout), runs
        ),
    }


def bench_export(seed: Release, runs: int) -> dict[str, dict[str, float]]:
    long = release_of_pages(seed, 20)
    out = {}
    for name, release in (("seed", seed), ("20", long)):
        prepared = prepare(release)
        out[f"export_pdf_ms_{name}"] = timed(lambda p=prepared: render_pdf(p), runs)
        out[f"export_docx_ms_{name}"] = timed(
            lambda p=prepared: render_docx(p, render_brand_png(p)), runs
        )
    prepared = prepare(seed)
    out["export_odt_ms_seed"] = timed(
        lambda: render_odt(prepared, render_brand_png(prepared), render_brand_svg(prepared)), runs
    )
    out["export_html_ms_seed"] = timed(
        lambda: render_html(prepared, render_brand_svg(prepared)), runs
    )
    out["export_text_ms_seed"] = timed(lambda: render_text(prepared), runs)
    return out


_LOAD_SPELLER = """
import sys, tempfile, time
start = time.perf_counter()
from desktop.services.spelling import load_speller
load_speller(config_dir=__import__("pathlib").Path(tempfile.mkdtemp()))
print((time.perf_counter() - start) * 1000)
"""


def bench_spelling(seed: Release, runs: int, installed: Installed) -> dict[str, dict[str, float]]:
    """Loading Enchant and the French dictionary in a fresh process (import included), and
    checking every prose field of the seed with the office words set (no cached answer)."""
    from desktop.core.checks import spelling_fields
    from desktop.services.spelling import SpellingUnavailable, load_speller
    from desktop.store.office_dictionary import office_vocabulary

    try:
        speller = load_speller(config_dir=Path(tempfile.mkdtemp()))
    except SpellingUnavailable as exc:
        print(f"spelling not measured: {exc}")
        return {}
    loads = [
        float(
            subprocess.run(
                [str(installed.python), "-c", _LOAD_SPELLER],
                capture_output=True,
                text=True,
                check=True,
                env=installed.env,
                cwd=tempfile.gettempdir(),
            ).stdout
        )
        for _ in range(max(3, runs // 3))
    ]
    vocabulary = office_vocabulary()
    texts = [text for _, text in spelling_fields(seed)]

    def check_seed() -> None:
        speller.set_office_words(vocabulary)  # empties the caches: every word is looked up
        for text in texts:
            speller.misspellings(text)

    return {"spelling_load_ms": stats(loads), "spelling_check_ms_seed": timed(check_seed, runs)}


def run_process(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of a whole process (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def libreoffice_command(work: Path) -> list[str] | None:
    """LibreOffice converting the seed's DOCX to PDF, as a press officer would without us."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    docx = work / "lo.docx"
    prepared = prepare(load_draft(EXAMPLE))
    docx.write_bytes(render_docx(prepared, render_brand_png(prepared)))
    profile = work / "lo-profile"
    command = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "lo"),
        str(docx),
    ]
    run_process(command, work)  # first start creates the profile: not counted
    return command


def bench_cli(work: Path, runs: int, installed: Installed) -> dict[str, dict[str, float]]:
    """``communique export`` of the seed (both formats, whole process), alternating with
    LibreOffice's PDF conversion of the same DOCX so that both run on the same machine state."""
    ours = [*installed.communique, "export", str(EXAMPLE), "--docx", "a.docx", "--pdf", "a.pdf"]
    peer = libreoffice_command(work)
    run_process(ours, work, installed.env)  # warm the page cache and the cache folder
    cli, lo = [], []
    for _ in range(runs):
        cli.append(run_process(ours, work, installed.env)[0])
        if peer is not None:
            lo.append(run_process(peer, work)[0])
    figures = {"cli_export_s": stats(cli)}
    print(f"command line: {installed.how}")
    print(f"  ours: (cd {work} && {' '.join(ours)})")
    if lo:
        figures["libreoffice_pdf_s"] = stats(lo)
        ratio = figures["libreoffice_pdf_s"]["median"] / figures["cli_export_s"]["median"]
        figures["cli_vs_libreoffice_ratio"] = {"median": round(ratio, 2), "p95": 0, "runs": 1}
        print(f"  peer: {' '.join(peer)}")  # type: ignore[arg-type]
        print(
            f"  {runs} runs alternated: ours {figures['cli_export_s']['median']} s, "
            f"LibreOffice {figures['libreoffice_pdf_s']['median']} s (medians): "
            f"LibreOffice / ours = {ratio:.2f}"
        )
    else:
        print("  LibreOffice (soffice) not found: no ratio")
    return figures


def bench_first_version(work: Path, runs: int, installed: Installed) -> dict[str, dict[str, float]]:
    """Start-up to the main window shown, this version against the first version of the app,
    alternated, each from a fresh process with the example draft, offscreen."""
    folder = work / "first-version"
    try:
        _quiet(["git", "worktree", "add", "--detach", str(folder / "src"), FIRST_VERSION], ROOT)
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"first version not measured (git worktree of {FIRST_VERSION}): {exc}")
        return {}
    try:
        first = install(folder / "src", folder)
    finally:
        _quiet(["git", "worktree", "remove", "--force", str(folder / "src")], ROOT)
    script = ROOT / "tests" / "benchmarks" / "window_shown.py"

    def start(version: Installed, home: Path) -> float:
        env = {
            **version.env,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        started = time.time()
        result = subprocess.run(
            [str(version.python), str(script), str(EXAMPLE)],
            env=env,
            cwd=home,
            capture_output=True,
            text=True,
            check=True,
        )
        return float(result.stdout.strip().splitlines()[-1]) - started

    homes = {}
    for name in ("current", "first"):
        homes[name] = work / f"home-{name}"
        homes[name].mkdir()
    start(installed, homes["current"])  # first starts fill the caches: not counted
    start(first, homes["first"])
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(start(installed, homes["current"]))
        theirs.append(start(first, homes["first"]))
    figures = {"startup_shown_s": stats(ours), "startup_shown_first_version_s": stats(theirs)}
    ratio = (
        figures["startup_shown_s"]["median"] / figures["startup_shown_first_version_s"]["median"]
    )
    figures["startup_vs_first_version_ratio"] = {"median": round(ratio, 2), "p95": 0, "runs": 1}
    print(f"start-up against the first version ({FIRST_VERSION}): this one {installed.how}")
    print(f"  first: {first.how}")
    print(
        f"  {runs} starts alternated, to the window shown: this version "
        f"{figures['startup_shown_s']['median']} s, first version "
        f"{figures['startup_shown_first_version_s']['median']} s (medians): ratio {ratio:.2f}"
    )
    return figures


def bench_batch(
    work: Path, count: int, installed: Installed
) -> tuple[dict[str, dict[str, float]], float]:
    folder = work / "batch"
    folder.mkdir()
    seed = load_draft(EXAMPLE)
    for i in range(count):
        save_draft(replace(seed, number=1000 + i), folder / f"r{i:04d}.communique")
    drafts = sorted(str(p) for p in folder.glob("*.communique"))
    # VmHWM, not ru_maxrss, for the process itself: Linux keeps ru_maxrss across exec, so a
    # child of this (large) benchmark process would report the benchmark's own peak.
    code = (
        "import resource, sys; from desktop.cli import main; code = main(sys.argv[1:]); "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]; "
        "own = int(hwm[0].split()[1]) if hwm else 0; "
        "import json; print(json.dumps([own,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]), file=sys.stderr); "
        "sys.exit(code)"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [str(installed.python), "-c", code, "export", *drafts],
        cwd=folder,
        env=installed.env,
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    parent, worker = json.loads(result.stderr.strip().splitlines()[-1])
    written = len(list(folder.glob("*.pdf"))) + len(list(folder.glob("*.docx")))
    assert written == 2 * count, f"{written} files for {count} drafts"
    return {f"batch_{count}_s": stats([elapsed])}, max(parent, worker) / 1024


def bench_app(runs: int, installed: Installed) -> dict[str, dict[str, float]]:
    """Start-up to a shown, usable window with the example loaded, and its memory (offscreen)."""
    script = ROOT / "tests" / "benchmarks" / "app_startup.py"
    if not script.exists():
        return {}
    env = {**installed.env, "QT_QPA_PLATFORM": "offscreen"}
    shown, usable, rss = [], [], []
    for _ in range(runs):
        started = time.time()
        result = subprocess.run(
            [str(installed.python), str(script), str(EXAMPLE)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=script.parent,
        )
        report = json.loads(result.stdout.strip().splitlines()[-1])
        shown.append(report["shown"] - started)
        usable.append(report["usable"] - started)
        rss.append(float(report["rss_mb"]))
    return {
        "startup_s": stats(shown),
        "startup_preview_s": stats(usable),
        "peak_rss_mb_app": stats(rss),
    }


PARTS = ("app", "first", "preview", "export", "spelling", "cli", "batch")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--quick", action="store_true", help="fewer runs, a batch of 100")
    parser.add_argument(
        "--only",
        type=lambda text: [part.strip() for part in text.split(",") if part.strip()],
        default=list(PARTS),
        help=f"comma-separated parts to run, among {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument(
        "--runs", type=int, help="processes per figure for app, first and cli (default 15, 5 quick)"
    )
    parser.add_argument(
        "--from-checkout",
        action="store_true",
        help="fresh processes run the source tree as it is, not the installed wheel",
    )
    args = parser.parse_args()
    unknown = set(args.only) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    runs = 5 if args.quick else 30
    processes = args.runs or (5 if args.quick else 15)
    seed = load_draft(EXAMPLE)
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "current").mkdir()
        installed = checkout(ROOT) if args.from_checkout else install(ROOT, work / "current")
        print(f"fresh processes run: {installed.how}")
        if "app" in args.only:
            figures |= bench_app(processes, installed)
        if "first" in args.only:
            figures |= bench_first_version(work, processes, installed)
        if "preview" in args.only:
            figures |= bench_preview(seed, runs)
            figures |= bench_dossier(runs)
        if "export" in args.only:
            figures |= bench_export(seed, runs)
        if "spelling" in args.only:
            figures |= bench_spelling(seed, runs, installed)
        if "cli" in args.only:
            figures |= bench_cli(work, processes, installed)
        if "batch" in args.only:
            batch, batch_rss = bench_batch(work, 100 if args.quick else 1000, installed)
            figures |= batch
            figures["peak_rss_mb_batch"] = stats([batch_rss])
        calibration = calibrate(work, runs)
    if "export_docx_ms_seed" in figures:
        docx_pdf = (
            figures["export_docx_ms_seed"]["median"] / figures["export_pdf_ms_seed"]["median"]
        )
        figures["docx_vs_pdf_ratio_seed"] = {"median": round(docx_pdf, 2), "p95": 0, "runs": 1}
    figures |= calibration
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "system": platform.platform(),
        "machine": platform.machine(),
        "fresh_processes": installed.how,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(
        f"Communiqué benchmark — {machine['system']}, {machine['cpus']} cœurs, "
        f"Python {machine['python']}"
    )
    units = {
        "python": calibration["calibration_python_ms"]["median"],
        "typst": calibration["calibration_typst_ms"]["median"],
    }
    print(f"calibration: python {units['python']} ms, typst {units['typst']} ms")
    print(f"load average at the end (1, 5, 15 min): {machine['load_average']}")
    print(
        f"{'figure':<32}{'median':>10}{'p95':>10}{'budget':>8}{'× calib':>14}{'budget ×':>10}  runs"
    )
    for name, value in figures.items():
        # Preview budgets hold for the 95th percentile, the others for the median.
        measured = value["p95"] if name.startswith("preview") else value["median"]
        budget = BUDGET.get(name)
        marks = []
        if budget is not None:
            marks.append("ok" if measured <= budget else "DÉPASSÉ")
        multiple = ""
        relative = RELATIVE_BUDGET.get(name)
        if name in UNIT:
            in_ms = measured * (1000 if name.endswith("_s") else 1)
            times = in_ms / units[UNIT[name]]
            value["calibrated"] = round(times, 2)
            multiple = f"{times:.2f} {UNIT[name]}"
            if relative is not None:
                marks.append("ok×" if times <= relative else "DÉPASSÉ×")
        if name in RATIO_BUDGET:
            sense, limit = RATIO_BUDGET[name]
            good = measured >= limit if sense == ">=" else measured <= limit
            marks.append("ok" if good else "DÉPASSÉ")
            budget = f"{sense}{limit}"  # type: ignore[assignment]
        print(
            f"{name:<32}{value['median']:>10}{value['p95']:>10}"
            f"{'' if budget is None else budget:>8}{multiple:>14}"
            f"{'' if relative is None else relative:>10}  {value['runs']}  {' '.join(marks)}"
        )
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine, "figures": figures}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
