"""The gate: every file that leaves the office, every message sent, and every release printed or
copied, passes here.

In this order:

a. a draft with errors is refused (``DraftRefused``: the checks of ``core.checks``);
b. the sign-off state applies, as the register's policy says: while a release is not approved,
   its outputs carry the *PROJET* mark; what is made public (a publication, a send to the lists)
   is refused instead (``NotApproved``): a press room or a journalist's inbox never gets a
   *PROJET*;
c. every path is guarded (``guard``): never an input, the register, a draft or an autosave,
   never through a symbolic link, never a read-only file, regular files only, the suffix of its
   format;
d. the files are written together, atomically (``atomic_write_all``): all or none;
e. what left is recorded in the register's history (``store.outputs``), and an approved release
   becomes *diffusé*; a failure to record is a warning, never a lost file.

``clear`` does a and b and gives the prepared release every output shows (``PRINT`` and ``COPY``
stop there: paper and the clipboard); ``send_out`` does c to e for the files of cleared
releases; ``record`` is e alone (a message, once it has left: ``usecases.mail``). ``write_file``
guards and writes a file that is not a release (a CSV of contacts, a word list): c and d. No
other module writes an output: ``tests/test_gate_writers.py`` lists every writer of the package,
and every module that hands a message to SMTP.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import CommuniqueError
from desktop.core.filenames import is_portable_name
from desktop.services import portable
from desktop.services.files import KeptFiles, OutputRefused, atomic_write_all, check_output

if TYPE_CHECKING:
    from desktop.core.findings import Finding
    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.render.content import PreparedRelease
    from desktop.store.signoff import Signoff

log = logging.getLogger(__name__)

NBSP = "\u00a0"
DRAFT_SUFFIX = ".communique"
_JSON_OBJECT_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_DRAFT_FORMAT = re.compile(rb'"format"\s*:\s*"communique"')
"""A draft's mark, in whatever order its keys were written (a tool may sort them)."""


@dataclass(frozen=True)
class Purpose:
    """Why a release goes out: what the history records, how a refusal reads, and whether it
    is made public (then a release not approved is refused, not marked)."""

    kind: str
    """The history's kind (``store.outputs``); empty: not recorded (paper, clipboard)."""
    refused: str
    """« export refusé », « publication refusée »…"""
    public: bool
    not_approved: str = ""
    """The refusal of a release not approved (``{state}``: its state), when this purpose says
    it its own way; else the gate's sentence after ``refused``."""
    register_required: bool = False
    """The state is read from the register even where there is none yet (it is made, with its
    policy: sign-off on), and a register that cannot be read refuses (``RegisterError``)
    rather than guess. For a send to the lists, which live in the register."""
    distributes: bool = True
    """An approved release that leaves for this purpose becomes *diffusé*."""
    unrecorded: str = "les fichiers sont écrits, mais leur sortie n’a pas pu être notée au registre"
    """The warning when the history cannot record it (before the register's reason)."""


EXPORT = Purpose("export", "export refusé", public=False)
PUBLICATION = Purpose("publication", "publication refusée", public=True)
SEND = Purpose(
    "send",
    "envoi refusé",
    public=True,
    not_approved=(
        f"ce communiqué n’est pas validé (état «{NBSP}{{state}}{NBSP}»){NBSP}: il ne part pas "
        "aux listes de diffusion avant sa validation au registre. Soumettez-le, puis faites-le "
        "valider par une autre personne. Un message préparé (.eml) ou un envoi de test reste "
        f"possible{NBSP}: il porte la mention PROJET."
    ),
    register_required=True,
    unrecorded="le message est parti, mais son envoi n’a pas pu être noté au registre",
)
"""To distribution lists through SMTP (``usecases.mail_sending``)."""
EML = Purpose(
    "eml",
    "envoi refusé",
    public=False,
    distributes=False,
    unrecorded="le message est écrit, mais sa sortie n’a pas pu être notée au registre",
)
"""A message file for a mail client, to review or to send by hand: marked until approval."""
TEST = Purpose(
    "test",
    "envoi refusé",
    public=False,
    distributes=False,
    unrecorded="le message est parti, mais son envoi n’a pas pu être noté au registre",
)
"""One copy to one address, ``[TEST]`` in its subject: marked until approval."""
PRINT = Purpose("", "impression refusée", public=False)
COPY = Purpose("", "copie refusée", public=False)


