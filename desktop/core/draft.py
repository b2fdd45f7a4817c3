"""The draft file: a versioned UTF-8 JSON document with the suffix ``.communique``.

Reading validates everything and reports every problem with its place in the file
(``contacts[1].email : …``), in French. A file written by a newer Communiqué is refused;
an older one is upgraded step by step (``UPGRADES``). Writing is atomic (``files.atomic_write``).
The format is documented in ``docs/draft-format.md`` and by
``resources/schema/communique.schema.json``, which ``tests/core/test_draft_schema.py`` holds to
agree with this reader.

Versions: 1, the first; 2 reads and checks the release's identity (``release_id``),
what a rectificatif replaces (``replaces``) and its sends (``sent``), which format 1 carried
unchecked among the keys it did not know; 3 (this one) says what kind of document it is
(``document``: ``core/kinds.py``), with each kind's details in a section of its own
(``SECTIONS``, read and written by one module per kind), and a run's language (``lang``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from desktop.core import agenda_draft, event_draft
from desktop.core.blocks_json import BLOCK_KEYS, any_block_to_json, read_block
from desktop.core.draft_sections import Section
from desktop.core.embargo import PARIS
from desktop.core.errors import EXIT_IO, CommuniqueError
from desktop.core.findings import Finding, error
from desktop.core.kind_details_json import PRESS_KIT_SECTION, SPEECH_SECTION
from desktop.core.kinds import DocumentKind, kind_of_old_line, parse_kind
from desktop.core.model import (
    DEFAULT_KIND,
    DEFAULT_PLACE,
    GOVERNMENT,
    Block,
    BulletList,
    Contact,
    ImportNote,
    Numbering,
    Paragraph,
    Release,
    Replacement,
    Run,
    SendRecord,
    language_tag,
)
from desktop.core.text import clean_text, shown

FORMAT_NAME = "communique"
FORMAT_VERSION = 3
SUFFIX = ".communique"
LINK_SCHEMES = ("https://", "http://", "mailto:")
MAX_DRAFT_BYTES = 5_000_000
"""A release is a few pages (the seed is 2 kB), a press kit a few dozen with its images (each at
most ``images.MAX_IMAGE_BYTES``, a third more in base64): a larger file is not a draft, and
refusing it keeps every step (reading, checks, typography, the renderers) within a bounded time."""
MAX_TEXT_DRAFT_BYTES = 2_000_000
"""A draft without images (an import's) is at most this: a longer text is not a release."""
MAX_LABEL_LENGTH = 200
MAX_PROBLEMS_SHOWN = 50
"""A damaged draft can hold thousands of faults: the first ones say enough."""
NUMBERING_KEYS = frozenset({"register", "entry", "series", "year", "label"})
CONTACT_KEYS = frozenset({"name", "phone", "email"})
RUN_KEYS = frozenset({"text", "bold", "italic", "link", "lang"})
IDENTITY_KEY = "release_id"
DOCUMENT_KEY = "document"
REPLACES_KEY = "replaces"
SENDS_KEY = "sent"
IMPORTED_KEY = "imported"
IMPORTED_KEYS = frozenset({"source", "original", "unplaced"})
MAX_ORIGINAL_CHARS = 400_000
REPLACES_KEYS = frozenset({"register", "entry", "label", "date"})
SEND_KEYS = frozenset({"at", "send", "recipients", "pdf_sha256"})
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
"""A UUID as Communiqué writes it (8-4-4-4-12 hexadecimal digits); the schema's pattern."""
_SHA256 = re.compile(r"[0-9a-f]{64}")

SECTIONS: tuple[Section, ...] = (
    event_draft.EVENT,
    event_draft.CALENDAR,
    agenda_draft.AGENDA,
    SPEECH_SECTION,
    PRESS_KIT_SECTION,
)
"""Each kind's details, one section per kind (its module reads and writes it)."""

KNOWN_KEYS = frozenset(
    {
        "format",
        "version",
        "header",
        DOCUMENT_KEY,
        *(section.key for section in SECTIONS),
        "kind",
        "headline",
        "place",
        "date",
        "number",
        "embargo",
        "body",
        "contacts",
        "ministries",
        "numbering",
        IDENTITY_KEY,
        REPLACES_KEY,
        SENDS_KEY,
        IMPORTED_KEY,
    }
)


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 carried ``release_id``, ``replaces`` and ``sent`` among the keys it did not know,
    and checked nothing of them; format 2 checks them. Every draft that format 1 opened must
    still open: what format 1 wrote is kept as it is (normalised: a UUID in lowercase), and a
    value format 2 would refuse (a hand edit format 1 let through) is dropped, as format 1's
    own readers ignored it: a ``release_id`` that is not a UUID, a ``replaces`` that names no
    entry, a send without a date."""
    identity = data.pop(IDENTITY_KEY, None)
    if isinstance(identity, str) and (normal := _lenient_uuid(identity)):
        data[IDENTITY_KEY] = normal
    replaces = data.pop(REPLACES_KEY, None)
    if isinstance(replaces, dict):
        register = _lenient_uuid(replaces.get("register"))
        entry = _lenient_uuid(replaces.get("entry"))
        label = replaces.get("label")
        if register and entry:
            data[REPLACES_KEY] = {
                "register": register,
                "entry": entry,
                "label": label if isinstance(label, str) and len(label) <= MAX_LABEL_LENGTH else "",
            }
    sends = data.pop(SENDS_KEY, None)
    if isinstance(sends, list):
        kept = [item for item in (_send_of_format_1(s) for s in sends) if item is not None]
        if kept:
            data[SENDS_KEY] = kept
    return data


def _lenient_uuid(value: object) -> str | None:
    """A UUID in any spelling Python reads (braces, no dashes, upper case), as written now."""
    if not isinstance(value, str):
        return None
    import uuid  # at first use: the window is built without it

    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _send_of_format_1(item: object) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("at"), str):
        return None
    try:
        at = datetime.fromisoformat(item["at"])
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)  # format 1 wrote UTC times
        at.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    send: dict[str, Any] = {"at": at.isoformat()}
    if identifier := _lenient_uuid(item.get("send")):
        send["send"] = identifier
    count = item.get("recipients")
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        send["recipients"] = count
    digest = item.get("pdf_sha256")
    if isinstance(digest, str) and _SHA256.fullmatch(digest.lower()):
        send["pdf_sha256"] = digest.lower()
    return send


def _upgrade_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 says what kind of document a draft is: a format-2 draft's kind line names it
    where it is unambiguous (« Invitation presse », « Avis aux rédactions », « Note aux
    rédactions »: an invitation), else it is a communiqué. It has no kind's details yet. A key
    format 3 defines that a format-2 draft held for another tool is kept under ``KEY@2``."""
    for key in (DOCUMENT_KEY, *(section.key for section in SECTIONS)):
        if key in data:
            data[f"{key}@2"] = data.pop(key)
    line = data.get("kind", DEFAULT_KIND)
    data[DOCUMENT_KEY] = str(
        kind_of_old_line(line) if isinstance(line, str) else DocumentKind.COMMUNIQUE
    )
    return data


# Upgrades from version n to n + 1, applied in order to the raw JSON object.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
}


