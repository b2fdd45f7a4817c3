"""``communique submit|approve|status|versions|diff DRAFT``: sign-off of a release, kept in the
register (brouillon → soumis → validé → diffusé), the versions it stored and their differences."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK
from desktop.core.plurals import plural


def add_parser(commands: Any) -> None:
    submit = commands.add_parser(
        "submit",
        help="soumettre un communiqué à validation",
        description="Enregistre au registre la version soumise (contenu, auteur, date, poste) ; "
        "le communiqué passe à l’état « soumis ».",
    )
    submit.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    submit.set_defaults(run=run_submit)

    approve = commands.add_parser(
        "approve",
        help="valider un communiqué soumis",
        description="Enregistre la validation (qui, quand, empreinte SHA-256 du contenu) ; le "
        "communiqué passe à l’état « validé » et ses exports perdent la mention "
        "PROJET. Toute modification ultérieure (numéro compris) le renvoie à l’état "
        "« brouillon ». Valide toujours la personne qui lance la commande (COMMUNIQUE_USER, "
        "sinon le compte du système), jamais celle qui l’a soumis : l’option --by, qui "
        "permettait de valider au nom d’un autre, a été retirée.",
    )
    approve.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    approve.add_argument("--note", default="", metavar="TEXTE", help="remarque de validation")
    approve.set_defaults(run=run_approve)

    status = commands.add_parser(
        "status",
        help="afficher l’état d’un communiqué (brouillon, soumis, validé, diffusé)",
        description="Affiche l’état du communiqué au registre, et qui l’a fait passer à cet état.",
    )
    status.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    status.set_defaults(run=run_status)

    listing = commands.add_parser(
        "versions",
        help="lister les versions d’un communiqué et ce qui en est sorti",
        description="Liste les versions gardées au registre à chaque soumission, validation et "
        "diffusion (numéro, événement, date, auteur, poste), les changements de politique, et, "
        "précédé de →, ce qui est sorti du bureau : exports, publications, envois, messages "
        "(formats, état, destinataires, auteur, poste).",
    )
    listing.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    listing.set_defaults(run=run_versions)

    diff = commands.add_parser(
        "diff",
        help="montrer les mots changés entre deux versions d’un communiqué",
        description="Compare deux versions mot à mot : [-mots supprimés-] et {+mots ajoutés+}. "
        "Par défaut, de la dernière version enregistrée au brouillon actuel.",
    )
    diff.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    diff.add_argument(
        "--from",
        dest="start",
        type=int,
        default=None,
        metavar="V",
        help="version de départ (par défaut : la dernière enregistrée)",
    )
    diff.add_argument(
        "--to",
        dest="end",
        type=int,
        default=None,
        metavar="V",
        help="version d’arrivée (par défaut : le brouillon actuel)",
    )
    diff.set_defaults(run=run_diff)


def _with_register(args: argparse.Namespace, work: Callable[[Any, Path], int]) -> int:
    from desktop.commands._errors import about_draft
    from desktop.store.register import Register

    with Register.open() as register, about_draft(args.draft):
        return work(register, args.draft)


def _desk(version: Any, who: str) -> str:
    """``Claire Dupont (SIG) — poste vm, compte claire``: the person, then where from (a dash,
    never a second pair of brackets after a name that may hold one)."""
    where = [f"poste {version.machine}"] if version.machine else []
    if version.account and version.account != who:
        where.append(f"compte {version.account}")
    return f"{who} — {', '.join(where)}" if where else who


def _when(version: Any) -> str:
    from desktop.core.embargo import PARIS

    return f"{version.created_at.astimezone(PARIS):%d/%m/%Y à %H:%M}"


def run_submit(args: argparse.Namespace) -> int:
    from desktop.store.signoff import submit

    def work(register: Any, draft: Path) -> int:
        version = submit(register, draft)
        if version.copy_of:
            print(
                f"«\u00a0{draft}\u00a0» est une copie de «\u00a0{version.copy_of}\u00a0»\u00a0: "
                "il reçoit sa propre identité, sans le numéro de l’original (attribuez-lui le "
                "sien), et l’original garde son état."
            )
        print(f"« {draft} » soumis à validation (version {version.position}).")
        return EXIT_OK

    return _with_register(args, work)


def run_approve(args: argparse.Namespace) -> int:
    from desktop.store.signoff import approve, short_fingerprint

    def work(register: Any, draft: Path) -> int:
        version = approve(register, draft, note=args.note)
        print(
            f"« {draft} » validé par {version.author}, version {version.position}, empreinte "
            f"{short_fingerprint(version.content_sha256)}…"
        )
        return EXIT_OK

    return _with_register(args, work)


def run_status(args: argparse.Namespace) -> int:
    from desktop.services.drafts import load_draft
    from desktop.store.signoff import latest_change, off_note, signoff_enabled, status

    def work(register: Any, draft: Path) -> int:
        found = status(register, load_draft(draft))
        line = f"État : {found.state}"
        if found.latest is not None:
            latest = found.latest
            line += (
                f" ({latest.event_label} par {latest.who} le {_when(latest)}, version "
                f"{latest.position})"
            )
            if found.changed:
                line += " ; modifié depuis : à soumettre de nouveau"
        print(line + ".")
        if not signoff_enabled(register):
            print(
                "La validation est désactivée dans la politique du registre "
                f"({off_note(register)}) : les exports ne portent pas la mention PROJET, et "
                "leurs métadonnées le disent."
            )
        elif (switch := latest_change(register)) is not None:
            print(f"Politique du registre : {switch.sentence()}.")
        return EXIT_OK

    return _with_register(args, work)


def run_versions(args: argparse.Namespace) -> int:
    from desktop.services.drafts import load_draft
    from desktop.store.outputs import outputs_of
    from desktop.store.signoff import person_key, policy_changes, versions

    def work(register: Any, draft: Path) -> int:
        release = load_draft(draft)
        found = versions(register, release)
        spelled: dict[str, str] = {}  # one person, one spelling: the first one recorded
        if not found:
            print(
                f"« {draft} » n’a encore aucune version au registre (jamais soumis).",
                file=sys.stderr,
            )
        switches = policy_changes(register)
        lines: list[tuple[Any, str]] = []
        for v in found:
            note = f" — {v.note}" if v.note else ""
            who = spelled.setdefault(person_key(v.author), v.author)
            lines.append(
                (
                    v.created_at,
                    f"{v.position}  {_when(v)}  {v.event_label:<11}  {_desk(v, who)}{note}",
                )
            )
        for switch in switches:  # rare, and each one tells whether PROJET was printed
            lines.append(
                (switch.created_at, f"—  {_when(switch)}  politique    {switch.sentence()}")
            )
        lines += [
            (output.created_at, _output_line(output)) for output in outputs_of(register, release)
        ]
        for _, line in sorted(lines, key=lambda item: item[0]):
            print(line)
        return EXIT_OK

    return _with_register(args, work)


def _output_line(output: Any) -> str:
    """What left the office, as ``versions`` lists it between the versions: what, when, which
    formats, in which state, by whom (``→`` where a version has its number)."""
    formats = ", ".join(dict.fromkeys(f.format.upper() for f in output.files)) or "—"
    state = f", {output.state}" if output.state else ""
    reached = f", {plural(output.recipients, 'destinataire')}" if output.recipients else ""
    return (
        f"→  {_when(output)}  {output.kind_label:<11}  {formats}{state}{reached} — "
        f"{output.author} ({output.machine})"
    )


def run_diff(args: argparse.Namespace) -> int:
    from desktop.core.release_diff import as_marked_text, changed, word_diff
    from desktop.services.drafts import load_draft
    from desktop.store.database import RegisterRefused
    from desktop.store.signoff import versions

    def work(register: Any, draft: Path) -> int:
        current = load_draft(draft)
        found = {v.position: v for v in versions(register, current)}
        if not found:
            raise RegisterRefused(
                f"« {draft} » n’a encore aucune version au registre : il n’y a rien à comparer."
            )
        for wanted in (args.start, args.end):
            if wanted is not None and wanted not in found:
                raise RegisterRefused(
                    f"La version {wanted} n’existe pas (versions : {', '.join(map(str, found))})."
                )
        start = found[args.start if args.start is not None else max(found)]
        end = found[args.end].release() if args.end is not None else current
        after = f"version {args.end}" if args.end is not None else "brouillon actuel"
        print(
            f"De la version {start.position} ({start.event_label} par {start.author}, "
            f"{_when(start)}) au {after} :"
            if args.end is None
            else f"De la version {start.position} ({start.author}) à la {after} "
            f"({found[args.end].author}) :"
        )
        pieces = word_diff(start.release(), end)
        print(as_marked_text(pieces) if changed(pieces) else "Aucune différence.")
        return EXIT_OK

    return _with_register(args, work)
