"""Importing old releases: each file read (``services.import_readers``), its parts recognised
(``core.recognise``), and a draft written beside it or into a chosen folder, through the gate,
under a name no file has yet (never over an existing one). Both front ends call
``import_files`` (the window on a worker thread, with ``progress`` and ``cancel``) and
``import_text`` for a text pasted into a dialog.

The source files are only read. A file that cannot be read is reported (``Imported.refused``)
and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.draft import MAX_TEXT_DRAFT_BYTES, SUFFIX, dumps_draft
from desktop.core.errors import CommuniqueError
from desktop.core.extracted import Extracted
from desktop.core.filenames import portable_name
from desktop.core.recognise import Recognised, recognise
from desktop.services.files import KeptFiles, OutputRefused
from desktop.services.import_readers import SUFFIXES, ImportRefused, read_document, text_document
from desktop.store.archive import Archive, Entry, entry_of_draft
from desktop.usecases import gate

MAX_FILES = 5_000
"""A folder of more files than this is refused: an import is a few years of releases."""
MAX_NAME_TRIES = 1_000


@dataclass(frozen=True)
class Imported:
    """One file's import: the draft written, what was recognised, or why nothing was."""

    source: Path
    draft: Path | None = None
    recognised: Recognised | None = None
    refused: str = ""
    exit_code: int = 0
    """For a refusal, the command line's exit code (2 the file itself, 1 the machine)."""
    already: str = ""
    """The headline of the release the archive already holds with the same text (no draft
    written, nothing added)."""


Progress = Callable[[int, int, Path], None]
"""``progress(done, total, file)``: called before each file."""


def files_to_import(paths: Iterable[Path]) -> list[Path]:
    """The files named, a folder standing for its importable files (its subfolders too), in
    name order; ``ImportRefused`` for too many files."""
    found: list[Path] = []
    for named in paths:
        path = Path(named)
        if path.is_dir() and not path.is_symlink():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink()
            )
        else:
            found.append(path)  # a missing or unreadable file is reported with the others
        if len(found) > MAX_FILES:
            raise ImportRefused(
                f"plus de {MAX_FILES} fichiers à importer\u00a0: importez un dossier à la fois."
            )
    return found


def draft_name(source: Path, folder: Path) -> Path:
    """``folder/<source's stem>.communique``, or ``…-2``, ``…-3``: a name no file has, valid on
    Windows too (``portable_name``: a source named ``CON.docx`` or ``bilan: 2020.odt``)."""
    stem = source.stem or "communique"
    for n in range(1, MAX_NAME_TRIES):
        ending = SUFFIX if n == 1 else f"-{n}{SUFFIX}"  # kept whole when a long stem is cut
        candidate = folder / portable_name(stem, suffix=ending)
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    raise OutputRefused(
        f"aucun nom libre pour le brouillon de «\u00a0{source.name}\u00a0».", source
    )


def write_draft(
    found: Recognised, source: Path, folder: Path, inputs: KeptFiles | Iterable[Path]
) -> Path:
    """The recognised release written as a new draft in ``folder`` through the gate
    (``inputs``: the files being read, or a ``KeptFiles`` of them built once for a folder)."""
    data = dumps_draft(found.release).encode("utf-8")
    if len(data) > MAX_TEXT_DRAFT_BYTES:  # an import brings text, never an image
        raise ImportRefused(
            f"«\u00a0{source.name}\u00a0» est trop long pour un communiqué (son brouillon "
            f"dépasserait {MAX_TEXT_DRAFT_BYTES // 1_000_000} Mo)\u00a0: il n’est pas importé."
        )
    target = draft_name(source, folder)
    kept = inputs if isinstance(inputs, KeptFiles) else [source, *inputs]
    return gate.write_file(target, data, suffix=SUFFIX, inputs=kept)


