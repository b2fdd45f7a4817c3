"""The directory as files an office can share: CSV both ways, vCard out.

CSV is written the way French Excel reads it without a question: UTF-8 with a byte-order mark,
``;`` between fields, CRLF line ends, a header ``nom;organisation;téléphone;e-mail``. Reading is
more lenient, because the file may have come back from Excel, LibreOffice or a webmail: ``;``,
``,`` or tab (sniffed from the header), UTF-8 with or without BOM or Windows-1252 (what Excel's
"CSV (séparateur : point-virgule)" writes), English or French column names in any order. Every
row is validated; each bad one is reported with its line (``ligne 3 : adresse e-mail invalide``).

A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``)
is written with a leading apostrophe, which reading removes again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import EXIT_IO, CommuniqueError
from desktop.core.search import fold
from desktop.core.typography import phone_uri
from desktop.services.files import describe_os_error, read_limited
from desktop.store.directory import ContactError, PressContact, validate_contact

HEADER = ("nom", "organisation", "téléphone", "e-mail")
FIELDS = ("name", "organisation", "phone", "email")
MAX_CSV_BYTES = 5 * 1024 * 1024
_ALIASES = {
    "name": {"nom", "name", "libelle", "label", "contact", "nom complet", "full name"},
    "organisation": {
        "organisation",
        "organization",
        "org",
        "structure",
        "service",
        "ministere",
        "entreprise",
        "company",
    },
    "phone": {
        "telephone",
        "tel",
        "tel.",
        "phone",
        "telephone number",
        "numero de telephone",
        "portable",
        "mobile",
    },
    "email": {
        "e-mail",
        "email",
        "courriel",
        "mail",
        "adresse e-mail",
        "adresse email",
        "e-mail address",
        "email address",
        "adresse electronique",
    },
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ContactFileError(CommuniqueError):
    """A file that cannot be read as a contact list at all (the message is French)."""


class ContactFileUnreadable(ContactFileError):
    """The file itself could not be read (missing, not allowed, too big), not its content."""

    exit_code = EXIT_IO


@dataclass(frozen=True)
class CsvReading:
    """What a CSV file holds: the valid contacts, and a French line for each row refused."""

    contacts: tuple[PressContact, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    refused_lines: tuple[int, ...] = ()
    """The line numbers of the rows refused (a row may have several problems)."""
    unread_from: int | None = None
    """The line where reading stopped (a row the CSV reader could not parse): the rows after
    it were not read at all, so skipping invalid rows does not cover them."""


# ---------------------------------------------------------------- CSV out


def excel_csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Rows as French Excel opens them (``;``, CRLF), every cell protected from formulas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([protect_cell(cell) for cell in row])
    return out.getvalue()


def excel_csv_file(header: Iterable[str], rows: Iterable[Iterable[str]]) -> bytes:
    """The bytes of the CSV file: UTF-8 with BOM, as French Excel opens it. Written by the
    gate (``usecases.gate.write_file``), which refuses the register, a draft, a link…"""
    return excel_csv(header, rows).encode("utf-8-sig")


def contacts_csv(contacts: Iterable[PressContact]) -> str:
    return excel_csv(HEADER, ((c.name, c.organisation, c.phone, c.email) for c in contacts))


def contacts_csv_file(contacts: Iterable[PressContact]) -> bytes:
    """The directory's contacts as the bytes of a CSV file (``excel_csv_file``)."""
    return excel_csv_file(HEADER, ((c.name, c.organisation, c.phone, c.email) for c in contacts))


def protect_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula: any text starting with ``= + - @`` (a
    phone in international form too) gets a leading apostrophe, which reading removes; so does
    a text that already looks protected (``'@…``), so that reading gives it back whole."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def _unprotect(text: str) -> str:
    return (
        text[1:] if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START) else text
    )


# ---------------------------------------------------------------- CSV in


