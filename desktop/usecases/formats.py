"""The output formats, declared once: the command line's flags, the window's *Exporter en …*
entries and file-dialog filters, the files a publication holds and the files an e-mail carries
are generated from here.

A format is one ``Format`` and one ``register`` line; its renderer is imported only when a file
of that format is made, so neither the command line nor the window pays for a renderer at
start-up::

    register(Format("md", ".md", "Markdown", "Documents Markdown (*.md)", render=to_markdown))

A renderer receives the prepared release, the bloc-marque pictures when the format asks for them
(``needs_brand``), and the ``Extras`` a use case adds (the files' date, a press-room page's links).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.render.content import PreparedRelease


@dataclass(frozen=True)
class Brand:
    """The bloc-marque as the editable formats embed it: a 600 ppi PNG and the vector SVG."""

    png: bytes
    svg: bytes


@dataclass(frozen=True)
class Extras:
    """What a use case adds to the prepared release for one set of files."""

    created: datetime | None = None
    """The files' own date (PDF, DOCX and ODT metadata); now by default."""
    modified: datetime | None = None
    """The HTML page's date of change (a press room's page keeps its draft's)."""
    links: Mapping[str, str] | None = None
    """The HTML page's links under the release, by label (a press room's other files)."""
    metadata: Mapping[str, Any] | None = None
    """Added to the HTML page's JSON-LD (a press room's entry)."""


Renderer = Callable[["PreparedRelease", Brand | None, Extras], bytes]


@dataclass(frozen=True)
class Format:
    name: str
    """The flag and the key: ``--pdf``, ``formats.get("pdf")``."""
    suffix: str
    """The file's suffix, lower case with its dot; an output path must end with it."""
    label: str
    """The format as a person names it: « Exporter en {label} »."""
    file_filter: str
    """The save dialog's filter: ``Documents PDF (*.pdf)``."""
    render: Renderer
    needs_brand: bool = False
    """The renderer embeds the bloc-marque pictures (drawn once by Typst for all formats)."""
    typst: bool = False
    """Typst renders it: it goes on Typst's thread, after the pictures, while python-docx works."""
    warm_up: Callable[[PreparedRelease], None] | None = None
    """Work that needs no picture (imports, a base document), done while Typst draws."""
    media_type: str = "application/octet-stream"
    menu_text: str = ""
    """The menu entry with its accelerator (``Exporter en &PDF…``); from ``label`` if empty."""
    shortcut: str = ""
    help: str = ""
    """The command line flag's help; from ``label`` if empty."""
    published: str = ""
    """When not empty, a publication puts this file beside each page, under this link text
    (``Version PDF``)."""
    mail: str = ""
    """Whether a release's e-mail carries this file: ``ALWAYS`` (every message: the PDF),
    ``ON_REQUEST`` (``communique mail --odt``), or never (empty)."""
    applies: Callable[[PreparedRelease], bool] | None = None
    """For a format some documents only have (the .ics: an invitation, an agenda): whether
    this one has it. An e-mail and a publication carry it only then; an export of it is
    refused otherwise (``refusal``)."""
    refusal: str = ""
    """What the refused export says (French)."""

    def applies_to(self, prepared: PreparedRelease) -> bool:
        return self.applies is None or self.applies(prepared)

    @property
    def menu_entry(self) -> str:
        return self.menu_text or f"Exporter en {self.label}…"

    @property
    def flag_help(self) -> str:
        return self.help or f"fichier {self.label} à écrire (un seul brouillon)"

    @property
    def attach_help(self) -> str:
        """The help of ``communique mail``'s flag for a format attached on request."""
        article = "l’" if self.label[:1].upper() in "AEIOUÉ" else "le "
        return f"joindre aussi {article}{self.label}"


