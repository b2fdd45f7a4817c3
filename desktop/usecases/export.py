"""Exporting a release, the one path of the command line and the window: clear it through the
gate, render the formats asked for, and send the files out through the gate.

``render_formats`` is the one function that turns a prepared release into the bytes of several
formats, the bloc-marque pictures drawn once for all of them: export, publication and the
e-mail's attachments use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import CommuniqueError
from desktop.usecases import formats, gate
from desktop.usecases.formats import Brand, Extras, Format

if TYPE_CHECKING:
    from desktop.core.findings import Finding
    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.render.content import PreparedRelease
    from desktop.services.files import KeptFiles


def render_formats(
    prepared: PreparedRelease, names: Iterable[str], *, extras: Extras | None = None
) -> dict[str, bytes]:
    """The bytes of each format of ``names`` (registry names, in that order), for ``prepared``
    as the gate cleared it. Raises ``RenderError``; nothing is written.

    The bloc-marque pictures are drawn once, by Typst, only when a format needs them. Typst
    (the pictures, then the PDF) works on a second thread while this one renders the rest:
    python-docx first readies its base document, then waits for the pictures. Typst releases
    the interpreter, so on two cores both go on at once.

    A stable entry point for every use case that needs files of a release: export,
    publication, and the e-mail's attachments (``render_formats(prepared, ["pdf", "odt"],
    extras=Extras(created=when))``).
    """
    wanted = [formats.get(name) for name in dict.fromkeys(names)]
    extras = extras or Extras()
    out: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst") as typst_thread:
        brand = (
            typst_thread.submit(_draw_brand, prepared)
            if any(fmt.needs_brand for fmt in wanted)
            else None
        )
        on_typst = {
            fmt.name: typst_thread.submit(_render, fmt, prepared, brand, extras)
            for fmt in wanted
            if fmt.typst
        }
        here = [fmt for fmt in wanted if not fmt.typst]
        for fmt in sorted(here, key=lambda f: f.needs_brand):  # no picture to wait for first
            if not fmt.needs_brand:
                out[fmt.name] = fmt.render(prepared, None, extras)
        for fmt in here:
            if fmt.needs_brand and fmt.warm_up is not None:
                fmt.warm_up(prepared)  # while Typst draws
        for fmt in here:
            if fmt.needs_brand:
                out[fmt.name] = _render(fmt, prepared, brand, extras)
        for name, job in on_typst.items():
            out[name] = job.result()
    return {fmt.name: out[fmt.name] for fmt in wanted}


def _draw_brand(prepared: PreparedRelease) -> Brand:
    from desktop.render.pdf import render_brand_png, render_brand_svg

    return Brand(render_brand_png(prepared), render_brand_svg(prepared))


def _render(
    fmt: Format, prepared: PreparedRelease, brand: Future[Brand] | None, extras: Extras
) -> bytes:
    return fmt.render(
        prepared, brand.result() if fmt.needs_brand and brand is not None else None, extras
    )


class NotInThisDocument(CommuniqueError):
    """A format this kind of document does not have (the .ics of a communiqué)."""


def refuse_missing(fmt: Format, prepared: PreparedRelease) -> None:
    if not fmt.applies_to(prepared):
        raise NotInThisDocument(f"export en {fmt.label} impossible\u00a0: {fmt.refusal}")


@dataclass(frozen=True)
class Exported:
    prepared: PreparedRelease
    """The release as the files show it (with the *PROJET* mark until approval)."""
    written: tuple[Path, ...]
    findings: tuple[Finding, ...]
    """The draft's warnings (a draft with errors is refused)."""
    warnings: tuple[str, ...]
    """French sentences the gate adds: what could not be recorded in the register."""
    state: str
    release: Release | None = None
    """The release as exported, when the draft should now record more than it did: the
    identity a calendar file's UIDs derive from and the file's ``SEQUENCE``
    (``usecases/calendar.py``); None when it records all it should."""


def export_release(
    release: Release,
    targets: Mapping[str, Path],
    *,
    font: FontChoice | None = None,
    number: str | None = None,
    inputs: KeptFiles | Iterable[Path] = (),
    on_cleared: Callable[[gate.Clearance], None] | None = None,
) -> Exported:
    """Write ``release`` in each format of ``targets`` (registry name → path), through the gate:
    ``DraftRefused`` for a draft with errors, ``OutputRefused`` for a path the gate refuses
    (before anything is rendered), ``RenderError``, or ``OSError`` with nothing half-written.
    ``inputs`` are the drafts being read; ``number`` the number as printed when the caller
    knows it. ``on_cleared`` hears the clearance before the rendering starts (to say the
    draft's warnings)."""
    from desktop.services.files import KeptFiles
    from desktop.usecases.calendar import stamped, with_identity

    kept = inputs if isinstance(inputs, KeptFiles) else KeptFiles(inputs)
    read = release
    if "ics" in targets:
        release = with_identity(release)
    clearance = gate.clear(release, gate.EXPORT, font=font, number=number)
    if on_cleared is not None:
        on_cleared(clearance)
    for name in targets:
        refuse_missing(formats.get(name), clearance.prepared)
    for name, path in targets.items():
        gate.guard(path, suffix=formats.get(name).suffix, kept=kept)
    data = render_formats(clearance.prepared, targets)
    files = tuple(gate.OutFile(Path(path), data[name], name) for name, path in targets.items())
    sent = gate.send_out([gate.Parcel(clearance, files)], kept=kept)
    if "ics" in targets:
        release = stamped(release, clearance.prepared)
    return Exported(
        clearance.prepared,
        sent.written,
        clearance.findings,
        sent.warnings,
        clearance.state,
        release if release != read else None,
    )
