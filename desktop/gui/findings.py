"""The *Vérifications* panel: what ``desktop.core.checks`` finds in the release on screen.

The rules live in the core, the same ones ``communique check`` prints; this module only shows
their findings, names each field in French and hands a click (or Enter) to the window, which goes
to that field. Checking waits for a pause in typing, like the preview, and never runs while the
window is being built: some rules import email and phone libraries on first use, and that cost
belongs after the window is on screen, not before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import TYPEFACE, Finding
from desktop.core.fonts import FontChoice
from desktop.core.model import Release

if TYPE_CHECKING:
    from desktop.core.checks import Spelling

DELAY_MS = 250
"""Pause in typing after which the release is checked again."""
ERROR_COLOUR = QColor("#a4161a")


def tr(text: str) -> str:
    return QCoreApplication.translate("findings", text)


def _field_names() -> dict[str, str]:
    """Each top-level key of the draft, named as the form names its field or panel."""
    return {
        "header": tr("En-tête"),
        "ministries": tr("Ministères signataires"),
        "document": tr("Document"),
        "kind": tr("Type"),
        "headline": tr("Titre"),
        "place": tr("Lieu"),
        "date": tr("Date"),
        "number": tr("Numéro"),
        "embargo": tr("Embargo"),
        "body": tr("Texte"),
        "contacts": tr("Contacts presse"),
        "event": tr("Événement"),
        "agenda": tr("Agenda"),
        "speech": tr("Orateur et prononcé"),
        "press_kit": tr("Couverture du dossier"),
    }


def _step_names() -> dict[str, str]:
    """A key inside a field (``event.venue``, ``body[2].heading``), as a reader says it."""
    return {
        "name": tr("nom"),
        "phone": tr("téléphone"),
        "email": tr("courriel"),
        "heading": tr("intertitre"),
        "figure": tr("image"),
        "table": tr("tableau"),
        "list": tr("liste"),
        "alt": tr("texte de remplacement"),
        "header": tr("en-tête"),
        "title": tr("titre"),
        "day": tr("date"),
        "start": tr("début"),
        "end": tr("fin"),
        "press_arrival": tr("arrivée de la presse"),
        "venue": tr("lieu"),
        "address": tr("adresse"),
        "accreditation_deadline": tr("date limite d’accréditation"),
        "accreditation_contact": tr("contact pour l’accréditation"),
        "programme": tr("programme"),
        "days": tr("jour"),
        "entries": tr("rendez-vous"),
        "at": tr("heure"),
        "what": tr("objet"),
        "where": tr("lieu"),
        "speaker": tr("orateur"),
        "occasion": tr("occasion"),
        "time": tr("heure"),
        "cover_alt": tr("texte de remplacement"),
    }


_ITEMS = {"header": "ligne", "body": "paragraphe"}
"""A numbered item of a top-level field: « En-tête, ligne 1 », « Texte, paragraphe 3 »."""
_COLLECTIONS = {"programme": "étape", "list": "point"}
"""A list inside a field whose items take another name than the list: « programme, étape 2 »."""


def location_label(finding: Finding) -> str:
    """``contacts[1].email`` → « Contact 2, courriel », ``event.venue`` → « Événement, lieu »:
    where a finding is, as a reader says it. A key with no French name (``text``, ``level``:
    the part of a block, not a field of the form) is left out rather than shown in English."""
    if finding.about == TYPEFACE:
        return tr("Police")
    path = finding.location.path
    if not path:
        return tr("Brouillon")
    field, rest = str(path[0]), list(path[1:])
    names, steps = _field_names(), _step_names()
    parts = [names.get(field, field)]
    if rest and isinstance(rest[0], int):
        position = int(rest.pop(0)) + 1
        if field == "contacts":
            parts = [tr("Contact {n}").format(n=position)]
        elif field in _ITEMS:
            parts.append(f"{tr(_ITEMS[field])} {position}")
        else:
            parts[0] = f"{parts[0]} {position}"
    while rest:
        step = rest.pop(0)
        if isinstance(step, int):
            continue
        name = steps.get(step)
        if name is not None and name not in parts[1:]:
            parts.append(name)
        if rest and isinstance(rest[0], int):
            position = int(rest.pop(0)) + 1
            if step in _COLLECTIONS:
                parts.append(f"{tr(_COLLECTIONS[step])} {position}")
            elif name is not None:
                parts[-1] = f"{name} {position}"
    return ", ".join(parts)


def severity_word(finding: Finding) -> str:
    return tr("Erreur") if finding.is_error else tr("Avertissement")


def describe(finding: Finding) -> str:
    """« Titre : le titre est vide. » (the message with its place, first letter capitalised)."""
    return f"{location_label(finding)}\u00a0: {finding.sentence}"


def count_text(findings: Iterable[Finding]) -> str:
    """« 1 erreur, 2 avertissements », or « Aucun problème »."""
    found = list(findings)
    errors = sum(f.is_error for f in found)
    warnings = len(found) - errors
    parts = []
    if errors:
        parts.append(
            tr("{n} erreur").format(n=errors) if errors == 1 else tr("{n} erreurs").format(n=errors)
        )
    if warnings:
        parts.append(
            tr("{n} avertissement").format(n=warnings)
            if warnings == 1
            else tr("{n} avertissements").format(n=warnings)
        )
    return ", ".join(parts) if parts else tr("Aucun problème")


class FindingsPanel(QWidget):
    """The list of findings under the form; ``activated`` gives the location to go to."""

    activated = Signal(object)
    """A finding was clicked or chosen with Enter: its draft location (``headline``…)."""
    updated = Signal()
    """The list now shows the findings of the latest release."""

    def __init__(self, font: FontChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.font_choice = font
        self.findings: list[Finding] = []
        self._release: Release | None = None
        self.speller: Callable[[], Spelling | None] = lambda: None
        """The spelling the checks use (the form's: words already found unknown, so that
        checking never waits on the dictionary)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.check_now)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Vérifications"))
        self.list.setIconSize(QSize(16, 16))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setToolTip(tr("Cliquez sur une remarque (ou Entrée) pour aller au champ."))
        self.list.itemClicked.connect(self._go)
        self.list.itemActivated.connect(self._go)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.title)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self._icons: dict[bool, QIcon] = {}
        self._show([], checked=False)

    def _icon(self, error: bool) -> QIcon:
        """The error or warning sign, made when a first finding is shown: importing ``QStyle``
        makes PySide build its enumerations as Python enums (some 550 names, a few
        milliseconds), which the window need not wait for."""
        if not self._icons:
            from PySide6.QtWidgets import QStyle

            style = self.style()
            self._icons = {
                True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            }
        return self._icons[error]

    # ------------------------------------------------------------ checking

    def set_release(self, release: Release) -> None:
        """The release changed: check it after a pause in typing."""
        self._release = release
        self._timer.start()

    def recheck(self) -> None:
        """Something the checks read besides the release changed (a word found unknown)."""
        if self._release is not None:
            self._timer.start()

    def set_font(self, font: FontChoice) -> None:
        self.font_choice = font
        if self._release is not None:
            self.check_now()

    def check_now(self, release: Release | None = None) -> list[Finding]:
        """Check ``release`` (else the latest one) at once: before an export, for instance."""
        self._timer.stop()
        if release is not None:
            self._release = release
        if self._release is None:
            return []
        from desktop.core.checks import check  # the rules load after the window is shown

        findings = check(self._release, font=self.font_choice, speller=self.speller())
        self._show(findings)
        return findings

    # ------------------------------------------------------------ showing

    def _show(self, findings: list[Finding], *, checked: bool = True) -> None:
        self.findings = findings
        self.list.clear()
        for position, finding in enumerate(findings):
            item = QListWidgetItem(
                self._icon(finding.is_error), f"{severity_word(finding)} — {describe(finding)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, position)
            item.setToolTip(f"{severity_word(finding)}\u00a0: {finding.message}")
            if finding.is_error:
                item.setForeground(ERROR_COLOUR)
            self.list.addItem(item)
        if not findings:
            text = tr("Aucun problème détecté.") if checked else tr("Vérification en cours…")
            empty = QListWidgetItem(text)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.title.setText(
            tr("<b>Vérifications</b>\u00a0: {count}").format(count=count_text(findings))
            if checked
            else tr("<b>Vérifications</b>")
        )
        self.updated.emit()

    def _go(self, item: QListWidgetItem) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(position, int) and 0 <= position < len(self.findings):
            self.activated.emit(self.findings[position])
