"""*Fichier › Publier dans l’espace presse…*: the window publishes the release on screen as
``communique publish`` does (same use case, same gate), so a press officer needs no terminal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from desktop.gui import publishing, settings
from desktop.store.register import Register
from tests.helpers import Dialogs


@pytest.fixture
def draft(example_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cp.communique"
    shutil.copy(example_path, copy)
    return copy


def test_publish_is_in_the_file_menu_after_the_mail(make_window: Any, draft: Path) -> None:
    window = make_window(draft)
    entries = [a.text() for a in window.actions_.menus["file"].actions() if not a.isSeparator()]
    mail = entries.index("Envoyer par e-&mail…")
    assert entries[mail + 1] == "Publier dans l’espa&ce presse…"


def test_the_window_publishes_the_page_its_files_the_index_and_the_feed(
    make_window: Any, draft: Path, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: Any
) -> None:
    site = tmp_path / "salle"
    asked: list[str] = []

    def choose(_parent: QWidget, folder: str) -> Path:
        asked.append(folder)
        return site

    monkeypatch.setattr(publishing, "choose_press_room", choose)
    window = make_window(draft)
    window.publish_action.trigger()
    pages = sorted(p.name for p in site.glob("*.html"))
    assert len(pages) == 2 and "index.html" in pages
    page = next(site / p for p in pages if p != "index.html")
    assert "Béthune-Bruay" in page.read_text(encoding="utf-8")
    assert page.with_suffix(".pdf").exists() and page.with_suffix(".odt").exists()
    assert (site / "feed.xml").exists()
    [(title, text, details)] = [args for kind, args in fake_dialogs.asked if kind == "info"]
    assert title == "Communiqué publié" and page.name in text and str(site / "feed.xml") in details
    assert window.settings.get(settings.PRESS_ROOM_DIR) == str(site)
    window.publish_action.trigger()  # the folder is proposed again
    assert asked == ["", str(site)]


def test_an_unapproved_release_is_refused_in_french_and_nothing_is_written(
    make_window: Any, draft: Path, fake_dialogs: Dialogs, tmp_path: Path, monkeypatch: Any
) -> None:
    Register.open().close()  # the office has a register: sign-off applies
    site = tmp_path / "salle"
    monkeypatch.setattr(publishing, "choose_press_room", lambda _parent, _folder: site)
    window = make_window(draft)
    window.publish_action.trigger()
    [(_title, text, *_rest)] = [a for kind, a in fake_dialogs.asked if kind == "error"]
    assert "pas validé" in text and "Traceback" not in text
    assert not list(site.glob("*.html")) if site.exists() else True


def test_an_approved_release_is_published_and_becomes_diffuse(
    make_window: Any, draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Register.open().close()
    window = make_window(draft)
    monkeypatch.setenv("COMMUNIQUE_USER", "Léa Martin")
    assert window.signoff.submit()
    monkeypatch.setenv("COMMUNIQUE_USER", "Cabinet")
    assert window.signoff.approve()
    page = window.publishing.publish(tmp_path / "salle")
    assert page is not None and page.exists()
    assert window.signoff.state_label.text() == "État\u00a0: diffusé"
