"""What the tests share that is not a fixture: where the example is, typing as a person does, and
the stand-ins for modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Qt is imported where it is used: the tests without Qt import this too
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resources" / "examples" / "seed.communique"
"""The release this product was born from, as a draft."""


class Dialogs:
    """Stands in for every modal dialog; records what was asked and answers as told."""

    def __init__(self) -> None:
        from desktop.gui import dialogs

        self.asked: list[tuple[str, Any]] = []
        self.save_choice = dialogs.Choice.DISCARD
        self.restore = True
        self.overwrite = True
        self.paths: list[Path] = []
        self.link: str | None = None
        self.figure: tuple[Path, str, str] | None = None
        """The answer to *Insérer une image…*: the file, its alternative text, its caption."""
        self.save_before_numbering = True
        self.new_number = False
        self.archive_removal = True
        self.cancel_reason: str | None = None
        self.delete_contact = True
        self.contact_edit: Any = None
        self.ministries: tuple[str, ...] | None = None
        self.font_dir: str | None = None
        self.first_number: tuple[int, str] | bool | None = True
        """The answer to the register's first-use question; True keeps what it proposes."""
        self.print_to: Path | None = None
        """Where the print dialog stand-in sends the pages (a PDF file); None cancels."""
        self.mail_route: Any = "eml"
        """The answer to *Envoyer par e-mail…*'s question: a ``MailRoute``; "eml" (the
        default) prepares the message file; None backs out."""

    def _next_path(self) -> Path | None:
        return self.paths.pop(0) if self.paths else None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from desktop.gui import dialogs

        def record(kind: str, answer: Callable[[], Any]) -> Callable[..., Any]:
            def stand_in(_parent: QWidget, *args: Any) -> Any:
                self.asked.append((kind, args))
                return answer()

            return stand_in

        monkeypatch.setattr(dialogs, "ask_save_changes", record("save?", lambda: self.save_choice))
        monkeypatch.setattr(dialogs, "ask_restore", record("restore?", lambda: self.restore))
        monkeypatch.setattr(
            dialogs, "confirm_overwrite", record("overwrite?", lambda: self.overwrite)
        )
        monkeypatch.setattr(dialogs, "show_error", record("error", lambda: None))
        monkeypatch.setattr(dialogs, "open_path", record("open", self._next_path))
        monkeypatch.setattr(dialogs, "save_path", record("save as", self._next_path))
        monkeypatch.setattr(dialogs, "ask_link", record("link", lambda: self.link))
        monkeypatch.setattr(dialogs, "ask_figure", record("figure", lambda: self.figure))
        monkeypatch.setattr(dialogs, "refuse_export", record("export refused", lambda: None))
        monkeypatch.setattr(
            dialogs,
            "ask_save_before_numbering",
            record("save before numbering?", lambda: self.save_before_numbering),
        )
        monkeypatch.setattr(
            dialogs,
            "ask_save_before_signoff",
            record("save before sign-off?", lambda: self.save_before_numbering),
        )
        monkeypatch.setattr(
            dialogs, "confirm_new_number", record("new number?", lambda: self.new_number)
        )
        monkeypatch.setattr(
            dialogs, "ask_cancel_reason", record("cancel reason?", lambda: self.cancel_reason)
        )
        monkeypatch.setattr(dialogs, "show_info", record("info", lambda: None))
        monkeypatch.setattr(
            dialogs,
            "confirm_archive_removal",
            record("remove from archive?", lambda: self.archive_removal),
        )
        monkeypatch.setattr(
            dialogs,
            "confirm_delete_contact",
            record("delete contact?", lambda: self.delete_contact),
        )
        monkeypatch.setattr(dialogs, "edit_contact", record("contact", lambda: self.contact_edit))
        monkeypatch.setattr(dialogs, "open_csv_path", record("open csv", self._next_path))
        monkeypatch.setattr(
            dialogs, "choose_ministries", record("ministries", lambda: self.ministries)
        )
        monkeypatch.setattr(
            dialogs, "edit_preferences", record("preferences", lambda: self.font_dir)
        )
        monkeypatch.setattr(dialogs, "ask_print", self._print)
        monkeypatch.setattr(dialogs, "ask_first_number", self._first_number)
        monkeypatch.setattr(dialogs, "manage_presets", record("presets", lambda: False))
        monkeypatch.setattr(dialogs, "ask_mail_route", record("mail route", self._mail_route))

    def _first_number(
        self, _parent: QWidget, upcoming: int, fmt: str, year: int, marked: bool = False
    ) -> tuple[int, str] | None:
        self.asked.append(("first number?", (upcoming, fmt, year, marked)))
        if self.first_number is True:
            return upcoming, fmt
        return self.first_number or None

    def _print(self, _parent: QWidget, printer: Any) -> bool:
        self.asked.append(("print", (printer,)))
        if self.print_to is None:
            return False
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return True

    def _mail_route(self) -> Any:
        from desktop.gui.mail_route_dialog import MailRoute

        return MailRoute(False) if self.mail_route == "eml" else self.mail_route

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]


def type_text(widget: QWidget, text: str) -> None:
    """Type as a person does, one key at a time; accented letters sent as text with Key_unknown
    (QTest.keyClicks aborts the process on non-ASCII: stack.md, trap 4)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        if char == "\n":
            key, sent = Qt.Key.Key_Return, "\r"
        else:
            key = (
                Qt.Key.Key_unknown
                if not char.isascii() or not char.isalnum()
                else Qt.Key(ord(char.upper()))
            )
            sent = char
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, sent)
            )


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    modifiers = Qt.KeyboardModifier.NoModifier if modifiers is None else modifiers
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def markdown_format() -> Any:
    """A throw-away format, as a new one would be declared: one ``Format``, one line to
    register it (``formats.register``); the caller unregisters it (``formats.unregister``)."""
    from desktop.usecases.formats import Format

    def render(prepared: Any, _brand: Any, _extras: Any) -> bytes:
        return f"# {prepared.headline}\n\n{prepared.draft_notice}\n".encode()

    return Format(
        "md",
        ".md",
        "Markdown",
        "Documents Markdown (*.md)",
        render,
        media_type="text/markdown",
        published="Version Markdown",
    )


def photo_jpeg(width: int = 900, height: int = 560, *, quality: int = 80) -> bytes:
    """A JPEG that looks like something (the flag's colours in bands and a disc), for figures
    and covers."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (0, 0, 145))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, max(width // 22, 2)):
        draw.rectangle(
            [x, height // 2, x + max(width // 44, 1), height - height // 12], fill=(225, 0, 15)
        )
    draw.ellipse([width // 3, height // 12, 2 * width // 3, height // 2], fill=(240, 240, 240))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def small_png(width: int = 4, height: int = 3) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 0, 145)).save(out, "PNG")
    return out.getvalue()
