"""Corrections: a *rectificatif* that « annule et remplace » a numbered release.

``correct`` makes a new draft from the numbered release N (its draft, as the register knows
it): kind *Rectificatif*, the line « Ce communiqué annule et remplace le communiqué N°350 du
3 novembre 2020. » above the body, no number yet, its own identity (it is another release for
sign-off), never sent, and ``replaces`` (register id, entry id, printed number, date). When the
rectificatif is numbered, the register records that its entry replaces N's
(``entries.replaces``): ``register list`` shows both links, and exporting N again warns that it
was replaced.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from desktop.core.draft import DraftError
from desktop.core.filenames import portable_name
from desktop.core.model import Release, Replacement, as_new_release, plain_paragraph
from desktop.core.typography import long_date
from desktop.services.drafts import load_draft, save_draft
from desktop.services.files import explain_os_errors
from desktop.store.database import RegisterRefused
from desktop.store.register import Entry, Register

KIND = "Rectificatif"


def replacement_line(entry: Entry) -> str:
    day = f" du {long_date(entry.release_date)}" if entry.release_date else ""
    return f"Ce communiqué annule et remplace le communiqué {entry.label}{day}."


def correction_of(
    release: Release, entry: Entry, register_id: str, *, today: date | None = None
) -> Release:
    """The rectificatif's draft: the same text under its own identity, kind *Rectificatif*,
    the line on top, no number, what it replaces, and dated the day it is made (``today``,
    Paris time): a correction is not dated the day of the release it corrects."""
    from desktop.core.embargo import PARIS

    return replace(
        as_new_release(release),
        date=today or datetime.now(PARIS).date(),
        kind=KIND,
        number=None,
        numbering=None,
        replaces=Replacement(
            register=register_id, entry=entry.id, label=entry.label, date=entry.release_date
        ),
        body=(plain_paragraph(replacement_line(entry)), *release.body),
    )


def default_output(entry: Entry) -> Path:
    original = Path(entry.draft_path)
    suffix = original.suffix or ".communique"  # shortened if need be, valid on Windows too
    return original.with_name(portable_name(f"{original.stem}-rectificatif", suffix=suffix))


def correct(
    register: Register,
    number: int,
    *,
    output: Path | None = None,
    series: str | None = None,
    year: int | None = None,
) -> tuple[Path, Entry]:
    """Write the rectificatif of the numbered release ``number``; its path and N's entry.
    Raises ``RegisterError`` (no such number, nothing to correct) or ``FileError``."""
    from desktop.store.database import DEFAULT_SERIES

    entry = register.find(number, series=series or DEFAULT_SERIES, year=year)
    if entry.cancelled:
        raise RegisterRefused(f"Le {entry.label} a été annulé : il n’y a rien à rectifier.")
    later = register.replaced_by(entry.id)
    if later is not None:
        raise RegisterRefused(
            f"Le {entry.label} a déjà été remplacé par le {later.label} : "
            f"rectifiez plutôt celui-ci."
        )
    try:
        release = load_draft(Path(entry.draft_path))
    except DraftError as exc:
        raise RegisterRefused(
            f"Le brouillon du {entry.label} (« {entry.draft_path} ») ne peut pas être lu : {exc}"
        ) from exc
    target = output or default_output(entry)
    if target.exists() or target.is_symlink():  # a dangling link too: never written through
        raise RegisterRefused(f"« {target} » existe déjà : choisissez un autre nom (--output).")
    with explain_os_errors(target):
        save_draft(correction_of(release, entry, register.id), target)
    return target, entry


def replacement_warning(register: Register, release: Release) -> str | None:
    """For an export of a release that a rectificatif replaced: the French warning."""
    stamp = release.numbering
    if stamp is None or stamp.register != register.id:
        return None
    later = register.replaced_by(stamp.entry)
    if later is None:
        return None
    return (
        f"le {stamp.label or release.number} a été annulé et remplacé par le rectificatif "
        f"{later.label} : vérifiez que c’est bien lui que vous voulez diffuser."
    )
