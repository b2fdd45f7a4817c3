"""*Envoyer par e-mail…*: send to distribution lists through the office's SMTP server, or
prepare a message (.eml) for the mail client.

The dialog only asks; what can be offered (the lists, the server, why sending is not possible
now) is worked out by the caller and handed in as a ``MailOffer``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class MailOffer:
    lists: tuple[str, ...]
    """The distribution lists, by name."""
    server: str
    """The SMTP server as a person reads it (``mail.example.gouv.fr:587``); empty when none."""
    obstacle: str = ""
    """Why the release cannot go to the lists now (French sentence); empty when it can."""


@dataclass(frozen=True)
class MailRoute:
    """The answer: send to ``lists``, or prepare an .eml (``send`` False)."""

    send: bool
    lists: tuple[str, ...] = ()


class MailRouteDialog(QDialog):
    def __init__(self, offer: MailOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self._route: MailRoute | None = None
        self.setWindowTitle(self.tr("Envoyer par e-mail"))
        intro = QLabel(
            self.tr(
                "Envoyer le communiqué aux listes de diffusion par le serveur d’envoi (chaque "
                "destinataire reçoit son propre exemplaire), ou préparer un message à ouvrir "
                "dans votre messagerie."
            )
        )
        intro.setWordWrap(True)
        self.lists = QListWidget()
        self.lists.setAccessibleName(self.tr("Listes de diffusion"))
        for name in offer.lists:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.lists.addItem(item)
        if len(offer.lists) == 1:
            first = self.lists.item(0)
            if first is not None:
                first.setCheckState(Qt.CheckState.Checked)
        lists_label = QLabel(self.tr("&Listes de diffusion\u00a0:"))
        lists_label.setBuddy(self.lists)
        self.server = QLabel(
            self.tr("Serveur d’envoi\u00a0: {server}").format(server=offer.server)
            if offer.server
            else ""
        )
        self.obstacle = QLabel(offer.obstacle)
        self.obstacle.setWordWrap(True)
        self.obstacle.setVisible(bool(offer.obstacle))
        buttons = QDialogButtonBox()
        self.send_button = QPushButton(self.tr("&Envoyer"))
        self.eml_button = QPushButton(self.tr("&Préparer un message (.eml)"))
        cancel = QPushButton(self.tr("Annuler"))
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.eml_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self._send)
        self.eml_button.clicked.connect(self._eml)
        cancel.clicked.connect(self.reject)
        self.lists.itemChanged.connect(lambda _item: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(lists_label)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.server)
        layout.addWidget(self.obstacle)
        layout.addWidget(buttons)
        self.resize(520, 360)
        self._update()

    def chosen_lists(self) -> tuple[str, ...]:
        found = []
        for row in range(self.lists.count()):
            item = self.lists.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(item.text())
        return tuple(found)

    def _update(self) -> None:
        can_send = not self.offer.obstacle and bool(self.chosen_lists())
        self.send_button.setEnabled(can_send)
        self.lists.setEnabled(not self.offer.obstacle)
        (self.send_button if can_send else self.eml_button).setDefault(True)

    def _send(self) -> None:
        self._route = MailRoute(True, self.chosen_lists())
        self.accept()

    def _eml(self) -> None:
        self._route = MailRoute(False)
        self.accept()

    def route(self) -> MailRoute | None:
        """The choice once the dialog is closed; None when cancelled."""
        return self._route