def problem(where: str, message: str) -> Finding:
    """What makes a draft unreadable, at its place (``""``: the file as a whole)."""
    return error(where, message)


class DraftError(CommuniqueError):
    """A draft that cannot be read; ``problems`` says every reason, each with its place."""

    def __init__(self, problems: list[Finding]) -> None:
        super().__init__("\n".join(p.placed for p in problems))
        self.problems = problems


class DraftFileError(DraftError):
    """The file itself could not be read (missing, not allowed, too big): not its content."""

    exit_code = EXIT_IO


# ---------------------------------------------------------------- reading


def _no_constant(name: str) -> object:
    raise ValueError(name)


def _finite(text: str) -> float:
    """A JSON number as a float; ``1e999`` (infinite once read) is refused like ``Infinity``."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_draft(raw: bytes | str, *, source: str = "brouillon") -> Release:
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise DraftError(
            [problem("", f"« {source} » n’est pas un texte UTF-8 (octet {exc.start}).")]
        ) from exc
    if len(text) > MAX_DRAFT_BYTES:
        raise DraftError([problem("", f"« {source} » est trop volumineux pour être un brouillon.")])
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise DraftError(
            [
                problem(
                    "",
                    f"« {source} » n’est pas un brouillon lisible : JSON invalide "
                    f"à la ligne {exc.lineno}, colonne {exc.colno}.",
                )
            ]
        ) from exc
    except RecursionError as exc:
        raise DraftError([problem("", f"« {source} » est imbriqué trop profondément.")]) from exc
    except ValueError as exc:  # NaN/Infinity, or an integer of thousands of digits
        raise DraftError(
            [
                problem(
                    "",
                    f"« {source} » n’est pas un brouillon lisible : il contient un nombre que le "
                    "JSON standard n’admet pas (NaN, Infinity, ou un entier de plusieurs milliers "
                    "de chiffres).",
                )
            ]
        ) from exc
    return release_from_json(data)


def release_from_json(data: object) -> Release:
    if not isinstance(data, dict):
        raise DraftError([problem("", "un brouillon est un objet JSON ({ … }).")])
    if data.get("format") != FORMAT_NAME:
        raise DraftError(
            [
                problem(
                    "format",
                    "ce fichier n’est pas un brouillon Communiqué "
                    "(« format » doit valoir « communique »).",
                )
            ]
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError([problem("version", "numéro de version du format manquant ou invalide.")])
    if version > FORMAT_VERSION:
        raise DraftError(
            [
                problem(
                    "version",
                    (
                        f"ce brouillon a été enregistré par une version plus récente de Communiqué (format "
                        f"{version}) ; cette version lit les formats jusqu’au {FORMAT_VERSION}. "
                        "Mettez Communiqué à jour pour l’ouvrir."
                    ),
                )
            ]
        )
    while version < FORMAT_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
    return _Reader(data).release()


class _Reader:
    """Reads one draft object, collecting every problem before giving up."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[Finding] = []

    def fail(self, location: str, message: str) -> None:
        self.problems.append(problem(location, message))

    def release(self) -> Release:
        d = self.data
        release = Release(
            header=self.lines(d.get("header", [GOVERNMENT]), "header"),
            document=self.document(d.get(DOCUMENT_KEY, str(DocumentKind.COMMUNIQUE))),
            kind=self.string(d.get("kind", DEFAULT_KIND), "kind"),
            headline=self.string(d.get("headline", ""), "headline"),
            place=self.string(d.get("place", DEFAULT_PLACE), "place"),
            date=self.date(d.get("date"), "date"),
            number=self.number(d.get("number"), "number"),
            embargo=self.embargo(d.get("embargo"), "embargo"),
            body=self.body(d.get("body", []), "body"),
            contacts=self.contacts(d.get("contacts", []), "contacts"),
            ministries=self.lines(d.get("ministries", []), "ministries"),
            numbering=self.numbering(
                d.get("numbering"), "numbering", has_number=d.get("number") is not None
            ),
            identity=self.identity(d.get(IDENTITY_KEY), IDENTITY_KEY),
            replaces=self.replacement(d.get(REPLACES_KEY), REPLACES_KEY),
            sends=self.sends(d.get(SENDS_KEY, []), SENDS_KEY),
            imported=self.imported(d.get(IMPORTED_KEY), IMPORTED_KEY),
            extra={k: v for k, v in d.items() if k not in KNOWN_KEYS},
            **{
                section.field: section.read(self, d[section.key], section.key)
                for section in SECTIONS
                if d.get(section.key) is not None
            },
        )
        if self.problems:
            shown = self.problems[:MAX_PROBLEMS_SHOWN]
            if len(self.problems) > MAX_PROBLEMS_SHOWN:
                shown.append(
                    problem(
                        "", f"… et {len(self.problems) - MAX_PROBLEMS_SHOWN} autre(s) problème(s)."
                    )
                )
            raise DraftError(shown)
        return release

    def document(self, value: object) -> DocumentKind:
        kind = parse_kind(value) if isinstance(value, str) else None
        if kind is None:
            known = ", ".join(str(k) for k in DocumentKind)
            self.fail(
                DOCUMENT_KEY,
                f"type de document attendu parmi\u00a0: {known}\u202f; trouvé "
                + (
                    f"«\u00a0{shown(value[:80])}\u00a0»"
                    if isinstance(value, str)
                    else _kind_of(value)
                )
                + ".",
            )
            return DocumentKind.COMMUNIQUE
        return kind

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, "true ou false attendu.")
            return False
        return value

    def keys(self, value: object, where: str, known: frozenset[str], shape: str) -> bool:
        """Whether ``value`` is an object of ``known`` keys; else its problem, with ``shape``
        (what is expected, as the message says it)."""
        if not isinstance(value, dict):
            self.fail(where, f"{shape} attendu, trouvé {_kind_of(value)}.")
            return False
        unknown = set(value) - known
        if unknown:
            self.fail(where, _unknown_keys(unknown))
        return True

    def wall_clock(self, value: object, where: str) -> datetime | None:
        """A Paris wall-clock date and time (``2026-03-29T10:30``), kept as written: an hour
        that does not exist there is the checks' to report, not the reader's."""
        if value is None or value == "":
            return None
        expected = "date et heure de Paris attendues (AAAA-MM-JJTHH:MM)"
        moment = self._iso_moment(value, where, expected, aware=False)
        return moment.replace(second=0, microsecond=0) if moment else None

    def clock(self, value: object, where: str) -> time | None:
        """A time of day, ``HH:MM`` (Paris wall-clock time); null or absent: none."""
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{2}:\d{2}", value):
            try:
                return time.fromisoformat(value)
            except ValueError:
                pass
        shown_value = shown(value[:80]) if isinstance(value, str) else _kind_of(value)
        self.fail(where, f"heure attendue au format HH:MM, trouvé «\u00a0{shown_value}\u00a0».")
        return None

    def items(self, value: object, where: str, shape: str) -> list[object]:
        """A list's items (``shape``: what it is a list of, as the message says it)."""
        if not isinstance(value, list):
            self.fail(where, f"liste {shape} attendue, trouvé {_kind_of(value)}.")
            return []
        return value

    def _iso_moment(
        self, value: object, where: str, expected: str, *, aware: bool
    ) -> datetime | None:
        """An ISO date and time, with an offset from UTC (``aware``) or without."""
        if not isinstance(value, str):
            self.fail(where, f"{expected}, trouvé {_kind_of(value)}.")
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is None or (moment.tzinfo is not None) != aware:
            self.fail(where, f"«\u00a0{shown(value[:80])}\u00a0»\u00a0: {expected}.")
            return None
        return moment

    def string(
        self, value: object, where: str, *, multiline: bool = False, tabs: bool = False
    ) -> str:
        if not isinstance(value, str):
            self.fail(where, f"texte attendu, trouvé {_kind_of(value)}.")
            return ""
        return clean_text(value, multiline=multiline, tabs=tabs)

    def lines(self, value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(where, f"liste de lignes de texte attendue, trouvé {_kind_of(value)}.")
            return ()
        return tuple(self.string(v, f"{where}[{i}]") for i, v in enumerate(value))

    def date(self, value: object, where: str) -> date | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(where, f"date attendue au format AAAA-MM-JJ, trouvé {_kind_of(value)}.")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(
                where, f"« {shown(value[:80])} » n’est pas une date valide au format AAAA-MM-JJ."
            )
            return None

    def number(self, value: object, where: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.fail(
                where, "numéro attendu : un entier positif, ou null tant qu’il n’est pas attribué."
            )
            return None
        return value

    def numbering(self, value: object, where: str, *, has_number: bool) -> Numbering | None:
        """Where the number came from; written by the register, checked so a hand edit shows."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(
                where,
                'objet attendu : { "register": …, "entry": …, "series": …, '
                '"year": …, "label": … }, ou null.',
            )
            return None
        unknown = set(value) - NUMBERING_KEYS
        if unknown:
            self.fail(where, _unknown_keys(unknown))
        ok = True
        ids: dict[str, str] = {}
        for key in ("register", "entry"):
            item = value.get(key)
            ids[key] = _lenient_uuid(item) or ""
            if not ids[key]:
                self.fail(f"{where}.{key}", "identifiant attendu (UUID écrit par le registre).")
                ok = False
        series = value.get("series")
        if not isinstance(series, str) or not series.strip():
            self.fail(f"{where}.series", "nom de série attendu (texte non vide).")
            ok = False
        year = value.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
            self.fail(f"{where}.year", "année attendue : un entier entre 1 et 9999.")
            ok = False
        label = self.number_label(value.get("label", ""), f"{where}.label")
        if label is None:
            ok = False
        if not has_number:
            self.fail(
                where,
                "« numbering » accompagne un numéro attribué : « number » ne peut "
                "pas être null (retirez les deux ensemble).",
            )
            ok = False
        if not ok or unknown:
            return None
        assert isinstance(series, str) and isinstance(year, int) and label is not None
        return Numbering(
            register=ids["register"],
            entry=ids["entry"],
            series=clean_text(series, multiline=False),
            year=year,
            label=label,
        )

    def number_label(self, value: object, where: str) -> str | None:
        """The number as printed when it was issued (optional; ``""`` when absent)."""
        if not isinstance(value, str):
            self.fail(where, f"texte attendu (le numéro tel qu’imprimé), trouvé {_kind_of(value)}.")
            return None
        label = clean_text(value, multiline=False).strip()
        if len(label) > MAX_LABEL_LENGTH:
            self.fail(where, f"le numéro imprimé dépasse {MAX_LABEL_LENGTH} caractères.")
            return None
        return label

    def uuid_of(self, value: object, where: str, what: str) -> str | None:
        """A UUID as Communiqué writes it, in lowercase; None (and a problem) otherwise."""
        if isinstance(value, str) and _UUID.fullmatch(value):
            return value.lower()
        found = f"«\u00a0{shown(value[:80])}\u00a0»" if isinstance(value, str) else _kind_of(value)
        self.fail(
            where,
            f"{what} attendu\u00a0: un UUID (8-4-4-4-12 chiffres hexadécimaux), trouvé {found}.",
        )
        return None

    def identity(self, value: object, where: str) -> str | None:
        """Which release this is (written by the first submit): a UUID, or null."""
        if value is None:
            return None
        return self.uuid_of(value, where, "identifiant du communiqué")

    def replacement(self, value: object, where: str) -> Replacement | None:
        """What a rectificatif cancels and replaces (written by ``correct``), or null."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(
                where,
                'objet attendu\u00a0: { "register": …, "entry": …, "label": …, "date": … }, '
                f"ou null, trouvé {_kind_of(value)}.",
            )
            return None
        unknown = set(value) - REPLACES_KEYS
        if unknown:
            self.fail(where, _unknown_keys(unknown))
        register = self.uuid_of(
            value.get("register"), f"{where}.register", "identifiant du registre"
        )
        entry = self.uuid_of(value.get("entry"), f"{where}.entry", "identifiant de l’entrée")
        label = self.number_label(value.get("label", ""), f"{where}.label")
        day = self.date(value.get("date"), f"{where}.date")
        if register is None or entry is None or label is None or unknown:
            return None
        return Replacement(register=register, entry=entry, label=label, date=day)

    def sends(self, value: object, where: str) -> tuple[SendRecord, ...]:
        """The e-mail sends (written by ``communique mail --send``), oldest first."""
        if not isinstance(value, list):
            self.fail(where, f"liste d’envois attendue, trouvé {_kind_of(value)}.")
            return ()
        records: list[SendRecord] = []
        for i, item in enumerate(value):
            record = self.send(item, f"{where}[{i}]")
            if record is not None:
                records.append(record)
        return tuple(records)

    def imported(self, value: object, where: str) -> ImportNote | None:
        """Where an imported release came from (written by ``communique import``)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(
                where, 'import attendu\u00a0: { "source": …, "original": …, "unplaced": […] }.'
            )
            return None
        unknown = set(value) - IMPORTED_KEYS
        if unknown:
            self.fail(where, _unknown_keys(unknown))
        source = self.string(value.get("source", ""), f"{where}.source")
        original = self.string(value.get("original", ""), f"{where}.original", multiline=True)
        if len(original) > MAX_ORIGINAL_CHARS:
            self.fail(
                f"{where}.original",
                f"texte d’origine trop long (au plus {MAX_ORIGINAL_CHARS} caractères).",
            )
        unplaced = value.get("unplaced", [])
        if not isinstance(unplaced, list):
            self.fail(
                f"{where}.unplaced", f"liste de textes attendue, trouvé {_kind_of(unplaced)}."
            )
            unplaced = []
        pieces = tuple(
            self.string(item, f"{where}.unplaced[{i}]", multiline=True)
            for i, item in enumerate(unplaced)
        )
        return ImportNote(source, original, pieces)

    def send(self, value: object, where: str) -> SendRecord | None:
        if not isinstance(value, dict):
            self.fail(
                where,
                'envoi attendu\u00a0: { "at": …, "send": …, "recipients": …, "pdf_sha256": … }.',
            )
            return None
        unknown = set(value) - SEND_KEYS
        if unknown:
            self.fail(where, _unknown_keys(unknown))
        ok = not unknown
        at = self.moment(value.get("at"), f"{where}.at")
        identifier: str | None = None
        if "send" in value:
            identifier = self.uuid_of(value["send"], f"{where}.send", "identifiant de l’envoi")
            ok = ok and identifier is not None
        count = value.get("recipients")
        if "recipients" in value and (
            not isinstance(count, int) or isinstance(count, bool) or count < 0
        ):
            self.fail(
                f"{where}.recipients", "nombre de destinataires attendu (entier positif ou nul)."
            )
            ok = False
        digest = value.get("pdf_sha256", "")
        if not isinstance(digest, str) or (digest and not _SHA256.fullmatch(digest)):
            self.fail(
                f"{where}.pdf_sha256",
                "empreinte SHA-256 attendue\u00a0: 64 chiffres hexadécimaux en minuscules.",
            )
            ok = False
        if at is None or not ok:
            return None
        assert isinstance(digest, str)
        recipients = count if isinstance(count, int) else None
        return SendRecord(at=at, send=identifier, recipients=recipients, pdf_sha256=digest)

    def moment(self, value: object, where: str) -> datetime | None:
        """A date and time with its offset from UTC (``2026-11-26T10:00:00+00:00``)."""
        expected = "date et heure avec décalage horaire attendues (AAAA-MM-JJTHH:MM:SS+00:00)"
        moment = self._iso_moment(value, where, expected, aware=True)
        if moment is None:
            return None
        try:
            moment.astimezone(UTC)
        except OverflowError:
            self.fail(
                where, f"«\u00a0{shown(str(value)[:80])}\u00a0» est hors des dates possibles."
            )
            return None
        return moment

    def embargo(self, value: object, where: str) -> datetime | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(
                where, f"date et heure attendues (AAAA-MM-JJTHH:MM), trouvé {_kind_of(value)}."
            )
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.fail(
                where,
                f"« {shown(value[:80])} » n’est pas une date et heure valides (AAAA-MM-JJTHH:MM).",
            )
            return None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=PARIS)
        try:
            moment.astimezone(UTC).astimezone(PARIS)
        except OverflowError:
            self.fail(where, f"« {shown(value[:80])} » est hors des dates possibles.")
            return None
        return moment

    def body(self, value: object, where: str) -> tuple[Block, ...]:
        if not isinstance(value, list):
            self.fail(where, f"liste de paragraphes attendue, trouvé {_kind_of(value)}.")
            return ()
        blocks: list[Block] = []
        for i, item in enumerate(value):
            at = f"{where}[{i}]"
            if isinstance(item, str):
                blocks.append(Paragraph((Run(clean_text(item, tabs=True)),)))
            elif isinstance(item, dict) and set(item) == {"paragraph"}:
                blocks.append(Paragraph(self.runs(item["paragraph"], f"{at}.paragraph")))
            elif isinstance(item, dict) and set(item) == {"list"}:
                entries = item["list"]
                if not isinstance(entries, list):
                    self.fail(f"{at}.list", "liste d’éléments attendue.")
                    continue
                blocks.append(
                    BulletList(
                        tuple(
                            self.runs(entry, f"{at}.list[{j}]") for j, entry in enumerate(entries)
                        )
                    )
                )
            elif isinstance(item, dict) and len(item) == 1 and set(item) <= BLOCK_KEYS:
                ((key, content),) = item.items()
                block = read_block(key, content, at, self.fail)
                if block is not None:
                    blocks.append(block)
            else:
                self.fail(
                    at,
                    'paragraphe attendu : un texte, { "paragraph": […] }, { "list": […] }, '
                    '{ "heading": … }, { "table": … } ou { "figure": … }.',
                )
        return tuple(blocks)

    def runs(self, value: object, where: str) -> tuple[Run, ...]:
        if isinstance(value, str):
            return (Run(clean_text(value, tabs=True)),)
        if not isinstance(value, list):
            self.fail(where, f"texte ou liste de segments attendu, trouvé {_kind_of(value)}.")
            return ()
        runs: list[Run] = []
        for i, item in enumerate(value):
            at = f"{where}[{i}]"
            if isinstance(item, str):
                runs.append(Run(clean_text(item, tabs=True)))
                continue
            if not isinstance(item, dict) or "text" not in item:
                self.fail(
                    at,
                    'segment attendu : un texte ou { "text": …, "bold": …, '
                    '"italic": …, "link": …, "lang": … }.',
                )
                continue
            unknown = set(item) - RUN_KEYS
            if unknown:
                self.fail(at, _unknown_keys(unknown))
            text = self.string(item["text"], f"{at}.text", multiline=True, tabs=True)
            bold, italic = item.get("bold", False), item.get("italic", False)
            for key, flag in (("bold", bold), ("italic", italic)):
                if not isinstance(flag, bool):
                    self.fail(f"{at}.{key}", "true ou false attendu.")
            link = item.get("link")
            if link is not None:
                if not isinstance(link, str) or not link.startswith(LINK_SCHEMES):
                    self.fail(
                        f"{at}.link", "lien attendu, commençant par https://, http:// ou mailto:."
                    )
                    link = None
                else:
                    link = clean_text(link, multiline=False).strip()
            runs.append(Run(text, bold is True, italic is True, link, self.lang(item, at)))
        return tuple(runs)

    def lang(self, item: dict[str, Any], where: str) -> str | None:
        """A passage's language: a short BCP 47 tag other than French (``en``, ``de``)."""
        value = item.get("lang")
        if value is None:
            return None
        tag = language_tag(value) if isinstance(value, str) else None
        if tag is None:
            self.fail(
                f"{where}.lang",
                "code de langue attendu, autre que le français\u00a0: en, de, es, it, en-GB…",
            )
        return tag

    def contacts(self, value: object, where: str) -> tuple[Contact, ...]:
        if not isinstance(value, list):
            self.fail(where, f"liste de contacts attendue, trouvé {_kind_of(value)}.")
            return ()
        contacts: list[Contact] = []
        for i, item in enumerate(value):
            at = f"{where}[{i}]"
            if not isinstance(item, dict):
                self.fail(at, 'contact attendu : { "name": …, "phone": …, "email": … }.')
                continue
            unknown = set(item) - CONTACT_KEYS
            if unknown:
                self.fail(at, _unknown_keys(unknown))
            contacts.append(
                Contact(
                    name=self.string(item.get("name", ""), f"{at}.name"),
                    phone=self.string(item.get("phone", ""), f"{at}.phone"),
                    email=self.string(item.get("email", ""), f"{at}.email").strip(),
                )
            )
        return tuple(contacts)


def _unknown_keys(keys: set[str]) -> str:
    return f"clé inconnue : {', '.join(shown(str(k)[:80]) for k in sorted(keys))}."


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    return "un objet"


# ---------------------------------------------------------------- writing


def release_to_json(release: Release) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "header": list(release.header),
        DOCUMENT_KEY: str(release.document),
        "kind": release.kind,
        "headline": release.headline,
        "place": release.place,
        "date": release.date.isoformat() if release.date else None,
        "number": release.number,
        "embargo": _embargo_to_json(release.embargo),
        "body": [any_block_to_json(block) for block in release.body],
        "contacts": [
            {"name": c.name, "phone": c.phone, "email": c.email} for c in release.contacts
        ],
    }
    if release.ministries:
        data["ministries"] = list(release.ministries)
    if release.numbering is not None:
        n = release.numbering
        data["numbering"] = {
            "register": n.register,
            "entry": n.entry,
            "series": n.series,
            "year": n.year,
        }
        if n.label:
            data["numbering"]["label"] = n.label
    if release.replaces is not None:
        r = release.replaces
        data[REPLACES_KEY] = {"register": r.register, "entry": r.entry, "label": r.label}
        if r.date is not None:
            data[REPLACES_KEY]["date"] = r.date.isoformat()
    if release.identity is not None:
        data[IDENTITY_KEY] = release.identity
    if release.sends:
        data[SENDS_KEY] = [_send_to_json(send) for send in release.sends]
    if release.imported is not None:
        note = release.imported
        data[IMPORTED_KEY] = {
            "source": note.source,
            "original": note.original,
            "unplaced": list(note.unplaced),
        }
    for section in SECTIONS:
        value = getattr(release, section.field)
        if value is not None:
            data[section.key] = section.write(value)
    for key, value in release.extra.items():
        data.setdefault(key, value)
    return data


