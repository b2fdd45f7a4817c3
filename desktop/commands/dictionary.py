"""``communique dictionary list|add|remove|import|export``: the office's spelling dictionary.

A word refused (``OfficeWordError``), a register that cannot be used (``RegisterError``) and a
file refused or unreadable are said by the one catch (``desktop.cli``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_OK
from desktop.core.plurals import plural


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "dictionary",
        help="gérer le dictionnaire du service (orthographe)",
        description="Les mots propres au service (noms des ministres, programmes, sigles), rangés "
        "dans le fichier du registre : avec un registre partagé, tout le service les "
        "partage. La vérification orthographique les accepte, comme les noms de "
        "l’annuaire et des modèles d’en-tête.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list", help="afficher les mots", description="Affiche les mots : mot, ajouté le, par."
    )
    listing.set_defaults(run=run_list)

    add = actions.add_parser("add", help="ajouter des mots")
    add.add_argument("words", nargs="+", metavar="MOT")
    add.set_defaults(run=run_add)

    remove = actions.add_parser("remove", help="retirer des mots")
    remove.add_argument("words", nargs="+", metavar="MOT")
    remove.set_defaults(run=run_remove)

    imp = actions.add_parser(
        "import",
        help="importer une liste de mots",
        description="Importe un fichier texte UTF-8, un mot par ligne (les lignes vides et "
        "celles qui commencent par # sont ignorées). Si un mot est invalide, rien "
        "n’est importé (code de sortie 2).",
    )
    imp.add_argument("file", type=Path, metavar="FICHIER")
    imp.set_defaults(run=run_import)

    exp = actions.add_parser("export", help="exporter les mots (un par ligne, UTF-8)")
    exp.add_argument("file", type=Path, metavar="FICHIER")
    exp.set_defaults(run=run_export)


def run_list(args: argparse.Namespace) -> int:
    from desktop.store.office_dictionary import OfficeDictionary

    with OfficeDictionary.open() as office:
        words = office.words()
    if not words:
        print("Le dictionnaire du service est vide.", file=sys.stderr)
    for w in words:
        print("\t".join((w.word, w.added_at, w.added_by)))
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.store.office_dictionary import OfficeDictionary

    with OfficeDictionary.open() as office:
        report = office.add_many(args.words)
    for word in report.added:
        print(f"«\u00a0{word}\u00a0» ajouté au dictionnaire du service.")
    for word in report.already:
        print(f"«\u00a0{word}\u00a0» y était déjà.")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Each word is removed or said absent (a line, exit 2), and the next one is tried."""
    from desktop.commands._errors import say_error
    from desktop.store.office_dictionary import OfficeDictionary

    status = EXIT_OK
    with OfficeDictionary.open() as office:
        for word in args.words:
            if office.remove(word):
                print(f"«\u00a0{word}\u00a0» retiré du dictionnaire du service.")
            else:
                say_error(f"«\u00a0{word}\u00a0» n’est pas dans le dictionnaire du service.")
                status = EXIT_INVALID
    return status


def run_import(args: argparse.Namespace) -> int:
    from desktop.commands._errors import Refused
    from desktop.services.files import explain_os_errors
    from desktop.store.office_dictionary import OfficeDictionary, read_word_list

    try:
        with explain_os_errors(args.file):
            words = read_word_list(args.file)
    except UnicodeDecodeError as exc:
        raise Refused(f"« {args.file} » n’est pas un texte UTF-8.") from exc
    with OfficeDictionary.open() as office:
        report = office.add_many(words)
    added = plural(len(report.added), "mot importé")
    print(f"{added}, {plural(len(report.already), 'déjà présent', 'déjà présents')}.")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from desktop.commands._errors import writing
    from desktop.store.office_dictionary import OfficeDictionary, format_word_list
    from desktop.usecases.gate import write_file

    with OfficeDictionary.open() as office:
        words = [w.word for w in office.words()]
    with writing(args.file):  # through the gate's guard: never over the register, a draft, a link…
        write_file(args.file, format_word_list(words).encode("utf-8"), suffix=(".txt", ".dic"))
    print(f"{plural(len(words), 'mot exporté')} dans « {args.file} ».")
    return EXIT_OK
