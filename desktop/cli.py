"""The command line: the same work as the app, without a screen. It never imports Qt.

Each command lives in its own module of ``desktop.commands`` with ``add_parser`` and ``run``;
this module only assembles them. Exit codes: 0 done; 1 a file or the register could not be read
or written (or, for ``check``, warnings only); 2 an invalid draft, errors found, or a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__

COMMANDS = ("export", "check", "issue", "register", "contacts", "fonts")
"""Modules of ``desktop.commands``, in the order ``--help`` lists them."""

# argparse speaks English; the people who use this command read French.
_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "show this help message and exit": "afficher cette aide et quitter",
    "positional arguments": "arguments",
    "options": "options",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "show program's version number and exit": "afficher la version et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
}


def _french(message: str) -> str:
    return _ARGPARSE_FR.get(message, message)


argparse._ = _french  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communique",
        description="Communiqué : exporter, vérifier et numéroter des communiqués de presse.",
    )
    parser.add_argument("--version", action="version", version=f"Communiqué {__version__}",
                        help="afficher la version et quitter")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"desktop.commands.{name}")
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
