"""Publishing releases in a press-room folder, through the gate.

Each release is cleared for publication (``gate.PUBLICATION``: no errors, and approved when the
register asks for sign-off: a press room never shows a *PROJET*), waits for its embargo, then
gets its HTML page with the formats the registry marks as published (PDF and ODT) beside it.
The folder's ``index.html`` and Atom ``feed.xml`` list every page the folder holds (those of
earlier runs too). Everything is sent out at once: the feed never names a page that is not there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import EXIT_IO, CommuniqueError
from desktop.usecases import formats, gate
from desktop.usecases.export import render_formats
from desktop.usecases.formats import Extras

if TYPE_CHECKING:
    from desktop.core.fonts import FontChoice
    from desktop.core.model import Release
    from desktop.render.site import SiteEntry

MAX_PAGE_BYTES = 5_000_000
"""A page of ours is some 40 kB: a larger file in the folder is not read back."""
PAGE_FORMAT = "html"
ALL_RELEASES = "Tous les communiqués"
LOCK_WAIT_S = 30.0
"""How long a publication waits for another one into the same folder to finish."""


class UnderEmbargo(CommuniqueError):
    """A release whose embargo has not passed, published only on request."""


class ForeignFile(CommuniqueError):
    """The folder holds an ``index.html`` or a ``feed.xml`` that this program did not write: it
    is not replaced unless asked (``force``)."""


class PublicationBusy(CommuniqueError):
    """Another publication into the same folder is under way."""

    exit_code = EXIT_IO


@dataclass(frozen=True)
class Page:
    """One release's files for the press room, rendered and guarded, not yet written."""

    parcel: gate.Parcel
    name: str
    """The page's file name in the folder: ``2020-11-03-n350.html``."""
    warnings: tuple[str, ...]
    older: str = ""
    """The same release's page under the naming used before identities
    (``2020-11-03-n350.html``), found in the folder: replaced by this one."""


def prepare_page(
    release: Release,
    draft: Path,
    site: Path,
    *,
    modified: datetime,
    include_embargoed: bool = False,
    font: FontChoice | None = None,
) -> Page:
    """Clear ``release`` (read from ``draft``) for publication and render its page and files.
    Raises ``DraftRefused``, ``NotApproved``, ``UnderEmbargo``, ``OutputRefused`` (a path of
    the folder the gate refuses) or ``RenderError``; nothing is written."""
    from desktop.core.embargo import is_past
    from desktop.render import site as press_room

    clearance = gate.clear(release, gate.PUBLICATION, font=font)
    prepared = clearance.prepared
    warnings: list[str] = []
    if release.embargo is not None and not is_past(release.embargo):
        notice = prepared.embargo.replace("SOUS EMBARGO", "sous embargo", 1)
        if not include_embargoed:
            raise UnderEmbargo(
                f"{draft} : non publié, {notice} (--include-embargoed pour le publier quand même)."
            )
        warnings.append(f"{draft} : publié avant la levée de l’embargo.")
    name = press_room.page_name(
        prepared.issued, prepared.number, prepared.headline, release.identity
    )
    stem = name.removesuffix(formats.get(PAGE_FORMAT).suffix)
    beside = formats.published(prepared)
    targets = {
        fmt.name: site / f"{stem}{fmt.suffix}" for fmt in (formats.get(PAGE_FORMAT), *beside)
    }
    kept = (draft,)
    for fmt_name, path in targets.items():
        gate.guard(path, suffix=formats.get(fmt_name).suffix, kept=kept)
    files = render_formats(prepared, [fmt.name for fmt in beside])
    entry = press_room.SiteEntry(
        page=name,
        id=(
            press_room.release_entry_id(release.identity)
            if release.identity
            else _kept_id(site / name) or press_room.entry_id(name)
        ),
        headline=prepared.title,
        published=prepared.issued,
        updated=modified,
        enclosures=tuple(
            press_room.Enclosure(targets[fmt.name].name, fmt.media_type, len(files[fmt.name]))
            for fmt in beside
        ),
        replaces=release.replaces.label if release.replaces else "",
        replaces_date=release.replaces.date if release.replaces else None,
    )
    links = {fmt.published: targets[fmt.name].name for fmt in beside}
    links[ALL_RELEASES] = press_room.INDEX
    page = render_formats(
        prepared,
        [PAGE_FORMAT],
        extras=Extras(modified=modified, links=links, metadata=press_room.page_metadata(entry)),
    )[PAGE_FORMAT]
    parcel = gate.Parcel(
        clearance,
        (
            gate.OutFile(targets[PAGE_FORMAT], page, PAGE_FORMAT),
            *(gate.OutFile(targets[fmt.name], files[fmt.name], fmt.name) for fmt in beside),
        ),
    )
    older = (
        _older_page(site, name, prepared.headline, replace(entry, number=prepared.number))
        if release.identity
        else ""
    )
    return Page(parcel, name, tuple(warnings), older)


