"""Every modal question the window asks, in one module so tests replace them and never block."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QProgressDialog

    from desktop.gui.mail_route_dialog import MailOffer, MailRoute
    from desktop.store.directory import PressContact
    from desktop.usecases.gate import Purpose

DRAFT_FILTER = "Brouillons Communiqué (*.communique)"
"""The exports' filters are the format registry's (``usecases.formats``)."""
ALL_FILTER = "Tous les fichiers (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget, name: str) -> Choice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Modifications non enregistrées"))
    box.setText(
        tr("Enregistrer les modifications de «\u00a0{name}\u00a0»\u202f?").format(name=name)
    )
    box.setInformativeText(tr("Sinon, elles seront perdues."))
    save = box.addButton(tr("Enregistrer"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Ne pas enregistrer"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.CANCEL


def ask_restore(parent: QWidget, name: str, when: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Récupérer un brouillon"))
    box.setText(
        tr(
            "Communiqué ne s’est pas fermé normalement. Une copie de «\u00a0{name}\u00a0» "
            "a été conservée ({when})."
        ).format(name=name, when=when)
    )
    box.setInformativeText(tr("Récupérer cette copie\u202f? Sinon, elle sera supprimée."))
    restore = box.addButton(tr("Récupérer"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Supprimer la copie"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def confirm_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Remplacer le fichier\u202f?"),
        tr("«\u00a0{name}\u00a0» existe déjà dans ce dossier. Le remplacer\u202f?").format(
            name=path.name
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


def _tell(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, details: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_error(parent: QWidget, title: str, text: str, details: str = "") -> None:
    _tell(parent, QMessageBox.Icon.Warning, title, text, details)


def open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("Ouvrir un brouillon"), folder, f"{tr(DRAFT_FILTER)};;{tr(ALL_FILTER)}"
    )
    return Path(name) if name else None


def save_path(parent: QWidget, title: str, start: Path, name_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr(name_filter))
    return Path(name) if name else None


def ask_print(parent: QWidget, printer: QPrinter) -> bool:
    """The system's print dialog (printer, pages, copies); True to print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Imprimer le communiqué"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def manage_presets(parent: QWidget, current_header: tuple[str, ...]) -> bool:
    """*Modèles › Gérer les modèles…*; True when the presets were saved."""
    from desktop.gui.presets_dialog import PresetsDialog

    return PresetsDialog(current_header, parent).exec() == PresetsDialog.DialogCode.Accepted


def ask_first_number(
    parent: QWidget, upcoming: int, fmt: str, year: int, marked: bool = False
) -> tuple[int, str] | None:
    """The register's first number: the office's next number and the form of its numbers;
    ``marked``: sign-off applies (the outputs will carry *PROJET* until approval)."""
    from desktop.gui.number_format import FirstNumberDialog

    dialog = FirstNumberDialog(upcoming, fmt, year, parent, marked=marked)
    if dialog.exec() != FirstNumberDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def ask_link(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        tr("Lien"),
        tr(
            "Adresse du lien (https://…, ou une adresse de courriel)\u202f; "
            "vide pour retirer le lien\u00a0:"
        ),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text if ok else None


# ---------------------------------------------------------------- checks, numbers, contacts

CSV_FILTER = "Listes de contacts CSV (*.csv)"


_REFUSALS = {
    "export refusé": (
        "Export refusé",
        "Le communiqué contient des erreurs\u00a0: corrigez-les avant de l’exporter. "
        "Aucun fichier n’a été écrit.",
    ),
    "impression refusée": (
        "Impression refusée",
        "Le communiqué contient des erreurs\u00a0: corrigez-les avant de l’imprimer. "
        "Rien n’a été imprimé.",
    ),
    "copie refusée": (
        "Copie refusée",
        "Le communiqué contient des erreurs\u00a0: corrigez-les avant de le copier. "
        "Le presse-papiers n’a pas changé.",
    ),
    "envoi refusé": (
        "Envoi refusé",
        "Le communiqué contient des erreurs\u00a0: corrigez-les avant de l’envoyer. "
        "Aucun message n’a été écrit ni envoyé.",
    ),
    "publication refusée": (
        "Publication refusée",
        "Le communiqué contient des erreurs\u00a0: corrigez-les avant de le publier. "
        "Rien n’a été publié.",
    ),
}


def refuse_export(parent: QWidget, errors: list[str], purpose: Purpose | None = None) -> None:
    """An output refused by the gate: the release has errors (as ``communique export``);
    nothing was written, printed or copied."""
    title, text = _REFUSALS.get(purpose.refused if purpose else "", _REFUSALS["export refusé"])
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr(title))
    box.setText(tr(text))
    box.setInformativeText("\n".join(f"• {line}" for line in errors))
    box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_save_before_numbering(parent: QWidget, never_saved: bool) -> bool:
    """A number is written into the draft file: the draft must be saved first."""
    return _ask_save_first(
        parent,
        never_saved,
        tr("Attribuer un numéro"),
        tr(
            "Le brouillon doit d’abord être enregistré\u00a0: le numéro est inscrit au "
            "registre et dans le fichier du brouillon."
        )
        if never_saved
        else tr(
            "Enregistrer les modifications avant d’attribuer le numéro\u202f? Le numéro "
            "est inscrit au registre et dans le fichier du brouillon."
        ),
    )


