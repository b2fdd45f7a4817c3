"""``communique mail DRAFT --eml PATH | --send [--list NAME…] [--to ADDR…] | --test ADDR``

The release as an e-mail: written to an ``.eml`` file that Outlook and Thunderbird open as a new
message, or sent through SMTP to distribution lists, each recipient alone in the envelope. The
work is the use case's (``desktop.usecases.mail``, the window's too); this module reads the
options and says the results on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_IO, EXIT_OK
from desktop.commands.export import output_path
from desktop.core.plurals import plural

if TYPE_CHECKING:
    from email.headerregistry import Address

    from desktop.services.smtp_send import SmtpServer
    from desktop.usecases.gate import Clearance


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "mail",
        help="envoyer un communiqué par e-mail (fichier .eml ou envoi SMTP)",
        description="Fait du communiqué un e-mail : le texte et la version HTML dans le corps, "
        "le PDF en pièce jointe, l’embargo dans l’objet. --eml écrit un fichier que "
        "Outlook et Thunderbird ouvrent comme un nouveau message ; --send l’envoie "
        "par SMTP (serveur : COMMUNIQUE_SMTP ou envoi.json) à chaque destinataire "
        "séparément, sans qu’aucun ne voie l’adresse des autres. Un brouillon qui "
        "contient des erreurs n’est pas envoyé ; un communiqué non validé (quand le "
        "registre demande la validation) ne part pas aux listes, et son .eml ou son "
        "envoi de test porte la mention PROJET.",
    )
    parser.add_argument("draft", type=Path, metavar="BROUILLON", help="fichier .communique")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--eml", type=output_path, metavar="CHEMIN", help="fichier .eml à écrire")
    mode.add_argument(
        "--send",
        action="store_true",
        help="envoyer par SMTP aux listes (--list) et adresses (--to)",
    )
    parser.add_argument(
        "--test",
        metavar="ADRESSE",
        help="envoyer un seul exemplaire à cette adresse, « [TEST] » dans "
        "l’objet ; le communiqué n’est pas noté comme envoyé",
    )
    parser.add_argument(
        "--list",
        action="append",
        default=[],
        metavar="LISTE",
        dest="lists",
        help="liste de diffusion (plusieurs fois possible)",
    )
    parser.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="ADRESSE",
        help="destinataire de plus (plusieurs fois possible)",
    )
    parser.add_argument(
        "--from",
        dest="sender",
        metavar="EXPÉDITEUR",
        help="« Service de presse <presse@exemple.gouv.fr> » (sinon "
        "COMMUNIQUE_SENDER ou envoi.json)",
    )
    from desktop.usecases import formats

    for fmt in formats.attached_on_request():  # --odt, --docx: the registry's mail formats
        parser.add_argument(f"--{fmt.name}", action="store_true", help=fmt.attach_help)
    parser.add_argument(
        "--again", action="store_true", help="envoyer de nouveau un communiqué déjà envoyé"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=20,
        metavar="N",
        help="destinataires par connexion (20 par défaut)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        metavar="SECONDES",
        help="pause entre deux lots (2 s par défaut)",
    )
    parser.add_argument(
        "--font-dir",
        metavar="DOSSIER",
        help="dossier de la police Marianne (sinon COMMUNIQUE_FONT_DIR)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.commands._errors import Refused, about_draft
    from desktop.core.fonts import choose_font
    from desktop.render.mail import AddressError, parse_sender
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.smtp_send import settings
    from desktop.usecases import formats
    from desktop.usecases.mail import EML, SEND, TEST, clear_for_mail

    if args.eml is None and not args.send and not args.test:
        raise Refused("dites quoi faire : --eml CHEMIN, --send ou --test ADRESSE.")
    if not args.send and (args.lists or args.to):
        raise Refused("--list et --to s’emploient avec --send.")
    if args.eml is not None and args.test:
        raise Refused("--test s’emploie sans --eml.")
    if not 1 <= args.batch <= 1000 or not 0 <= args.pause <= 3600:
        raise Refused("--batch va de 1 à 1000 et --pause de 0 à 3600 secondes.")
    font = choose_font(args.font_dir)
    with about_draft(args.draft):
        release = load_draft(args.draft)
    purpose = EML if args.eml is not None else TEST if args.test else SEND
    clearance = clear_for_mail(release, purpose, font=font)
    for finding in clearance.findings:
        print(finding, file=sys.stderr)
    config = settings()
    sender_text = args.sender or config.get("sender", "")
    if not sender_text:
        raise Refused(
            "aucun expéditeur : donnez --from, la variable COMMUNIQUE_SENDER "
            "ou « sender » dans envoi.json."
        )
    try:
        sender = parse_sender(sender_text)
    except AddressError as exc:
        raise Refused(f"expéditeur : {exc}.") from exc
    also = [fmt.name for fmt in formats.attached_on_request() if getattr(args, fmt.name)]
    try:
        if args.eml is not None:
            return _write_eml(args, clearance, sender, also)
        if args.test:
            return _send_test(args, clearance, sender, config, also)
        return _send(args, clearance, sender, config, also)
    except RenderError as exc:  # name the draft, as export does
        raise RenderError(f"{args.draft} : {exc}") from exc


def _warn(warnings: Iterable[str]) -> None:
    for warning in warnings:
        print(f"avertissement : {warning}", file=sys.stderr)


def _write_eml(
    args: argparse.Namespace, clearance: Clearance, sender: Address, also: list[str]
) -> int:
    from desktop.commands._errors import writing
    from desktop.usecases.mail import write_eml

    target: Path = args.eml
    with writing(target):
        written = write_eml(clearance, target, sender=sender, inputs=(args.draft,), also=also)
    _warn(written.warnings)
    print(target)
    return EXIT_OK


def _server(config: dict[str, str]) -> SmtpServer:
    """The configured server: ``NoServer``, or ``Refused`` for an address that is not one
    (both a request to mend, exit 2)."""
    from desktop.commands._errors import Refused
    from desktop.services.smtp_send import SendError
    from desktop.usecases.mail import configured_server

    try:
        return configured_server(config)
    except SendError as exc:
        raise Refused(str(exc)) from exc


def _send_test(
    args: argparse.Namespace,
    clearance: Clearance,
    sender: Address,
    config: dict[str, str],
    also: list[str],
) -> int:
    from desktop.usecases.mail import send_test

    server = _server(config)
    sent = send_test(clearance, args.test, sender=sender, server=server, also=also)
    _warn(sent.warnings)
    print(f"Envoi de test à {sent.address} : fait (le communiqué n’est pas noté comme envoyé).")
    return EXIT_OK


def _send(
    args: argparse.Namespace,
    clearance: Clearance,
    sender: Address,
    config: dict[str, str],
    also: list[str],
) -> int:
    from desktop.commands._errors import Refused, say_error
    from desktop.core.addresses import international_warnings
    from desktop.core.french_dates import format_moment_text
    from desktop.usecases.mail_sending import AlreadySent, Notice, send_to_lists

    if not args.lists and not args.to:
        raise Refused("aucun destinataire : donnez --list ou --to.")
    server = _server(config)
    _warn(international_warnings(args.to))

    def tell(notice: Notice) -> None:
        if notice.kind == "objected":
            line = (
                f"avertissement : {plural(notice.count, 'adresse écartée')} : "
                "opposition enregistrée."
            )
        else:
            line = (
                f"Reprise d’un envoi commencé le {format_moment_text(notice.since)} : "
                f"{plural(notice.count, 'destinataire restant')}."
            )
        print(line, file=sys.stderr)

    try:
        report = send_to_lists(
            clearance,
            sender=sender,
            server=server,
            lists=args.lists,
            to=args.to,
            again=args.again,
            draft=args.draft,
            also=also,
            batch=args.batch,
            pause=args.pause,
            notice=tell,
        )
    except AlreadySent as exc:
        raise Refused(
            f"ce communiqué a déjà été envoyé (le {format_moment_text(exc.at)}) ; --again pour "
            "l’envoyer de nouveau."
        ) from exc
    if report.interruption:
        say_error(
            f"envoi interrompu : {report.interruption}. {plural(report.sent, 'envoyé')}, "
            f"{len(report.pending)} en attente : relancez la même commande pour reprendre "
            "(personne ne recevra le message deux fois)."
        )
        return EXIT_IO
    for address, detail in report.refused:
        print(
            f"avertissement : adresse refusée par le serveur : {address} ({detail})",
            file=sys.stderr,
        )
    for address, detail in report.waiting:
        print(
            f"avertissement : adresse mise en attente par le serveur : {address} ({detail})",
            file=sys.stderr,
        )
    _warn(report.warnings)
    if report.waiting:
        print(
            f"Envoyé à {plural(report.sent, 'destinataire')} ; {plural(len(report.refused), 'refusé')} ; "
            f"{len(report.waiting)} en attente (refus temporaire du serveur) : relancez la même "
            "commande plus tard pour les servir (personne ne recevra le message deux fois)."
        )
        return EXIT_IO
    print(
        f"Envoyé à {plural(report.sent, 'destinataire')} ; {plural(len(report.refused), 'refusé')}. "
        f"PDF SHA-256 {report.send.pdf_sha256}."
    )
    return EXIT_OK
