"""``communique sent [DRAFT]``: the send log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.commands import EXIT_OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "sent",
        help="afficher le journal des envois",
        description="Le journal des envois : date, expéditeur, numéro et titre du communiqué, "
        "empreinte SHA-256 du PDF envoyé, listes, nombre de destinataires, "
        "adresses refusées. Avec un brouillon, ses seuls envois.",
    )
    parser.add_argument("draft", nargs="?", type=Path, metavar="BROUILLON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.commands._errors import about_draft
    from desktop.core.french_dates import format_moment_text
    from desktop.services.drafts import load_draft
    from desktop.store.send_log import SendLog, release_key

    key = None
    if args.draft is not None:
        with about_draft(args.draft):
            key = release_key(load_draft(args.draft))
    with SendLog.open() as log:
        sends = log.sends(key)
    if not sends:
        print("Aucun envoi.", file=sys.stderr)
    for send in sends:
        state = "terminé" if send.finished else f"interrompu, {len(send.pending)} en attente"
        print(
            f"{format_moment_text(send.started_at)}\t{send.sender}\t{send.number or '-'}\t{send.headline}"
        )
        print(f"  PDF SHA-256 {send.pdf_sha256}")
        print(
            f"  listes : {', '.join(send.lists) or '-'} ; destinataires : {send.recipients} ; "
            f"envoyés : {send.sent} ; {state}"
        )
        for address, detail in send.refused:
            print(f"  refusée : {address} ({detail})")
    return EXIT_OK