def _older_page(site: Path, name: str, headline: str, entry: SiteEntry) -> str:
    """The page this release got from a version that named pages by date and number alone
    (``2020-11-03-n350.html``, or the headline's first words without a number) and gave them
    an id of their name: recognised by its name, and its number, date and rectified release
    being this release's. Empty when there is none."""
    from desktop.render import site as press_room

    older = press_room.page_name(entry.published, entry.number, headline)
    if older == name:
        return ""
    data = _read_page(site / older)
    found = press_room.read_entry(older, data) if data is not None else None
    if found is None or found.id == entry.id:  # the same id: the usual replacement applies
        return ""
    same = (found.number, found.published, found.replaces) == (
        entry.number,
        entry.published,
        entry.replaces,
    )
    return older if same else ""


@dataclass(frozen=True)
class Published:
    pages: tuple[Path, ...]
    index: Path
    feed: Path
    warnings: tuple[str, ...]


def publish(
    pages: Sequence[Page],
    site: Path,
    *,
    url: str | None,
    drafts: Iterable[Path] = (),
    force: bool = False,
) -> Published:
    """Write the pages, then the index and the feed over every page of the folder, at once
    through the gate (``OutputRefused``, or ``OSError`` with nothing written); then remove the
    earlier pages of the same releases under another name (a date fixed). One publication at a
    time per folder (``PublicationBusy``). An ``index.html`` or ``feed.xml`` that this program
    did not write is refused (``ForeignFile``), or replaced with ``force`` (a warning says so)."""
    from desktop.render import site as press_room

    site.mkdir(parents=True, exist_ok=True)
    with _folder_lock(site):
        warnings = _foreign(site, force=force)
        others, stale, linked = _index_and_feed(site, pages, url)
        parcels = [
            replace(page.parcel, files=(linked[page.name], *page.parcel.files[1:]))
            if page.name in linked
            else page.parcel
            for page in pages
        ]
        sent = gate.send_out(parcels, others=others, kept=drafts)
        warnings += gate.retire(stale, folder=site)
    return Published(
        tuple(site / page.name for page in pages),
        site / press_room.INDEX,
        site / press_room.FEED,
        (*warnings, *sent.warnings),
    )


