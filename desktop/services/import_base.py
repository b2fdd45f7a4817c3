"""The bounds of every import: the errors that say a file cannot be imported, and a zip (DOCX,
ODT) opened only when its members are few and small enough once inflated."""

from __future__ import annotations

import io
import zipfile

from desktop.core.errors import CommuniqueError, OutsideError

MAX_MEMBERS = 3_000
MAX_UNZIPPED_BYTES = 150_000_000


class ImportRefused(CommuniqueError):
    """A file that cannot be imported; the message says which and why, in French."""


class ImportUnreadable(OutsideError):
    """A file the machine could not read (missing, no permission, a disk error)."""


def checked_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip in ``data``, refused when it holds too many members or inflates too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"«\u00a0{name}\u00a0» n’est pas un document valide.") from exc
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise ImportRefused(
            f"«\u00a0{name}\u00a0» se décompresse en un volume démesuré\u00a0: il n’est pas lu."
        )
    return archive


def member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """One member, read within its declared size (a lying header stops the read)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ImportRefused("un membre du document est plus grand qu’annoncé.")
    return data
