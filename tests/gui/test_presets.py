"""Header presets (*Modèles*), the signing ministries, and *Préférences*."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.findings import TYPEFACE, Severity, environment
from desktop.core.header import ministry_lines, ministry_presets
from desktop.core.model import GOVERNMENT
from desktop.gui.main_window import MainWindow
from desktop.gui.ministries import MinistriesDialog
from desktop.gui.preferences_dialog import PreferencesDialog
from desktop.resources import resource
from tests.helpers import Dialogs, type_text

CULTURE = "Ministère de la Culture"
INTERIOR = "Ministère de l'Intérieur"


def preset(window: MainWindow, text: str) -> None:
    menu = window.form.header_presets.menu()
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()


def test_presets_offer_the_government_and_every_ministry(window: MainWindow) -> None:
    texts = [a.text() for a in window.form.header_presets.menu().actions()]
    assert texts[0] == GOVERNMENT
    assert texts[1 : 1 + len(ministry_presets())] == [
        name.replace("'", "’") for name in ministry_presets()
    ]
    assert texts[-2:] == ["", "Gérer les modèles…"]
    assert "Ministère de l’Intérieur" in texts  # typographic apostrophe for the reader


def test_preset_sets_the_header_and_undo_restores_it(window: MainWindow) -> None:
    type_text(window.form.headline, "Saison culturelle")
    preset(window, CULTURE)
    assert window.release().header == ministry_lines(CULTURE) == ("MINISTÈRE", "DE LA CULTURE")
    assert window.actions_.undo.text() == "Annuler le choix d’un modèle d’en-tête"
    type_text(window.form.header, " ET")  # editable afterwards
    assert window.release().header == ("MINISTÈRE", "DE LA CULTURE ET")
    window.actions_.undo.trigger()
    assert window.release().header == ("MINISTÈRE", "DE LA CULTURE")
    window.actions_.undo.trigger()
    assert window.release().header == (GOVERNMENT,)
    assert window.release().headline == "Saison culturelle"


def test_two_ministries_propose_government(
    window: MainWindow, qtbot: Any, fake_dialogs: Dialogs
) -> None:
    preset(window, CULTURE)
    field = window.form.ministries
    assert field.summary.text() == "aucun indiqué"
    fake_dialogs.ministries = (CULTURE, INTERIOR)
    field.choose_button.click()
    assert window.release().ministries == (CULTURE, INTERIOR)
    assert field.summary.text() == "2 ministères (communiqué conjoint)"
    assert field.proposal_row.isVisibleTo(window)
    assert "GOUVERNEMENT" in field.proposal_label.text()
    qtbot.waitUntil(lambda: any(f.field == "header" for f in window.findings.findings))

    field.proposal_button.click()
    assert window.release().header == (GOVERNMENT,)
    assert not field.proposal_row.isVisibleTo(window)
    qtbot.waitUntil(lambda: not any(f.field == "header" for f in window.findings.findings))
    window.actions_.undo.trigger()
    assert window.release().header == ("MINISTÈRE", "DE LA CULTURE")
    window.actions_.undo.trigger()
    assert window.release().ministries == ()


def test_one_ministry_proposes_its_own_lines(window: MainWindow, fake_dialogs: Dialogs) -> None:
    fake_dialogs.ministries = (INTERIOR,)
    window.form.ministries.choose_button.click()
    field = window.form.ministries
    assert field.summary.text() == "Ministère de l’Intérieur"
    assert "MINISTÈRE / DE L’INTÉRIEUR" in field.proposal_label.text()
    field.proposal_button.click()
    assert window.release().header == ministry_lines(INTERIOR)


def test_ministries_dialog_ticks_and_filters(qtbot: Any) -> None:
    dialog = MinistriesDialog((CULTURE, "Ministère d’un gouvernement passé"))
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (CULTURE, "Ministère d’un gouvernement passé")
    dialog.filter.setText("interieur")
    shown = [i.text() for i in dialog.items() if not i.isHidden()]
    assert shown == ["Ministère de l’Intérieur"]
    item = next(i for i in dialog.items() if not i.isHidden())
    item.setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen()[:2] == (CULTURE, INTERIOR)  # the government's order


def test_draft_ministries_survive_a_save(
    make_window: Any, fake_dialogs: Dialogs, example_path: Path
) -> None:
    window = make_window(example_path)
    assert len(window.release().ministries) == 2
    assert window.form.ministries.summary.text() == "2 ministères (communiqué conjoint)"
    assert not window.form.ministries.proposal_row.isVisibleTo(window)


def test_preferences_font_folder_applies_at_once(
    window: MainWindow, fake_dialogs: Dialogs, qtbot: Any, tmp_path: Path
) -> None:
    assert window.font_label.text() == "Police\u00a0: Liberation Sans (Marianne absente)"
    qtbot.waitUntil(lambda: any(f.field == "police" for f in window.findings.findings))
    folder = tmp_path / "polices"
    folder.mkdir()
    shutil.copy(resource("fonts", "LiberationSans-Regular.ttf"), folder / "Marianne-Regular.ttf")
    fake_dialogs.font_dir = str(folder)
    window.preferences_action.trigger()
    assert window.font_label.text() == "Police\u00a0: Marianne"
    assert window.font_choice.is_marianne
    assert not any(f.field == "police" for f in window.findings.findings)
    from desktop.gui import settings

    assert window.settings.get(settings.FONT_DIR) == str(folder)


def test_police_finding_opens_the_preferences(
    window: MainWindow, fake_dialogs: Dialogs, qtbot: Any
) -> None:
    qtbot.waitUntil(lambda: any(f.field == "police" for f in window.findings.findings))
    window.go_to_finding(environment(Severity.WARNING, TYPEFACE, "police absente"))
    assert fake_dialogs.kinds() == ["preferences"]


def test_preferences_dialog_says_whether_marianne_is_found(qtbot: Any, tmp_path: Path) -> None:
    dialog = PreferencesDialog("")
    qtbot.addWidget(dialog)
    assert "introuvable" in dialog.status.text()
    (tmp_path / "Marianne-Bold.otf").write_bytes(b"")
    dialog.folder.setText(str(tmp_path))
    assert dialog.status.text().startswith("✓ Marianne trouvée")
    assert dialog.font_dir() == str(tmp_path)


def test_user_presets_are_added_edited_removed_and_offered(
    window: MainWindow, qtbot: Any, fake_dialogs: Dialogs
) -> None:
    from desktop.gui.presets_dialog import PresetsDialog
    from desktop.store.presets import load_presets, presets_path

    window.form.set_header(("PRÉFET", "DU NORD"))
    dialog = PresetsDialog(window.release().header, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.name.isEnabled()
    dialog.add()  # from the header on screen
    assert dialog.lines.toPlainText() == "PRÉFET\nDU NORD"
    dialog.name.selectAll()
    type_text(dialog.name, "Préfecture du Nord")
    dialog.add()
    dialog.name.selectAll()
    type_text(dialog.name, "Brouillon")
    dialog.remove()
    dialog.list.setCurrentRow(0)
    dialog.lines.selectAll()
    type_text(dialog.lines, "PRÉFET\nDE LA RÉGION\nHAUTS-DE-FRANCE")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert presets_path().is_file()
    [saved] = load_presets()
    assert saved.name == "Préfecture du Nord"
    assert saved.lines == ("PRÉFET", "DE LA RÉGION", "HAUTS-DE-FRANCE")

    window.form.fill_presets_menu()
    preset(window, "Préfecture du Nord")
    assert window.release().header == ("PRÉFET", "DE LA RÉGION", "HAUTS-DE-FRANCE")
    menu = window.form.header_presets.menu()
    next(a for a in menu.actions() if a.text() == "Gérer les modèles…").trigger()
    assert fake_dialogs.asked[-1] == ("presets", (window.release().header,))


def test_a_preset_without_a_name_is_refused_and_nothing_written(qtbot: Any) -> None:
    from desktop.gui.presets_dialog import PresetsDialog
    from desktop.store.presets import presets_path

    dialog = PresetsDialog(("MINISTÈRE",))
    qtbot.addWidget(dialog)
    dialog.add()
    dialog.name.clear()
    dialog.name.textEdited.emit("")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "pas de nom" in dialog.message.text()
    assert not presets_path().exists()


def test_a_signing_ministry_can_be_typed(qtbot: Any) -> None:
    dialog = MinistriesDialog((CULTURE,))
    qtbot.addWidget(dialog)
    type_text(dialog.other, "Ministère de la Mer")
    dialog.add_button.click()
    assert dialog.chosen() == (CULTURE, "Ministère de la Mer")
    dialog.other.setText("ministère de l’intérieur")  # already listed: ticked, not doubled
    dialog.add_other()
    assert dialog.chosen() == (CULTURE, INTERIOR, "Ministère de la Mer")
    assert len(dialog.items()) == len(set(i.text() for i in dialog.items()))
