"""The command line: the same work as the app, without a screen. It never imports Qt.

Each command lives in its own module of ``desktop.commands`` with ``add_parser`` and ``run``;
this module only assembles them. Exit codes: 0 done; 1 a file or the register could not be read
or written (or, for ``check``, warnings only); 2 an invalid draft, errors found, or a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.commands import argparse_fr

COMMANDS = (
    "export",
    "check",
    "issue",
    "signoff",
    "correct",
    "register",
    "contacts",
    "dictionary",
    "publish",
    "mail",
    "lists",
    "sent",
    "fonts",
)
"""Modules of ``desktop.commands``, in the order ``--help`` lists them."""

# argparse speaks English; the people who use this command read French.
argparse_fr.install()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communique",
        description="Communiqué : exporter, vérifier et numéroter des communiqués de presse.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Communiqué {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--log",
        action="store_true",
        help="tenir un journal de ce qui est fait et de ce qui échoue, dans le "
        "dossier des journaux (~/.local/state/communique sous Linux)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"desktop.commands.{name}")
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.commands._terminal import SafeStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.log:
        from desktop.services import logs

        logs.setup()
        logging.getLogger(__name__).info(
            "communique %s", " ".join(sys.argv[1:] if argv is None else argv)
        )
    from desktop.core.errors import CommuniqueError

    try:
        return int(args.run(args))
    except CommuniqueError as exc:  # the one place a command's refusal becomes a French line
        from desktop.commands._errors import report

        return report(exc)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
