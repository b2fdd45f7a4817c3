"""``communique fonts install-marianne [PAQUET.tgz]``: install the Marianne typeface from the
State design system's npm package (``services.marianne``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "fonts",
        help="installer la police Marianne",
        description="Polices des communiqués. La police Marianne est réservée aux services de "
        "l’État ; elle n’est pas livrée avec Communiqué.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install-marianne",
        help="installer Marianne depuis le paquet du DSFR",
        description="Convertit en TrueType les polices Marianne du paquet npm @gouvfr/dsfr "
        "(le fichier .tgz indiqué, sinon la dernière version téléchargée depuis le "
        "registre npm) et les installe dans le dossier de données de Communiqué, "
        "qui les utilise dès lors. Code de sortie : 0 installée, 1 fichier ou "
        "téléchargement impossible, 2 paquet sans Marianne.",
    )
    install.add_argument(
        "package",
        nargs="?",
        type=Path,
        metavar="PAQUET",
        help="paquet @gouvfr/dsfr (.tgz, obtenu par « npm pack @gouvfr/dsfr »)",
    )
    install.set_defaults(run=run_install)


def run_install(args: argparse.Namespace) -> int:
    from desktop.services.marianne import install_marianne

    if args.package is None:
        print("Téléchargement du paquet @gouvfr/dsfr depuis le registre npm…", file=sys.stderr)
    written = install_marianne(args.package)
    print(f"Marianne installée ({len(written)} fichiers) dans {written[0].parent}.")
    return EXIT_OK