def read_csv(path: Path) -> CsvReading:
    """Read a contact list; ``ContactFileError`` when the file itself is unusable."""
    path = Path(path)
    try:
        raw = read_limited(path, MAX_CSV_BYTES, what="fichier de contacts")
    except OSError as exc:
        raise ContactFileUnreadable(describe_os_error(exc, path)) from exc
    return parse_csv(raw)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _decode(raw: bytes | str, notes: list[str]) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 (said in ``notes``).

    A file that holds UTF-8 accented letters and also a byte that is not UTF-8 is a damaged
    UTF-8 file, not a Windows-1252 one: read as Windows-1252 its accents would all be wrong
    (« Ã‰lodie ») and its header unrecognised; it is refused with the line of the bad byte.
    """
    if not isinstance(raw, bytes):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if raw.startswith(b"\xef\xbb\xbf") or _looks_utf8(raw):
            line = raw.count(b"\n", 0, exc.start) + 1
            raise ContactFileError(
                f"ligne {line} : octet 0x{raw[exc.start]:02X} invalide : le fichier est en "
                "UTF-8 mais abîmé à cet endroit ; corrigez ou réenregistrez-le en UTF-8."
            ) from exc
        notes.append("fichier lu comme Windows-1252 (il n’est pas en UTF-8)")
        return raw.decode("cp1252", errors="replace")


def _looks_utf8(raw: bytes) -> bool:
    """Whether ``raw`` holds well-formed multi-byte UTF-8 sequences (accented letters)."""
    for match in _UTF8_SEQUENCE.finditer(raw):
        try:
            match.group(0).decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _csv_reason(exc: csv.Error) -> str:
    """The csv module's reason (English), said in French."""
    text = str(exc)
    if "field larger than field limit" in text:
        limit = f"{csv.field_size_limit():,}".replace(",", "\u202f")
        return f"champ trop long, plus de {limit} caractères"
    if "NUL" in text:
        return "caractère nul"
    if "new-line character" in text:
        return "retour à la ligne dans un champ sans guillemets"
    return "format CSV invalide"


def parse_csv(raw: bytes | str) -> CsvReading:
    notes: list[str] = []
    text = _decode(raw, notes)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ContactFileError(f"ligne 1 : en-tête illisible ({_csv_reason(exc)}).") from exc
    if header is None:
        raise ContactFileError("le fichier est vide.")
    columns = _columns(header, notes)
    if columns is None:
        raise ContactFileError(
            "ligne 1 : en-tête attendu, par exemple « nom;organisation;téléphone;e-mail » "
            "(au moins une de ces colonnes)."
        )
    contacts: list[PressContact] = []
    problems: list[str] = []
    refused: list[int] = []
    unread_from: int | None = None
    last = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            unread_from = last + 1
            problems.append(
                f"ligne {unread_from} : ligne illisible ({_csv_reason(exc)}) ; la suite du "
                "fichier n’a pas été lue"
            )
            break
        line, last = last + 1, reader.line_num
        if last > line and any("\n" in cell and delimiter in cell for cell in row):
            raise ContactFileError(
                f"ligne {line} : guillemet ouvrant sans guillemet fermant : les lignes {line} "
                f"à {last} ont été lues comme un seul champ. Corrigez le guillemet (ou "
                'doublez-le : "") ; rien n’a été importé.'
            )
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                f"ligne {line} : {len(row)} colonnes au lieu de {len(header)} "
                f"(séparateur « {delimiter} » dans un champ sans guillemets ?)"
            )
            refused.append(line)
            continue
        values = {field: "" for field in FIELDS}
        for index, field in columns.items():
            if index < len(row):
                values[field] = _unprotect(row[index].strip())
        try:
            contacts.append(
                validate_contact(
                    values["name"], values["organisation"], values["phone"], values["email"]
                )
            )
        except ContactError as exc:
            problems.extend(f"ligne {line} : {problem.message}" for problem in exc.problems)
            refused.append(line)
    return CsvReading(tuple(contacts), tuple(problems), tuple(notes), tuple(refused), unread_from)


def _columns(header: list[str], notes: list[str]) -> dict[int, str] | None:
    """Which column holds which field; None when no column is recognised."""
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        key = fold(title.strip().strip('"'))
        field = next((f for f, names in _ALIASES.items() if key in names), None)
        if field is None or field in columns.values():
            if title.strip():
                notes.append(f"colonne « {title.strip()} » ignorée")
            continue
        columns[index] = field
    return columns or None


# ---------------------------------------------------------------- vCard out


def contacts_vcard(contacts: Iterable[PressContact]) -> str:
    """vCard 3.0 (what Outlook, Thunderbird and phones all import), one card per contact."""
    lines: list[str] = []
    for c in contacts:
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{_escape(c.name or c.organisation)}",
            f"N:{_escape(c.name)};;;;" if c.name else "N:;;;;",
        ]
        if c.organisation:
            lines.append(f"ORG:{_escape(c.organisation)}")
        if c.phone:
            uri = phone_uri(c.phone)
            lines.append(f"TEL;TYPE=WORK,VOICE:{uri.removeprefix('tel:') if uri else c.phone}")
        if c.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{_escape(c.email)}")
        lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def contacts_vcard_file(contacts: Iterable[PressContact]) -> bytes:
    return contacts_vcard(contacts).encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> str:
    """Lines longer than 75 octets continue on the next, after a space (RFC 2426), never
    cutting a UTF-8 character in two."""
    parts: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += width
    parts.append(current)
    return "\r\n".join(parts)
