"""What the app and the checks say is set in French typography: ’, and no-break spaces before
« : », inside « », and (narrow) before « ; ? ! »: « L’embargo », not « L'embargo »."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.checks import check
from desktop.core.fonts import choose_font
from tests.core.test_checks import BAD_CASES, GOOD, MARIANNE, NOW

ROOT = Path(__file__).resolve().parents[1]
STRAIGHT = re.compile(r"[^\W\d_]'[^\W\d_]")
"""An apostrophe between letters (« L'embargo »)."""
LOOSE = re.compile(r" [:;?!»]|« ")
"""A breakable space where French typography wants a no-break one."""


def typography_faults(text: str) -> list[str]:
    return [m.group() for m in (*STRAIGHT.finditer(text), *LOOSE.finditer(text))]


CHANGES = [change for change, _ in BAD_CASES]


@pytest.mark.parametrize("change", CHANGES)
def test_check_messages(change: dict[str, object]) -> None:
    for font in (MARIANNE, choose_font()):
        for finding in check(replace(GOOD, **change), font=font, now=NOW):  # type: ignore[arg-type]
            assert typography_faults(finding.message) == [], finding.message


def test_the_panel_and_dialogs_say_a_finding_with_a_no_break_space() -> None:
    from desktop.gui.findings import describe

    for change in CHANGES:
        for finding in check(replace(GOOD, **change), font=choose_font(), now=NOW):  # type: ignore[arg-type]
            assert typography_faults(describe(finding)) == [], describe(finding)


def interface_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module of the app, docstrings left out."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
        if token.type == tokenize.STRING and not token.string.startswith(('"""', "r", "'")):
            found.append(
                (
                    token.start[0],
                    token.string.encode().decode("unicode_escape")
                    if "\\u" in token.string
                    else token.string,
                )
            )
    return found


@pytest.mark.parametrize(
    "module", sorted((ROOT / "desktop" / "gui").glob("*.py")), ids=lambda p: p.name
)
def test_interface_text(module: Path) -> None:
    faults = [(line, text) for line, text in interface_strings(module) if typography_faults(text)]
    assert faults == []


def test_the_user_guide() -> None:
    text = (ROOT / "resources" / "guide" / "guide.md").read_text(encoding="utf-8")
    assert typography_faults(text.replace("`", "")) == []


@pytest.mark.parametrize(
    "module",
    [
        "core/checks.py",
        "core/draft.py",
        "services/files.py",
        "store/directory.py",
        "store/contact_files.py",
        "store/presets.py",
        "store/number_formats.py",
        "resources.py",
        "store/register.py",
        "store/database.py",
        "store/mailing_lists.py",
        "services/smtp_send.py",
        "store/send_log.py",
        "render/mail.py",
        "services/spelling.py",
        "store/office_dictionary.py",
        "store/database_pg.py",
        "store/register_transfer.py",
        "store/register_errors.py",
        "store/signoff.py",
        "usecases/number_lookup.py",
        "usecases/corrections.py",
        "usecases/gate.py",
        "usecases/export.py",
        "usecases/publish.py",
        "usecases/formats.py",
        "store/outputs.py",
        "usecases/mail.py",
        "usecases/mail_sending.py",
        "core/release_diff.py",
        "core/kind_checks.py",
        "core/event.py",
        "core/event_draft.py",
        "core/agenda_draft.py",
        "render/event_content.py",
        "render/agenda_content.py",
        "render/calendar_content.py",
        *(
            f"commands/{p.name}"
            for p in sorted((ROOT / "desktop" / "commands").glob("*.py"))
            if p.name != "argparse_fr.py"
        ),
    ],
)
def test_messages_of_the_core_and_the_command_line_take_the_typographic_apostrophe(
    module: str,
) -> None:
    faults = [
        (line, text)
        for line, text in interface_strings(ROOT / "desktop" / module)
        if STRAIGHT.search(text)
    ]
    assert faults == []