class DraftRefused(CommuniqueError):
    """(a) The draft has errors; ``findings`` are the draft's findings, errors first."""

    def __init__(self, purpose: Purpose, findings: Sequence[Finding]) -> None:
        self.purpose = purpose
        self.findings = tuple(findings)
        count = sum(f.is_error for f in findings)
        which = (
            "une erreur\u202f; corrigez-la"
            if count == 1
            else f"{count} erreurs\u202f; corrigez-les"
        )
        super().__init__(f"{purpose.refused}{NBSP}: le brouillon contient {which} d’abord.")


class NotApproved(CommuniqueError):
    """(b) A release not approved would be made public; ``findings`` are the draft's warnings
    (it has no error)."""

    def __init__(
        self, purpose: Purpose, state: str, findings: Sequence[Finding] = (), *, who: str = ""
    ) -> None:
        self.purpose = purpose
        self.state = state
        self.findings = tuple(findings)
        who = f" Qui peut le valider{NBSP}: {who}." if who else ""
        if purpose.not_approved:
            super().__init__(purpose.not_approved.format(state=state) + who)
            return
        super().__init__(
            f"{purpose.refused}{NBSP}: ce communiqué n’est pas validé (état «{NBSP}{state}{NBSP}» "
            f"au registre). Ce qui est rendu public ne porte jamais la mention PROJET{NBSP}: "
            "faites-le soumettre puis valider par une autre personne. Un export pour relecture "
            f"reste possible, marqué PROJET.{who}"
        )


@dataclass(frozen=True)
class Clearance:
    """A release that passed a and b, for one purpose: what every output of it shows."""

    release: Release
    purpose: Purpose
    state: str
    """The sign-off state (empty when sign-off does not apply)."""
    prepared: PreparedRelease
    """Prepared with the state: the *PROJET* mark is on every format until approval."""
    findings: tuple[Finding, ...]
    """The draft's warnings, for the front end to say."""


def clear(
    release: Release,
    purpose: Purpose,
    *,
    font: FontChoice | None = None,
    number: str | None = None,
) -> Clearance:
    """a and b: refuse a draft with errors (``DraftRefused``), then look up the sign-off state
    in the register and refuse a public output of a release not approved (``NotApproved``;
    ``RegisterError`` when the purpose needs the register and it cannot be read).
    ``number`` is the number as printed when the caller knows it (the window caches it);
    otherwise it is looked up."""
    from desktop.core.checks import check
    from desktop.render.content import prepare
    from desktop.usecases.number_lookup import look_up_printed_number, look_up_state

    findings = [f for f in check(release, font=font) if f.in_draft]
    if any(f.is_error for f in findings):
        raise DraftRefused(purpose, findings)
    signoff = _state_in_register(release) if purpose.register_required else look_up_state(release)
    state = signoff.state
    prepared = prepare(
        release,
        font=font,
        number=look_up_printed_number(release) if number is None else number,
        state=state,
        policy_note=signoff.policy_note,
    )
    if purpose.public and prepared.draft_mark:
        raise NotApproved(purpose, state, findings, who=_who_approves(signoff.unreachable))
    return Clearance(release, purpose, state, prepared, tuple(findings))


def _state_in_register(release: Release) -> Signoff:
    """The sign-off state from the register, made if it does not exist yet at the default
    location; a register named by ``COMMUNIQUE_REGISTER`` that is missing is not made there (a
    mistyped or moved path): it cannot say the release is approved."""
    from desktop.services import paths
    from desktop.store.register import Register
    from desktop.store.signoff import DRAFT, Signoff, printed_signoff

    if paths.register_missing():
        return Signoff(DRAFT, unreachable=True)

    with Register.open(max_wait=5.0) as register:
        return printed_signoff(release, register)


def _who_approves(unreachable: bool) -> str:
    """Who can approve, for a refusal: the approvers' role on a server, else another person."""
    from desktop.services import paths

    if unreachable:
        return (
            "personne tant que le registre ne répond pas (serveur injoignable, ou fichier "
            f"désigné par COMMUNIQUE_REGISTER introuvable){NBSP}; rien n’est rendu public avant "
            "qu’il dise le communiqué validé"
        )
    if paths.register_url() is not None:
        from desktop.store.roles import APPROVERS_ROLE

        return (
            f"une personne du rôle «{NBSP}{APPROVERS_ROLE}{NBSP}» du serveur, autre que celle "
            "qui l’a soumis (communique approve)"
        )
    return (
        "une autre personne que celle qui l’a soumis, sous son propre compte du système "
        "(communique approve)"
    )


# ---------------------------------------------------------------- c: paths