def ask_save_before_signoff(parent: QWidget, never_saved: bool, action: str) -> bool:
    """*Soumettre* or *Valider* (``action``) records the draft as saved: save it first."""
    return _ask_save_first(
        parent,
        never_saved,
        action,
        tr(
            "Le brouillon doit d’abord être enregistré\u00a0: c’est la version enregistrée "
            "qui est soumise ou validée."
        )
        if never_saved
        else tr(
            "Enregistrer les modifications avant de continuer\u202f? C’est la version "
            "enregistrée qui est soumise ou validée."
        ),
    )


def _ask_save_first(parent: QWidget, never_saved: bool, title: str, text: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    save = box.addButton(
        tr("Enregistrer") if not never_saved else tr("Enregistrer…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is save


def confirm_archive_removal(parent: QWidget, headline: str) -> bool:
    """Remove an imported release from the archive? (Its draft stays where it is.)"""
    return _confirm(
        parent,
        tr("Retirer des archives\u202f?"),
        text=tr("Retirer «\u00a0{0}\u00a0» des archives\u202f?").format(headline),
        informative=tr(
            "Il ne sera plus trouvé par la recherche. Son brouillon, s’il existe, "
            "n’est pas supprimé."
        ),
        action=tr("Retirer des archives"),
        role=QMessageBox.ButtonRole.DestructiveRole,
    )


def confirm_new_number(parent: QWidget, reason: str) -> bool:
    """The draft holds a number this register did not give: replace it with a new one?"""
    return _confirm(
        parent,
        tr("Attribuer un nouveau numéro\u202f?"),
        text=reason,
        informative=tr(
            "Lui attribuer un nouveau numéro du registre\u202f? L’ancien numéro "
            "sera remplacé dans le brouillon."
        ),
        action=tr("Attribuer un nouveau numéro"),
        role=QMessageBox.ButtonRole.AcceptRole,
    )


def _confirm(
    parent: QWidget,
    title: str,
    *,
    text: str,
    informative: str,
    action: str,
    role: QMessageBox.ButtonRole,
) -> bool:
    """A question whose safe answer, « Annuler », is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    chosen = box.addButton(action, role)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is chosen


def ask_cancel_reason(parent: QWidget, label: str) -> str | None:
    """Confirm cancelling a number, with its reason; None when the user backs out."""
    text, ok = QInputDialog.getText(
        parent,
        tr("Annuler le numéro"),
        tr(
            "Annuler le {label}\u202f? Le numéro reste pris\u00a0: il ne sera jamais réattribué.\n\n"
            "Motif de l’annulation\u00a0:"
        ).format(label=label),
        QLineEdit.EchoMode.Normal,
        "",
    )
    return text.strip() if ok else None


def show_info(parent: QWidget, title: str, text: str, details: str = "") -> None:
    _tell(parent, QMessageBox.Icon.Information, title, text, details)


def confirm_delete_contact(parent: QWidget, label: str) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Supprimer le contact\u202f?"),
        tr(
            "Supprimer «\u00a0{label}\u00a0» de l’annuaire\u202f? Les communiqués qui le citent ne "
            "changent pas."
        ).format(label=label),
    )
    return answer == QMessageBox.StandardButton.Yes


def edit_contact(parent: QWidget, contact: PressContact | None) -> PressContact | None:
    """The directory's contact form (new when ``contact`` is None); a validated contact."""
    from desktop.gui.contact_dialog import ContactDialog

    dialog = ContactDialog(contact, parent)
    return dialog.contact if dialog.exec() else None


def open_csv_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("Importer des contacts"), folder, f"{tr(CSV_FILTER)};;{tr(ALL_FILTER)}"
    )
    return Path(name) if name else None


def ask_figure(parent: QWidget) -> tuple[Path, str, str] | None:
    """*Insérer une image…*: the file, its alternative text (required) and its caption."""
    from desktop.gui.figure_dialog import FigureDialog

    dialog = FigureDialog(parent)
    return dialog.answer if dialog.exec() else None


def choose_ministries(parent: QWidget, current: tuple[str, ...]) -> tuple[str, ...] | None:
    """The signing ministries, ticked in a list; None when the user backs out."""
    from desktop.gui.ministries import MinistriesDialog

    dialog = MinistriesDialog(current, parent)
    return dialog.chosen() if dialog.exec() else None


def edit_preferences(
    parent: QWidget, font_dir: str, on_installed: Callable[[], None] | None = None
) -> str | None:
    """The Préférences dialog; the folder of the Marianne font ("" for none) or None.
    ``on_installed`` is called as soon as *Installer Marianne…* has installed the fonts."""
    from desktop.gui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(
        font_dir, parent, ask_package=ask_dsfr_package, on_installed=on_installed
    )
    return dialog.font_dir() if dialog.exec() else None


DSFR_FILTER = "Paquets npm (*.tgz)"


def ask_dsfr_package(parent: QWidget, folder: str) -> Path | Literal["download"] | None:
    """Where the DSFR package comes from: a .tgz file, the npm registry, or None (cancelled)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Installer Marianne"))
    box.setText(
        tr(
            "La police Marianne est fournie par le paquet npm du Système de design de "
            "l’État (@gouvfr/dsfr) ; elle est réservée aux services de l’État."
        )
    )
    box.setInformativeText(
        tr(
            "Indiquez le fichier du paquet (.tgz, obtenu par « npm pack "
            "@gouvfr/dsfr »), ou téléchargez-le depuis le registre npm."
        )
    )
    choose = box.addButton(tr("Choisir le fichier…"), QMessageBox.ButtonRole.AcceptRole)
    download = box.addButton(tr("Télécharger"), QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(choose)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is download:
        from desktop.gui.marianne_install import DOWNLOAD

        return DOWNLOAD
    if clicked is not choose:
        return None
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("Paquet @gouvfr/dsfr"), folder, f"{tr(DSFR_FILTER)};;{tr(ALL_FILTER)}"
    )
    return Path(name) if name else None


# ---------------------------------------------------------------- sending by e-mail


def ask_sender(parent: QWidget, current: str) -> str | None:
    """The office's sender, asked once (kept in the sending settings); None to back out."""
    text, ok = QInputDialog.getText(
        parent,
        tr("Expéditeur des envois"),
        tr(
            "Adresse d’expédition du service de presse, par exemple\u00a0:\n"
            "Service de presse <presse@ministere.gouv.fr>"
        ),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok and text.strip() else None


def confirm_send_again(parent: QWidget, when: str) -> bool:
    """The draft records a send already: send or prepare the message again?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Communiqué déjà envoyé"))
    box.setText(tr("Ce communiqué a déjà été envoyé le {when}.").format(when=when))
    box.setInformativeText(tr("L’envoyer ou préparer le message de nouveau\u202f?"))
    again = box.addButton(tr("Continuer"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is again


def ask_mail_route(parent: QWidget, offer: MailOffer) -> MailRoute | None:
    """*Envoyer par e-mail…*: to which lists through the SMTP server, or an .eml; None to back
    out."""
    from desktop.gui.mail_route_dialog import MailRouteDialog

    dialog = MailRouteDialog(offer, parent)
    dialog.exec()
    return dialog.route()


def send_progress(parent: QWidget) -> QProgressDialog:
    """The progress of a send to the lists, shown at once. Window-modal but not blocking: the
    send runs on a worker thread and the caller moves the bar; *Arrêter l’envoi* says
    ``canceled``. Tests need no stand-in: nothing here waits for a person."""
    return work_progress(
        parent, tr("Préparation du message…"), tr("Arrêter l’envoi"), tr("Envoi par e-mail")
    )


def work_progress(parent: QWidget, label: str, cancel: str, title: str) -> QProgressDialog:
    """A window-modal progress bar shown at once, for work on a worker thread (a send, an
    import): the caller moves it and closes it; its button says ``canceled``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(420)
    dialog.show()
    return dialog


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, "")
    return text.strip() if ok and text.strip() else None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes
