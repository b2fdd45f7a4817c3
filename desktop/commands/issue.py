"""``communique issue DRAFT… [--series S] [--new]``: give drafts their number from the register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK
from desktop.commands._args import series_name


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "issue",
        help="attribuer un numéro du registre à un ou plusieurs brouillons",
        description="Attribue à chaque brouillon le numéro suivant du registre, l’enregistre au "
        "registre puis l’écrit dans le brouillon, et affiche le numéro. Un brouillon "
        "déjà numéroté par ce registre garde son numéro (rien n’est consommé).",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    parser.add_argument(
        "--series",
        type=series_name,
        default=None,
        metavar="SÉRIE",
        help="série de numérotation (par défaut : CP)",
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="remplacer un numéro que ce registre n’a pas attribué (saisi à la "
        "main, venu d’un autre registre, annulé, ou copie d’un autre "
        "brouillon numéroté)",
    )
    parser.set_defaults(run=run)


RERUN_WITH_NEW = "Relancez avec --new pour lui attribuer un nouveau numéro du registre."


def run(args: argparse.Namespace) -> int:
    from desktop.commands._errors import about_draft, report
    from desktop.core.errors import CommuniqueError
    from desktop.store.database import RegisterUnavailable
    from desktop.store.register import NeedsNew, Register, issue_draft

    drafts: list[Path] = args.drafts
    status = EXIT_OK
    with Register.open() as register:
        for draft in drafts:
            try:
                with about_draft(draft):
                    outcome = issue_draft(
                        draft, series=args.series, new=args.new, register=register
                    )
            except RegisterUnavailable as exc:
                return max(status, report(exc))  # nothing more can be numbered now
            except NeedsNew as exc:
                status = max(status, report(exc, hint=RERUN_WITH_NEW))
                continue
            except CommuniqueError as exc:  # this draft only: the next ones are still numbered
                status = max(status, report(exc))
                continue
            if outcome.reused:
                print(
                    f"« {draft} » porte déjà le {outcome.entry.label} de ce registre : "
                    "aucun numéro consommé.",
                    file=sys.stderr,
                )
            label = outcome.entry.label
            print(label if len(drafts) == 1 else f"{draft}\t{label}")
    return status