def guard(path: Path, *, suffix: str | None = None, kept: KeptFiles | Iterable[Path] = ()) -> Path:
    """c: refuse (``OutputRefused``, a French sentence) an output path that is an input (``kept``:
    the drafts being read, or a ``KeptFiles`` built once for many outputs), the register or an
    autosave, a draft, a symbolic link, a read-only file, anything but a regular file or a new
    name, or whose name does not end with ``suffix``; on Windows, a name Windows would take for
    something else (a device, a hidden stream, a name cut of its final dot). Returns the path."""
    path = Path(path)
    if portable.on_windows() and not is_portable_name(path.name):
        raise OutputRefused(
            f"«{NBSP}{path}{NBSP}» n’est pas un nom que Windows écrit tel quel (nom réservé "
            "comme CON ou NUL, caractère interdit comme les deux-points ou l’astérisque, point "
            f"ou espace final){NBSP}: le "
            "fichier irait ailleurs. Choisissez un autre nom.",
            path,
        )
    check_output(path, inputs=kept)
    if path.is_symlink():
        raise OutputRefused(
            f"«{NBSP}{path}{NBSP}» est un lien symbolique{NBSP}: rien n’est écrit à travers un "
            "lien (le fichier qu’il désigne serait remplacé). Supprimez le lien ou choisissez un "
            "autre chemin.",
            path,
        )
    try:
        info: os.stat_result | None = path.stat()
    except OSError:  # a new name (check_output said the rest)
        info = None
    if info is not None and (path.suffix.lower() == DRAFT_SUFFIX or _is_draft(path)):
        raise OutputRefused(
            f"«{NBSP}{path}{NBSP}» est un brouillon de communiqué{NBSP}: il serait remplacé. "
            "Choisissez un autre chemin.",
            path,
        )
    if info is not None and _read_only(path, info):
        raise OutputRefused(
            f"«{NBSP}{path}{NBSP}» est en lecture seule{NBSP}: il n’est pas remplacé. "
            "Choisissez un autre nom, ou rendez d’abord le fichier modifiable.",
            path,
        )
    check_output(path, inputs=kept, suffix=suffix)  # what the name says it holds, last
    return path


def _read_only(path: Path, info: os.stat_result) -> bool:
    """Read-only for its owner (even for root, who could write it anyway), or for us."""
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    if portable.owned_by_user(info):
        return not info.st_mode & stat.S_IWUSR
    return not os.access(path, os.W_OK)


