"""``communique mail DRAFT --eml PATH | --send [--list NAME…] [--to ADDR…] | --test ADDR``

The release as an e-mail: written to an ``.eml`` file that Outlook and Thunderbird open as a new
message, or sent through SMTP to distribution lists, each recipient alone in the envelope. The
work is the use case's (``desktop.usecases.mail``, the window's too); this module reads the
options and says the results on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK
from desktop.commands.export import output_path

if TYPE_CHECKING:
    from email.headerregistry import Address

    from desktop.usecases.mail import Outgoing


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
        "l’objet ; rien n’est enregistré",
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
    parser.add_argument("--odt", action="store_true", help="joindre aussi l’ODT")
    parser.add_argument("--docx", action="store_true", help="joindre aussi le DOCX")
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


def _error(message: str, code: int = EXIT_INVALID) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.render.mail import AddressError, parse_sender
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.smtp_send import SendError, settings
    from desktop.store.register_errors import RegisterError
    from desktop.usecases.mail import Purpose, clear_for_mail
    from desktop.usecases.mail_gate import HasErrors, MailRefused

    if args.eml is None and not args.send and not args.test:
        return _error("dites quoi faire : --eml CHEMIN, --send ou --test ADRESSE.")
    if not args.send and (args.lists or args.to):
        return _error("--list et --to s’emploient avec --send.")
    if args.eml is not None and args.test:
        return _error("--test s’emploie sans --eml.")
    if not 1 <= args.batch <= 1000 or not 0 <= args.pause <= 3600:
        return _error("--batch va de 1 à 1000 et --pause de 0 à 3600 secondes.")
    font = choose_font(args.font_dir)
    try:
        release = load_draft(args.draft)
    except DraftFileError as exc:
        return _error(str(exc), EXIT_IO)
    except DraftError as exc:
        for problem in exc.problems:
            print(f"{args.draft} : {problem.placed}", file=sys.stderr)
        return EXIT_INVALID
    purpose = Purpose.EML if args.eml is not None else Purpose.TEST if args.test else Purpose.SEND
    try:
        outgoing = clear_for_mail(release, purpose, font=font)
    except MailRefused as exc:
        for finding in exc.findings:
            print(finding, file=sys.stderr)
        if isinstance(exc, HasErrors):
            return _error("envoi refusé : corrigez les erreurs ci-dessus.")
        return _error(str(exc), exc.exit_code)
    except RegisterError as exc:
        from desktop.commands._register import fail

        return fail(exc)
    for finding in outgoing.clearance.findings:
        print(finding, file=sys.stderr)
    try:
        config = settings()
        sender_text = args.sender or config.get("sender", "")
        if not sender_text:
            return _error(
                "aucun expéditeur : donnez --from, la variable COMMUNIQUE_SENDER "
                "ou « sender » dans envoi.json."
            )
        sender = parse_sender(sender_text)
    except AddressError as exc:
        return _error(f"expéditeur : {exc}.")
    except SendError as exc:
        return _error(f"{exc}.", EXIT_IO)
    try:
        if args.eml is not None:
            return _write_eml(args, outgoing, sender)
        if args.test:
            return _send_test(args, outgoing, sender, config)
        return _send(args, outgoing, sender, config)
    except RenderError as exc:
        return _error(f"{args.draft} : {exc}")


def _write_eml(args: argparse.Namespace, outgoing: Outgoing, sender: Address) -> int:
    from desktop.services.files import OutputRefused, describe_os_error
    from desktop.usecases.mail import write_eml

    target: Path = args.eml
    try:
        write_eml(
            outgoing,
            target,
            sender=sender,
            inputs=(args.draft,),
            with_odt=args.odt,
            with_docx=args.docx,
        )
    except OutputRefused as exc:
        return _error(exc.message)
    except OSError as exc:
        return _error(describe_os_error(exc, target), EXIT_IO)
    print(target)
    return EXIT_OK


def _server(config: dict[str, str]) -> Any:
    """The configured server; raises ``NoServer`` or ``SendError`` (both said with exit 2)."""
    from desktop.usecases.mail import configured_server

    return configured_server(config)


def _send_test(
    args: argparse.Namespace, outgoing: Outgoing, sender: Address, config: dict[str, str]
) -> int:
    from desktop.render.mail import AddressError
    from desktop.services.smtp_send import SendError
    from desktop.usecases.mail import NoServer, send_test

    try:
        server = _server(config)
    except NoServer as exc:
        return _error(f"{exc}")
    except SendError as exc:
        return _error(f"{exc}.")
    try:
        address = send_test(
            outgoing,
            args.test,
            sender=sender,
            server=server,
            with_odt=args.odt,
            with_docx=args.docx,
        )
    except AddressError as exc:
        return _error(f"{exc}")
    except SendError as exc:
        return _error(f"{exc}.", EXIT_IO)
    print(f"Envoi de test à {address} : fait (rien n’est enregistré).")
    return EXIT_OK


def _send(
    args: argparse.Namespace, outgoing: Outgoing, sender: Address, config: dict[str, str]
) -> int:
    from desktop.commands._register import fail
    from desktop.render.mail import AddressError
    from desktop.services.smtp_send import SendError
    from desktop.store.register_errors import RegisterError
    from desktop.usecases.mail import NoServer
    from desktop.usecases.mail_sending import AlreadySent, Notice, send_to_lists

    if not args.lists and not args.to:
        return _error("aucun destinataire : donnez --list ou --to.")
    try:
        server = _server(config)
    except NoServer as exc:
        return _error(f"{exc}")
    except SendError as exc:
        return _error(f"{exc}.")

    def tell(notice: Notice) -> None:
        if notice.kind == "objected":
            line = f"avertissement : {notice.count} adresse(s) écartée(s) : opposition enregistrée."
        else:
            line = (
                f"Reprise d’un envoi commencé le {notice.since} : {notice.count} "
                "destinataire(s) restant(s)."
            )
        print(line, file=sys.stderr)

    try:
        report = send_to_lists(
            outgoing,
            sender=sender,
            server=server,
            lists=args.lists,
            to=args.to,
            again=args.again,
            draft=args.draft,
            with_odt=args.odt,
            with_docx=args.docx,
            batch=args.batch,
            pause=args.pause,
            notice=tell,
        )
    except AddressError as exc:
        return _error(f"{exc}")
    except AlreadySent as exc:
        return _error(
            f"ce communiqué a déjà été envoyé ({exc.at}) ; --again pour l’envoyer de nouveau."
        )
    except RegisterError as exc:
        return fail(exc)
    except SendError as exc:
        return _error(f"{exc}.", EXIT_IO)
    if report.interruption:
        print(
            f"erreur : envoi interrompu : {report.interruption}. {report.sent} envoyé(s), "
            f"{len(report.pending)} en attente : relancez la même commande pour reprendre "
            "(personne ne recevra le message deux fois).",
            file=sys.stderr,
        )
        return EXIT_IO
    for address, detail in report.refused:
        print(
            f"avertissement : adresse refusée par le serveur : {address} ({detail})",
            file=sys.stderr,
        )
    for warning in report.warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
    print(
        f"Envoyé à {report.sent} destinataire(s) ; {len(report.refused)} refusé(s). "
        f"PDF SHA-256 {report.send.pdf_sha256}."
    )
    return EXIT_OK
