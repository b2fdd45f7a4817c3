"""Checks a press officer can trust before sending: one small function per rule, in one list.

Each rule looks at the release and yields findings, each with a severity, the field it is about
(its place in the draft file, e.g. ``contacts[1].email``, so the app can go to it) and a French
message. Errors stop an export; warnings are said and let pass. To add a rule, write a function
taking a ``Context`` and add it to ``RULES``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from desktop.core.block_checks import BLOCK_RULES
from desktop.core.embargo import PARIS, WallTime, in_paris, is_past, wall_time
from desktop.core.findings import (
    TYPEFACE,
    Finding,
    Severity,
    environment,
    error,
    warning,
)
from desktop.core.fonts import FontChoice, choose_font, uncovered
from desktop.core.header import is_joint, known_header_words
from desktop.core.model import (
    GOVERNMENT,
    Block,
    BulletList,
    Release,
    Table,
    block_runs,
    table_cells,
)
from desktop.core.plurals import plural
from desktop.core.search import without_accents
from desktop.core.speech_kit_checks import SPEECH_KIT_RULES
from desktop.core.typography import is_valid_phone


class Spelling(Protocol):
    """What the checks need of a speller (``desktop.services.spelling.Speller`` is one)."""

    def misspellings(self, text: str) -> Sequence[Misspelled]: ...

    def suggest(self, word: str) -> Sequence[str]: ...


class Misspelled(Protocol):
    @property
    def word(self) -> str: ...


MAX_HEADLINE = 250
"""Past it, a title is more likely a paragraph typed in the wrong field than a title. Not 200:
the shipped example, a real release (Béthune-Bruay, 2020), has a 206-character headline naming
two ministers, a programme and a place, and warned about itself; no output cuts a title (the
e-mail subject is folded, the PDF wraps it), so the threshold only guards against a misplaced
paragraph, with room above the real case."""
MAX_FIELD_CHARS = 8_000
"""The longest text one field may hold: about two pages of a single paragraph. Above it the
PDF cannot hold the text (a PDF/A string is at most 32,767 bytes, four per character at worst)
and every step slows down; a press release never needs it."""
MAX_PARAGRAPHS = 1_000
"""Paragraphs and list items of the body together: a release of a few pages has a few dozen."""
MAX_TABLE_CHARS = 100_000
"""The text of all the tables together (body and annexes): 12 columns of figures on 400 rows
fits (28 pages). Narrow columns make every character cost lines: 12 columns × 400 rows of 420
characters (a 940 kB draft) made a 775-page PDF that took 2 GB to typeset, 14 s per format."""
MAX_CONTACTS = 100
MAX_HEADER_LINES = 20
MAX_LINK_LENGTH = 2_000
"""The longest web address a link may have (browsers and mail clients cut longer ones)."""


@dataclass
class Context:
    release: Release
    font: FontChoice
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    speller: Spelling | None = None
    """French spelling; None when it is turned off (``check --no-spelling``) or unavailable."""


def text_fields(release: Release) -> Iterator[tuple[str, str]]:
    """Every piece of free text with its place in the draft."""
    for i, line in enumerate(release.header):
        yield f"header[{i}]", line
    yield "kind", release.kind
    yield "headline", release.headline
    yield "place", release.place
    for i, block in enumerate(release.body):
        yield f"body[{i}]", block.text
    for i, contact in enumerate(release.contacts):
        yield f"contacts[{i}].name", contact.name


# ---------------------------------------------------------------- errors


def headline_present(ctx: Context) -> Iterator[Finding]:
    if not ctx.release.headline.strip():
        yield error("headline", "le titre est vide.")


def date_present(ctx: Context) -> Iterator[Finding]:
    if ctx.release.date is None:
        yield error("date", "la date du communiqué manque.")


def emails_valid(ctx: Context) -> Iterator[Finding]:
    from desktop.core.addresses import checked_address

    for i, contact in enumerate(ctx.release.contacts):
        if contact.email and checked_address(contact.email) is None:
            yield error(
                f"contacts[{i}].email",
                f"«\u00a0{contact.email}\u00a0» n’est pas une adresse e-mail valide.",
            )


def embargo_exists(ctx: Context) -> Iterator[Finding]:
    moment = ctx.release.embargo
    if moment is None:
        return
    kind = wall_time(moment)
    if kind is WallTime.MISSING:
        yield error(
            "embargo",
            f"{moment:%H:%M} n’existe pas le {moment:%d/%m/%Y} à Paris "
            "(passage à l’heure d’été)\u00a0: choisissez une autre heure.",
        )
    elif kind is WallTime.AMBIGUOUS:
        if moment.tzinfo is not None and moment.tzinfo != PARIS:
            return  # an explicit offset says which of the two it is
        yield warning(
            "embargo",
            f"{moment:%H:%M} existe deux fois le {moment:%d/%m/%Y} à Paris "
            "(passage à l’heure d’hiver)\u00a0: la première, en heure d’été, "
            "est retenue.",
        )


def _sized_fields(release: Release) -> Iterator[tuple[str, str]]:
    """Every text the outputs set as one string, with its place in the draft."""
    for i, line in enumerate(release.header):
        yield f"header[{i}]", line
    yield "header", " ".join(release.header)  # the document's author and the logo's text
    yield "kind", release.kind
    yield "headline", release.headline
    yield "place", release.place
    for i, block in enumerate(release.body):
        if isinstance(block, BulletList):
            for j, item in enumerate(block.items):
                yield f"body[{i}].list[{j}]", "".join(run.text for run in item)
        elif isinstance(block, Table):
            yield from table_cells(block, f"body[{i}].table")
        else:
            yield f"body[{i}]", block.text
    for i, contact in enumerate(release.contacts):
        for key in ("name", "phone", "email"):
            yield f"contacts[{i}].{key}", getattr(contact, key)


def field_lengths(ctx: Context) -> Iterator[Finding]:
    """A field too long for a page (and for the PDF) is refused, as export would refuse it."""
    for where, text in _sized_fields(ctx.release):
        if len(text) > MAX_FIELD_CHARS:
            yield error(
                where,
                f"{len(text)} caractères\u00a0: un champ en contient au plus "
                f"{MAX_FIELD_CHARS} (environ deux pages)\u202f; coupez-le en "
                "plusieurs paragraphes.",
            )


def list_lengths(ctx: Context) -> Iterator[Finding]:
    """Honest bounds for a press release, which keep every step quick."""
    release = ctx.release
    annexes = release.press_kit.annexes if release.press_kit is not None else ()
    blocks = [*release.body, *(block for annex in annexes for block in annex.body)]
    paragraphs = sum(
        len(b.items) if isinstance(b, BulletList) else len(b.rows) if isinstance(b, Table) else 1
        for b in blocks
    )
    in_tables = sum(
        len(b.caption) + sum(len(cell) for row in (b.header, *b.rows) for cell in row)
        for b in blocks
        if isinstance(b, Table)
    )
    for where, count, most, what in (
        ("body", paragraphs, MAX_PARAGRAPHS, "paragraphes et points de liste"),
        ("body", in_tables, MAX_TABLE_CHARS, "caractères dans les tableaux"),
        ("contacts", len(release.contacts), MAX_CONTACTS, "contacts presse"),
        ("header", len(release.header), MAX_HEADER_LINES, "lignes d’en-tête"),
    ):
        if count > most:
            yield error(where, f"{count} {what}\u00a0: un communiqué en compte au plus {most}.")


def too_long_to_typeset(release: Release, font: FontChoice) -> str | None:
    """Why ``release`` is not typeset at all (the preview, which draws what is typed, errors
    or not): a field or a body past the bounds above, said as ``check`` says it; else None."""
    ctx = Context(release, font)
    for rule in (field_lengths, list_lengths):
        for finding in rule(ctx):
            return finding.message
    return None


def link_lengths(ctx: Context) -> Iterator[Finding]:
    for i, block in enumerate(ctx.release.body):
        for item in block_runs(block):
            for run in item:
                if run.link is not None and len(run.link) > MAX_LINK_LENGTH:
                    yield error(
                        f"body[{i}]",
                        f"lien de {len(run.link)} caractères\u00a0: une "
                        f"adresse web en a au plus {MAX_LINK_LENGTH}.",
                    )


# ---------------------------------------------------------------- warnings


def has_contact(ctx: Context) -> Iterator[Finding]:
    if not any(c.name.strip() or c.phone.strip() or c.email.strip() for c in ctx.release.contacts):
        yield warning(
            "contacts", "aucun contact presse\u00a0: les journalistes ne sauront pas qui joindre."
        )


_REPEATED = re.compile(r"\b(\w+)[ \u00a0\u202f]+(\1)\b", re.IGNORECASE)
_LEGITIMATE_REPEATS = frozenset({"nous", "vous", "très", "bien", "si"})


def repeated_words(ctx: Context) -> Iterator[Finding]:
    """One finding per field, naming the first repeats (a pasted text can hold thousands)."""
    for where, text in text_fields(ctx.release):
        repeats = [
            m.group(0)
            for m in _REPEATED.finditer(text)
            if m.group(1).casefold() not in _LEGITIMATE_REPEATS and not m.group(1).isdigit()
        ]
        if not repeats:
            continue
        shown = ", ".join(f"«\u00a0{r}\u00a0»" for r in dict.fromkeys(repeats[:3]))
        more = f" et {plural(len(repeats) - 3, 'autre')}" if len(repeats) > 3 else ""
        yield warning(where, f"mot répété\u00a0: {shown}{more}.")


def header_spelling(ctx: Context) -> Iterator[Finding]:
    from desktop.core.header import header_words

    known = known_header_words()
    plain = {without_accents(w): w for w in known}
    for i, line in enumerate(ctx.release.header):
        for word in header_words(line):
            if word in known:
                continue
            if _agrees_with(word, known):
                continue
            if without_accents(word) in plain:
                right = plain[without_accents(word)]
                yield warning(
                    f"header[{i}]",
                    f"«\u00a0{word}\u00a0»\u00a0: accent manquant, écrivez «\u00a0{right}\u00a0».",
                )
                continue
            close = difflib.get_close_matches(word, known, n=1, cutoff=0.85)
            if close:
                yield warning(
                    f"header[{i}]",
                    f"«\u00a0{word}\u00a0»\u00a0: vouliez-vous "
                    f"écrire «\u00a0{close[0]}\u00a0»\u202f?",
                )


def _agrees_with(word: str, known: frozenset[str]) -> bool:
    """``word`` is a known word in the plural or singular (« DES TERRITOIRES » where the
    presets say « DU TERRITOIRE », « CULTUREL » for « CULTURELS »): agreement, not a typo."""
    singulars = {word[:-1], word[:-1] + "L"} if word[-1] in "SX" else set()
    if word.endswith("AUX"):
        singulars.add(word[:-3] + "AL")
    plurals = {word + "S", word + "X"}
    if word.endswith("AL"):
        plurals.add(word[:-2] + "AUX")
    return not known.isdisjoint(singulars | plurals)


def break_advice(line: str) -> str:
    """Where to break ``line``: only at places it has (a comma, an « ET » after the first
    word); else between two words."""
    words = line.split()
    comma = "," in line.rstrip(", ")
    conjunction = "ET" in (w.upper() for w in words[1:])
    if comma and conjunction:
        return "après une virgule ou avant «\u00a0ET\u00a0»"
    if comma:
        return "après une virgule"
    if conjunction:
        return "avant «\u00a0ET\u00a0»"
    return "entre deux mots"


def header_line_widths(ctx: Context) -> Iterator[Finding]:
    """A line wider than the widest of the charter's reference blocks (``core.header_width``)."""
    from desktop.core.header_width import line_width, u_to_mm, widest_allowed

    most = widest_allowed(ctx.font)
    for i, line in enumerate(ctx.release.header):
        width = line_width(line, ctx.font)
        if width > most:
            excess = f"{u_to_mm(width - most):.1f}".replace(".", ",")
            yield warning(
                f"header[{i}]",
                f"ligne trop large pour le bloc-marque de "
                f"{excess}\u00a0mm ({ctx.font.family})\u00a0: coupez-la "
                f"{break_advice(line)}.",
            )


