"""``communique archive search|add|model|remove``: the archive of every release issued or imported,
searched in French (accents, case, plurals and conjugations aside)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_INVALID, EXIT_OK
from desktop.commands._args import bounded
from desktop.core.plurals import plural


def _date(text: str) -> date:
    from desktop.core.french_dates import parse_date

    found = parse_date(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"date illisible\u00a0: «\u00a0{text}\u00a0» (par exemple 3/11/2020 ou 3 novembre 2020)"
        )
    return found


_date.__name__ = "date"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "archive",
        help="chercher dans les archives des communiqués (émis ou importés)",
        description="Les archives gardent chaque communiqué sorti par Communiqué (export, "
        "publication, envoi) et chaque brouillon importé qu’on y ajoute, avec son texte. "
        "La recherche ignore accents, majuscules, pluriels et conjugaisons.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    search = actions.add_parser(
        "search",
        help="chercher des communiqués",
        description="Affiche les communiqués qui contiennent tous les mots cherchés, les plus "
        "pertinents d’abord (sans mots : les plus récents), les mots trouvés entre [ ].",
    )
    search.add_argument("words", nargs="?", default="", metavar="MOTS", help="mots cherchés")
    search.add_argument("--from", dest="start", type=_date, metavar="DATE", help="à partir de")
    search.add_argument("--to", dest="end", type=_date, metavar="DATE", help="jusqu’à")
    search.add_argument("--kind", default="", metavar="GENRE", help="« Communiqué de presse »…")
    search.add_argument("--ministry", default="", metavar="MINISTÈRE", help="ministère (en-tête)")
    search.add_argument(
        "--contact", default="", metavar="CONTACT", help="nom, téléphone ou adresse"
    )
    search.add_argument(
        "--limit",
        type=bounded(1, 500, "nombre de résultats"),
        default=50,
        metavar="N",
        help="au plus N résultats, de 1 à 500 (50)",
    )
    search.add_argument("--csv", type=Path, metavar="FICHIER", help="écrire les résultats en CSV")
    search.set_defaults(run=run_search)
    add = actions.add_parser(
        "add",
        help="ajouter des brouillons aux archives",
        description="Ajoute des brouillons (.communique, par exemple ceux de « communique "
        "import ») aux archives ; un brouillon déjà ajouté est remplacé.",
    )
    add.add_argument("drafts", nargs="+", type=Path, metavar="BROUILLON")
    add.set_defaults(run=run_add)
    model = actions.add_parser(
        "model",
        help="faire un nouveau brouillon d’un communiqué des archives",
        description="Écrit un nouveau brouillon reprenant le texte d’un communiqué trouvé "
        "(le premier de la recherche), avec une nouvelle identité et sans numéro.",
    )
    model.add_argument("words", metavar="MOTS", help="mots qui désignent le communiqué")
    model.add_argument("output", type=Path, metavar="BROUILLON", help="nouveau fichier")
    model.set_defaults(run=run_model)
    remove = actions.add_parser(
        "remove",
        help="retirer des communiqués importés des archives",
        description="Retire des archives les communiqués désignés par leur identifiant "
        "(affiché par « communique archive search »), tous ou aucun. Seuls les documents "
        "importés ou ajoutés peuvent l’être : un communiqué sorti par Communiqué (export, "
        "publication, envoi) ou numéroté par le registre fait partie de l’historique et reste. "
        "Les brouillons eux-mêmes ne sont pas touchés.",
    )
    remove.add_argument("keys", nargs="+", metavar="ID", help="identifiant d’un communiqué")
    remove.set_defaults(run=run_remove)


def _print_hit(hit: Any, query: Any) -> None:
    from desktop.core.archive_text import highlight, snippet
    from desktop.usecases.archive import describe

    def marked(text: str) -> str:
        return "".join(f"[{t}]" if found else t for t, found in highlight(text, query))

    print(marked(describe(hit)))
    print("    " + marked(snippet(hit.body.replace("\n", " "), query)))
    print(f"    id\u00a0: {hit.key}")


def run_search(args: argparse.Namespace) -> int:
    from desktop.core.archive_text import parse_query
    from desktop.store.archive import Archive, Filters
    from desktop.store.base import register_exists
    from desktop.usecases.archive import export_csv

    filters = Filters(args.start, args.end, args.kind, args.ministry, args.contact)
    if not register_exists():  # nothing archived yet: no register is made for a search
        print("0 résultat : les archives sont vides.", file=sys.stderr)
        return EXIT_OK
    with Archive.open() as archive:
        hits = archive.search(args.words, filters, limit=args.limit)
    if args.csv is not None:
        written = export_csv(hits, args.csv)
        print(
            f"{plural(len(hits), 'résultat écrit')} dans «\u00a0{written}\u00a0».", file=sys.stderr
        )
        return EXIT_OK
    query = parse_query(args.words)
    for hit in hits:
        _print_hit(hit, query)
    print(f"{plural(len(hits), 'résultat')}.", file=sys.stderr)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.store.archive import Archive
    from desktop.usecases.archive import index_drafts

    with Archive.open() as archive:
        done = index_drafts(args.drafts, archive)
    for path, reason in done.refused:
        print(f"{path} : non ajouté — {reason}", file=sys.stderr)
    print(f"{plural(len(done.added), 'brouillon ajouté')} aux archives.")
    return EXIT_INVALID if done.refused else EXIT_OK


def run_model(args: argparse.Namespace) -> int:
    from desktop.store.archive import Archive
    from desktop.store.base import register_exists
    from desktop.usecases.archive import ArchiveError, write_model

    if not register_exists():
        raise ArchiveError("les archives sont vides\u00a0: aucun communiqué à reprendre.")
    with Archive.open() as archive:
        hits = archive.search(args.words, limit=1)
        if not hits:
            raise ArchiveError(
                f"aucun communiqué des archives ne contient «\u00a0{args.words}\u00a0»."
            )
        written = write_model(archive, hits[0].key, args.output)
    print(f"Nouveau brouillon «\u00a0{written}\u00a0» d’après «\u00a0{hits[0].headline}\u00a0».")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from desktop.store.archive import Archive
    from desktop.store.base import register_exists
    from desktop.usecases.archive import ArchiveError, remove_from_archive

    if not register_exists():
        raise ArchiveError("les archives sont vides\u00a0: rien à retirer.")
    with Archive.open() as archive:
        removed = remove_from_archive(archive, args.keys)
    for hit in removed:
        print(f"Retiré des archives\u00a0: «\u00a0{hit.headline}\u00a0».")
    return EXIT_OK
