"""``communique import FICHIER… [--output DOSSIER]``: old releases (Word, LibreOffice, PDF, text,
e-mail) made into drafts, with what was placed where and what was not."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK

FIELD_LABELS = {
    "bloc-marque": "bloc-marque",
    "header": "bloc-marque",
    "kind": "genre",
    "date": "date",
    "number": "numéro",
    "embargo": "embargo",
    "headline": "titre",
    "contacts": "contacts",
    "body": "texte",
}


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
    parser.set_defaults(run=run)


def describe(imported: Any) -> list[str]:
    """The lines that say what one import did."""
    if imported.refused:
        return [f"{imported.source} : non importé — {imported.refused}"]
    found = imported.recognised
    lines = [f"{imported.source} → {imported.draft}"]
    for placed in found.placed:
        label = FIELD_LABELS.get(placed.field, placed.field)
        text = placed.text if len(placed.text) <= 70 else placed.text[:69] + "…"
        lines.append(f"  {label} ({placed.where}) : {text}")
    for finding in found.findings:
        lines.append(f"  {finding}")
    return lines


def run(args: argparse.Namespace) -> int:
    from desktop.usecases.importing import import_files

    status = EXIT_OK
    for imported in import_files(args.files, args.output):
        for line in describe(imported):
            print(line, file=sys.stderr if imported.refused else sys.stdout)
        status = max(status, imported.exit_code)
    return status
