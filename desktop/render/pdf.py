"""The PDF, and the preview's pages, from the Typst template in ``resources/templates``.

User text travels as one JSON string in ``sys.inputs`` and is placed as text by the template, so
nothing typed can be evaluated as Typst markup. The compile root is the template folder; Typst
reads no system font, only the folders of the chosen typeface. One compiler per typeface is kept
for the life of the process: later compiles reuse its caches.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from desktop.core.errors import CommuniqueError
from desktop.core.fonts import SUBSTITUTE, FontChoice
from desktop.core.model import Picture, Run
from desktop.render import house_style
from desktop.render.content import (
    CONTACT_SEPARATOR,
    LANGUAGE,
    LONG_ADDRESS,
    PreparedBlock,
    PreparedContact,
    PreparedRelease,
    TextRun,
    address_segments,
)
from desktop.render.house_style import HouseStyle
from desktop.render.link_areas import split_wrapped_links
from desktop.resources import resource

log = logging.getLogger(__name__)

PDF_STANDARDS = ["a-2b", "ua-1"]


class RenderError(CommuniqueError):
    """The template could not be compiled; the message is for a person, in French."""


@cache
def _brand_svgs() -> dict[str, str]:
    return {
        "marianne": resource("brand", "marianne.svg").read_text(encoding="utf-8"),
        "devise": resource("brand", "devise.svg").read_text(encoding="utf-8"),
    }


def template_data(prepared: PreparedRelease, style: HouseStyle | None = None) -> dict[str, Any]:
    return {
        "style": (style or house_style.HOUSE_STYLE).as_data() | {"long_address": LONG_ADDRESS},
        "title": prepared.title,
        "author": prepared.author,
        "mark": prepared.draft_mark,
        "state": prepared.state,
        "policy_note": prepared.policy_note,
        "header": list(prepared.header),
        "brand_alt": prepared.brand_alt,
        "kind": prepared.kind,
        "headline": prepared.headline_display,
        "dateline": prepared.dateline,
        "dateline_runs": _parts(prepared.dateline_runs),
        "headline_runs": _parts(prepared.headline_runs),
        "kind_runs": _parts(prepared.kind_runs),
        "embargo_runs": _parts(prepared.embargo_runs),
        "number": prepared.number,
        "embargo": prepared.embargo,
        "body": [_block_data(b, style or house_style.HOUSE_STYLE) for b in prepared.body],
        "sections": [
            {
                "heading": section.heading,
                "blocks": [
                    _block_data(b, style or house_style.HOUSE_STYLE) for b in section.blocks
                ],
            }
            for section in prepared.sections
        ],
        "contacts_heading": prepared.contacts_heading,
        "separator": CONTACT_SEPARATOR,
        "contact_groups": [[_contact_data(c) for c in group] for group in prepared.contact_groups],
        "contacts": [_contact_data(c) for c in prepared.contacts],
        # Glyphs Marianne lacks are taken from the shipped substitute, never faked.
        "font": list(dict.fromkeys([prepared.font.family, SUBSTITUTE])),
        "lang": LANGUAGE,
        "page_total": prepared.page_total,
    } | _kind_data(prepared)


REPLACEMENT = "?"
PICTURE_PPI = 150
"""An image is set at this resolution at most (a small picture is not blown up past it)."""
PICTURE_MAX_HEIGHT = 120.0
"""The tallest an image is set, mm: it leaves room on its page for its caption."""


def _block_data(block: PreparedBlock, style: HouseStyle) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": block.kind,
        "items": [[_run_data(run) for run in item] for item in block.items],
    }
    if block.kind == "heading":
        data |= {"level": block.level, "anchor": block.anchor}
    elif block.kind == "table":
        data |= {
            "rows": [[[_run_data(run) for run in cell] for cell in row] for row in block.rows],
            "caption": block.caption,
        }
    elif block.kind == "figure" and block.image is not None:
        data |= {
            "image": picture_key(block.image),
            "alt": block.alt,
            "caption": block.caption,
            "width": picture_width(block.image, style),
        }
    return data


def picture_width(picture: Picture, style: HouseStyle) -> float:
    """How wide an image is set, mm: its size at ``PICTURE_PPI``, within the text's width times
    ``figure_width`` and ``PICTURE_MAX_HEIGHT``."""
    natural = picture.width / PICTURE_PPI * 25.4
    widest = style.page.text_width * style.figure_width
    tallest = PICTURE_MAX_HEIGHT * picture.width / max(picture.height, 1)
    return round(min(natural, widest, tallest), 2)


def picture_key(picture: Picture) -> str:
    """The name of the image's entry in ``sys.inputs`` (the same image, the same entry)."""
    import hashlib

    return "image-" + hashlib.sha256(picture.data).hexdigest()[:16]


