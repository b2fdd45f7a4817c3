"""*Envoyer par e-mail…*: send to distribution lists through the office's SMTP server, or
prepare a message (.eml) for the mail client.

The dialog only asks; what can be offered (the lists, the server, why sending is not possible
now) is worked out by the caller and handed in as a ``MailOffer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.addresses import international_warnings


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
    """The answer: send to ``lists`` and the addresses ``to``, or prepare an .eml (``send``
    False), or send a test copy to the office's own address (``test``)."""

    send: bool
    lists: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    test: bool = False


def split_addresses(text: str) -> tuple[str, ...]:
    """``a@x.fr, b@y.fr; c@z.fr`` (commas, semicolons, spaces or lines) as addresses."""
    return tuple(part for part in re.split(r"[\s,;]+", text) if part)


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
        self.addresses = QLineEdit()
        self.addresses.setPlaceholderText(self.tr("redaction@exemple.fr, agence@exemple.fr"))
        self.addresses.setAccessibleName(self.tr("Autres adresses"))
        addresses_label = QLabel(self.tr("&Autres adresses (séparées par des virgules)\u00a0:"))
        addresses_label.setBuddy(self.addresses)
        self.address_note = QLabel()
        self.address_note.setWordWrap(True)
        self.address_note.hide()
        self.server = QLabel(
            self.tr("Serveur d’envoi\u00a0: {server}").format(server=offer.server)
            if offer.server
            else ""
        )
        self.obstacle = QLabel(offer.obstacle)
        self.obstacle.setWordWrap(True)
        self.obstacle.setVisible(bool(offer.obstacle))
        buttons = self._buttons()
        self.lists.itemChanged.connect(lambda _item: self._update())
        self.addresses.textChanged.connect(lambda _text: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(lists_label)
        layout.addWidget(self.lists, 1)
        layout.addWidget(addresses_label)
        layout.addWidget(self.addresses)
        layout.addWidget(self.address_note)
        layout.addWidget(self.server)
        layout.addWidget(self.obstacle)
        layout.addWidget(buttons)
        self.resize(520, 360)
        self._update()

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.send_button = QPushButton(self.tr("&Envoyer"))
        self.eml_button = QPushButton(self.tr("&Préparer un message (.eml)"))
        self.test_button = QPushButton(self.tr("&Test à moi-même"))
        self.test_button.setToolTip(
            self.tr("Envoyer un exemplaire marqué [TEST] à l’adresse d’expédition du service")
        )
        cancel = QPushButton(self.tr("Annuler"))
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.eml_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self._send)
        self.eml_button.clicked.connect(self._eml)
        self.test_button.clicked.connect(self._test)
        cancel.clicked.connect(self.reject)
        return buttons

    def chosen_lists(self) -> tuple[str, ...]:
        found = []
        for row in range(self.lists.count()):
            item = self.lists.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(item.text())
        return tuple(found)

    def chosen_addresses(self) -> tuple[str, ...]:
        return split_addresses(self.addresses.text())

    def _update(self) -> None:
        can_send = not self.offer.obstacle and bool(self.chosen_lists() or self.chosen_addresses())
        self.send_button.setEnabled(can_send)
        self.test_button.setEnabled(bool(self.offer.server))
        self.lists.setEnabled(not self.offer.obstacle)
        self.addresses.setEnabled(not self.offer.obstacle)
        (self.send_button if can_send else self.eml_button).setDefault(True)
        notes = international_warnings(self.chosen_addresses())
        self.address_note.setText("\n".join(notes))
        self.address_note.setVisible(bool(notes))

    def _send(self) -> None:
        self._route = MailRoute(True, self.chosen_lists(), self.chosen_addresses())
        self.accept()

    def _test(self) -> None:
        self._route = MailRoute(True, test=True)
        self.accept()

    def _eml(self) -> None:
        self._route = MailRoute(False)
        self.accept()

    def route(self) -> MailRoute | None:
        """The choice once the dialog is closed; None when cancelled."""
        return self._route
