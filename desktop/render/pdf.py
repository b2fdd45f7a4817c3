"""The PDF, and the preview's pages, from the Typst template in ``resources/templates``.

User text travels as one JSON string in ``sys.inputs`` and is placed as text by the template, so
nothing typed can be evaluated as Typst markup. The compile root is the template folder; Typst
reads no system font, only the folders of the chosen typeface. One compiler per typeface is kept
for the life of the process: later compiles reuse its caches.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from desktop.core.fonts import SUBSTITUTE, FontChoice
from desktop.render.content import CONTACT_SEPARATOR, LANGUAGE, PreparedRelease
from desktop.resources import resource

PDF_STANDARDS = ["a-2b", "ua-1"]


class RenderError(Exception):
    """The template could not be compiled; the message is for a person, in French."""


@cache
def _brand_svgs() -> dict[str, str]:
    return {
        "marianne": resource("brand", "marianne.svg").read_text(encoding="utf-8"),
        "devise": resource("brand", "devise.svg").read_text(encoding="utf-8"),
    }


def template_data(prepared: PreparedRelease) -> dict[str, Any]:
    return {
        "title": prepared.title,
        "author": prepared.author,
        "header": list(prepared.header),
        "brand_alt": prepared.brand_alt,
        "kind": prepared.kind,
        "headline": prepared.headline,
        "dateline": prepared.dateline,
        "number": prepared.number,
        "embargo": prepared.embargo,
        "body": [
            {"kind": b.kind, "items": [[asdict(run) for run in item] for item in b.items]}
            for b in prepared.body
        ],
        "contacts_heading": prepared.contacts_heading,
        "separator": CONTACT_SEPARATOR,
        "contacts": [
            {"lead": c.lead, "phone": c.phone, "phone_uri": c.phone_uri, "email": c.email,
             "mailto": c.mailto}
            for c in prepared.contacts
        ],
        # Glyphs Marianne lacks are taken from the shipped substitute, never faked.
        "font": list(dict.fromkeys([prepared.font.family, SUBSTITUTE])),
        "lang": LANGUAGE,
    }


REPLACEMENT = "?"


def _inputs(prepared: PreparedRelease, *, fit: bool = False) -> dict[str, str]:
    data = json.dumps(template_data(prepared), ensure_ascii=False)
    if fit:
        data = _fit_to_font(data, prepared)
    return {"data": data, **_brand_svgs()}


def _fit_to_font(data: str, prepared: PreparedRelease) -> str:
    """Replace what the typeface cannot draw: PDF/A forbids a glyph that is not in the font.

    Only called when Typst has refused the text; the checks tell the author which characters.
    """
    from desktop.core.fonts import uncovered

    missing = uncovered(data, prepared.font)
    return "".join(REPLACEMENT if ch in missing else ch for ch in data)


class _Compilers:
    """One Typst compiler per (template, font folders), created on first use, used by one thread
    at a time."""

    def __init__(self) -> None:
        self._compilers: dict[tuple[str, tuple[str, ...]], Any] = {}
        self.lock = threading.Lock()

    def get(self, template: str, prepared: PreparedRelease) -> Any:
        import typst

        folders = tuple(str(p) for p in prepared.font.folders)
        key = (template, folders)
        if key not in self._compilers:
            self._compilers[key] = typst.Compiler(
                str(resource("templates", template)),
                root=str(resource("templates")),
                font_paths=list(folders),
                ignore_system_fonts=True,
            )
        return self._compilers[key]


_COMPILERS = _Compilers()


def _compile(template: str, prepared: PreparedRelease, **options: Any) -> Any:
    import typst

    with _COMPILERS.lock:
        compiler = _COMPILERS.get(template, prepared)
        try:
            return compiler.compile(sys_inputs=_inputs(prepared), **options)
        except typst.TypstError as exc:
            if "could not be displayed" not in str(exc):
                raise RenderError(f"La mise en page a échoué : {exc}") from exc
        try:
            return compiler.compile(sys_inputs=_inputs(prepared, fit=True), **options)
        except typst.TypstError as exc:
            raise RenderError(f"La mise en page a échoué : {exc}") from exc


def render_pdf(prepared: PreparedRelease, *, created: datetime | None = None) -> bytes:
    """The release as a tagged PDF declaring PDF/A-2b and PDF/UA-1."""
    moment = created or datetime.now(UTC)
    result = _compile("release.typ", prepared, format="pdf", pdf_standards=PDF_STANDARDS,
                      timestamp=int(moment.timestamp()))
    return bytes(result)


def render_pages_png(prepared: PreparedRelease, *, ppi: float = 96.0) -> list[bytes]:
    """Every page as a PNG image: the preview, from the same template as the PDF."""
    result = _compile("release.typ", prepared, format="png", ppi=ppi)
    return [bytes(page) for page in result] if isinstance(result, list) else [bytes(result)]


def render_pages_svg(prepared: PreparedRelease) -> list[bytes]:
    result = _compile("release.typ", prepared, format="svg")
    return [bytes(page) for page in result] if isinstance(result, list) else [bytes(result)]


def render_brand_png(prepared: PreparedRelease, *, ppi: float = 600.0) -> bytes:
    """The bloc-marque alone, as a high-resolution PNG (for the DOCX); kept per header and font,
    since a press office exports release after release under the same header."""
    return _brand_png(prepared.header, prepared.font, ppi)


@lru_cache(maxsize=16)
def _brand_png(header: tuple[str, ...], font: FontChoice, ppi: float) -> bytes:
    prepared = PreparedRelease(header=header, kind="", headline="", dateline="", number="",
                               embargo="", body=(), contacts_heading="", contacts=(), font=font)
    result = _compile("bloc-marque.typ", prepared, format="png", ppi=ppi)
    return bytes(result[0] if isinstance(result, list) else result)
