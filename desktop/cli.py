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
    "import",
    "archive",
)
"""Commands, in the order ``--help`` lists them; each is the module of ``desktop.commands`` of
its name, unless ``MODULES`` names another (``import`` is a Python keyword)."""
MODULES = {"import": "import_files"}

# argparse speaks English; the people who use this command read French.
argparse_fr.install()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``communique`` and of every command; with ``only`` (a command's name), of that
    command alone: the other commands' modules are then neither imported nor set up, which is
    what a run of one command needs (``command_named``)."""
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
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"desktop.commands.{MODULES.get(name, name)}")
        module.add_parser(commands)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when that is certain before parsing: the first argument that is
    not one of ``communique``'s own options (which take no value), if it is a command's name.
    None otherwise (no command, ``--``, a name that is not a command): every command's parser is
    then built, so that ``--help`` lists them all and an error names the possible ones."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.commands._terminal import SafeStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


MAX_ARGUMENT = 4096
"""The longest argument taken (a path is at most 4,096 bytes on Linux)."""


def _argument_refused(argv: Sequence[str]) -> str | None:
    """Why an argument cannot be taken, in French: bytes that are not UTF-8 (a file name of
    another encoding), a NUL character, or more than ``MAX_ARGUMENT`` characters."""
    from desktop.commands._terminal import escaped

    for arg in argv:
        shown = escaped(arg[:60]) + ("…" if len(arg) > 60 else "")
        if any("\ud800" <= c <= "\udfff" for c in arg):
            return (
                f"l’argument « {shown} » n’est pas un texte UTF-8 (un nom de fichier écrit dans "
                "un autre codage ?) : renommez le fichier ou reprenez le texte."
            )
        if "\x00" in arg:
            return f"l’argument « {shown} » contient un caractère nul."
        if len(arg) > MAX_ARGUMENT:
            return f"l’argument « {shown} » est trop long (plus de {MAX_ARGUMENT} caractères)."
    return None


def _run(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_named(given)).parse_args(given)
    if args.log:
        from desktop.services import logs

        logs.setup()
        # The command only: its arguments may name a journalist (an address, a name).
        logging.getLogger(__name__).info("communique %s", _command_words(args))
    from desktop.core.errors import EXIT_INVALID, CommuniqueError

    refused = _argument_refused(given)
    if refused is not None:
        from desktop.commands._errors import say_error

        say_error(refused)
        return EXIT_INVALID
    try:
        return int(args.run(args))
    except BrokenPipeError:  # the reader stopped reading (``| head``): no error (an OSError,
        _quiet_stdout()  # so before the next clause), and nothing more to say to it
        return 0
    except CommuniqueError as exc:  # the one place a command's refusal becomes a French line
        from desktop.commands._errors import report

        return report(exc)
    except (OSError, ValueError) as exc:  # a name the system refuses (too long, NUL…)
        from desktop.commands._errors import report_system

        return report_system(exc)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


def _quiet_stdout() -> None:
    """Standard output to nowhere, so the interpreter's last flush does not fail again on the
    closed pipe (Python's documented remedy); a replaced stdout (tests) is left alone."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _command_words(args: argparse.Namespace) -> str:
    """``mail``, ``lists add``: the command and its action, never an argument's value."""
    words = [str(args.command)]
    action = getattr(args, "action", None)
    if isinstance(action, str) and action.isidentifier():
        words.append(action)
    return " ".join(words)


if __name__ == "__main__":
    sys.exit(main())
