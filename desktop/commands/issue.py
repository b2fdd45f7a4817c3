"""``communique issue DRAFT… [--series S] [--new]``: give drafts their number from the register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK
from desktop.commands._args import release_number, series_name


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "issue",
        help="attribuer un numéro du registre à un ou plusieurs brouillons",
        description="Attribue à chaque brouillon le numéro suivant du registre, l’enregistre au "
        "registre puis l’écrit dans le brouillon, et affiche le numéro. Un brouillon "
        "déjà numéroté par ce registre garde son numéro (rien n’est consommé).",
    )
    parser.add_argument(
        "drafts", nargs="+", type=Path, metavar="BROUILLON", help="fichier .communique"
    )
    parser.add_argument(
        "--series",
        type=series_name,
        default=None,
        metavar="SÉRIE",
        help="série de numérotation (par défaut : CP)",
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="remplacer un numéro que ce registre n’a pas attribué (saisi à la "
        "main, venu d’un autre registre, annulé, ou copie d’un autre "
        "brouillon numéroté)",
    )
    parser.add_argument(
        "--start",
        type=release_number,
        default=None,
        metavar="N",
        help="numéro par lequel commencer, la première fois que la série numérote (le "
        "numéro qui suit le dernier communiqué du service) ; demandé tant que la série "
        "n’a rien numéroté",
    )
    parser.set_defaults(run=run)


RERUN_WITH_NEW = "Relancez avec --new pour lui attribuer un nouveau numéro du registre."


def run(args: argparse.Namespace) -> int:
    from desktop.commands._errors import Refused, about_draft, report
    from desktop.core.errors import CommuniqueError
    from desktop.services.drafts import load_draft
    from desktop.store.database import RegisterUnavailable
    from desktop.store.register import NeedsNew, Register, issue_draft

    drafts: list[Path] = args.drafts
    status = EXIT_OK
    with Register.open() as register:
        settled: set[str] = set()
        for draft in drafts:
            try:
                with about_draft(draft):
                    release = load_draft(draft)  # the draft's own faults are said first
                    # the series: the one asked for, else the one of the draft's kind (None:
                    # a kind the register does not number, which issue_draft refuses)
                    series = args.series or register.kind_series(release.document)
                    if series is not None and series not in settled:
                        _settle_start(register, series, args.start)
                        settled.add(series)
                    outcome = issue_draft(
                        draft, series=args.series, new=args.new, register=register
                    )
            except (RegisterUnavailable, Refused) as exc:
                return max(status, report(exc))  # nothing more can be numbered now
            except NeedsNew as exc:
                status = max(status, report(exc, hint=RERUN_WITH_NEW))
                continue
            except CommuniqueError as exc:  # this draft only: the next ones are still numbered
                status = max(status, report(exc))
                continue
            if outcome.reused:
                print(
                    f"« {draft} » porte déjà le {outcome.entry.label} de ce registre : "
                    "aucun numéro consommé.",
                    file=sys.stderr,
                )
            label = outcome.entry.label
            print(label if len(drafts) == 1 else f"{draft}\t{label}")
    return status


def _settle_start(register: Any, series: str, start: int | None) -> None:
    """Refuse to number a series that has never numbered unless ``--start`` says where it
    starts (the window asks the same on first use): N°1 is rarely an office's next number.
    On a series under way, ``--start`` changes nothing and says so."""
    from desktop.commands._errors import Refused

    if register.started(series):
        if start is not None:
            print(
                f"avertissement : --start {start} ignoré : la série « {series} » a déjà "
                "commencé ; pour reprendre à un autre numéro, « communique register "
                "set-next N ».",
                file=sys.stderr,
            )
        return
    if start is None:
        raise Refused(
            f"la série « {series} » n’a encore attribué aucun numéro : indiquez le numéro qui "
            "suit le dernier communiqué du service, par exemple « communique issue BROUILLON "
            "--start 351 » (ou une fois pour toutes « communique register set-next 351 »), "
            "ou --start 1 pour commencer au N°1."
        )
    # Another desk or process may have started the series since: then its start holds.
    from desktop.store.register_errors import RegisterRefused

    try:
        register.start_at(start, series=series)
    except RegisterRefused:
        if not register.started(series):
            raise
