"""``communique export DRAFT… [--docx PATH] [--pdf PATH] [--odt PATH] [--html PATH] [--txt PATH]``

Many drafts at once (a year of releases under a new header) are shared between processes, one per
core: each keeps its Typst compiler, fonts and DOCX template warm across its drafts.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK
from desktop.commands._terminal import raw

PARALLEL_FROM = 16
"""Below this many drafts, starting worker processes costs more than it saves."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="exporter un ou plusieurs brouillons en DOCX et en PDF (ODT, HTML, texte)",
        description="Exporte des brouillons (.communique) en DOCX et en PDF, et sur demande en "
        "ODT, en page HTML et en texte brut. Sans aucune option de format, le DOCX "
        "et le PDF sont écrits à côté de chaque brouillon. Un brouillon "
        "qui contient des erreurs n’est pas exporté (voir « communique check »).",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    parser.add_argument(
        "--docx",
        type=output_path,
        metavar="CHEMIN",
        help="fichier DOCX à écrire (un seul brouillon)",
    )
    parser.add_argument(
        "--pdf", type=output_path, metavar="CHEMIN", help="fichier PDF à écrire (un seul brouillon)"
    )
    parser.add_argument(
        "--odt",
        type=output_path,
        metavar="CHEMIN",
        help="fichier ODT (OpenDocument) à écrire (un seul brouillon)",
    )
    parser.add_argument(
        "--html",
        type=output_path,
        metavar="CHEMIN",
        help="page HTML accessible à écrire (un seul brouillon)",
    )
    parser.add_argument(
        "--txt", type=output_path, metavar="CHEMIN", help="texte brut à écrire (un seul brouillon)"
    )
    parser.add_argument(
        "--font-dir",
        metavar="DOSSIER",
        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)",
    )
    parser.add_argument(
        "--jobs",
        type=jobs_count,
        metavar="N",
        default=0,
        help="nombre de processus pour un lot (par défaut : un par cœur)",
    )
    parser.set_defaults(run=run)


def output_path(text: str) -> Path:
    """A file to write: not empty, not a folder's name (the rest is ``check_output``'s)."""
    try:
        folder = Path(text).is_dir()
    except (OSError, ValueError):  # a name over the system's limit: check_output says so
        folder = False
    if not text.strip() or text.endswith(("/", "\\")) or folder:
        raise argparse.ArgumentTypeError(f"« {text} » n’est pas un nom de fichier")
    return Path(text)


MAX_JOBS = 64
"""More processes than this only exhaust the machine (each loads a compiler and fonts)."""


def jobs_count(text: str) -> int:
    """0 (one process per core) or a number of processes up to ``MAX_JOBS``."""
    try:
        value = int(text) if len(text) <= 10 else -1
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"« {text[:20]} » : nombre de processus attendu, de 0 à {MAX_JOBS}"
        )
    return value


@dataclass(frozen=True)
class _Job:
    draft: Path
    docx: Path | None
    pdf: Path | None
    font_dir: str | None
    prefix: str
    odt: Path | None = None
    html: Path | None = None
    txt: Path | None = None


@dataclass(frozen=True)
class _Outcome:
    status: int
    written: tuple[str, ...]
    messages: tuple[str, ...]


def run(args: argparse.Namespace) -> int:
    from desktop.core.fonts import choose_font

    drafts: list[Path] = args.drafts
    chosen = [p for p in (args.docx, args.pdf, args.odt, args.html, args.txt) if p]
    if len(drafts) > 1 and chosen:
        print(
            "erreur : --docx, --pdf, --odt, --html et --txt ne s’emploient qu’avec un seul "
            "brouillon.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if len({_where(p) for p in chosen}) < len(chosen):
        print(
            "erreur : deux options désignent le même fichier : donnez un chemin par format.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    font = choose_font(args.font_dir)
    if not font.is_marianne:
        print(f"avertissement police : {font.notice}", file=sys.stderr)

    several = len(drafts) > 1
    jobs = [
        _Job(
            draft,
            args.docx if chosen else draft.with_suffix(".docx"),
            args.pdf if chosen else draft.with_suffix(".pdf"),
            args.font_dir,
            f"{draft} : " if several else "",
            args.odt,
            args.html,
            args.txt,
        )
        for draft in drafts
    ]
    refusals = _refused_outputs(jobs)
    if refusals:
        for message in refusals:
            print(f"erreur : {message}", file=sys.stderr)
        print("erreur : rien n’a été écrit.", file=sys.stderr)
        return EXIT_INVALID
    progress = _Progress(len(jobs)) if several and sys.stderr.isatty() else None
    status = EXIT_OK
    for outcome in _outcomes(jobs, args.jobs):
        if progress:
            progress.clear()
        for message in outcome.messages:
            print(message, file=sys.stderr)
        for path in outcome.written:
            print(path)
        status = max(status, outcome.status)
        if progress:
            progress.step()
    if progress:
        progress.done()
    return status


def _refused_outputs(jobs: list[_Job]) -> list[str]:
    """Every output that must not be written, checked before anything is: one that is a draft of
    this command (by device and inode, so links count), the register or an autosave, anything
    but a regular file or a new name, a wrong suffix, or one file asked of two drafts."""
    from desktop.services.files import KeptFiles, OutputRefused, check_output

    drafts = KeptFiles(job.draft for job in jobs)
    refusals: list[str] = []
    seen: dict[Path, Path] = {}
    for job in jobs:
        for target, suffix in (
            (job.pdf, ".pdf"),
            (job.docx, ".docx"),
            (job.odt, ".odt"),
            (job.html, ".html"),
            (job.txt, ".txt"),
        ):
            if target is None:
                continue
            try:
                check_output(target, inputs=drafts, suffix=suffix)
            except OutputRefused as exc:
                refusals.append(exc.message)
                continue
            key = _where(target)
            if key in seen and seen[key] != job.draft:
                refusals.append(
                    f"« {target} » serait écrit pour « {seen[key]} » et pour "
                    f"« {job.draft} » : renommez l’un des brouillons."
                )
            seen.setdefault(key, job.draft)
    return refusals


def _where(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _outcomes(jobs: list[_Job], wanted: int) -> Iterator[_Outcome]:
    workers = min(wanted or min(os.cpu_count() or 1, 8), len(jobs))
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        yield from map(_export_one, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # "spawn", not "fork": a forked copy of a process whose Typst compiler has threads can hang.
    context = multiprocessing.get_context("spawn")
    chunk = max(1, min(32, len(jobs) // (workers * 4)))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for outcome in pool.map(_export_one, jobs, chunksize=chunk):
                done += 1
                yield outcome
    except BrokenProcessPool:  # a worker died (killed, out of memory): say which were not done
        for job in jobs[done:]:
            yield _Outcome(
                EXIT_IO,
                (),
                (
                    f"erreur : {job.draft} : non exporté, un processus d’export s’est arrêté "
                    "brutalement ; relancez l’export de ce brouillon.",
                ),
            )


def _export_one(job: _Job) -> _Outcome:
    """Check and export one draft; every message is returned, so a worker process can do it.
    Whatever goes wrong with this draft comes back as data: it never stops the others."""
    try:
        return _check_and_export(job)
    except Exception as exc:  # one draft's fault must not stop the batch
        return _Outcome(
            EXIT_INVALID,
            (),
            (
                f"erreur : {job.draft} : export impossible, erreur interne "
                f"({type(exc).__name__}) ; les autres brouillons sont exportés.",
            ),
        )


def _check_and_export(job: _Job) -> _Outcome:
    from desktop.core.checks import check
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.render.content import prepare
    from desktop.render.export import export_release
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.files import describe_os_error
    from desktop.usecases.number_lookup import (
        look_up_printed_number,
        look_up_replacement,
        look_up_state,
    )

    font = choose_font(job.font_dir)
    try:
        release = load_draft(job.draft)
    except DraftFileError as exc:
        return _Outcome(EXIT_IO, (), (f"erreur : {exc}",))
    except DraftError as exc:
        return _Outcome(EXIT_INVALID, (), tuple(f"{job.draft} : {p.placed}" for p in exc.problems))
    findings = [f for f in check(release, font=font) if f.in_draft]
    state = look_up_state(release)
    messages = [f"{job.prefix}{finding}" for finding in findings]
    replaced = look_up_replacement(release)
    if replaced:
        messages.append(f"{job.prefix}avertissement : {replaced}")
    if any(f.is_error for f in findings):
        messages.append(f"{job.prefix}export refusé : corrigez les erreurs ci-dessus.")
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    try:
        result = export_release(
            release,
            docx=job.docx,
            pdf=job.pdf,
            odt=job.odt,
            html=job.html,
            txt=job.txt,
            prepared=prepare(
                release, font=font, number=look_up_printed_number(release), state=state
            ),
            inputs=(job.draft,),
        )
    except OSError as exc:
        where = exc.filename or job.docx or job.pdf or job.draft
        messages.append(f"erreur : {describe_os_error(exc, where)}")
        return _Outcome(EXIT_IO, (), tuple(messages))
    except RenderError as exc:
        messages.append(f"erreur : {job.draft} : {exc}")
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    if state == "validé":
        messages += _mark_sent(release)
    return _Outcome(EXIT_OK, tuple(str(p) for p in result.written), tuple(messages))


def _mark_sent(release: Any) -> list[str]:
    """The final export of an approved release: it is now *diffusé* (recorded as a version)."""
    from desktop.store.register import Register, RegisterError
    from desktop.store.signoff import mark_sent

    try:
        with Register.open(max_wait=5.0) as register:
            mark_sent(register, release)
    except RegisterError as exc:
        return [f"avertissement : la diffusion n’a pas pu être notée au registre ({exc})"]
    return []


class _Progress:
    """A one-line progress bar on standard error, for a person watching a terminal."""

    WIDTH = 30

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.draw()

    def draw(self) -> None:
        filled = self.WIDTH * self.count // max(self.total, 1)
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        raw(sys.stderr).write(f"\rExport {bar} {self.count}/{self.total}")
        sys.stderr.flush()

    def clear(self) -> None:
        raw(sys.stderr).write("\r\033[K")

    def step(self) -> None:
        self.count += 1
        self.draw()

    def done(self) -> None:
        self.clear()
        sys.stderr.write(f"{self.count} brouillon(s) traité(s).\n")
        sys.stderr.flush()
