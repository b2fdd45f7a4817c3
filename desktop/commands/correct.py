"""``communique correct N [--output FICHIER]``: a rectificatif that cancels and replaces N."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK
from desktop.commands._args import bounded, series_name, year

release_number = bounded(1, 999_999_999, "numéro")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "correct",
        help="créer le rectificatif d’un communiqué numéroté",
        description="Crée un nouveau brouillon à partir du communiqué numéroté N : nature "
        "« Rectificatif », et au-dessus du texte la ligne « Ce communiqué annule et "
        "remplace le communiqué N°… du … ». Une fois numéroté (communique issue), le "
        "registre note que N est remplacé par lui.",
    )
    parser.add_argument(
        "number", type=release_number, metavar="NUMÉRO", help="le numéro du communiqué à rectifier"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FICHIER",
        help="le brouillon à créer (par défaut : à côté de celui de N, suffixé « -rectificatif »)",
    )
    parser.add_argument(
        "--series", type=series_name, metavar="SÉRIE", help="série (par défaut : CP)"
    )
    parser.add_argument(
        "--year",
        type=year,
        metavar="ANNÉE",
        help="année, pour une série qui repart à 1 chaque année",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.store.register import Register
    from desktop.usecases.corrections import correct

    with Register.open() as register:
        path, entry = correct(
            register, args.number, output=args.output, series=args.series, year=args.year
        )
    print(
        f"Rectificatif du {entry.label} créé : « {path} ». Numérotez-le avec "
        f"« communique issue {path} »."
    )
    return EXIT_OK