@lru_cache(maxsize=16)
def _picture_input(data: bytes) -> str:
    """The image's bytes as Typst can read them from a string input: a JSON array of numbers
    (``bytes(json(...))`` in the template), made once per image."""
    return json.dumps(list(data), separators=(",", ":"))


def _pictures(prepared: PreparedRelease) -> list[Picture]:
    pictures = [b.image for b in prepared.body if b.image is not None]
    if prepared.press_kit is not None and prepared.press_kit.cover is not None:
        pictures.append(prepared.press_kit.cover)
    return pictures


def _picture_inputs(prepared: PreparedRelease) -> dict[str, str]:
    return {picture_key(p): _picture_input(p.data) for p in _pictures(prepared)}


COVER_HEIGHT = 95.0
"""The tallest the cover's image is set, mm."""


def _kind_data(prepared: PreparedRelease) -> dict[str, Any]:
    """A speech's and a press kit's own parts, for the template (``speech_kit_content``)."""
    data: dict[str, Any] = {"speech": None, "press_kit": None}
    if prepared.speech is not None:
        speech = prepared.speech
        data["speech"] = {
            "speaker": speech.speaker,
            "occasion": speech.occasion,
            "delivery": speech.delivery,
        }
    kit = prepared.press_kit
    if kit is not None:
        cover = None
        if kit.cover is not None:
            width = min(
                house_style.HOUSE_STYLE.page.text_width,
                COVER_HEIGHT * kit.cover.width / max(kit.cover.height, 1),
            )
            cover = {"image": picture_key(kit.cover), "alt": kit.cover_alt, "width": width}
        data["press_kit"] = {
            "subtitle": kit.subtitle,
            "cover": cover,
            "contents_heading": kit.contents_heading,
        }
    return data


def _contact_data(c: PreparedContact) -> dict[str, Any]:
    return {
        "lead": c.lead,
        "phone": _link_text(c.phone),
        "phone_pieces": address_segments(_link_text(c.phone)),
        "phone_uri": c.phone_uri if _visible(_link_text(c.phone)) else None,
        "email": _link_text(c.email),
        "email_pieces": address_segments(_link_text(c.email)),
        "mailto": c.mailto if _visible(_link_text(c.email)) else None,
    }


def _parts(parts: tuple[tuple[str, bool], ...]) -> list[dict[str, Any]]:
    return [{"text": text, "superscript": sup} for text, sup in parts]


def _visible(text: str) -> bool:
    """Whether the text shows anything: Typst cannot tag a link around invisible text alone."""
    return any(unicodedata.category(ch)[0] not in "CZM" for ch in text)


def _link_text(text: str) -> str:
    """Typst 0.15 fails to tag a link broken at a soft hyphen: a link is never hyphenated."""
    return text.replace("\u00ad", "")


def _run_data(run: Run) -> dict[str, Any]:
    # The fields' values are strings, booleans and None: a shallow copy is ``asdict``'s result,
    # at a fraction of its cost over a long release's thousand runs.
    data = {f.name: getattr(run, f.name) for f in fields(run)}
    data["address"] = isinstance(run, TextRun) and run.address
    if run.link:
        data["text"] = _link_text(run.text)
        if not _visible(data["text"]):
            data["link"] = None
    data["pieces"] = address_segments(data["text"]) if data["address"] else []
    return data


LONG_WORD = 60
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{LONG_WORD},}}")
_NOT_TEXT = frozenset(
    {
        "link",
        "mailto",
        "phone_uri",
        "font",
        "lang",
        "style",
        "pieces",
        "phone",
        "phone_pieces",
        "email",
        "email_pieces",
        "image",
        "anchor",
    }
)
"""Keys whose values are addresses or settings, not text set on the page (an address breaks at
its own places, with nothing added: ``content.address_segments``)."""


