"""``communique dictionary list|add|remove|import|export``: the office's spelling dictionary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK


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


def _guard(work: Any) -> int:
    from desktop.commands._register import fail
    from desktop.store.database import RegisterError
    from desktop.store.office_dictionary import OfficeWordError

    try:
        return int(work())
    except OfficeWordError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return EXIT_INVALID
    except RegisterError as exc:
        return fail(exc)


def run_list(args: argparse.Namespace) -> int:
    from desktop.store.office_dictionary import OfficeDictionary

    def work() -> int:
        with OfficeDictionary.open() as office:
            words = office.words()
        if not words:
            print("Le dictionnaire du service est vide.", file=sys.stderr)
        for w in words:
            print("\t".join((w.word, w.added_at, w.added_by)))
        return EXIT_OK

    return _guard(work)


def run_add(args: argparse.Namespace) -> int:
    from desktop.store.office_dictionary import OfficeDictionary

    def work() -> int:
        with OfficeDictionary.open() as office:
            report = office.add_many(args.words)
        for word in report.added:
            print(f"«\u00a0{word}\u00a0» ajouté au dictionnaire du service.")
        for word in report.already:
            print(f"«\u00a0{word}\u00a0» y était déjà.")
        return EXIT_OK

    return _guard(work)


def run_remove(args: argparse.Namespace) -> int:
    from desktop.store.office_dictionary import OfficeDictionary

    def work() -> int:
        status = EXIT_OK
        with OfficeDictionary.open() as office:
            for word in args.words:
                if office.remove(word):
                    print(f"«\u00a0{word}\u00a0» retiré du dictionnaire du service.")
                else:
                    print(
                        f"erreur : «\u00a0{word}\u00a0» n’est pas dans le dictionnaire du service.",
                        file=sys.stderr,
                    )
                    status = EXIT_INVALID
        return status

    return _guard(work)


def run_import(args: argparse.Namespace) -> int:
    from desktop.services.files import describe_os_error
    from desktop.store.office_dictionary import OfficeDictionary, read_word_list

    def work() -> int:
        try:
            words = read_word_list(args.file)
        except UnicodeDecodeError:
            print(f"erreur : « {args.file} » n’est pas un texte UTF-8.", file=sys.stderr)
            return EXIT_INVALID
        except OSError as exc:
            print(f"erreur : {describe_os_error(exc, args.file)}", file=sys.stderr)
            return EXIT_IO
        with OfficeDictionary.open() as office:
            report = office.add_many(words)
        print(f"{len(report.added)} mot(s) importé(s), {len(report.already)} déjà présent(s).")
        return EXIT_OK

    return _guard(work)


def run_export(args: argparse.Namespace) -> int:
    from desktop.services.files import OutputRefused, describe_os_error
    from desktop.store.office_dictionary import OfficeDictionary, format_word_list
    from desktop.usecases.gate import write_file

    def work() -> int:
        with OfficeDictionary.open() as office:
            words = [w.word for w in office.words()]
        try:  # through the gate's guard: never over the register, a draft, a link…
            write_file(args.file, format_word_list(words).encode("utf-8"))
        except OutputRefused as exc:
            print(f"erreur : {exc.message}", file=sys.stderr)
            return EXIT_INVALID
        except OSError as exc:
            print(f"erreur : {describe_os_error(exc, args.file)}", file=sys.stderr)
            return EXIT_IO
        print(f"{len(words)} mot(s) exporté(s) dans « {args.file} ».")
        return EXIT_OK

    return _guard(work)