def phones_valid(ctx: Context) -> Iterator[Finding]:
    for i, contact in enumerate(ctx.release.contacts):
        if contact.phone.strip() and not is_valid_phone(contact.phone):
            yield warning(
                f"contacts[{i}].phone",
                f"«\u00a0{contact.phone}\u00a0» n’est ni un numéro français ni un numéro "
                "international valide.",
            )


def embargo_not_past(ctx: Context) -> Iterator[Finding]:
    moment = ctx.release.embargo
    if moment is not None and is_past(moment, ctx.now):
        yield warning("embargo", f"l’embargo est déjà passé ({in_paris(moment):%d/%m/%Y %H:%M}).")


def headline_length(ctx: Context) -> Iterator[Finding]:
    size = len(ctx.release.headline)
    if size > MAX_HEADLINE:
        yield warning(
            "headline",
            f"{size} caractères\u00a0: au-delà de {MAX_HEADLINE}, le titre sera mal repris.",
        )


_DOUBLE_SPACE = re.compile(r"\S[ \u00a0]{2,}\S")


def double_spaces(ctx: Context) -> Iterator[Finding]:
    for where, text in text_fields(ctx.release):
        if _DOUBLE_SPACE.search(text):
            yield warning(where, "espaces doubles.")


def tab_alignment(ctx: Context) -> Iterator[Finding]:
    """Tabs that aligned columns (a table pasted from a spreadsheet or a word processor): every
    output sets each as one space, so the columns are lost."""
    for i, block in enumerate(ctx.release.body):
        lines = block.text.split("\n")
        found = [n for n, line in enumerate(lines, 1) if "\t" in line]
        if not found:
            continue
        where = (
            f"à la ligne {found[0]}"
            if len(found) == 1
            else f"aux lignes {', '.join(map(str, found[:-1]))} et {found[-1]}"
        )
        if len(lines) == 1:
            where = "dans ce paragraphe"
        first = lines[found[0] - 1].strip().replace("\t", " → ")
        yield warning(
            f"body[{i}]",
            f"des tabulations alignaient ce texte en colonnes {where} («\u00a0{first[:60]}\u00a0»)\u00a0:"
            " dans le communiqué elles deviennent des espaces et l’alignement est perdu. "
            "Faites-en un tableau (Insérer › Tableau) ou une liste à puces (une ligne par "
            "élément).",
        )


