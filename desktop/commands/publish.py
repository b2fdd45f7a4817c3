"""``communique publish DRAFT… --site DIR [--include-embargoed] [--url URL]``

Writes, for each release, its HTML page with its PDF and ODT into the press-room folder, then
the folder's ``index.html`` and Atom ``feed.xml``, listing every release page the folder holds
(those of earlier runs too: nothing already published is lost). A release under embargo is not
published until its embargo has passed, unless ``--include-embargoed`` is given. Everything is
written at once, atomically: the feed never names a page that is not there.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK

MAX_PAGE_BYTES = 5_000_000
"""A page of ours is some 40 kB: a larger file in the folder is not read back."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "publish",
        help="publier des communiqués dans un dossier d’espace presse (HTML, flux Atom)",
        description="Écrit dans le dossier de l’espace presse une page HTML par communiqué, avec "
        "son PDF et son ODT, puis la page d’accueil index.html (du plus récent au "
        "plus ancien) et le flux Atom feed.xml. Les pages déjà publiées sont "
        "gardées. Un communiqué sous embargo n’est publié qu’une fois l’embargo "
        "levé, sauf avec --include-embargoed.",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    parser.add_argument(
        "--site",
        type=Path,
        required=True,
        metavar="DOSSIER",
        help="dossier de l’espace presse (créé s’il n’existe pas)",
    )
    parser.add_argument(
        "--include-embargoed",
        action="store_true",
        help="publier aussi les communiqués encore sous embargo",
    )
    parser.add_argument(
        "--url",
        metavar="ADRESSE",
        help="adresse web du dossier publié (https://…), pour le flux Atom",
    )
    parser.add_argument(
        "--font-dir",
        metavar="DOSSIER",
        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)",
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class _Release:
    draft: Path
    files: list[tuple[Path, bytes]]
    page: str


def run(args: argparse.Namespace) -> int:
    from desktop.services.files import atomic_write_all, describe_os_error

    site: Path = args.site
    if args.url and not args.url.startswith(("https://", "http://")):
        print(f"erreur : « {args.url} » n’est pas une adresse web (https://…).", file=sys.stderr)
        return EXIT_INVALID
    if site.exists() and not site.is_dir():
        print(f"erreur : « {site} » n’est pas un dossier.", file=sys.stderr)
        return EXIT_IO
    status = EXIT_OK
    published: list[_Release] = []
    for draft in args.drafts:
        outcome = _publish_one(draft, site, args)
        if isinstance(outcome, int):
            status = max(status, outcome)
        else:
            published.append(outcome)
    if not published and status != EXIT_OK:
        print("erreur : rien n’a été publié.", file=sys.stderr)
        return status
    try:
        site.mkdir(parents=True, exist_ok=True)
        outputs = [f for release in published for f in release.files]
        outputs += _index_and_feed(site, {r.page: r.files for r in published}, args.url)
        atomic_write_all(outputs)
    except OSError as exc:
        print(f"erreur : {describe_os_error(exc, exc.filename or site)}", file=sys.stderr)
        return EXIT_IO
    for release in published:
        print(site / release.page)
    print(site / "index.html")
    print(site / "feed.xml")
    return status


