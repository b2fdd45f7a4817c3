"""Reading an old release from a file: a Word (.docx) or LibreOffice (.odt) document, a PDF with
text, a text file or an e-mail (.eml), into the neutral ``Extracted`` shape the recogniser reads.

Every read is bounded: a regular file of at most ``MAX_FILE_BYTES`` (``files.read_limited``: a
FIFO or a device is never read), and a zip (DOCX, ODT) of at most ``MAX_MEMBERS`` members whose
sizes once inflated add up to at most ``MAX_UNZIPPED_BYTES``, checked before inflating. The
source file is only read, never written.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.extracted import Extracted, Line
from desktop.core.model import Run
from desktop.services.files import InputRefused, describe_os_error, read_limited
from desktop.services.import_base import ImportRefused, ImportUnreadable, checked_zip

__all__ = ["SUFFIXES", "ImportRefused", "ImportUnreadable", "read_document", "text_document"]

MAX_FILE_BYTES = 30_000_000
MAX_TEXT_CHARS = 2_000_000
SUFFIXES = (".docx", ".odt", ".pdf", ".txt", ".eml")


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


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without its mark), else Windows-1252, as old Windows files were."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text[:MAX_TEXT_CHARS]


WRAP_WIDTH = 80
"""Longer than this, a line was not wrapped by hand (e-mails wrap at 72 to 78 characters)."""


def text_document(text: str, name: str, *, kind: str, title: str = "") -> Extracted:
    """A pasted or plain text: a line per line, a blank line separating paragraphs (a single
    line break may only wrap one). A text with no blank line at all and a line too long to
    have been wrapped (copied from a web page or a word processor) has a paragraph per line."""
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [raw.strip() for raw in raws]
    while kept and not kept[-1]:
        kept.pop()
    while kept and not kept[0]:
        kept.pop(0)
    line_per_paragraph = all(kept) and any(len(line) > WRAP_WIDTH for line in kept)
    lines: list[Line] = []
    gap = True
    for line in kept:
        if not line:
            gap = True
            continue
        lines.append(Line((Run(line),), gap_before=gap or line_per_paragraph))
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
    part = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if part is not None:
        text = part.get_content()
        if part.get_content_type() == "text/html":
            text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n\n", text)
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text_document(str(text)[:MAX_TEXT_CHARS], name, kind="e-mail", title=subject)