def _breakable(value: Any, key: str = "") -> Any:
    """Let an overlong word (a pasted address, a row of characters) break across lines: one
    line cannot overflow the page, nor exceed the 32,767-character string PDF/A allows."""
    if isinstance(value, str):
        if key in _NOT_TEXT or len(value) < LONG_WORD:
            return value
        return _LONG_WORD.sub(
            lambda m: "\u200b".join(
                m.group(0)[i : i + LONG_WORD] for i in range(0, len(m.group(0)), LONG_WORD)
            ),
            value,
        )
    if isinstance(value, list):
        return [_breakable(item, key) for item in value]
    if isinstance(value, dict):
        if value.get("address"):
            return value
        return {k: _breakable(v, k) for k, v in value.items()}
    return value


def _inputs(prepared: PreparedRelease, *, fit: bool = False) -> dict[str, str]:
    data = json.dumps(_breakable(template_data(prepared)), ensure_ascii=False)
    if fit:
        data = _fit_to_font(data, prepared)
    return {"data": data, **_brand_svgs(), **_picture_inputs(prepared)}


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

    def forget(self, compiler: Any) -> None:
        """Drop a compiler that panicked: the next compile starts from a fresh one."""
        self._compilers = {k: c for k, c in self._compilers.items() if c is not compiler}


_COMPILERS = _Compilers()


PANICKED = (
    "La mise en page de ce communiqué a échoué (erreur interne du moteur Typst) : "
    "un paragraphe très long ou une suite inhabituelle de caractères en est souvent "
    "la cause ; coupez les paragraphes les plus longs."
)


_TYPST_REASONS = (
    (
        "string is longer",
        "un texte dépasse la longueur qu’un PDF/A admet ; coupez les champs les plus longs",
    ),
    ("URL is too long", "une adresse de lien est trop longue"),
    ("disallowed codepoint", "le texte contient un caractère que PDF/UA interdit"),
    ("could not be displayed", "un caractère ne peut pas être affiché par la police"),
)


def _in_french(message: str) -> str:
    """Typst speaks English: the person reads a French reason (known cases) or a general one."""
    for key, reason in _TYPST_REASONS:
        if key in message:
            return f"La mise en page a échoué : {reason}."
    return "La mise en page a échoué : le moteur Typst a refusé le document."


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic inside Typst (``pyo3_runtime.PanicException``, a ``BaseException``)."""
    return type(exc).__name__ == "PanicException"


def _compile(template: str, prepared: PreparedRelease, **options: Any) -> Any:
    with _COMPILERS.lock:
        compiler = _COMPILERS.get(template, prepared)
        try:
            return _compile_once(compiler, _inputs(prepared), options)
        except RenderError as exc:
            if "could not be displayed" not in str(exc.__cause__):
                raise
        return _compile_once(compiler, _inputs(prepared, fit=True), options)


def _compile_once(compiler: Any, inputs: dict[str, str], options: dict[str, Any]) -> Any:
    """One compile; every failure becomes a ``RenderError`` (a plain exception, so a worker
    process can send it back), a panic of the compiler included."""
    import typst

    try:
        return compiler.compile(sys_inputs=inputs, **options)
    except typst.TypstError as exc:
        log.info("typst refused the release: %s", exc)
        raise RenderError(_in_french(str(exc))) from exc
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        log.warning("typst panicked: %s", exc)
        _COMPILERS.forget(compiler)
        raise RenderError(PANICKED) from None


def render_pdf(prepared: PreparedRelease, *, created: datetime | None = None) -> bytes:
    """The release as a tagged PDF declaring PDF/A-2b and PDF/UA-1."""
    moment = created or datetime.now(UTC)
    result = _compile(
        "release.typ",
        prepared,
        format="pdf",
        pdf_standards=PDF_STANDARDS,
        timestamp=int(moment.timestamp()),
    )
    return split_wrapped_links(bytes(result))


def heading_pages(prepared: PreparedRelease) -> dict[str, int]:
    """On which page of the PDF each heading of the body falls, by its anchor: the contents of
    the DOCX and the ODT print them (Word and LibreOffice lay pages out alike, from the same
    house style). Empty when the document has no heading."""
    if not any(block.kind == "heading" for block in prepared.body):
        return {}
    with _COMPILERS.lock:
        compiler = _COMPILERS.get("release.typ", prepared)
        _compile_once(compiler, _inputs(prepared), {"format": "svg"})  # sets the inputs
        try:
            found = json.loads(compiler.query("<toc-page>", field="value", format="json"))
        except Exception as exc:  # a query is a convenience: the contents stay without numbers
            log.info("heading pages not queried: %s", exc)
            return {}
    return {
        str(item["anchor"]): int(item["page"])
        for item in found
        if isinstance(item, dict) and "anchor" in item and "page" in item
    }


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


def render_brand_svg(prepared: PreparedRelease) -> bytes:
    """The bloc-marque alone as SVG (its text drawn as outlines): the DOCX's vector picture."""
    return _brand_svg(prepared.header, prepared.font)


