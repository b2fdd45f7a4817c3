"""``communique import FICHIER… [--output DOSSIER]``: old releases (Word, LibreOffice, PDF, text,
e-mail) made into drafts, with what was placed where and what was not."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="importer d’anciens communiqués (Word, LibreOffice, PDF, texte, e-mail)",
        description="Lit d’anciens communiqués (.docx, .odt, .pdf avec du texte, .txt, .eml ; "
        "un dossier vaut pour ses fichiers), reconnaît leurs parties (bloc-marque, genre, "
        "date, numéro, embargo, titre, texte, contacts) et écrit un brouillon par fichier, "
        "jamais par-dessus un fichier existant. Dit pour chacun ce qui a été placé et où, "
        "et ce qui n’a pu l’être (gardé dans la note du brouillon). Les fichiers lus ne "
        "sont pas modifiés. Code de sortie : 0 tout importé, 1 ou 2 un fichier au moins "
        "n’a pu l’être.",
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FICHIER", help="document ou dossier à importer"
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="DOSSIER",
        help="dossier des brouillons (par défaut : à côté de chaque fichier)",
    )
    parser.add_argument(
        "--archive",
        action="store_true",
        help="ajouter aussi les brouillons écrits aux archives (communique archive search)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.usecases.importing import import_files, report_lines

    status = EXIT_OK
    if args.archive:
        from desktop.store.archive import Archive

        with Archive.open() as archive:
            done = import_files(args.files, args.output, archive=archive)
    else:
        done = import_files(args.files, args.output)
    for imported in done:
        for line in report_lines(imported):
            print(line, file=sys.stderr if imported.refused else sys.stdout)
        status = max(status, imported.exit_code)
    return status