def _publish_one(draft: Path, site: Path, args: argparse.Namespace) -> _Release | int:
    """The files of one release, rendered in memory; or the exit status of its refusal."""
    from desktop.core.checks import check
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.embargo import is_past
    from desktop.core.fonts import choose_font
    from desktop.render.content import prepare
    from desktop.services.drafts import load_draft
    from desktop.services.files import OutputRefused, check_output
    from desktop.usecases.number_lookup import look_up_printed_number

    font = choose_font(args.font_dir)
    try:
        release = load_draft(draft)
    except DraftFileError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return EXIT_IO
    except DraftError as exc:
        for problem in exc.problems:
            print(f"{draft} : {problem.placed}", file=sys.stderr)
        return EXIT_INVALID
    findings = [f for f in check(release, font=font) if f.in_draft]
    for finding in findings:
        print(f"{draft} : {finding}", file=sys.stderr)
    if any(f.is_error for f in findings):
        print(f"{draft} : non publié : corrigez les erreurs ci-dessus.", file=sys.stderr)
        return EXIT_INVALID
    prepared = prepare(release, font=font, number=look_up_printed_number(release))
    if release.embargo is not None and not is_past(release.embargo):
        if not args.include_embargoed:
            notice = prepared.embargo.replace("SOUS EMBARGO", "sous embargo", 1)
            print(
                f"erreur : {draft} : non publié, {notice} (--include-embargoed pour le "
                "publier quand même).",
                file=sys.stderr,
            )
            return EXIT_INVALID
        print(f"avertissement : {draft} : publié avant la levée de l’embargo.", file=sys.stderr)
    try:
        modified = datetime.fromtimestamp(draft.stat().st_mtime, UTC)
        files, page = _render(prepared, site, modified)
        for path, _data in files:
            check_output(path, inputs=[draft], suffix=path.suffix)
    except OutputRefused as exc:
        print(f"erreur : {exc.message}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"erreur : {draft} : {exc}", file=sys.stderr)
        return EXIT_IO
    return _Release(draft, files, page)


def _render(prepared: Any, site: Path, modified: datetime) -> tuple[list[tuple[Path, bytes]], str]:
    from desktop.render import site as press_room
    from desktop.render.html import render_html
    from desktop.render.odt import render_odt
    from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf

    page = press_room.page_name(prepared.issued, prepared.number, prepared.headline)
    stem = page.removesuffix(".html")
    svg = render_brand_svg(prepared)
    pdf = render_pdf(prepared)
    odt = render_odt(prepared, render_brand_png(prepared), svg)
    entry = press_room.SiteEntry(
        page=page,
        id=_kept_id(site / page) or press_room.entry_id(page),
        headline=prepared.headline,
        published=prepared.issued,
        updated=modified,
        enclosures=(
            press_room.Enclosure(f"{stem}.pdf", press_room.MEDIA_TYPES[".pdf"], len(pdf)),
            press_room.Enclosure(f"{stem}.odt", press_room.MEDIA_TYPES[".odt"], len(odt)),
        ),
    )
    links = {
        "Version PDF": f"{stem}.pdf",
        "Version ODT (modifiable)": f"{stem}.odt",
        "Tous les communiqués": press_room.INDEX,
    }
    html = render_html(
        prepared, svg, modified=modified, links=links, metadata=press_room.page_metadata(entry)
    )
    return [(site / page, html), (site / f"{stem}.pdf", pdf), (site / f"{stem}.odt", odt)], page


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
    site: Path, new_pages: dict[str, list[tuple[Path, bytes]]], url: str | None
) -> list[tuple[Path, bytes]]:
    """The index and the feed over every release page of the folder, the new ones included."""
    from desktop.render import site as press_room

    entries: dict[str, press_room.SiteEntry] = {}
    for path in sorted(site.glob("*.html")):
        if path.name != press_room.INDEX and path.name not in new_pages:
            data = _read_page(path)
            entry = press_room.read_entry(path.name, data) if data is not None else None
            if entry is not None:
                entries[path.name] = entry
    for page, files in new_pages.items():
        entry = press_room.read_entry(page, files[0][1])
        if entry is not None:
            entries[page] = entry
    feed_path = site / press_room.FEED
    old_feed = _read_page(feed_path)
    feed_id = (
        press_room.read_feed_id(old_feed) if old_feed is not None else None
    ) or press_room.new_feed_id()
    listed = list(entries.values())
    return [
        (site / press_room.INDEX, press_room.render_index(listed)),
        (feed_path, press_room.render_feed(listed, feed_id=feed_id, base_url=url)),
    ]
