"""The archive's workflows, called by the command line and the window: keep drafts in the
archive (``index_drafts``), search it, write the results as CSV through the gate, and make a
new draft from a release found (*Utiliser comme modèle*: a new identity, no number).

Releases that leave the office through the gate are kept there too (``gate.record``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core.draft import SUFFIX, DraftError, dumps_draft
from desktop.core.errors import CommuniqueError
from desktop.core.model import Release, as_new_release
from desktop.core.typography import long_date
from desktop.services.drafts import load_draft
from desktop.store.archive import Archive, Entry, Hit, entry_of_draft
from desktop.usecases import gate

IMPORTABLE = (".docx", ".odt", ".pdf", ".txt", ".eml")
CSV_COLUMNS = ("date", "numéro", "genre", "titre", "ministère", "contacts", "fichier")


class ArchiveError(CommuniqueError):
    """A release the archive does not hold, or a model that cannot be made; French message."""


@dataclass(frozen=True)
class Indexed:
    added: tuple[Path, ...]
    refused: tuple[tuple[Path, str], ...]


def index_drafts(
    paths: Iterable[Path],
    archive: Archive,
    *,
    progress: Callable[[int, int, Path], None] | None = None,
    batch: int = 200,
) -> Indexed:
    """Keep each draft in the archive (a draft kept before is replaced); the drafts that
    cannot be read are listed with the reason."""
    files = list(paths)
    added: list[Path] = []
    refused: list[tuple[Path, str]] = []
    pending: list[Entry] = []
    for n, path in enumerate(files):
        if progress is not None:
            progress(n, len(files), path)
        if Path(path).suffix.lower() in IMPORTABLE:
            refused.append(
                (
                    path,
                    "ce n’est pas un brouillon\u00a0: importez-le d’abord "
                    "(«\u00a0communique import --archive\u00a0»).",
                )
            )
            continue
        try:
            pending.append(entry_of_draft(load_draft(path), path))
            added.append(path)
        except DraftError as exc:
            refused.append((path, str(exc)))
        if len(pending) >= batch:
            archive.add(pending)
            pending = []
    archive.add(pending)
    return Indexed(tuple(added), tuple(refused))


def csv_of(hits: Iterable[Hit]) -> bytes:
    """The results as a CSV a spreadsheet opens (UTF-8 with its mark, ``;`` as French Excel
    expects); a cell that a spreadsheet would run as a formula is quoted with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        row = (
            hit.date.isoformat() if hit.date else "",
            hit.number,
            hit.kind,
            hit.headline,
            hit.ministry.replace("\n", " / "),
            hit.contacts.replace("\n", " / "),
            hit.source,
        )
        writer.writerow([_inert(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _inert(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def export_csv(hits: Iterable[Hit], path: Path) -> Path:
    """The results written as CSV at ``path``, through the gate (never over a draft, the
    register, a link…)."""
    return gate.write_file(Path(path), csv_of(hits), suffix=".csv")


def model_of(archive: Archive, key: str) -> Release:
    """A new release made from the one kept under ``key``: its text, a new identity, no
    number, no sends, no import note."""
    release = archive.release(key)
    if release is None:
        raise ArchiveError("ce communiqué n’est plus dans les archives.")
    return replace(as_new_release(release), imported=None)


def write_model(archive: Archive, key: str, path: Path) -> Path:
    """*Utiliser comme modèle* from the command line or a chosen name: a new draft at ``path``,
    which must not exist yet."""
    path = Path(path)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    if path.exists() or path.is_symlink():
        raise ArchiveError(f"«\u00a0{path}\u00a0» existe déjà\u00a0: choisissez un autre nom.")
    return gate.write_file(path, dumps_draft(model_of(archive, key)).encode("utf-8"), suffix=SUFFIX)


def describe(hit: Hit) -> str:
    """One line of results: date, number, kind and headline."""
    when = long_date(hit.date) if hit.date else "sans date"
    number = f" — {hit.number}" if hit.number else ""
    return f"{when}{number} — {hit.kind} — {hit.headline}"


def removal_refusal(hit: Hit, release: Release | None) -> str | None:
    """Why the release kept as ``hit`` may not leave the archive, in French; None when it may.

    Only what the office brought in may be removed: an imported document, or a draft added by
    hand. A release that left the office through Communiqué (exported, published, sent: kept
    with no file of its own) or that a register of the office numbered is part of its history,
    which is never rewritten (issue 20's sign-off): it is refused, not hidden, so that a search
    of the archive always finds what the office said."""
    from desktop.core.numbers import is_imported

    if not hit.source:
        return (
            f"«\u00a0{hit.headline}\u00a0» est sorti du bureau par Communiqué (export, "
            "publication ou envoi)\u00a0: il reste dans les archives, qui gardent ce que le "
            "bureau a diffusé."
        )
    stamp = release.numbering if release is not None else None
    if stamp is not None and not is_imported(stamp):
        return (
            f"«\u00a0{hit.headline}\u00a0» porte un numéro du registre ({hit.number})\u00a0: "
            "l’historique du registre ne s’efface pas, il reste dans les archives."
        )
    return None


def remove_from_archive(archive: Archive, keys: Iterable[str]) -> list[Hit]:
    """Remove the releases kept under ``keys``, all or none: ``ArchiveError`` for a key the
    archive does not hold or a release that may not leave it (``removal_refusal``)."""
    found: list[Hit] = []
    for key in dict.fromkeys(k.strip() for k in keys):
        hit = archive.held(key)
        if hit is None:
            raise ArchiveError(
                f"aucun communiqué des archives n’a l’identifiant «\u00a0{key}\u00a0» "
                "(«\u00a0communique archive search\u00a0» les affiche)."
            )
        reason = removal_refusal(hit, archive.release(key))
        if reason is not None:
            raise ArchiveError(f"{reason} Rien n’a été retiré.")
        found.append(hit)
    archive.remove_all(hit.key for hit in found)
    return found
