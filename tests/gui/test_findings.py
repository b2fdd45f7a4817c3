"""The Vérifications panel follows the typing, goes to the field, and export refuses errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.findings import warning
from desktop.gui.findings import count_text, location_label
from desktop.gui.main_window import MainWindow
from tests.helpers import ROOT, Dialogs, press, type_text


def fields(window: MainWindow, *, errors: bool | None = None) -> list[str]:
    return [f.field for f in window.findings.findings if errors is None or f.is_error == errors]


def item_texts(window: MainWindow) -> list[str]:
    listing = window.findings.list
    return [listing.item(i).text() for i in range(listing.count())]


def test_findings_appear_and_go_as_you_type(window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: "headline" in fields(window, errors=True))
    assert any(
        text.startswith("Erreur — Titre\u00a0: Le titre est vide.") for text in item_texts(window)
    )
    assert "erreur" in window.findings_label.text()

    type_text(window.form.headline, "Le le plan")
    qtbot.waitUntil(lambda: "headline" in fields(window, errors=False))
    assert "headline" not in fields(window, errors=True)
    warning = next(t for t in item_texts(window) if t.startswith("Avertissement — Titre"))
    assert "«\u00a0Le le\u00a0»" in warning
    assert "avertissement" in window.findings.title.text()

    window.form.headline.selectAll()
    press(window.form.headline, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: "headline" in fields(window, errors=True))
    assert "headline" not in fields(window, errors=False)


def test_typing_is_checked_once_after_a_pause(window: MainWindow, qtbot: Any) -> None:
    """Coalesced like the preview: a burst of keys is one check, not one per key."""
    qtbot.waitUntil(lambda: bool(window.findings.findings))
    with qtbot.waitSignal(window.findings.updated, timeout=2000):
        type_text(window.form.headline, "Un titre sans faute")
    assert "headline" not in fields(window)
    assert window.findings.findings == window.findings.check_now(window.release())


def test_clicking_a_finding_goes_to_its_field(window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: "headline" in fields(window))
    listing = window.findings.list
    row = next(i for i, f in enumerate(window.findings.findings) if f.field == "headline")
    window.form.place.setFocus()
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.form.headline.hasFocus()


def test_enter_on_a_finding_goes_to_a_contact_field(window: MainWindow, qtbot: Any) -> None:
    window.form.contacts.add_button.click()
    type_text(window.form.contacts.rows[0].name, "Cabinet")
    type_text(window.form.contacts.rows[0].email, "presse@@culture")
    qtbot.waitUntil(lambda: "contacts[0].email" in fields(window, errors=True))
    listing = window.findings.list
    row = next(i for i, f in enumerate(window.findings.findings) if f.field == "contacts[0].email")
    assert listing.item(row).text().startswith("Erreur — Contact 1, courriel\u00a0: ")
    listing.setFocus()
    listing.setCurrentRow(row)
    press(listing, Qt.Key.Key_Return)
    assert window.form.contacts.rows[0].email.hasFocus()


def test_export_with_errors_is_refused_and_writes_nothing(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    fake_dialogs.paths = [tmp_path / "cp"]
    assert not window.export("both")
    assert fake_dialogs.kinds() == ["export refused"]  # refused before a file name is asked
    _, (errors,) = fake_dialogs.asked[0]
    assert "Titre\u00a0: Le titre est vide." in errors
    assert not window.export_to(pdf=tmp_path / "cp.pdf", docx=tmp_path / "cp.docx")
    assert list(tmp_path.iterdir()) == []
    assert "headline" in fields(window, errors=True)  # the panel shows them at once


def test_export_with_warnings_only_goes_ahead(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window(example_path)
    assert window.export_to(docx=tmp_path / "cp.docx")
    assert (tmp_path / "cp.docx").is_file()
    assert "export refused" not in fake_dialogs.kinds()
    assert "avertissement" in window.statusBar().currentMessage()


def test_locations_and_counts_in_french() -> None:
    QApplication.instance()
    assert location_label(warning("contacts[1].phone", "x")) == "Contact 2, téléphone"
    assert location_label(warning("header[0]", "x")) == "En-tête, ligne 1"
    assert location_label(warning("body[2]", "x")) == "Texte, paragraphe 3"
    assert location_label(warning("embargo", "x")) == "Embargo"
    assert count_text([]) == "Aucun problème"


def test_checks_stay_off_the_start_up_path() -> None:
    """Building the window imports neither the e-mail nor the phone library: the first check
    runs from the event loop, once the window is up."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.app import build_window, configure_application\n"
        "configure_application(app)\n"
        "w = build_window(); w.show()\n"
        "print(sorted(m for m in ('email_validator', 'phonenumbers') if m in sys.modules))\n"
        "w.preview.shutdown()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("where", "label"),
    [
        ("event", "Événement"),
        ("event.title", "Événement, titre"),
        ("event.day", "Événement, date"),
        ("event.start", "Événement, début"),
        ("event.end", "Événement, fin"),
        ("event.press_arrival", "Événement, arrivée de la presse"),
        ("event.venue", "Événement, lieu"),
        ("event.address", "Événement, adresse"),
        ("event.accreditation_deadline", "Événement, date limite d’accréditation"),
        ("event.accreditation_contact", "Événement, contact pour l’accréditation"),
        ("event.programme[1].at", "Événement, programme, étape 2, heure"),
        ("agenda", "Agenda"),
        ("agenda.days[0].day", "Agenda, jour 1, date"),
        ("agenda.days[2].entries[1].what", "Agenda, jour 3, rendez-vous 2, objet"),
        ("agenda.days[2].entries[1].at", "Agenda, jour 3, rendez-vous 2, heure"),
        ("speech.speaker", "Orateur et prononcé, orateur"),
        ("speech.time", "Orateur et prononcé, heure"),
        ("press_kit.cover_alt", "Couverture du dossier, texte de remplacement"),
        ("body[2].heading.text", "Texte, paragraphe 3, intertitre"),
        ("body[2].heading.level", "Texte, paragraphe 3, intertitre"),
        ("body[0].figure.alt", "Texte, paragraphe 1, image, texte de remplacement"),
        ("body[4].table.header", "Texte, paragraphe 5, tableau, en-tête"),
        ("body[1].list[0][1].text", "Texte, paragraphe 2, liste, point 1"),
    ],
)
def test_kind_locations_in_french(where: str, label: str) -> None:
    """The checks of an invitation, an agenda, a speech or a press kit name their field as the
    form does, never by the draft's English key (« event », « speech », « heading »)."""
    QApplication.instance()
    assert location_label(warning(where, "x")) == label
