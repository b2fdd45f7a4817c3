"""*Fichier › Envoyer par e-mail…* and *Outils › Listes de diffusion…* in the app."""

from __future__ import annotations

import email
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from desktop.core.model import SendRecord
from desktop.gui import dialogs
from desktop.gui.mailing_dialog import MailingListsDialog
from desktop.gui.main_window import MainWindow
from desktop.services import paths
from desktop.services.drafts import load_draft, save_draft
from desktop.store.mailing_lists import MailingLists
from tests.helpers import Dialogs

SENDER = "Service de presse <presse@example.gouv.fr>"


def seed_window(
    make_window: Callable[..., MainWindow], tmp_path: Path, example_path: Path
) -> MainWindow:
    draft = tmp_path / "seed.communique"
    save_draft(load_draft(example_path), draft)
    return make_window(draft)


def test_send_by_email_writes_the_message_and_opens_it(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    window = seed_window(make_window, tmp_path, example_path)
    urls: list[QUrl] = []
    window.mailing.open_url = lambda url: urls.append(url) is None
    entries = [a.text() for a in window.actions_.menus["file"].actions()]
    last_export = max(i for i, text in enumerate(entries) if text.startswith("Exporter "))
    assert entries.index("Envoyer par e-&mail…") == last_export + 1
    window.mailing_actions["send"].trigger()
    [url] = urls
    path = Path(url.toLocalFile())
    assert path.parent == paths.cache_dir() / "envoi"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and str(message["From"]) == SENDER
    assert message["Subject"].startswith("Jacqueline Gourault")
    assert [a.get_filename() for a in message.iter_attachments()] == [
        "communique-2020-11-03-n350.pdf"
    ]
    [(title, text, details)] = [args for kind, args in fake_dialogs.asked if kind == "info"]
    assert title == "Message prêt" and text.endswith(f"ici\u00a0: {path}")
    assert "l’application que le système associe aux fichiers .eml" in details


def test_the_eml_message_says_when_no_application_opened_it(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    window = seed_window(make_window, tmp_path, example_path)
    window.mailing.open_url = lambda _url: False  # no application for .eml files
    path = window.mailing.send_by_email()
    assert path is not None and path.is_file()
    [(title, text, details)] = [args for kind, args in fake_dialogs.asked if kind == "info"]
    assert title == "Message enregistré" and str(path) in text
    assert details.startswith("Aucune application n’a pu l’ouvrir")
    assert "PROJET" not in details  # no register: sign-off does not apply


def test_the_sender_is_asked_once_and_kept(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COMMUNIQUE_SENDER", raising=False)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_sender", lambda _p, current: asked.append(current) or SENDER)
    window = seed_window(make_window, tmp_path, example_path)
    window.mailing.open_url = lambda _url: True
    assert window.mailing.send_by_email() is not None
    assert window.mailing.send_by_email() is not None
    assert len(asked) == 1
    kept = json.loads((paths.config_dir() / "envoi.json").read_text(encoding="utf-8"))
    assert kept["sender"] == SENDER


def test_a_release_with_errors_is_not_sent(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    window = make_window()  # a new, empty release: no headline is an error
    urls: list[QUrl] = []
    window.mailing.open_url = lambda url: urls.append(url) is None
    assert window.mailing.send_by_email() is None
    assert urls == [] and "export refused" in fake_dialogs.kinds()


def test_a_release_already_sent_asks_first(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    sent = SendRecord(at=datetime(2026, 11, 26, 10, tzinfo=UTC), recipients=3)
    release = replace(load_draft(example_path), sends=(sent,))
    draft = tmp_path / "sent.communique"
    save_draft(release, draft)
    window = make_window(draft)
    window.mailing.open_url = lambda _url: True
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs,
        "confirm_send_again",
        lambda _p, when: asked.append(when) is None and answers.pop(0),
    )
    assert window.mailing.send_by_email() is None
    assert window.mailing.send_by_email() is not None
    assert asked == ["26\u00a0novembre 2026 à 11\u00a0h"] * 2  # 10:00 UTC, said in Paris time


def test_the_lists_dialog(
    qtbot: Any, tmp_path: Path, fake_dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ["presse", "anne@example.org"]
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: answers.pop(0))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    store = MailingLists.open()
    dialog = MailingListsDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled()
    dialog.new_list.click()
    assert dialog.current() == "presse"
    dialog.add_button.click()
    source = tmp_path / "j.csv"
    source.write_text(
        "nom;organisation;e-mail\nPaul Martin;AFP;paul@example.org\n", encoding="utf-8"
    )
    assert dialog.import_file("presse", source)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 2).text() == "AFP"
    assert dialog.table.item(1, 3).text() == "intérêt-légitime"
    dialog.table.selectRow(0)
    assert dialog.selected_address() == "anne@example.org"
    dialog.object_button.click()
    assert dialog.table.rowCount() == 1
    assert store.is_objected("anne@example.org")
    dialog.table.selectRow(0)
    dialog.forget_button.click()
    assert dialog.table.rowCount() == 0
    store.close()


def test_the_window_s_eml_is_recorded_in_the_history(
    make_window: Callable[..., MainWindow],
    fake_dialogs: Dialogs,
    tmp_path: Path,
    example_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.store.outputs import outputs_of
    from desktop.store.register import Register

    monkeypatch.setenv("COMMUNIQUE_SENDER", SENDER)
    Register.open().close()  # an office with a register: sign-off applies
    window = seed_window(make_window, tmp_path, example_path)
    window.mailing.open_url = lambda _url: True
    path = window.mailing.send_by_email()
    assert path is not None
    with Register.open() as register:
        [line] = outputs_of(register, window.document.release)
    assert (line.kind, line.state) == ("eml", "brouillon")
    assert Path(line.files[0].path) == path.absolute()
    [(_title, _text, details)] = [args for kind, args in fake_dialogs.asked if kind == "info"]
    assert "PROJET" in details


def test_settings_that_cannot_be_read_are_said_by_the_window_s_one_catch(
    window: MainWindow, fake_dialogs: Dialogs, example_path: Path
) -> None:
    (paths.config_dir() / "envoi.json").parent.mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "envoi.json").write_bytes(b"\xff{ pas du JSON")
    window.document.replace_release(load_draft(example_path), "essai")
    window.mailing_actions["send"].trigger()
    kind, (title, text) = fake_dialogs.asked[-1]
    assert (kind, title) == ("error", "Opération impossible")
    assert "réglages d’envoi" in text and "illisibles" in text