def _brand_only(header: tuple[str, ...], font: FontChoice) -> PreparedRelease:
    return PreparedRelease(
        header=header,
        kind="",
        headline="",
        dateline="",
        number="",
        embargo="",
        body=(),
        contacts_heading="",
        contacts=(),
        font=font,
    )


@lru_cache(maxsize=16)
def _brand_png(header: tuple[str, ...], font: FontChoice, ppi: float) -> bytes:
    return _brand_picture(header, font, "png", ppi)


@lru_cache(maxsize=16)
def _brand_svg(header: tuple[str, ...], font: FontChoice) -> bytes:
    return _brand_picture(header, font, "svg", None)


_PICTURE_ENDS = {"png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"), "svg": (b"<svg", b"</svg>")}
"""How a whole picture of each format starts and ends (a damaged copy in the cache is drawn
again)."""


def _brand_picture(
    header: tuple[str, ...], font: FontChoice, kind: str, ppi: float | None
) -> bytes:
    """The bloc-marque alone, drawn by Typst once per header, typeface and resolution, and kept
    in the cache folder: a command line exports release after release under the same header,
    and drawing it at 600 ppi is about half of Typst's work for an export."""
    prepared = _brand_only(header, font)
    cached = _brand_cache_path(prepared, kind, ppi)
    if cached is not None:
        try:
            data = cached.read_bytes()
            start, end = _PICTURE_ENDS[kind]
            if data.startswith(start) and data.rstrip().endswith(end):
                return data
        except OSError:
            pass  # absent or unreadable: draw it
    options: dict[str, Any] = {"format": kind} if ppi is None else {"format": kind, "ppi": ppi}
    result = _compile("bloc-marque.typ", prepared, **options)
    data = bytes(result[0] if isinstance(result, list) else result)
    if cached is not None:
        from desktop.services.files import atomic_write

        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cached, data)
        except OSError as exc:
            log.info("bloc-marque picture not cached in %s: %s", cached, exc)
    return data


def _brand_cache_path(prepared: PreparedRelease, kind: str, ppi: float | None) -> Path | None:
    """Named after everything the picture is drawn from: the template's inputs (header, house
    style, brand pictures, typeface's name), the templates, the font files (name in their
    folder, size, date; not where the folder is, so the same fonts installed elsewhere share
    the pictures), the format and resolution, Typst's and this program's versions. None when
    the font folders cannot be listed (the picture is then drawn, not kept)."""
    import hashlib

    import typst

    from desktop import __version__
    from desktop.services import paths

    key = hashlib.sha256()
    library = getattr(typst, "__version__", "?")
    key.update(repr((__version__, library, kind, ppi)).encode("utf-8"))
    key.update(json.dumps(_inputs(prepared), sort_keys=True).encode("utf-8"))
    try:
        for template in sorted(resource("templates").iterdir()):
            key.update(template.name.encode("utf-8") + template.read_bytes())
        for folder in prepared.font.folders:  # in order: the first folders' fonts come first
            key.update(b"\0")
            for path in sorted(folder.rglob("*")):
                info = path.stat()
                name = path.relative_to(folder).as_posix()
                key.update(f"{name}|{info.st_size}|{info.st_mtime_ns}".encode())
    except OSError as exc:
        log.info("bloc-marque picture not cached: %s", exc)
        return None
    return paths.cache_dir() / f"brand-{key.hexdigest()[:24]}.{kind}"
