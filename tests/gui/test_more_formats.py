"""*Exporter en ODT…*, *Exporter en HTML…* and *Copier le texte* in the window."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from PySide6.QtGui import QGuiApplication

from desktop.gui.main_window import MainWindow
from tests.helpers import Dialogs


def texts(menu: Any) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_menus_hold_the_new_entries(window: MainWindow) -> None:
    file_entries = texts(window.actions_.menus["file"])
    both = file_entries.index("Exporter les deu&x…")
    assert file_entries[both + 1 : both + 3] == ["Exporter en OD&T…", "Exporter en &HTML…"]
    assert "Copier le &texte" in texts(window.actions_.menus["edit"])


def test_export_odt_and_html_from_the_menu(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    window = make_window(example_path)
    fake_dialogs.paths = [tmp_path / "cp", tmp_path / "page"]
    window.actions_.exports["odt"].trigger()
    window.actions_.exports["html"].trigger()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cp.odt", "page.html"]
    with zipfile.ZipFile(tmp_path / "cp.odt") as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    page = lxml_html.document_fromstring((tmp_path / "page.html").read_bytes())
    assert page.xpath("string(//h1)").startswith("Jacqueline Gourault")
    assert "page.html" in window.last_export


def test_export_refused_while_the_release_has_errors(
    window: MainWindow, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    fake_dialogs.paths = [tmp_path / "x"]
    window.actions_.exports["odt"].trigger()
    assert fake_dialogs.kinds() == ["export refused"]
    assert list(tmp_path.iterdir()) == []


def test_copy_text_puts_plain_and_rich_text_on_the_clipboard(
    make_window: Any, example_path: Path
) -> None:
    window = make_window(example_path)
    window.more_formats["copy"].trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasText() and data.hasHtml()
    plain = data.text()
    assert plain.splitlines()[0] == "GOUVERNEMENT"
    assert "Paris, le 3\u00a0novembre 2020" in plain
    rich = lxml_html.fragment_fromstring(data.html(), create_parent="div")
    assert rich.xpath("string(.//h1)").startswith("Jacqueline Gourault")
    assert "mailto:presse@industrie.gouv.fr" in rich.xpath(".//a/@href")
    assert not rich.xpath(".//svg | .//style | .//script")


def test_quitting_after_copier_le_texte_does_not_crash(example_path: Path) -> None:
    """Qt frees the clipboard after Python has finished; a rich copy made in Python crashed
    the process on quitting (exit code 139) until it was handed back to Qt first."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.app import build_window, configure_application\n"
        "app = QApplication([])\n"
        "configure_application(app)\n"
        f"window = build_window({str(example_path)!r})\n"
        "window.copy_text()\n"
        "assert QApplication.clipboard().mimeData().hasHtml()\n"
        "window.shutdown()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_new_document_forgets_the_last_export_of_the_previous_one(
    make_window: Any, example_path: Path, fake_dialogs: Dialogs, tmp_path: Path
) -> None:
    """« Dernier export : page.html » speaks of the document on screen: after *Nouveau* the
    status bar no longer says a file was exported from a draft that never was."""
    window = make_window(example_path)
    fake_dialogs.paths = [tmp_path / "page"]
    window.actions_.exports["html"].trigger()
    assert "page.html" in window.export_label.text()
    window.new_document()
    assert window.release().headline == ""  # the new document is on screen
    assert window.export_label.text() == ""
    assert window.last_export == ""
