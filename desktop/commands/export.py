"""``communique export DRAFT… [--docx PATH] [--pdf PATH]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="exporter un ou plusieurs brouillons en DOCX et en PDF",
        description="Exporte des brouillons (.communique) en DOCX et en PDF. Sans --docx ni --pdf, "
                    "les deux fichiers sont écrits à côté de chaque brouillon.")
    parser.add_argument("drafts", nargs="+", type=Path, metavar="BROUILLON",
                        help="fichier .communique")
    parser.add_argument("--docx", type=Path, metavar="CHEMIN",
                        help="fichier DOCX à écrire (un seul brouillon)")
    parser.add_argument("--pdf", type=Path, metavar="CHEMIN",
                        help="fichier PDF à écrire (un seul brouillon)")
    parser.add_argument("--font-dir", metavar="DOSSIER",
                        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.checks import check
    from desktop.core.draft import DraftError, DraftFileError, load_draft
    from desktop.core.files import describe_os_error
    from desktop.core.fonts import choose_font
    from desktop.render.content import prepare
    from desktop.render.export import export_release
    from desktop.render.pdf import RenderError

    drafts: list[Path] = args.drafts
    if len(drafts) > 1 and (args.docx or args.pdf):
        print("erreur : --docx et --pdf ne s'emploient qu'avec un seul brouillon.", file=sys.stderr)
        return EXIT_INVALID
    font = choose_font(args.font_dir)
    if not font.is_marianne:
        print(f"avertissement police : {font.notice}", file=sys.stderr)

    status = EXIT_OK
    for draft in drafts:
        try:
            release = load_draft(draft)
        except DraftFileError as exc:
            print(f"erreur : {exc}", file=sys.stderr)
            status = max(status, EXIT_IO)
            continue
        except DraftError as exc:
            for problem in exc.problems:
                print(f"{draft} : {problem}", file=sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        findings = [f for f in check(release, font=font) if f.field != "police"]
        prefix = f"{draft} : " if len(drafts) > 1 else ""
        for finding in findings:
            print(f"{prefix}{finding}", file=sys.stderr)
        if any(f.is_error for f in findings):
            print(f"{prefix}export refusé : corrigez les erreurs ci-dessus.", file=sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        if args.docx or args.pdf:
            docx, pdf = args.docx, args.pdf
        else:
            docx, pdf = draft.with_suffix(".docx"), draft.with_suffix(".pdf")
        try:
            result = export_release(release, docx=docx, pdf=pdf,
                                    prepared=prepare(release, font=font))
        except OSError as exc:
            print(f"erreur : {describe_os_error(exc, exc.filename or docx or pdf)}",
                  file=sys.stderr)
            status = max(status, EXIT_IO)
            continue
        except RenderError as exc:
            print(f"erreur : {draft} : {exc}", file=sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        for path in result.written:
            print(path)
    return status