_UNACCENTED = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<e>E(?:tat|tats|conomie|conomique|conomiques|ducation|cologie|cologique|cologiques"
    r"|galité|lysée|cole|coles|lu|lus|lue|lues|lection|lections|tude|tudes|tudiant|tudiants"
    r"|tudiante|tudiantes|tablissement|tablissements|quipe|quipes|quipement|quipements"
    r"|valuation|vénement|vénements|nergie|nergies|nergétique|lève|lèves|té|crit|dition"
    r"|ditions|conomies|missions|mission|tape|tapes))"
    r"|(?:(?<=^)|(?<=[.!?…] )|(?<=\n))(?P<a>A)(?= [a-zàâçéèêëîïôûù])"
    r")(?![\w’'])"
)
"""Words whose capital has lost its accent (« Etat », « A partir de »): French keeps accents
on capitals (Imprimerie nationale)."""


def unaccented_capitals(ctx: Context) -> Iterator[Finding]:
    for where, text in text_fields(ctx.release):
        found = [
            f"«\u00a0{m.group(0)}\u00a0» → «\u00a0{'À' if m.group('a') else 'É' + m.group(0)[1:]}\u00a0»"
            for m in _UNACCENTED.finditer(text)
        ]
        if found:
            shown = ", ".join(dict.fromkeys(found[:3]))
            yield warning(where, f"majuscule sans accent\u00a0: {shown}.")


