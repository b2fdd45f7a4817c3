"""argparse in French: its headings, its ``-h/--help`` line and its error messages.

argparse looks its messages up through ``gettext`` at the moment it prints them (the module's
``_`` and ``ngettext``); ``install`` replaces both with this table. Messages a user can meet are
translated; the others report a mistake in the parser's own construction (``DEVELOPER_ONLY``)
and stay as argparse writes them. ``tests/test_cli_help.py`` reads argparse's source and fails
when a message of the running Python is in neither set.
"""

from __future__ import annotations

import argparse

MESSAGES: dict[str, str] = {
    # Headings and the help option.
    "usage: ": "utilisation : ",
    # argparse puts the colon right after the heading; French wants a space before it.
    "positional arguments": "arguments ",
    "optional arguments": "options ",  # Python before 3.10
    "options": "options ",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    # Errors: "%(prog)s: error: %(message)s".
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l’un des arguments %s est obligatoire",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "invalid choice: %(value)r, choose from %(choices)s":  # Python 3.12.8+, 3.13
    "choix invalide : %(value)r (possibles : %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "une valeur au moins est attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "not allowed with argument %s": "incompatible avec l’argument %s",
    "ignored explicit argument %r": "valeur en trop ignorée : %r",
    "unexpected option string: %s": "option inattendue : %s",
    "can't open '%(filename)s': %(error)s": "impossible d’ouvrir « %(filename)s » : %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue : %(parser_name)r (possibles : %(choices)s)",
    "option '%(option)s' is deprecated": "l’option « %(option)s » est obsolète",  # 3.13
    "argument '%(argument_name)s' is deprecated": "l’argument « %(argument_name)s » est obsolète",
    "command '%(parser_name)s' is deprecated": "la commande « %(parser_name)s » est obsolète",
}
"""argparse's English message → the French one (``%`` fields kept)."""

DEVELOPER_ONLY = frozenset(
    {
        ".__call__() not defined",
        "'required' is an invalid argument for positionals",
        "mutually exclusive arguments must be optional",
        "%r is not callable",
        "cannot merge actions - two groups are named %r",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "cannot have multiple subparser arguments",
        "conflicting subparser: %s",
        "conflicting subparser alias: %s",
        "conflicting option string: %s",
        "conflicting option strings: %s",
        'argument "-" with mode %r',
        "argument_default must be a string",
    }
)
"""Messages about a parser built wrongly: a programmer's mistake, never shown to a user."""


def french(message: str) -> str:
    return MESSAGES.get(message, message)


def french_plural(singular: str, plural: str, n: int) -> str:
    return french(singular if n == 1 else plural)


def install() -> None:
    """From now on argparse speaks French (it reads ``_`` and ``ngettext`` when it prints)."""
    argparse._ = french  # type: ignore[attr-defined]
    argparse.ngettext = french_plural  # type: ignore[attr-defined]
