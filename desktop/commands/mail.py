"""``communique mail DRAFT --eml PATH | --send [--list NAME…] [--to ADDR…] | --test ADDR``

The release as an e-mail: written to an ``.eml`` file that Outlook and Thunderbird open as a new
message, or sent through SMTP to distribution lists, each recipient alone in the envelope.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands import EXIT_INVALID, EXIT_IO, EXIT_OK
from desktop.commands.export import output_path
from desktop.core.errors import CommuniqueError

if TYPE_CHECKING:
    from email.headerregistry import Address

    from desktop.core.model import Release
    from desktop.render.content import PreparedRelease


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "mail",
        help="envoyer un communiqué par e-mail (fichier .eml ou envoi SMTP)",
        description="Fait du communiqué un e-mail : le texte et la version HTML dans le corps, "
        "le PDF en pièce jointe, l’embargo dans l’objet. --eml écrit un fichier que "
        "Outlook et Thunderbird ouvrent comme un nouveau message ; --send l’envoie "
        "par SMTP (serveur : COMMUNIQUE_SMTP ou envoi.json) à chaque destinataire "
        "séparément, sans qu’aucun ne voie l’adresse des autres. Un brouillon qui "
        "contient des erreurs n’est pas envoyé.",
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
    from desktop.core.checks import check
    from desktop.core.draft import DraftError, DraftFileError
    from desktop.core.fonts import choose_font
    from desktop.render.content import prepare
    from desktop.render.mail import AddressError, parse_sender
    from desktop.render.pdf import RenderError
    from desktop.services.drafts import load_draft
    from desktop.services.smtp_send import SendError, settings
    from desktop.usecases.number_lookup import look_up_printed_number

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
    findings = [f for f in check(release, font=font) if f.in_draft]
    for finding in findings:
        print(finding, file=sys.stderr)
    if any(f.is_error for f in findings):
        return _error("envoi refusé : corrigez les erreurs ci-dessus.")
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
    prepared = prepare(release, font=font, number=look_up_printed_number(release))
    try:
        if args.eml is not None:
            return _write_eml(args, release, prepared, sender)
        if args.test:
            return _send_test(args, release, prepared, sender, config)
        return _send(args, release, prepared, sender, config)
    except RenderError as exc:
        return _error(f"{args.draft} : {exc}")


def _stem(release: Release) -> str:
    from desktop.render.mail import attachment_stem

    return attachment_stem(release.number, release.date.isoformat() if release.date else None)


def _write_eml(
    args: argparse.Namespace, release: Release, prepared: PreparedRelease, sender: Address
) -> int:
    from desktop.render.mail import compose
    from desktop.services.files import OutputRefused, atomic_write, check_output, describe_os_error

    target: Path = args.eml
    try:
        check_output(target, inputs=(args.draft,), suffix=".eml")
    except OutputRefused as exc:
        return _error(exc.message)
    composed = compose(
        prepared,
        sender=sender,
        pdf_name=f"{_stem(release)}.pdf",
        with_odt=args.odt,
        with_docx=args.docx,
    )
    composed.message["X-Unsent"] = "1"  # Outlook opens it as a new message to send
    try:
        atomic_write(target, composed.message.as_bytes())
    except OSError as exc:
        return _error(describe_os_error(exc, target), EXIT_IO)
    print(target)
    return EXIT_OK


def _server(config: dict[str, str]) -> Any:
    from desktop.services.smtp_send import SmtpServer

    url = config.get("smtp", "")
    if not url:
        raise _Refusal(
            "aucun serveur d’envoi : donnez la variable COMMUNIQUE_SMTP "
            "(smtp://hôte:port) ou « smtp » dans envoi.json."
        )
    return SmtpServer.from_url(url)


class _Refusal(CommuniqueError):
    pass


def _send_test(
    args: argparse.Namespace,
    release: Release,
    prepared: PreparedRelease,
    sender: Address,
    config: dict[str, str],
) -> int:
    from desktop.render.mail import AddressError, compose, mailbox
    from desktop.services.smtp_send import SendError, deliver, password_for

    try:
        address = mailbox(args.test).addr_spec
        server = _server(config)
    except (AddressError, _Refusal) as exc:
        return _error(f"{exc}")
    except SendError as exc:
        return _error(f"{exc}.")
    composed = compose(
        prepared,
        sender=sender,
        pdf_name=f"{_stem(release)}.pdf",
        with_odt=args.odt,
        with_docx=args.docx,
        test=True,
    )
    try:
        outcome = deliver(
            composed.message.as_bytes(),
            sender.addr_spec,
            [address],
            server,
            on_result=lambda *_: None,
            password=password_for(server),
        )
    except SendError as exc:
        return _error(f"{exc}.", EXIT_IO)
    if outcome.refused:
        return _error(f"le serveur a refusé « {address} » ({outcome.refused[address]}).", EXIT_IO)
    print(f"Envoi de test à {address} : fait (rien n’est enregistré).")
    return EXIT_OK


def _send(
    args: argparse.Namespace,
    release: Release,
    prepared: PreparedRelease,
    sender: Address,
    config: dict[str, str],
) -> int:
    from desktop.commands._register import fail
    from desktop.render.mail import AddressError, mailbox
    from desktop.store.database import RegisterError
    from desktop.store.mailing_lists import MailingLists
    from desktop.store.send_log import SendLog, release_key

    if not args.lists and not args.to:
        return _error("aucun destinataire : donnez --list ou --to.")
    try:
        extra = [mailbox(a).addr_spec for a in args.to]
        server = _server(config)
    except (AddressError, _Refusal) as exc:
        return _error(f"{exc}")
    except Exception as exc:
        return _error(f"{exc}.")
    key = release_key(release)
    try:
        with MailingLists.open() as lists:
            log = SendLog(lists.db)
            resuming = log.unfinished(key)
            done = release.sends
            if done and resuming is None and not args.again:
                return _error(
                    f"ce communiqué a déjà été envoyé ({done[-1].at.isoformat()}) ; "
                    "--again pour l’envoyer de nouveau."
                )
            recipients, objected = lists.recipients(args.lists, extra)
            if objected:
                print(
                    f"avertissement : {len(objected)} adresse(s) écartée(s) : opposition "
                    "enregistrée.",
                    file=sys.stderr,
                )
            return _deliver(
                args,
                release,
                prepared,
                sender=sender,
                server=server,
                log=log,
                key=key,
                recipients=recipients,
            )
    except RegisterError as exc:
        return fail(exc)


def _deliver(
    args: argparse.Namespace,
    release: Release,
    prepared: PreparedRelease,
    *,
    sender: Address,
    server: Any,
    log: Any,
    key: str,
    recipients: list[str],
) -> int:
    from desktop.core.draft import DraftFileError
    from desktop.render.mail import compose, new_message_id
    from desktop.services.drafts import save_draft
    from desktop.services.smtp_send import SendError, SendInterrupted, deliver, password_for
    from desktop.store.send_log import with_send_recorded

    send = log.begin(
        release_key=key,
        message_id=new_message_id(sender),
        sender=str(sender),
        number=prepared.number,
        headline=prepared.headline,
        lists=args.lists,
        addresses=recipients,
    )
    if send.sent or send.refused:
        print(
            f"Reprise d’un envoi commencé le {send.started_at} : {len(send.pending)} "
            "destinataire(s) restant(s).",
            file=sys.stderr,
        )
    composed = compose(
        prepared,
        sender=sender,
        pdf_name=f"{_stem(release)}.pdf",
        with_odt=args.odt,
        with_docx=args.docx,
        message_id=send.message_id,
        when=datetime.fromisoformat(send.started_at),
    )
    log.set_pdf(send.id, composed.pdf_sha256)
    try:
        deliver(
            composed.message.as_bytes(),
            sender.addr_spec,
            list(send.pending),
            server,
            on_result=lambda address, state, detail: log.record(send.id, address, state, detail),
            password=password_for(server),
            batch_size=args.batch,
            pause=args.pause,
        )
    except SendInterrupted as exc:
        now = log.get(send.id)
        print(
            f"erreur : envoi interrompu : {exc}. {now.sent} envoyé(s), "
            f"{len(now.pending)} en attente : relancez la même commande pour reprendre "
            "(personne ne recevra le message deux fois).",
            file=sys.stderr,
        )
        return EXIT_IO
    except SendError as exc:
        return _error(f"{exc}.", EXIT_IO)
    finished = log.finish(send.id)
    for address, detail in finished.refused:
        print(
            f"avertissement : adresse refusée par le serveur : {address} ({detail})",
            file=sys.stderr,
        )
    try:
        save_draft(with_send_recorded(release, finished), args.draft)
    except (OSError, DraftFileError) as exc:
        print(
            f"avertissement : l’envoi n’a pas pu être noté dans le brouillon ({exc}).",
            file=sys.stderr,
        )
    print(
        f"Envoyé à {finished.sent} destinataire(s) ; {len(finished.refused)} refusé(s). "
        f"PDF SHA-256 {finished.pdf_sha256}."
    )
    return EXIT_OK
