"""Qt's own dialogs speak French once the application is configured."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from desktop.app import configure_application


def file_dialog_labels() -> dict[str, str]:
    dialog = QFileDialog(None, "Exporter en PDF", "", "Documents PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    dialog.deleteLater()
    return labels


def test_the_file_dialog_labels_are_french(qapp: QApplication) -> None:
    configure_application(qapp)
    labels = file_dialog_labels()
    assert labels["lookInLabel"] == "&Voir dans\u00a0:"
    assert labels["fileNameLabel"] == "&Nom de fichier\u00a0:"
    assert labels["fileTypeLabel"] == "&Type de fichier\u00a0:"


def test_a_folder_is_called_dossier(qapp: QApplication) -> None:
    configure_application(qapp)
    assert (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")
        == "Dossier"
    )
    assert QCoreApplication.translate("QFileDialog", "&New Folder") == "&Nouveau dossier"
    assert QCoreApplication.translate("QFileDialog", "Not a Qt string") == "Not a Qt string"


def test_the_apps_own_strings_are_left_as_written(qapp: QApplication) -> None:
    configure_application(qapp)
    assert QCoreApplication.translate("dialogs", "Enregistrer") == "Enregistrer"
    assert QCoreApplication.translate("QFileDialog", "&Not Qt's") == "&Not Qt's"
