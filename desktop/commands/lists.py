"""``communique lists create|show|remove|add|import|export|forget|object``: distribution lists."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_OK
from desktop.core.plurals import plural

EXPORT_HEADER = ["e-mail", "nom", "média", "base légale", "source", "ajouté le"]


def add_parser(commands: Any) -> None:
    from desktop.core.legal_bases import BASES, DEFAULT_BASIS

    parser = commands.add_parser(
        "lists",
        help="gérer les listes de diffusion (RGPD)",
        description="Les listes de diffusion, rangées dans le fichier du registre. Chaque "
        "adresse note sa base légale, sa source et sa date d’ajout ; « forget » "
        "efface une personne partout, « object » enregistre son opposition : "
        "elle ne reçoit plus jamais rien.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (("create", "créer une liste"), ("remove", "supprimer une liste")):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("name", metavar="LISTE")
        sub.set_defaults(run=run_create if name == "create" else run_remove)
    show = actions.add_parser("show", help="afficher les listes, ou les adresses d’une liste")
    show.add_argument("name", nargs="?", metavar="LISTE")
    show.set_defaults(run=run_show)

    add = actions.add_parser("add", help="ajouter une adresse à une liste")
    add.add_argument("name", metavar="LISTE")
    add.add_argument("address", metavar="ADRESSE")
    add.add_argument("--name", dest="person", default="", metavar="NOM")
    add.add_argument("--outlet", default="", metavar="MÉDIA")
    add.add_argument(
        "--basis",
        choices=BASES,
        default=DEFAULT_BASIS,
        help=f"base légale ({DEFAULT_BASIS} par défaut)",
    )
    add.add_argument(
        "--source",
        default="",
        metavar="SOURCE",
        help="d’où vient l’adresse (salon, demande du journaliste…)",
    )
    add.set_defaults(run=run_add)

    imp = actions.add_parser(
        "import",
        help="importer des adresses depuis un CSV",
        description="Mêmes règles que « contacts import » (colonnes nom, organisation "
        "(le média), e-mail) ; rien n’est importé si une ligne est invalide.",
    )
    imp.add_argument("name", metavar="LISTE")
    imp.add_argument("file", type=Path, metavar="FICHIER")
    imp.add_argument("--basis", choices=BASES, default=DEFAULT_BASIS)
    imp.add_argument(
        "--source",
        default="",
        metavar="SOURCE",
        help="source notée pour chaque adresse (le nom du fichier par défaut)",
    )
    imp.set_defaults(run=run_import)

    exp = actions.add_parser("export", help="écrire une liste en CSV (UTF-8, ;)")
    exp.add_argument("name", metavar="LISTE")
    exp.add_argument("file", type=Path, metavar="FICHIER")
    exp.set_defaults(run=run_export)

    for name, text in (
        ("forget", "effacer une adresse partout (droit à l’effacement)"),
        ("object", "enregistrer une opposition : l’adresse ne reçoit plus rien"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("address", metavar="ADRESSE")
        sub.set_defaults(run=run_forget if name == "forget" else run_object)


def _with_lists(work: Callable[[Any], int]) -> int:
    """``work`` on the open lists. An address refused (``ContactError``), a request the
    register refuses or a register that cannot be used (``RegisterError``) are said by the
    one catch (``desktop.cli``)."""
    from desktop.store.mailing_lists import MailingLists

    with MailingLists.open() as lists:
        return work(lists)


def run_create(args: argparse.Namespace) -> int:
    def work(lists: Any) -> int:
        print(f"Liste « {lists.create(args.name)} » créée.")
        return EXIT_OK

    return _with_lists(work)


def run_remove(args: argparse.Namespace) -> int:
    def work(lists: Any) -> int:
        lists.remove(args.name)
        print(f"Liste « {args.name} » supprimée.")
        return EXIT_OK

    return _with_lists(work)


def run_show(args: argparse.Namespace) -> int:
    def work(lists: Any) -> int:
        if not args.name:
            names = lists.names()
            if not names:
                print("Aucune liste.", file=sys.stderr)
            for name in names:
                print(f"{name}\t{len(lists.members(name))}")
            return EXIT_OK
        for m in lists.members(args.name):
            print("\t".join((m.address, m.name, m.outlet, m.basis, m.source, m.added_at)))
        return EXIT_OK

    return _with_lists(work)


def _report(report: Any) -> int:
    for warning in report.warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
    for address in report.objected:
        print(
            f"avertissement : {address} : opposition enregistrée à recevoir nos envois, "
            "adresse non ajoutée.",
            file=sys.stderr,
        )
    print(
        f"{plural(len(report.added), 'adresse ajoutée')}, "
        f"{plural(len(report.already), 'déjà présente', 'déjà présentes')}, "
        f"{plural(len(report.objected), 'refusée')} (opposition)."
    )
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.store.mailing_lists import Member

    def work(lists: Any) -> int:
        return _report(
            lists.add(
                args.name, [Member(args.address, args.person, args.outlet, args.basis, args.source)]
            )
        )

    return _with_lists(work)


def run_import(args: argparse.Namespace) -> int:
    from desktop.commands._errors import Refused
    from desktop.store.contact_files import ContactFileError, ContactFileUnreadable, read_csv
    from desktop.store.mailing_lists import Member

    try:
        reading = read_csv(args.file)
    except ContactFileUnreadable:
        raise  # the one catch says it (exit 1)
    except ContactFileError as exc:
        print(f"{args.file} : {exc}", file=sys.stderr)
        return EXIT_INVALID
    missing = [c.label for c in reading.contacts if not c.email]
    problems = [
        *reading.problems,
        *(f"« {label} » : adresse e-mail manquante" for label in missing),
    ]
    if problems:
        for problem in problems:
            print(f"{args.file} : {problem}", file=sys.stderr)
        raise Refused(f"{plural(len(problems), 'problème')} ; aucune adresse importée.")
    source = args.source or args.file.name
    members = [
        Member(c.email, c.name, c.organisation, args.basis, source) for c in reading.contacts
    ]

    def work(lists: Any) -> int:
        return _report(lists.add(args.name, members))

    return _with_lists(work)


def run_export(args: argparse.Namespace) -> int:
    from desktop.commands._errors import writing
    from desktop.store.contact_files import excel_csv_file
    from desktop.usecases.gate import write_file

    def work(lists: Any) -> int:
        members = lists.members(args.name)
        rows = ((m.address, m.name, m.outlet, m.basis, m.source, m.added_at) for m in members)
        with writing(args.file):  # a path the gate refuses stays refused (exit 2)
            write_file(
                args.file,
                excel_csv_file(EXPORT_HEADER, rows),
                suffix=(".csv",),
                private=True,
            )
        print(f"{plural(len(members), 'adresse écrite')} dans {args.file}.")
        return EXIT_OK

    return _with_lists(work)


def run_forget(args: argparse.Namespace) -> int:
    def work(lists: Any) -> int:
        removed = lists.forget(args.address)
        print(
            f"{args.address.strip()} : adresse effacée, {plural(removed, 'enregistrement supprimé')}."
        )
        return EXIT_OK

    return _with_lists(work)


def run_object(args: argparse.Namespace) -> int:
    def work(lists: Any) -> int:
        removed = lists.object(args.address)
        print(
            f"Opposition enregistrée : {plural(removed, 'enregistrement supprimé')} ; "
            "l’adresse ne recevra plus rien."
        )
        return EXIT_OK

    return _with_lists(work)