BOOKKEEPING_KEYS = frozenset(
    {
        "format",
        "version",
        "numbering",
        IDENTITY_KEY,
        REPLACES_KEY,
        SENDS_KEY,
        IMPORTED_KEY,
        *(section.key for section in SECTIONS if section.bookkeeping),
    }
)
"""What the draft file says about the release rather than what the release says: the format,
the register's number stamp, the identity, what it replaces (the line above the body says it
to readers), the sends."""


def content_to_json(release: Release) -> dict[str, Any]:
    """What the release says, as the draft's JSON: what an approval vouches for. The file's
    bookkeeping and other tools' keys are left out, so that neither a number stamp nor a send
    changes it. (Formats 1 and 2 gave the same JSON: the hashes recorded then still hold, so a
    communiqué's ``document`` is left out too.)"""
    return {
        key: value
        for key, value in release_to_json(release).items()
        if key in KNOWN_KEYS
        and key not in BOOKKEEPING_KEYS
        and not (key == DOCUMENT_KEY and value == DocumentKind.COMMUNIQUE)
    }


def _send_to_json(send: SendRecord) -> dict[str, object]:
    item: dict[str, object] = {"at": send.at.isoformat()}
    if send.send is not None:
        item["send"] = send.send
    if send.recipients is not None:
        item["recipients"] = send.recipients
    if send.pdf_sha256:
        item["pdf_sha256"] = send.pdf_sha256
    return item


def _embargo_to_json(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo == PARIS:
        return moment.replace(tzinfo=None).isoformat(timespec="minutes")
    return moment.isoformat(timespec="minutes")


def dumps_draft(release: Release) -> str:
    """Standard JSON: a value JSON does not admit (NaN) is refused with ``ValueError``."""
    return (
        json.dumps(release_to_json(release), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    )