ALWAYS = "always"
ON_REQUEST = "on request"


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` (after the others: menus and flags keep this order); a name or a suffix
    already taken is a programming error."""
    for other in _REGISTRY.values():
        if fmt.name == other.name or fmt.suffix == other.suffix:
            raise ValueError(f"format {fmt.name!r} ({fmt.suffix}) is already registered")
    _REGISTRY[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Take a format out (tests register throw-away ones)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> Format:
    return _REGISTRY[name]


def all_formats() -> tuple[Format, ...]:
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def published(prepared: PreparedRelease | None = None) -> tuple[Format, ...]:
    """The files a publication puts beside each page, in the registry's order (of those
    ``prepared`` has, when given)."""
    return tuple(
        fmt
        for fmt in _REGISTRY.values()
        if fmt.published and (prepared is None or fmt.applies_to(prepared))
    )


def attached_on_request() -> tuple[Format, ...]:
    """The formats a person may add to a release's e-mail (``communique mail --odt``)."""
    return tuple(fmt for fmt in _REGISTRY.values() if fmt.mail == ON_REQUEST)


def attached(
    also: Iterable[str] = (), prepared: PreparedRelease | None = None
) -> tuple[Format, ...]:
    """The files a release's e-mail carries: those of every message first (the PDF, and the
    .ics of an invitation), then those of ``also`` (names of formats attached on request), each
    in the registry's order (of those ``prepared`` has, when given)."""
    asked = set(also)
    offered = {fmt.name for fmt in attached_on_request()}
    if asked - offered:
        raise ValueError(f"not attached on request: {sorted(asked - offered)}")
    always = [fmt for fmt in _REGISTRY.values() if fmt.mail == ALWAYS]
    chosen = (*always, *(fmt for fmt in attached_on_request() if fmt.name in asked))
    return tuple(fmt for fmt in chosen if prepared is None or fmt.applies_to(prepared))


# ---------------------------------------------------------------- the built-in formats
# Each adapter imports its renderer when first called: python-docx, odfpy and lxml stay out of
# start-up.


def _docx(prepared: PreparedRelease, brand: Brand | None, extras: Extras) -> bytes:
    from desktop.render.docx import render_docx

    assert brand is not None
    return render_docx(prepared, brand.png, brand_svg=brand.svg, created=extras.created)


def _docx_warm_up(prepared: PreparedRelease) -> None:
    from desktop.render.docx import prepare_base

    prepare_base(prepared)


def _pdf(prepared: PreparedRelease, _brand: Brand | None, extras: Extras) -> bytes:
    from desktop.render.pdf import render_pdf

    return render_pdf(prepared, created=extras.created)


def _odt(prepared: PreparedRelease, brand: Brand | None, extras: Extras) -> bytes:
    from desktop.render.odt import render_odt

    assert brand is not None
    return render_odt(prepared, brand.png, brand.svg, created=extras.created)


def _html(prepared: PreparedRelease, brand: Brand | None, extras: Extras) -> bytes:
    from desktop.render.html import render_html

    assert brand is not None
    return render_html(
        prepared,
        brand.svg,
        modified=extras.modified,
        links=dict(extras.links) if extras.links is not None else None,
        metadata=dict(extras.metadata) if extras.metadata is not None else None,
    )


def _txt(prepared: PreparedRelease, _brand: Brand | None, _extras: Extras) -> bytes:
    from desktop.render.text import render_text

    return render_text(prepared).encode("utf-8")


DOCX = register(
    Format(
        "docx",
        ".docx",
        "DOCX",
        "Documents Word (*.docx)",
        _docx,
        needs_brand=True,
        warm_up=_docx_warm_up,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        menu_text="Exporter en &DOCX…",
        shortcut="Ctrl+Shift+D",
        help="fichier DOCX à écrire (un seul brouillon)",
        mail=ON_REQUEST,
    )
)
PDF = register(
    Format(
        "pdf",
        ".pdf",
        "PDF",
        "Documents PDF (*.pdf)",
        _pdf,
        typst=True,
        media_type="application/pdf",
        menu_text="Exporter en &PDF…",
        shortcut="Ctrl+Shift+E",
        help="fichier PDF à écrire (un seul brouillon)",
        published="Version PDF",
        mail=ALWAYS,
    )
)
ODT = register(
    Format(
        "odt",
        ".odt",
        "ODT",
        "Documents OpenDocument (*.odt)",
        _odt,
        needs_brand=True,
        media_type="application/vnd.oasis.opendocument.text",
        menu_text="Exporter en OD&T…",
        help="fichier ODT (OpenDocument) à écrire (un seul brouillon)",
        published="Version ODT (modifiable)",
        mail=ON_REQUEST,
    )
)
HTML = register(
    Format(
        "html",
        ".html",
        "HTML",
        "Pages web (*.html)",
        _html,
        needs_brand=True,
        media_type="text/html",
        menu_text="Exporter en &HTML…",
        help="page HTML accessible à écrire (un seul brouillon)",
    )
)
TXT = register(
    Format(
        "txt",
        ".txt",
        "texte brut",
        "Texte brut (*.txt)",
        _txt,
        media_type="text/plain",
        menu_text="Exporter en texte &brut…",
        help="texte brut à écrire (un seul brouillon)",
    )
)


def _ics(prepared: PreparedRelease, _brand: Brand | None, extras: Extras) -> bytes:
    from desktop.render.ics import render_ics

    return render_ics(prepared, created=extras.created)


ICS = register(
    Format(
        "ics",
        ".ics",
        "agenda (.ics)",
        "Agendas iCalendar (*.ics)",
        _ics,
        media_type="text/calendar",
        menu_text="Exporter l’&agenda (.ics)…",
        help="fichier d’agenda .ics à écrire (invitation ou agenda, un seul brouillon)",
        published="Ajouter à mon agenda (.ics)",
        mail=ALWAYS,
        applies=lambda prepared: prepared.calendar is not None,
        refusal=(
            "seules une invitation presse (avec la date et l’heure de l’événement) et un agenda "
            "prévisionnel ont un fichier d’agenda (.ics)."
        ),
    )
)