def import_files(
    paths: Iterable[Path],
    output: Path | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    archive: Archive | None = None,
) -> list[Imported]:
    """Import every file (a folder: its files); the drafts go to ``output``, else beside each
    file, and into ``archive`` when given. Stops between two files when ``cancel()`` says so
    (the drafts written stay)."""
    files = files_to_import(paths)
    if output is not None and not output.is_dir():
        raise ImportRefused(f"«\u00a0{output}\u00a0» n’est pas un dossier.")
    done: list[Imported] = []
    kept = KeptFiles(files)  # once: every draft is checked against every file being read
    for n, source in enumerate(files):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(n, len(files), source)
        done.append(_import_one(source, output or source.parent, kept, archive))
    if progress is not None and (cancel is None or not cancel()):
        progress(len(files), len(files), files[-1] if files else Path())
    return done


def _import_one(source: Path, folder: Path, inputs: KeptFiles, archive: Archive | None) -> Imported:
    try:
        return _imported(read_document(source), source, folder, inputs, archive)
    except CommuniqueError as exc:
        return Imported(source, refused=str(exc), exit_code=exc.exit_code)
    except OSError as exc:
        from desktop.core.errors import EXIT_IO
        from desktop.services.files import describe_os_error

        return Imported(source, refused=describe_os_error(exc, source), exit_code=EXIT_IO)


def import_text(
    text: str, output: Path, *, name: str = "texte-colle", archive: Archive | None = None
) -> Imported:
    """A text pasted into a dialog, imported as a draft ``output/<name>.communique`` (and kept
    in ``archive`` when given); ``ImportRefused`` for a text with nothing in it."""
    doc: Extracted = text_document(text, f"{name}.txt", kind="texte collé")
    source = Path(output) / f"{name}.txt"
    return _imported(doc, source, Path(output), (), archive)


def _imported(
    doc: Extracted,
    source: Path,
    folder: Path,
    inputs: KeptFiles | Iterable[Path],
    archive: Archive | None,
) -> Imported:
    """``doc`` recognised and written as a draft, unless it is empty (refused) or the archive
    holds it already (nothing written: ``Imported.already``)."""
    if not any(ch.isalnum() for line in doc.lines for ch in line.text):  # blanks, dashes…
        scan = " (un PDF numérisé\u00a0? Communiqué ne lit pas le texte des images)"
        raise ImportRefused(
            f"«\u00a0{source.name}\u00a0» ne contient aucun texte"
            f"{scan if source.suffix.lower() == '.pdf' else ''}\u00a0: rien à importer."
        )
    found = recognise(doc)
    if archive is not None:
        held = archive.held(Entry(found.release).key)
        if held is not None:
            return Imported(source, recognised=found, already=held.headline or "sans titre")
    draft = write_draft(found, source, folder, inputs)
    if archive is not None:
        archive.add([entry_of_draft(found.release, draft)])
    return Imported(source, draft, found)


FIELD_LABELS = {
    "bloc-marque": "bloc-marque",
    "header": "bloc-marque",
    "kind": "genre",
    "date": "date",
    "number": "numéro",
    "embargo": "embargo",
    "headline": "titre",
    "contacts": "contacts",
    "body": "texte",
}


def report_lines(imported: Imported) -> list[str]:
    """What one import did, in French: the draft, each part and where it was found, the
    findings (what could not be placed among them)."""
    if imported.already:
        return [
            f"{imported.source} : déjà dans les archives (« {imported.already} »), "
            "aucun brouillon écrit"
        ]
    if imported.refused or imported.recognised is None:
        return [f"{imported.source} : non importé — {imported.refused}"]
    lines = [f"{imported.source} → {imported.draft}"]
    for placed in imported.recognised.placed:
        label = FIELD_LABELS.get(placed.field, placed.field)
        text = placed.text if len(placed.text) <= 70 else placed.text[:69] + "…"
        lines.append(f"  {label} ({placed.where}) : {text}")
    lines += [
        f"  {finding.severity.value} {FIELD_LABELS.get(finding.field, finding.field)} : "
        f"{finding.message}"
        for finding in imported.recognised.findings
    ]
    return lines
