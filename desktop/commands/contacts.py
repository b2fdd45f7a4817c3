"""``communique contacts list|add|remove|import|export``: the press-contact directory.

A contact refused (``ContactError``), a register that cannot be used (``RegisterError``) and a
file refused or unreadable are said by the one catch (``desktop.cli``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_OK
from desktop.commands._args import MAX_ID, bounded
from desktop.core.plurals import plural

if TYPE_CHECKING:
    from desktop.store.contact_files import CsvReading


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "contacts",
        help="gérer l’annuaire des contacts presse",
        description="L’annuaire des contacts presse, rangé dans le fichier du registre.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        help="afficher les contacts",
        description="Affiche les contacts : n°, nom, organisation, téléphone, e-mail.",
    )
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXTE",
        help="mots à chercher, sans tenir compte des accents ni des capitales",
    )
    listing.set_defaults(run=run_list)

    add = actions.add_parser(
        "add",
        help="ajouter un contact",
        description="Ajoute un contact après vérification du téléphone et de l’adresse e-mail.",
    )
    add.add_argument("--name", default="", metavar="NOM", help="nom ou libellé")
    add.add_argument("--organisation", default="", metavar="ORGANISATION")
    add.add_argument("--phone", default="", metavar="TÉLÉPHONE")
    add.add_argument("--email", default="", metavar="E-MAIL")
    add.set_defaults(run=run_add)

    remove = actions.add_parser("remove", help="supprimer un contact (par son n°)")
    remove.add_argument(
        "id",
        type=bounded(1, MAX_ID, "n° de contact"),
        metavar="N°",
        help="n° affiché par « contacts list »",
    )
    remove.set_defaults(run=run_remove)

    imp = actions.add_parser(
        "import",
        help="importer des contacts depuis un fichier CSV",
        description="Importe un CSV (séparateur ; ou , ; UTF-8 ou Windows-1252) dont la première "
        "ligne nomme les colonnes : nom, organisation, téléphone, e-mail. Si une ligne "
        "est invalide, rien n’est importé (code de sortie 2), sauf avec "
        "--skip-invalid. Les contacts déjà présents ne sont pas ajoutés deux fois.",
    )
    imp.add_argument("file", type=Path, metavar="FICHIER")
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="importer les lignes valides et ignorer les autres : elles sont "
        "signalées comme avertissements et le code de sortie reste 0 (2 si "
        "une ligne illisible a empêché de lire la suite du fichier)",
    )
    imp.set_defaults(run=run_import)

    exp = actions.add_parser(
        "export",
        help="exporter l’annuaire en CSV (ou vCard)",
        description="Écrit l’annuaire en CSV (UTF-8 avec BOM, séparateur ;, lisible par Excel) "
        "ou, pour un fichier .vcf, en vCard.",
    )
    exp.add_argument("file", type=Path, metavar="FICHIER")
    exp.add_argument(
        "--format",
        choices=("csv", "vcard"),
        default=None,
        help="format (par défaut : d’après l’extension, CSV sinon)",
    )
    exp.set_defaults(run=run_export)


def run_list(args: argparse.Namespace) -> int:
    from desktop.store.directory import Directory

    with Directory.open() as directory:
        contacts = directory.search(args.search) if args.search else directory.all()
    if not contacts:
        print(
            "Aucun contact." if not args.search else "Aucun contact ne correspond.",
            file=sys.stderr,
        )
    for c in contacts:
        print("\t".join((str(c.id), c.name, c.organisation, c.phone, c.email)))
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.core.addresses import international_warning
    from desktop.store.directory import Directory, validate_contact

    contact = validate_contact(args.name, args.organisation, args.phone, args.email)
    with Directory.open() as directory:
        stored = directory.add(contact)
    warning = international_warning(stored.email)
    if warning:
        print(f"avertissement : {warning}", file=sys.stderr)
    print(f"Contact n° {stored.id} ajouté : {stored.label}.")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from desktop.store.directory import Directory

    with Directory.open() as directory:
        directory.delete(args.id)
    print(f"Contact n° {args.id} supprimé.")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from desktop.commands._errors import Refused
    from desktop.store.contact_files import ContactFileError, ContactFileUnreadable, read_csv
    from desktop.store.directory import Directory

    try:
        reading = read_csv(args.file)
    except ContactFileUnreadable:
        raise  # the one catch says it (exit 1)
    except ContactFileError as exc:
        print(f"{args.file} : {exc}", file=sys.stderr)
        return EXIT_INVALID
    for note in reading.notes:
        print(f"{args.file} : note : {note}", file=sys.stderr)
    if reading.problems and not args.skip_invalid:
        for problem in reading.problems:
            print(f"{args.file} : {problem}", file=sys.stderr)
        raise Refused(
            f"{plural(len(reading.problems), 'problème')} ; aucun contact importé "
            "(--skip-invalid pour importer les lignes valides)."
        )
    _warn_skipped(args.file, reading)
    with Directory.open() as directory:
        report = directory.add_many(reading.contacts)
    for warning in report.warnings:
        print(f"{args.file} : avertissement : {warning}", file=sys.stderr)
    added = plural(len(report.added), "contact importé")
    print(f"{added}, {plural(report.duplicates, 'déjà présent', 'déjà présents')}.")
    return EXIT_INVALID if reading.unread_from is not None else EXIT_OK


def _warn_skipped(file: Path, reading: CsvReading) -> None:
    """With --skip-invalid, the refused rows are warnings: asked for, so not a failure."""
    for problem in reading.problems:
        print(f"{file} : avertissement : {problem}", file=sys.stderr)
    if reading.refused_lines:
        lines = ", ".join(str(line) for line in reading.refused_lines)
        print(
            f"{file} : avertissement : "
            f"{plural(len(reading.refused_lines), 'ligne invalide ignorée')} : {lines}.",
            file=sys.stderr,
        )


def run_export(args: argparse.Namespace) -> int:
    from desktop.commands._errors import writing
    from desktop.store.contact_files import contacts_csv_file, contacts_vcard_file
    from desktop.store.directory import Directory
    from desktop.usecases.gate import write_file

    target: Path = args.file
    vcard = args.format == "vcard" or (
        args.format is None and target.suffix.lower() in (".vcf", ".vcard")
    )
    with Directory.open() as directory:
        contacts = directory.all()
    with writing(target):  # a path the gate refuses stays refused (exit 2)
        write_file(
            target,
            (contacts_vcard_file if vcard else contacts_csv_file)(contacts),
            private=True,
            suffix=(".vcf", ".vcard") if vcard else (".csv",),
        )
    print(f"{plural(len(contacts), 'contact écrit')} dans {target}.")
    return EXIT_OK