@contextmanager
def _folder_lock(site: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (``flock`` on its descriptor: no file is made;
    on Windows a lock file beside it, ``services.portable``), held from reading the folder's
    pages to writing its index; where the file system cannot lock, none."""
    from desktop.services import portable

    fd = None if portable.on_windows() else os.open(site, os.O_RDONLY)
    try:
        # where the file system cannot lock, one publication at a time is the office's care
        with portable.waiting_exclusive_lock(site, fd, wait=LOCK_WAIT_S, poll=0.05):
            yield
    except portable.LockBusy:
        raise PublicationBusy(
            f"une autre publication dans « {site} » est en cours\u00a0: "
            "réessayez quand elle sera finie."
        ) from None
    finally:
        if fd is not None:
            os.close(fd)


def _foreign(site: Path, *, force: bool) -> list[str]:
    """Refuse (or, with ``force``, announce the replacement of) an index or a feed of the
    folder that this program did not write."""
    from desktop.render import site as press_room

    found: list[str] = []
    for name, ours in (
        (press_room.INDEX, press_room.is_ours_index),
        (press_room.FEED, press_room.is_ours_feed),
    ):
        path = site / name
        if path.is_symlink() or not path.exists():  # a link: the gate refuses it, and says so
            continue
        data = _read_page(path)
        if data is not None and ours(data):
            continue
        found.append(name)
    if found and not force:
        names = " et ".join(f"«\u00a0{n}\u00a0»" for n in found)
        verb, them = ("ont", "les") if len(found) > 1 else ("a", "le")
        plural = "s" if len(found) > 1 else ""
        raise ForeignFile(
            f"{names} du dossier « {site} » n’{verb} pas été écrit{plural} par Communiqué\u00a0: "
            f"rien n’a été publié. Publiez dans un dossier à part, ou ajoutez --force pour {them} "
            "remplacer."
        )
    return [
        f"«\u00a0{site / n}\u00a0», qui n’avait pas été écrit par Communiqué, est remplacé "
        "(--force)."
        for n in found
    ]


def _listable(name: str) -> bool:
    """A page name the index may link to as it is: no scheme (``javascript:x.html``), no
    character a link would read otherwise."""
    from desktop.render.site import safe_href

    return ":" not in name and safe_href(name)


def _kept_id(page: Path) -> str | None:
    """The id the page already has, when it was published before: readers of the feed must
    see the same entry, updated, not a new one."""
    from desktop.render.site import read_entry

    data = _read_page(page)
    entry = read_entry(page.name, data) if data is not None else None
    return entry.id if entry is not None else None


def _read_page(path: Path) -> bytes | None:
    from desktop.services.files import read_limited

    try:
        return read_limited(path, MAX_PAGE_BYTES, what="page HTML")
    except OSError:
        return None


def _index_and_feed(
    site: Path, pages: Sequence[Page], url: str | None
) -> tuple[list[gate.OutFile], list[Path], dict[str, gate.OutFile]]:
    """The index and the feed over every release page of the folder, the new ones included,
    with the earlier pages a rectificatif links to (or from) given their note; the files of
    earlier pages of the same releases under another name, to remove; and the new pages
    given a note, by name."""
    from desktop.render import site as press_room

    new_pages = {page.name: page.parcel.files[0].data for page in pages}
    fresh: dict[str, SiteEntry] = {}
    for name, page_data in new_pages.items():
        made = press_room.read_entry(name, page_data)
        if made is not None:
            fresh[name] = made
    new_ids = {entry.id: name for name, entry in fresh.items()}
    older = {page.older for page in pages if page.older}
    entries: dict[str, SiteEntry] = {}
    stale: list[Path] = []
    for path in sorted(site.glob("*.html")):
        if not _listable(path.name):
            continue
        if path.name != press_room.INDEX and path.name not in new_pages:
            data = _read_page(path)
            entry = press_room.read_entry(path.name, data) if data is not None else None
            if entry is None:
                continue
            # the same release, published before under another name (or the older naming)
            if entry.id in new_ids or path.name in older:
                stale.append(path)
                # Only its own files (its name, a published format's suffix): never what a
                # page's JSON-LD would name besides.
                stale += [
                    site / f"{path.stem}{fmt.suffix}"
                    for fmt in formats.published()
                    if f"{path.stem}{fmt.suffix}" in {e.href for e in entry.enclosures}
                ]
                continue
            entries[path.name] = entry
    entries.update(fresh)
    feed_path = site / press_room.FEED
    old_feed = _read_page(feed_path)
    feed_id = (
        press_room.read_feed_id(old_feed) if old_feed is not None else None
    ) or press_room.new_feed_id()
    listed = list(entries.values())
    others, linked = _linked_pages(site, listed, new_pages)
    return (
        [
            *others,
            gate.OutFile(site / press_room.INDEX, press_room.render_index(listed), suffix=".html"),
            gate.OutFile(
                feed_path,
                press_room.render_feed(listed, feed_id=feed_id, base_url=url),
                suffix=".xml",
            ),
        ],
        stale,
        linked,
    )


def _linked_pages(
    site: Path, listed: list[SiteEntry], new_pages: dict[str, bytes]
) -> tuple[list[gate.OutFile], dict[str, gate.OutFile]]:
    """Each page of a rectificatif and of the release it replaces, with the note that links it
    to the other (``site.with_correction_note``): the earlier pages whose note changes, to
    write again, and the new pages, by name."""
    from desktop.render import site as press_room

    earlier: list[gate.OutFile] = []
    linked: dict[str, gate.OutFile] = {}
    for name, (other, how) in sorted(press_room.corrections(listed).items()):
        before = new_pages.get(name)
        if before is None and not (site / name).is_symlink():  # never written through a link
            before = _read_page(site / name)
        if before is None:
            continue
        after = press_room.with_correction_note(before, other, how)
        if name in new_pages:
            linked[name] = gate.OutFile(site / name, after, PAGE_FORMAT)
        elif after != before:
            earlier.append(gate.OutFile(site / name, after, PAGE_FORMAT))
    return earlier, linked