def _is_draft(path: Path) -> bool:
    """Whether the existing regular file at ``path`` is a draft, whatever its name: a JSON
    object whose ``format`` is ``communique``, in any key order (it is never waited on:
    ``check_output`` refused anything but a regular file)."""
    import json

    from desktop.core.draft import MAX_DRAFT_BYTES

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        head = os.read(fd, 256)
        if not _JSON_OBJECT_START.match(head):
            return False
        rest = bytearray(head)
        while len(rest) <= MAX_DRAFT_BYTES and (chunk := os.read(fd, 1 << 16)):
            rest += chunk
    except OSError:
        return False
    finally:
        os.close(fd)
    if len(rest) > MAX_DRAFT_BYTES:  # too big to be read as a draft: its beginning says
        return _DRAFT_FORMAT.search(bytes(rest[: 1 << 16])) is not None
    try:
        data = json.loads(bytes(rest).decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return _DRAFT_FORMAT.search(bytes(rest[: 1 << 16])) is not None
    return isinstance(data, dict) and data.get("format") == "communique"


# ---------------------------------------------------------------- d and e: writing, recording


@dataclass(frozen=True)
class OutFile:
    """One file to write: a format of the registry (``format``), or another file of an output
    (a press room's index, a message file) with the ``suffix`` its name must end with."""

    path: Path
    data: bytes
    format: str = ""
    suffix: str | None = None
    attached: bool = False
    """A message's attachment, not a file of its own: ``path`` is its name in the message;
    the history lists it, nothing is written."""

    @property
    def expected_suffix(self) -> str | None:
        if self.format:
            from desktop.usecases import formats

            return formats.get(self.format).suffix
        return self.suffix


@dataclass(frozen=True)
class Parcel:
    """The files of one cleared release; for a message, its attachments and who received it."""

    clearance: Clearance
    files: tuple[OutFile, ...]
    recipients: int = 0
    """The addresses that accepted the message."""
    message_id: str = ""


@dataclass(frozen=True)
class Sent:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    """French sentences: what could not be recorded (the files are written all the same)."""


def send_out(
    parcels: Sequence[Parcel],
    *,
    others: Sequence[OutFile] = (),
    kept: KeptFiles | Iterable[Path] = (),
) -> Sent:
    """c, d, e: guard every path, write every file at once (``OSError`` and nothing written, or
    all written), then record each parcel in the register's history."""
    kept = kept if isinstance(kept, KeptFiles) else KeptFiles(kept)
    files = [f for parcel in parcels for f in parcel.files if not f.attached] + list(others)
    seen: set[Path] = set()
    for out in files:
        guard(out.path, suffix=out.expected_suffix, kept=kept)
        key = _where(out.path)
        if key in seen:
            raise OutputRefused(
                f"«{NBSP}{out.path}{NBSP}» serait écrit deux fois{NBSP}: donnez un chemin par "
                "fichier.",
                out.path,
            )
        seen.add(key)
    atomic_write_all([(out.path, out.data) for out in files], follow_links=False)
    warnings = [w for parcel in parcels for w in record(parcel)]
    return Sent(tuple(out.path for out in files), tuple(warnings))


def retire(paths: Sequence[Path], *, folder: Path) -> list[str]:
    """Remove outputs that a new publication replaced (a page published again under another
    name, its PDF and ODT): only regular files directly in ``folder`` that ``guard`` would let
    us write (never a link, a draft, the register or a read-only file). What cannot be removed
    is a French warning, not an error: the new files are already out."""
    warnings: list[str] = []
    for path in paths:
        if path.parent != folder or path.is_symlink() or not path.is_file():
            continue
        try:
            guard(path, suffix=path.suffix)
            path.unlink()
        except OSError as exc:
            warnings.append(
                f"l’ancienne page «{NBSP}{path}{NBSP}» n’a pas pu être retirée ({exc})."
            )
    return warnings


def write_file(
    path: Path,
    data: bytes,
    *,
    suffix: str | tuple[str, ...] | None = None,
    inputs: KeptFiles | Iterable[Path] = (),
    private: bool = False,
) -> Path:
    """c and d for a file that is not a release (contacts, a list, a word list, the register's
    export): guarded as every output, its name ending with ``suffix`` (one of them, for a
    tuple: a CSV of contacts never lands on a PDF or a settings file), written atomically;
    ``private`` for personal data (0600); ``inputs``: the files being read, or a ``KeptFiles``
    built once for many files. ``OutputRefused`` or ``OSError``."""
    path = Path(path)
    if isinstance(suffix, tuple):
        suffix = path.suffix.lower() if path.suffix.lower() in suffix else suffix[0]
    path = guard(path, suffix=suffix, kept=inputs)
    atomic_write_all([(path, data)], follow_links=False, private=private)
    return path


def _where(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _keep_in_archive(register: Any, clearance: Clearance) -> None:
    """What left the office joins the archive (``store.archive``), under its identity."""
    from desktop.store.archive import Archive, Entry

    archive = Archive(register.db)
    if archive.available:  # a shared register not yet upgraded keeps no archive
        archive.add([Entry(clearance.release, number=clearance.prepared.number)])


def record(parcel: Parcel) -> list[str]:
    """e: one line of history for ``parcel``, and *diffusé* for an approved release when its
    purpose distributes it; the French warnings of a register that could not record it.
    ``send_out`` calls it for files; the mail use case once a message has left (``SEND``,
    ``TEST``: its attachments, its recipients and Message-ID) or its file is written (``EML``)."""
    clearance = parcel.clearance
    if not clearance.purpose.kind:
        return []
    from desktop.services import paths

    if not paths.register_exists():  # an office without a register keeps no history
        return []
    from desktop.store.outputs import OutputFile, record_output
    from desktop.store.register import Register, RegisterError
    from desktop.store.signoff import APPROVED, mark_sent

    files = [
        OutputFile(
            out.path.name
            if out.attached
            else os.fsencode(out.path.absolute()).decode("utf-8", "backslashreplace"),
            out.format or out.path.suffix.lstrip(".").lower(),
            hashlib.sha256(out.data).hexdigest(),
            len(out.data),
        )
        for out in parcel.files
    ]
    try:
        with Register.open(max_wait=5.0) as register:
            record_output(
                register,
                clearance.release,
                kind=clearance.purpose.kind,
                state=clearance.state,
                files=files,
                number=clearance.prepared.number,
                headline=clearance.prepared.headline,
                recipients=parcel.recipients,
                message_id=parcel.message_id,
            )
            if clearance.state == APPROVED and clearance.purpose.distributes:
                mark_sent(register, clearance.release)
            _keep_in_archive(register, clearance)
    except RegisterError as exc:
        log.warning("output left but was not recorded in the register: %s", exc)
        return [f"{clearance.purpose.unrecorded} ({exc})."]
    return []