def marianne_installed(ctx: Context) -> Iterator[Finding]:
    if not ctx.font.is_marianne:
        yield environment(Severity.WARNING, TYPEFACE, ctx.font.notice)


def joint_release_header(ctx: Context) -> Iterator[Finding]:
    release = ctx.release
    if is_joint(release.ministries) and [
        h.strip().upper() for h in release.header if h.strip()
    ] != [GOVERNMENT]:
        yield warning(
            "header",
            "communiqué conjoint de plusieurs ministères\u00a0: l’en-tête doit "
            "être «\u00a0GOUVERNEMENT\u00a0».",
        )


def drawable_characters(ctx: Context) -> Iterator[Finding]:
    for where, text in text_fields(ctx.release):
        missing = uncovered(text.replace("\t", " "), ctx.font)  # a tab is set as a space
        if missing:
            shown = " ".join(sorted(missing))[:40]
            yield warning(
                where,
                f"caractères absents de la police, remplacés par "
                f"«\u00a0?\u00a0» dans le "
                f"PDF\u00a0: {shown}",
            )


MAX_SPELLING_PER_FIELD = 20


def spelling_fields(release: Release) -> Iterator[tuple[str, str]]:
    """The prose a journalist reads: header, kind, headline and body (not names or places)."""
    for i, line in enumerate(release.header):
        yield f"header[{i}]", line
    yield "kind", release.kind
    yield "headline", release.headline
    for i, block in enumerate(release.body):
        yield f"body[{i}]", french_text(block)


