"""Reading an old release from a file: a Word (.docx) or LibreOffice (.odt) document, a PDF with
text, a text file or an e-mail (.eml), into the neutral ``Extracted`` shape the recogniser reads.

Every read is bounded: a regular file of at most ``MAX_FILE_BYTES`` (``files.read_limited``: a
FIFO or a device is never read), and a zip (DOCX, ODT) of at most ``MAX_MEMBERS`` members whose
sizes once inflated add up to at most ``MAX_UNZIPPED_BYTES``, checked before inflating. The
source file is only read, never written.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop.core.errors import CommuniqueError, OutsideError
from desktop.core.extracted import Extracted, Line
from desktop.core.model import Run
from desktop.services.files import InputRefused, describe_os_error, read_limited

MAX_FILE_BYTES = 30_000_000
MAX_MEMBERS = 3_000
MAX_UNZIPPED_BYTES = 150_000_000
MAX_TEXT_CHARS = 2_000_000
SUFFIXES = (".docx", ".odt", ".pdf", ".txt", ".eml")


class ImportRefused(CommuniqueError):
    """A file that cannot be imported; the message says which and why, in French."""


class ImportUnreadable(OutsideError):
    """A file the machine could not read (missing, no permission, a disk error)."""


def read_document(path: Path) -> Extracted:
    """The document at ``path``, by its suffix; ``ImportRefused`` for a file that cannot be read
    (not a regular file, too big, damaged, of another kind)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(
            f"«\u00a0{path.name}\u00a0» n’est pas un document importable (formats lus\u00a0: "
            ".docx, .odt, .pdf, .txt, .eml)."
        )
    try:
        data = read_limited(path, MAX_FILE_BYTES, what="document à importer")
    except InputRefused as exc:
        raise ImportRefused(str(exc)) from exc
    except OSError as exc:
        raise ImportUnreadable(describe_os_error(exc, path)) from exc
    try:
        doc = _read(suffix, data, path.name)
    except ImportRefused:
        raise
    except Exception as exc:  # a damaged file of any kind: the libraries raise their own errors
        raise ImportRefused(
            f"«\u00a0{path.name}\u00a0» est illisible ou endommagé ({type(exc).__name__})."
        ) from exc
    return doc


def _read(suffix: str, data: bytes, name: str) -> Extracted:
    if suffix == ".docx":
        from desktop.services.read_docx import read_docx

        return read_docx(checked_zip(data, name), name)
    if suffix == ".odt":
        from desktop.services.read_odt import read_odt

        return read_odt(checked_zip(data, name), name)
    if suffix == ".pdf":
        from desktop.services.read_pdf import read_pdf

        return read_pdf(data, name)
    if suffix == ".eml":
        return read_eml(data, name)
    return text_document(decode_text(data), name, kind="texte")


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


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without its mark), else Windows-1252, as old Windows files were."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text[:MAX_TEXT_CHARS]


def text_document(text: str, name: str, *, kind: str, title: str = "") -> Extracted:
    """A pasted or plain text: a line per line, a blank line separating paragraphs (a single
    line break may only wrap one)."""
    lines: list[Line] = []
    gap = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            gap = True
            continue
        lines.append(Line((Run(raw.strip()),), gap_before=gap))
        gap = False
    return Extracted(tuple(lines), source=name, kind=kind, metadata_title=title)


def read_eml(data: bytes, name: str) -> Extracted:
    """An e-mail: its text part (else its HTML part, tags removed), its subject kept aside."""
    import email
    import email.policy
    import html
    import re

    message = email.message_from_bytes(data, policy=email.policy.default)
    subject = str(message.get("Subject", "") or "")
    part = message.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    text = ""
    if part is not None:
        text = part.get_content()
        if part.get_content_type() == "text/html":
            text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n\n", text)
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text_document(str(text)[:MAX_TEXT_CHARS], name, kind="e-mail", title=subject)
