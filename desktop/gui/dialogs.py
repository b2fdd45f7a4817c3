"""Every modal question the window asks, in one module so tests replace them and never block."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

DRAFT_FILTER = "Brouillons Communiqué (*.communique)"
DOCX_FILTER = "Documents Word (*.docx)"
PDF_FILTER = "Documents PDF (*.pdf)"
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
    box.setText(tr("Enregistrer les modifications de « {name} » ?").format(name=name))
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
    box.setText(tr("Communiqué ne s’est pas fermé normalement. Une copie de « {name} » "
                   "a été conservée ({when}).").format(name=name, when=when))
    box.setInformativeText(tr("Récupérer cette copie ? Sinon, elle sera supprimée."))
    restore = box.addButton(tr("Récupérer"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Supprimer la copie"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def confirm_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, tr("Remplacer le fichier ?"),
        tr("« {name} » existe déjà dans ce dossier. Le remplacer ?").format(name=path.name))
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("Ouvrir un brouillon"), folder, f"{tr(DRAFT_FILTER)};;{tr(ALL_FILTER)}")
    return Path(name) if name else None


def save_path(parent: QWidget, title: str, start: Path, name_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr(name_filter))
    return Path(name) if name else None


def ask_link(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent, tr("Lien"),
        tr("Adresse du lien (https://…, ou une adresse de courriel) ; vide pour retirer le lien :"),
        QLineEdit.EchoMode.Normal, current)
    return text if ok else None
