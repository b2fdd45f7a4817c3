"""``communique export DRAFT… [--docx PATH] [--pdf PATH] [--odt PATH] [--html PATH] [--txt PATH]``

One flag per format of the registry (``usecases.formats``); every file goes out through the gate
(``usecases.gate``), by ``usecases.export.export_release``. Many drafts at once (a year of
releases under a new header) are shared between processes, one per core: each keeps its Typst
compiler, fonts and DOCX template warm across its drafts.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK
from desktop.commands._errors import Refused, error_line, say_error
from desktop.commands._terminal import raw
from desktop.core.plurals import plural

if TYPE_CHECKING:
    from desktop.core.model import Release

PARALLEL_FROM = 16
"""Below this many drafts, starting worker processes costs more than it saves."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="exporter un ou plusieurs brouillons en DOCX et en PDF (ODT, HTML, texte)",
        description="Exporte des brouillons (.communique) en DOCX et en PDF, et sur demande en "
        "ODT, en page HTML et en texte brut. Sans aucune option de format, le DOCX "
        "et le PDF sont écrits à côté de chaque brouillon. Un brouillon "
        "qui contient des erreurs n’est pas exporté (voir « communique check ») ; "
        "tant qu’il n’est pas validé au registre, chaque fichier porte la mention "
        "PROJET.",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    from desktop.usecases import formats

    for fmt in formats.all_formats():  # one flag per format of the registry
        parser.add_argument(f"--{fmt.name}", type=output_path, metavar="CHEMIN", help=fmt.flag_help)
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
    targets: tuple[tuple[str, Path], ...]
    """Registry format name → the file to write."""
    font_dir: str | None
    prefix: str


@dataclass(frozen=True)
class _Outcome:
    status: int
    written: tuple[str, ...]
    messages: tuple[str, ...]


def run(args: argparse.Namespace) -> int:
    from desktop.core.fonts import choose_font
    from desktop.usecases import formats

    drafts: list[Path] = args.drafts
    for draft in drafts:
        if not draft.name or draft.is_dir():
            raise Refused(f"« {draft} » est un dossier, pas un brouillon (.communique).")
    chosen = [(fmt.name, getattr(args, fmt.name)) for fmt in formats.all_formats()]
    chosen = [(name, path) for name, path in chosen if path]
    if len(drafts) > 1 and chosen:
        flags = [f"--{name}" for name in formats.names()]
        raise Refused(
            f"{', '.join(flags[:-1])} et {flags[-1]} ne s’emploient qu’avec un seul brouillon."
        )
    if len({_where(p) for _, p in chosen}) < len(chosen):
        raise Refused("deux options désignent le même fichier : donnez un chemin par format.")
    font = choose_font(args.font_dir)
    if not font.is_marianne:
        print(f"avertissement police : {font.notice}", file=sys.stderr)

    several = len(drafts) > 1
    jobs = [
        _Job(
            draft,
            tuple(chosen)
            or (("pdf", draft.with_suffix(".pdf")), ("docx", draft.with_suffix(".docx"))),
            args.font_dir,
            f"{draft} : " if several else "",
        )
        for draft in drafts
    ]
    refusals = _refused_outputs(jobs)
    if refusals:  # every refused path, one a line, then the refusal of the whole batch
        for message in refusals:
            say_error(message)
        raise Refused("rien n’a été écrit.")
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
    """Every output the gate would refuse, checked before anything is written (a batch writes
    nothing when one of its paths is wrong): a draft of this command (by device and inode, so
    links count), the register, an autosave, a link, a read-only file, anything but a regular
    file or a new name, a wrong suffix; and one file asked of two drafts."""
    from desktop.services.files import KeptFiles, OutputRefused
    from desktop.usecases import formats, gate

    drafts = KeptFiles(job.draft for job in jobs)
    refusals: list[str] = []
    seen: dict[Path, Path] = {}
    for job in jobs:
        for name, target in job.targets:
            try:
                gate.guard(target, suffix=formats.get(name).suffix, kept=drafts)
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
                    error_line(
                        f"{job.draft} : non exporté, un processus d’export s’est arrêté "
                        "brutalement ; relancez l’export de ce brouillon."
                    ),
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
                error_line(
                    f"{job.draft} : export impossible, erreur interne "
                    f"({type(exc).__name__}) ; les autres brouillons sont exportés."
                ),
            ),
        )


def _check_and_export(job: _Job) -> _Outcome:
    """One draft of the batch: its failures are lines of its outcome (``error_line``), never
    raised, so that the others are exported."""
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.files import OutputRefused, describe_os_error
    from desktop.usecases import gate
    from desktop.usecases.export import NotInThisDocument, export_release
    from desktop.usecases.number_lookup import look_up_replacement

    font = choose_font(job.font_dir)
    try:
        release = load_draft(job.draft)
    except DraftFileError as exc:
        return _Outcome(EXIT_IO, (), (error_line(str(exc)),))
    except DraftError as exc:
        return _Outcome(EXIT_INVALID, (), tuple(f"{job.draft} : {p.placed}" for p in exc.problems))
    messages: list[str] = []

    def say_findings(clearance: gate.Clearance) -> None:
        messages.extend(f"{job.prefix}{finding}" for finding in clearance.findings)
        replaced = look_up_replacement(release)
        if replaced:
            messages.append(f"{job.prefix}avertissement : {replaced}")

    try:
        result = export_release(
            release,
            dict(job.targets),
            font=font,
            inputs=(job.draft,),
            on_cleared=say_findings,
        )
    except gate.DraftRefused as exc:
        messages += [f"{job.prefix}{finding}" for finding in exc.findings]
        messages.append(f"{job.prefix}{exc}")
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    except OutputRefused as exc:
        messages.append(error_line(exc.message))
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    except NotInThisDocument as exc:
        messages.append(error_line(f"{job.draft} : {exc}"))
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    except OSError as exc:
        where = exc.filename or job.targets[0][1]
        messages.append(error_line(describe_os_error(exc, where)))
        return _Outcome(EXIT_IO, (), tuple(messages))
    except RenderError as exc:
        messages.append(error_line(f"{job.draft} : {exc}"))
        return _Outcome(EXIT_INVALID, (), tuple(messages))
    messages += [f"{job.prefix}avertissement : {warning}" for warning in result.warnings]
    if result.release is not None:  # the calendar file's identity and sequence, kept
        messages += _recorded(release, result.release, job)
    return _Outcome(EXIT_OK, tuple(str(p) for p in result.written), tuple(messages))


def _recorded(read: Release, release: Release, job: _Job) -> list[str]:
    """The calendar file's identity and ``SEQUENCE`` written into the draft, so that the next
    export keeps them (the lines to say when it could not be)."""
    from desktop.core.draft import DraftError
    from desktop.usecases.draft_notes import note_in_draft

    try:
        if note_in_draft(read, release, job.draft):
            return []
        reason = "il a été modifié pendant l’export"
    except (OSError, DraftError) as exc:
        reason = str(exc)
    return [
        f"{job.prefix}avertissement : le brouillon n’a pas pu noter la séquence du fichier "
        f"d’agenda ({reason})\u00a0; le prochain export la reprendra."
    ]


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
        sys.stderr.write(f"{plural(self.count, 'brouillon traité')}.\n")
        sys.stderr.flush()
