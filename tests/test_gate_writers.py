"""Nothing writes a file or sends a message around the gate (issue 19, item 2).

Every call of ``desktop/`` that writes, renames, opens a database or sends (``tests/writers.py``)
is either the gate's (``usecases.gate`` and the atomic writing it is built on) or one of the
internal state writers listed below, each with its reason. A new writer fails the test until it
goes through the gate (``gate.send_out``, ``gate.write_file``) or is listed here; an entry no
longer needed fails it too, so the list only says what is true.
"""

from __future__ import annotations

import ast

from tests.writers import _Scan, writers

GATE = {
    ("desktop.usecases.gate", "send_out"): "the files of cleared releases",
    ("desktop.usecases.gate", "write_file"): "a file that is not a release, guarded",
    ("desktop.services.files", "atomic_write"): "the atomic writing the gate is built on",
    ("desktop.services.files", "atomic_write_all"): "the atomic writing the gate is built on",
    ("desktop.services.files", "_stage"): "the atomic writing's temporary file",
    ("desktop.services.files", "_keep"): "the atomic writing's copy of a file it may restore",
    ("desktop.services.files", "_restore"): "the atomic writing undoing a half-done write",
}

INTERNAL_STATE = {
    ("desktop.services.drafts", "save_draft"): "the draft itself (Enregistrer, a number given)",
    ("desktop.services.autosave", "AutosaveSession.save"): "the autosave of the open draft",
    ("desktop.store.presets", "save_presets"): "the header presets, a setting",
    ("desktop.services.smtp_send", "save_sender"): "the sender, a setting of sending",
    ("desktop.services.mail_settings", "save"): "the e-mail settings of Préférences, 0600",
    ("desktop.services.logs", "setup"): "the log file",
    ("desktop.services.logs", "RotatingFileHandler._open"): "the log file, created 0600",
    ("desktop.core.header_width", "_metrics"): "font metrics, a cache",
    ("desktop.render.docx", "_base_document"): "the DOCX base document, a cache",
    ("desktop.render.pdf", "_brand_picture"): "the bloc-marque pictures, a cache",
    ("desktop.services.spelling", "_prepare_config_dir"): "the Hunspell files' copy, a cache",
    ("desktop.services.marianne", "install_marianne"): "the Marianne fonts, installed",
    ("desktop.store.database", "SqliteDatabase.open_file"): "the register database",
    ("desktop.store.database", "SqliteDatabase._open_read_only"): "the register, read-only",
    ("desktop.store.database", "SqliteDatabase.backup"): "the register's copy before an upgrade",
    ("desktop.store.database", "SqliteDatabase.scrub_backups"): (
        "an erased address erased from the register's copies too (lists forget)"
    ),
    ("desktop.store.database_pg", "connect"): "the register database on a server",
    ("desktop.services.portable", "_lock_file"): (
        "the lock file beside a draft being numbered (Windows branch), removed at once"
    ),
    ("desktop.cli", "_quiet_stdout"): (
        "standard output pointed at the null device once its reader has gone (no file written)"
    ),
    ("desktop.services.smtp_send", "_attempt"): (
        "the SMTP transport, reached only through the mail use case, after its gate "
        "(see test_only_the_mail_use_case_sends)"
    ),
}


def test_every_writer_is_the_gate_or_a_listed_internal_state_writer() -> None:
    found = list(writers())
    allowed = GATE.keys() | INTERNAL_STATE.keys()
    bypassing = sorted(
        f"{w.module}.{w.function}: {w.call} (line {w.line})" for w in found if w.key not in allowed
    )
    assert bypassing == [], "write through desktop.usecases.gate, or list it with a reason"


def test_the_lists_hold_no_stale_entry() -> None:
    seen = {w.key for w in writers()}
    assert sorted(GATE.keys() - seen) == []
    assert sorted(INTERNAL_STATE.keys() - seen) == []


SENDERS = {"desktop.usecases.mail", "desktop.usecases.mail_sending"}
"""The modules that hand a message to SMTP (``smtp_send.deliver``): the mail use case. Each of
its sending functions takes a ``gate.Clearance`` for its purpose (``gate.clear``: errors, then
sign-off; ``mail.require`` refuses one given for another purpose) and records what left through
``gate.record`` (the register's history)."""


def _imports_deliver(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "desktop.services.smtp_send"
        and any(a.name in ("deliver", "_send_batch") for a in node.names)
        for node in ast.walk(tree)
    )


def test_only_the_mail_use_case_sends() -> None:
    from tests.writers import PACKAGE, module_name

    found = {
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if _imports_deliver(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found == SENDERS


def _calls(node: ast.AST) -> set[str]:
    """The dotted names ``node`` calls: ``gate.record``, ``require``, ``deliver``…"""
    called = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            if isinstance(func, ast.Name):
                called.add(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                called.add(f"{func.value.id}.{func.attr}")
    return called


def test_every_send_is_cleared_for_its_purpose_and_recorded_by_the_gate() -> None:
    from tests.writers import PACKAGE, module_name

    checked = set()
    for path in PACKAGE.rglob("*.py"):
        if module_name(path) not in SENDERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {
            node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
        }
        for name, function in functions.items():
            called = _calls(function)
            if "deliver" not in called:
                continue
            reached = set(called)
            for helper in called & functions.keys():  # one level of the module's own helpers
                reached |= _calls(functions[helper])
            assert "require" in called, f"{name} sends without checking its clearance"
            assert "gate.record" in reached, f"{name} sends without recording it"
            checked.add(name)
    assert checked == {"send_test", "_send_held"}  # send_to_lists' part once the lock is held


def _scan(source: str) -> list[tuple[str, str]]:
    scan = _Scan("desktop.example")
    scan.visit(ast.parse(source))
    return [(w.function, w.call) for w in scan.found]


def test_the_scan_sees_each_way_of_writing() -> None:
    source = """
import os, shutil, smtplib, sqlite3, tempfile
from pathlib import Path

def a(p): Path(p).write_bytes(b"x")
def b(p): p.write_text("x")
def c(p):
    with open(p, "w") as f: f.write("x")
def d(p):
    with p.open(mode="ab") as f: f.write(b"x")
def e(p, q): shutil.copy2(p, q)
def f(p, q): os.replace(p, q)
def g(p, q): p.replace(q)
def h(p): os.open(p, os.O_WRONLY | os.O_CREAT)
def i(): tempfile.mkstemp()
def j(s, m): s.sendmail("a", ["b"], m)
def k(p): sqlite3.connect(p)
class K:
    def m(self, p): atomic_write(p, b"")
def readers(p):
    open(p).read(); p.open("rb"); os.open(p, os.O_RDONLY); "a".replace("a", "b"); {}.copy()
"""
    assert _scan(source) == [
        ("a", "write_bytes"),
        ("b", "write_text"),
        ("c", "open('w')"),
        ("d", "open('ab')"),
        ("e", "shutil.copy2"),
        ("f", "os.replace"),
        ("g", "Path.replace"),
        ("h", "os.open (writing)"),
        ("i", "mkstemp"),
        ("j", "sendmail"),
        ("k", "sqlite3.connect"),
        ("K.m", "atomic_write"),
    ]