def french_text(block: Block) -> str:
    """The block's text with each passage in another language blanked out (its words are not
    French to check), the offsets of the rest kept."""
    items = block_runs(block)
    if not items:  # a heading, a table or a figure: plain French text
        return block.text
    return "\n".join(
        "".join(" " * len(run.text) if run.lang else run.text for run in runs) for runs in items
    )


def spelling(ctx: Context) -> Iterator[Finding]:
    """Each unknown word, with the likeliest intended word; never an error."""
    speller = ctx.speller
    if speller is None:
        return
    said_by_header_rule = {f.field + f.message for f in header_spelling(ctx)}
    for where, text in spelling_fields(ctx.release):
        unknown = list(dict.fromkeys(m.word for m in speller.misspellings(text)))
        if where.startswith("header"):
            unknown = [
                w
                for w in unknown
                if not any(
                    where + "«\u00a0" + w + "\u00a0»" in said for said in said_by_header_rule
                )
            ]
        for word in unknown[:MAX_SPELLING_PER_FIELD]:
            suggestions = speller.suggest(word)[:3]
            hint = ""
            if suggestions:
                label = "suggestions" if len(suggestions) > 1 else "suggestion"
                hint = f" ({label}\u00a0: {', '.join(suggestions)})"
            yield warning(where, f"«\u00a0{word}\u00a0»\u00a0: mot inconnu{hint}")
        if len(unknown) > MAX_SPELLING_PER_FIELD:
            yield warning(
                where, f"et {len(unknown) - MAX_SPELLING_PER_FIELD} autres mots inconnus."
            )


def import_leftovers(ctx: Context) -> Iterator[Finding]:
    """What an import could not place, until the author deals with it (the note keeps it)."""
    from desktop.core.recognise import unplaced_finding

    if ctx.release.imported is not None:
        for text in ctx.release.imported.unplaced:
            yield unplaced_finding(text)


def kind_rules(ctx: Context) -> Iterator[Finding]:
    """The rules of the document's kind (``core/kind_checks.py``): an invitation's event…"""
    from desktop.core.kind_checks import KIND_RULES

    for rule in KIND_RULES.get(ctx.release.document, ()):
        yield from rule(ctx.release, ctx.now)


Rule = Callable[[Context], Iterator[Finding]]

RULES: tuple[Rule, ...] = (
    headline_present,
    date_present,
    emails_valid,
    embargo_exists,
    kind_rules,
    field_lengths,
    list_lengths,
    link_lengths,
    has_contact,
    repeated_words,
    header_spelling,
    header_line_widths,
    phones_valid,
    embargo_not_past,
    headline_length,
    double_spaces,
    tab_alignment,
    unaccented_capitals,
    joint_release_header,
    drawable_characters,
    marianne_installed,
    import_leftovers,
    spelling,
    *BLOCK_RULES,
    *SPEECH_KIT_RULES,
)


def check(
    release: Release,
    *,
    font: FontChoice | None = None,
    now: datetime | None = None,
    speller: Spelling | None = None,
) -> list[Finding]:
    """Every finding, errors first, in the order of the rules (spelling only with a speller)."""
    ctx = Context(release, font or choose_font(), now or datetime.now(UTC), speller)
    findings = [finding for rule in RULES for finding in rule(ctx)]
    return sorted(findings, key=lambda f: not f.is_error)
