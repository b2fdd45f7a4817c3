"""``communique register list|cancel|set-next|policy|init|migrate|export|import``: read and
manage the numbering register, on its SQLite file or on the team's PostgreSQL server."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_OK
from desktop.commands._args import release_number, series_name, year
from desktop.commands._errors import Refused
from desktop.core.kinds import DocumentKind

if TYPE_CHECKING:
    from desktop.store.register import Entry, Register


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "register",
        help="consulter et gérer le registre des numéros",
        description="Le registre des numéros de communiqués : un fichier SQLite dans le dossier "
        "de données de l’utilisateur, ou celui de la variable COMMUNIQUE_REGISTER, "
        "qui peut aussi désigner le serveur PostgreSQL d’une équipe "
        "(postgresql://rôle@serveur/base, ou «\u00a0host=serveur dbname=base user=rôle\u00a0»).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        help="afficher les numéros attribués",
        description="Affiche les numéros dans l’ordre où ils ont été attribués : numéro, date du "
        "communiqué, état, titre.",
    )
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXTE",
        help="mots à chercher (numéro, titre, date AAAA-MM-JJ ou JJ/MM/AAAA, "
        "auteur, brouillon), sans tenir compte des accents ni des capitales",
    )
    listing.add_argument("--year", type=year, metavar="ANNÉE", help="seulement cette année")
    listing.add_argument(
        "--series", type=series_name, metavar="SÉRIE", help="seulement cette série"
    )
    listing.add_argument(
        "--csv",
        action="store_true",
        help="écrire le registre en CSV (toutes les colonnes) sur la sortie",
    )
    listing.set_defaults(run=run_list)

    cancel = actions.add_parser(
        "cancel",
        help="annuler un numéro (il reste pris)",
        description="Marque un numéro comme annulé, avec la date et l’auteur ; il ne sera jamais "
        "réattribué.",
    )
    cancel.add_argument("number", type=release_number, metavar="NUMÉRO")
    _series_year(cancel)
    cancel.add_argument("--reason", default="", metavar="MOTIF", help="motif de l’annulation")
    cancel.add_argument(
        "--draft",
        default=None,
        metavar="BROUILLON",
        help="le brouillon numéroté (chemin ou nom), quand un même numéro a été "
        "attribué deux fois la même année",
    )
    cancel.set_defaults(run=run_cancel)

    set_next = actions.add_parser(
        "set-next",
        help="choisir le prochain numéro (reprendre une numérotation)",
        description="Fixe le prochain numéro attribué : un service qui en est au N°350 choisit "
        "351. Une valeur qui redonnerait un numéro déjà attribué est refusée.",
    )
    set_next.add_argument("number", type=release_number, metavar="NUMÉRO")
    _series_year(set_next)
    set_next.set_defaults(run=run_set_next)

    policy = actions.add_parser(
        "policy",
        help="afficher ou changer la politique de numérotation",
        description="Sans option, affiche la politique. --continuous : une seule suite de "
        "numéros ; --yearly : la numérotation repart à 1 chaque année (l’année de la "
        "date du communiqué). --format : l’affichage du numéro, avec {n} (le numéro) "
        "et {year} (l’année), par exemple « N°{n} » ou « CP n° {year}-{n:03d} » ; "
        "il s’applique aux numéros attribués à partir de maintenant, les numéros "
        "déjà attribués gardent la forme sous laquelle ils ont été imprimés.",
    )
    policy.add_argument(
        "--series", type=series_name, metavar="SÉRIE", help="série (par défaut : CP)"
    )
    mode = policy.add_mutually_exclusive_group()
    mode.add_argument(
        "--continuous",
        dest="yearly",
        action="store_false",
        default=None,
        help="numérotation continue",
    )
    mode.add_argument(
        "--yearly",
        dest="yearly",
        action="store_true",
        help="numérotation qui repart à 1 chaque année",
    )
    policy.add_argument("--format", metavar="FORMAT", help="format d’affichage du numéro")
    policy.add_argument("--create", action="store_true", help="créer la série si elle n’existe pas")
    policy.add_argument(
        "--validation",
        choices=("oui", "non"),
        default=None,
        help="validation avant diffusion : « oui » (par défaut) met la mention "
        "PROJET sur les exports d’un communiqué non validé ; « non » la "
        "retire pour tout le registre",
    )
    policy.set_defaults(run=run_policy)

    kinds = actions.add_parser(
        "kinds",
        help="afficher ou changer la série de chaque genre de document",
        description="Sans option, affiche la série qui numérote chaque genre de document "
        "(communiqué, invitation, agenda, discours, déclaration, dossier). Par défaut, seuls "
        "les communiqués sont numérotés (série CP). --set GENRE SÉRIE numérote ce genre dans "
        "cette série (créée auparavant avec « policy --series SÉRIE --create ») ; "
        "--unnumbered GENRE cesse de le numéroter.",
    )
    choice = kinds.add_mutually_exclusive_group()
    choice.add_argument(
        "--set",
        nargs=2,
        metavar=("GENRE", "SÉRIE"),
        help="numéroter ce genre dans cette série",
    )
    choice.add_argument(
        "--unnumbered",
        choices=[str(k) for k in DocumentKind],
        metavar="GENRE",
        help="ne plus numéroter ce genre",
    )
    kinds.set_defaults(run=run_kinds)

    init = actions.add_parser(
        "init",
        help="créer le registre (ou le mettre à jour)",
        description="Crée le registre là où COMMUNIQUE_REGISTER l’indique (fichier ou serveur "
        "PostgreSQL), ou le met à jour s’il existe déjà. Sur un serveur, à lancer "
        "une fois par l’administrateur, avec un rôle qui peut créer des tables.",
    )
    init.add_argument(
        "--roles",
        action="store_true",
        help="sur un serveur PostgreSQL, créer aussi les rôles communique_writers (rédaction : "
        "numéroter, soumettre, exporter) et communique_approvers (validation), et leur donner "
        "les seuls droits nécessaires ; l’historique ne peut être ni modifié ni effacé",
    )
    init.set_defaults(run=run_init)
    migrate = actions.add_parser(
        "migrate",
        help="mettre à jour le schéma du registre",
        description="Applique les étapes de mise à jour du schéma qui manquent, chacune dans "
        "une transaction (un fichier SQLite est d’abord copié à côté de lui). Un "
        "registre déjà à jour n’est pas modifié.",
    )
    migrate.set_defaults(run=run_migrate)
    export = actions.add_parser(
        "export",
        help="exporter tout le registre (JSON)",
        description="Écrit tout le registre (numéros, annulations, formes imprimées, auteurs, "
        "politique, compteurs, annuaire) dans un fichier JSON, pour le passer d’un "
        "fichier SQLite à un serveur PostgreSQL avec « register import ».",
    )
    export.add_argument("file", type=Path, metavar="FICHIER", help="le fichier JSON à écrire")
    export.set_defaults(run=run_export)
    load = actions.add_parser(
        "import",
        help="importer un export dans un registre neuf",
        description="Charge un export (« register export ») dans le registre indiqué par "
        "COMMUNIQUE_REGISTER, qui ne doit encore contenir ni numéro ni contact. Le "
        "registre garde l’identité de celui exporté : les brouillons déjà numérotés "
        "restent reconnus.",
    )
    load.add_argument("file", type=Path, metavar="FICHIER", help="l’export JSON à lire")
    load.set_defaults(run=run_import)


FORMAT_CHANGED = (
    "Le nouveau format s’applique aux numéros attribués à partir de maintenant ; "
    "les numéros déjà attribués gardent la forme sous laquelle ils ont été "
    "imprimés."
)


def _series_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--series", type=series_name, metavar="SÉRIE", help="série (par défaut : CP)"
    )
    parser.add_argument(
        "--year",
        type=year,
        metavar="ANNÉE",
        help="année, pour une série qui repart à 1 chaque année",
    )


def _open() -> Register:
    from desktop.store.register import Register

    return Register.open()


def run_list(args: argparse.Namespace) -> int:
    with _open() as register:
        entries = register.entries(search=args.search, year=args.year, series=args.series)
        if args.csv:
            _write_csv(entries)
        elif not entries:
            print(
                "Aucun numéro ne correspond."
                if args.search or args.year or args.series
                else f"Le registre « {register.location} » est vide.",
                file=sys.stderr,
            )
        else:
            width = max(len(e.label) for e in entries)
            links = _links(register, entries)
            for e in entries:
                day = e.release_date.strftime("%d/%m/%Y") if e.release_date else "—"
                print(
                    f"{e.label:<{width}}  {day:<10}  {e.state_label:<8}  {e.headline}"
                    f"{links.get(e.id, '')}"
                )
    return EXIT_OK


def _links(register: Register, entries: list[Entry]) -> dict[str, str]:
    """`` (remplace N°350)`` and `` (remplacé par N°351)``: corrections, both ways."""
    by_id = {e.id: e for e in register.entries()}
    links: dict[str, list[str]] = {}
    for e in by_id.values():
        if e.replaces and e.replaces in by_id:
            links.setdefault(e.id, []).append(f"remplace le {by_id[e.replaces].label}")
            links.setdefault(e.replaces, []).append(f"remplacé par le {e.label}")
    return {k: " (" + " ; ".join(v) + ")" for k, v in links.items()}


def _write_csv(entries: list[Entry]) -> None:
    from desktop.store.contact_files import protect_cell

    writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
    writer.writerow(
        [
            "série",
            "année",
            "numéro",
            "affiché",
            "titre",
            "date",
            "brouillon",
            "attribué le",
            "attribué par",
            "état",
            "annulé le",
            "annulé par",
            "motif",
        ]
    )
    for e in entries:
        writer.writerow(
            [
                protect_cell(e.series),
                e.year,
                e.number,
                protect_cell(e.label),
                protect_cell(e.headline),
                e.release_date.isoformat() if e.release_date else "",
                protect_cell(e.draft_path),
                e.issued_at.isoformat(),
                protect_cell(e.issued_by),
                e.state_label,
                e.cancelled_at.isoformat() if e.cancelled_at else "",
                protect_cell(e.cancelled_by),
                protect_cell(e.cancel_reason),
            ]
        )


def run_cancel(args: argparse.Namespace) -> int:
    from desktop.store.database import DEFAULT_SERIES

    with _open() as register:
        entry = register.cancel(
            args.number,
            series=args.series or DEFAULT_SERIES,
            year=args.year,
            reason=args.reason,
            draft=args.draft,
        )
    print(f"{entry.label} annulé ; ce numéro ne sera pas réattribué.")
    return EXIT_OK


def run_set_next(args: argparse.Namespace) -> int:
    from desktop.store.database import DEFAULT_SERIES

    series = args.series or DEFAULT_SERIES
    with _open() as register:
        number = register.set_next(args.number, series=series, year=args.year)
        year = args.year or register.current_year()
        label = register.policy(series).label(number, year)
    print(f"Prochain numéro de la série « {series} » : {label}.")
    return EXIT_OK


def run_kinds(args: argparse.Namespace) -> int:
    from desktop.core.kinds import french_name, parse_kind

    with _open() as register:
        if args.set is not None:
            name, series = args.set
            kind = parse_kind(name)
            if kind is None:
                raise Refused(
                    f"genre inconnu\u00a0: «\u00a0{name}\u00a0» "
                    f"(genres\u00a0: {', '.join(str(k) for k in DocumentKind)})."
                )
            register.set_kind_series(kind, series)
        elif args.unnumbered is not None:
            register.set_kind_series(DocumentKind(args.unnumbered), None)
        print(f"Registre : {register.location}")
        for kind in DocumentKind:
            series = register.kind_series(kind)
            shown = f"série «\u00a0{series}\u00a0»" if series else "non numéroté"
            print(f"{kind} ({french_name(kind)})\u00a0: {shown}")
    return EXIT_OK


def run_policy(args: argparse.Namespace) -> int:
    from desktop.store.database import DEFAULT_SERIES

    series = args.series or DEFAULT_SERIES
    with _open() as register:
        if args.yearly is not None or args.format is not None or args.create:
            before = None if args.create else register.policy(series).format
            policy = register.set_policy(
                series, yearly=args.yearly, fmt=args.format, create=args.create
            )
            if before is not None and policy.format != before:
                print(FORMAT_CHANGED)
        else:
            policy = register.policy(series)
        from desktop.store.signoff import latest_change, set_signoff, signoff_enabled

        if args.validation is not None:
            set_signoff(register, args.validation == "oui")
        year = register.current_year()
        following = policy.label(register.next_number(series, year), year)
        mode = "repart à 1 chaque année" if policy.yearly else "continue"
        print(f"Registre : {register.location}")
        print(
            f"Série « {policy.series} » : numérotation {mode} ; format « {policy.format} » "
            f"(exemple : {policy.label(351, year)}) ; prochain numéro : {following}."
        )
        print(
            "Validation avant diffusion : "
            + (
                "oui (mention PROJET jusqu’à la validation)."
                if signoff_enabled(register)
                else "non (pas de mention PROJET)."
            )
        )
        switch = latest_change(register)
        if switch is not None:
            print(f"Dernier changement : {switch.sentence()} (poste {switch.machine}).")
    return EXIT_OK


def _upgrade(*, create: bool) -> int:
    from desktop.services.paths import register_exists, register_url
    from desktop.store.database import Database, RegisterUnavailable

    if not create and register_url() is None and not register_exists():
        from desktop.services.paths import register_path

        raise RegisterUnavailable(
            f"Le registre « {register_path()} » n’existe pas encore : créez-le avec "
            "« communique register init »."
        )
    with Database.open(migrate=True) as db:
        location = db.location
        after = db.version()
        before = after if db.upgraded_from is None else db.upgraded_from
    if before == 0:
        print(f"Registre créé : {location} (schéma {after}).")
    elif before < after:
        print(f"Registre « {location} » mis à jour du schéma {before} au schéma {after}.")
    else:
        print(f"Le registre « {location} » est déjà à jour (schéma {after}).")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from desktop.services.paths import register_url
    from desktop.store.database import RegisterRefused

    if args.roles and register_url() is None:
        raise RegisterRefused(
            "--roles s’applique à un registre sur un serveur PostgreSQL : un fichier SQLite n’a "
            "pas de rôles (chaque personne y est le compte du système qui lance Communiqué)."
        )
    code = _upgrade(create=True)
    if args.roles:
        _grant_roles()
    return code


def _grant_roles() -> None:
    from desktop.store.database import Database
    from desktop.store.roles import APPROVERS_ROLE, WRITERS_ROLE, grant_sql

    with Database.open() as db:
        schema = db.read("SELECT current_schema() AS name")[0]["name"]
        db.write(lambda conn: conn.execute(grant_sql(schema)))
    print(
        f"Rôles «\u00a0{WRITERS_ROLE}\u00a0» (rédaction) et «\u00a0{APPROVERS_ROLE}\u00a0» "
        "(validation) prêts. Donnez à chaque personne son propre rôle de connexion, membre de "
        f"l’un d’eux (CREATE ROLE claire LOGIN PASSWORD '…' IN ROLE {WRITERS_ROLE};), et "
        "gardez le propriétaire des tables pour « register init » et « register migrate »."
    )


def run_migrate(args: argparse.Namespace) -> int:
    return _upgrade(create=False)


def run_export(args: argparse.Namespace) -> int:
    from desktop.commands._errors import writing
    from desktop.store.database import Database
    from desktop.store.register_transfer import export_json
    from desktop.usecases.gate import write_file

    target = Path(args.file)
    with Database.open() as db:
        data = export_json(db)
        location = db.location
    with writing(target):  # a path the gate refuses stays refused (exit 2), as every export
        write_file(target, data, suffix=(".json",), private=True)
    print(f"Registre « {location} » exporté dans « {target} ».")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from desktop.services.files import explain_os_errors, read_limited
    from desktop.store.database import Database
    from desktop.store.register_transfer import import_register, parse_export

    source = Path(args.file)
    with explain_os_errors(source):
        data = read_limited(source, 512 * 1024 * 1024, what="export")
    dump = parse_export(data, str(source))
    with Database.open() as db:
        report = import_register(db, dump, str(source))
        location = db.location
    print(
        f"Import dans « {location} » : {report.numbers} numéros (dont {report.cancelled} "
        f"annulés) et {report.contacts} contacts."
    )
    return EXIT_OK
