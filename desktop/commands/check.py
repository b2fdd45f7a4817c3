"""``communique check DRAFT…``: one line per finding; exit 0 nothing, 1 warnings, 2 errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from desktop.services.spelling import Speller

EXIT_WARNINGS = 1


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="vérifier un brouillon avant envoi",
        description="Vérifie des brouillons : une ligne par constat, « erreur CHAMP : message » "
        "ou « avertissement CHAMP : message ». Code de sortie : 0 rien à signaler, "
        "1 avertissements seulement, 2 au moins une erreur (ou un brouillon "
        "illisible).",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    parser.add_argument(
        "--font-dir",
        metavar="DOSSIER",
        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)",
    )
    parser.add_argument(
        "--no-spelling",
        action="store_true",
        help="ne pas vérifier l’orthographe (les mots inconnus sont des "
        "avertissements, jamais des erreurs)",
    )
    parser.set_defaults(run=run)


def _speller(enabled: bool) -> Speller | None:
    """The French speller with the office's words, or None (said once on stderr)."""
    if not enabled:
        return None
    from desktop.services.spelling import SpellingUnavailable, shared_speller
    from desktop.store.office_dictionary import office_vocabulary

    try:
        speller = shared_speller()
    except SpellingUnavailable as exc:
        print(f"remarque : {exc}", file=sys.stderr)
        return None
    speller.set_office_words(office_vocabulary())
    return speller


def run(args: argparse.Namespace) -> int:
    from desktop.core.checks import check
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.services.drafts import load_draft

    font = choose_font(args.font_dir)
    speller = _speller(not args.no_spelling)
    status = EXIT_OK
    several = len(args.drafts) > 1
    for draft in args.drafts:
        prefix = f"{draft} : " if several else ""
        try:
            release = load_draft(draft)
        except DraftFileError as exc:  # a draft that cannot be read is not one to send
            print(f"{prefix}erreur brouillon : {exc}")
            status = EXIT_INVALID
            continue
        except DraftError as exc:
            for problem in exc.problems:
                print(f"{prefix}{problem}")
            status = EXIT_INVALID
            continue
        for finding in check(release, font=font, speller=speller):
            print(f"{prefix}{finding}")
            status = max(status, EXIT_INVALID if finding.is_error else EXIT_WARNINGS)
    return status
