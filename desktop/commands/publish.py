"""``communique publish DRAFT… --site DIR [--include-embargoed] [--url URL]``

Writes, for each release, its HTML page with its PDF and ODT into the press-room folder, then
the folder's ``index.html`` and Atom ``feed.xml`` (``usecases.publish``, through the gate). A
release with errors, or not approved while the register asks for sign-off, is not published; a
release under embargo waits until its embargo has passed, unless ``--include-embargoed``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK
from desktop.commands._errors import Refused, say_error

if TYPE_CHECKING:
    from desktop.usecases.publish import Page


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "publish",
        help="publier des communiqués dans un dossier d’espace presse (HTML, flux Atom)",
        description="Écrit dans le dossier de l’espace presse une page HTML par communiqué, avec "
        "son PDF et son ODT, puis la page d’accueil index.html (du plus récent au "
        "plus ancien) et le flux Atom feed.xml. Les pages déjà publiées sont "
        "gardées. Un communiqué qui contient des erreurs n’est pas publié ; si le "
        "registre demande la validation, seul un communiqué validé l’est (jamais "
        "marqué PROJET). Un communiqué sous embargo n’est publié qu’une fois "
        "l’embargo levé, sauf avec --include-embargoed.",
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
        "--force",
        action="store_true",
        help="remplacer un index.html ou un feed.xml du dossier qui n’a pas été écrit par "
        "Communiqué (l’avertissement dit lesquels)",
    )
    parser.add_argument(
        "--font-dir",
        metavar="DOSSIER",
        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Each draft's refusal is a line (``say_error``) and the others are published; a
    refusal of the whole run is raised."""
    from desktop.services.files import FileError, OutputRefused, describe_os_error
    from desktop.usecases.publish import publish

    site: Path = args.site
    if args.url and (
        not args.url.startswith(("https://", "http://"))
        or any(c.isspace() or not c.isprintable() for c in args.url)
    ):
        raise Refused(
            f"« {args.url} » n’est pas une adresse web (https://…, sans espace ni caractère "
            "de contrôle)."
        )
    if site.exists() and not site.is_dir():
        raise FileError(f"« {site} » n’est pas un dossier.")
    status = EXIT_OK
    pages: list[Page] = []
    for draft in args.drafts:
        outcome = _publish_one(draft, site, args)
        if isinstance(outcome, int):
            status = max(status, outcome)
        else:
            pages.append(outcome)
    if not pages and status != EXIT_OK:
        say_error("rien n’a été publié.")
        return status
    try:
        done = publish(pages, site, url=args.url, drafts=args.drafts, force=args.force)
    except OutputRefused as exc:
        say_error(exc.message)
        raise Refused("rien n’a été publié.") from exc
    except OSError as exc:
        raise FileError(describe_os_error(exc, exc.filename or site)) from exc
    for warning in done.warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
    for page in done.pages:
        print(page)
    print(done.index)
    print(done.feed)
    return status


def _publish_one(draft: Path, site: Path, args: argparse.Namespace) -> Page | int:
    """One release's page and files, rendered in memory; or the exit status of its refusal,
    said on its own lines."""
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.files import OutputRefused, describe_os_error
    from desktop.usecases import gate
    from desktop.usecases.publish import UnderEmbargo, prepare_page

    font = choose_font(args.font_dir)
    try:
        release = load_draft(draft)
    except DraftFileError as exc:
        say_error(str(exc))
        return EXIT_IO
    except DraftError as exc:
        for problem in exc.problems:
            print(f"{draft} : {problem.placed}", file=sys.stderr)
        return EXIT_INVALID
    try:
        modified = datetime.fromtimestamp(draft.stat().st_mtime, UTC)
        page = prepare_page(
            release,
            draft,
            site,
            modified=modified,
            include_embargoed=args.include_embargoed,
            font=font,
        )
    except gate.DraftRefused as exc:
        for finding in exc.findings:
            print(f"{draft} : {finding}", file=sys.stderr)
        print(f"{draft} : {exc}", file=sys.stderr)
        return EXIT_INVALID
    except UnderEmbargo as exc:
        say_error(str(exc))
        return EXIT_INVALID
    except (gate.NotApproved, RenderError) as exc:
        say_error(f"{draft} : {exc}")
        return EXIT_INVALID
    except OutputRefused as exc:
        say_error(exc.message)
        return EXIT_INVALID
    except OSError as exc:
        say_error(describe_os_error(exc, exc.filename or draft))
        return EXIT_IO
    for finding in page.parcel.clearance.findings:
        print(f"{draft} : {finding}", file=sys.stderr)
    for warning in page.warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
    return page
