"""``approve`` and ``versions`` say who, version and where without a second pair of brackets
after a name that holds one (« Paul Martin (dircab) (version 2, …) » read badly)."""

from __future__ import annotations

import re
import socket
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.model import Release, plain_paragraph
from desktop.services.drafts import save_draft
from desktop.store.register import Register

pytestmark = pytest.mark.usefixtures("backend")


def test_approve_and_versions_read_without_doubled_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "annonce.communique"
    body = (plain_paragraph("Le ministre annonce un plan."),)
    save_draft(Release(headline="Une annonce", date=date(2026, 11, 3), body=body), draft)
    Register.open().close()
    monkeypatch.setenv("COMMUNIQUE_USER", "Claire Dupont (SIG)")
    assert main(["submit", str(draft)]) == 0
    monkeypatch.setenv("COMMUNIQUE_USER", "Paul Martin (dircab)")
    capsys.readouterr()
    assert main(["approve", str(draft)]) == 0
    said = capsys.readouterr().out.strip()
    assert re.fullmatch(
        rf"« {re.escape(str(draft))} » validé par Paul Martin \(dircab\), version 2, "
        r"empreinte [0-9a-f]+…",
        said,
    ), said
    assert main(["versions", str(draft)]) == 0
    lines = capsys.readouterr().out.splitlines()
    machine = socket.gethostname()
    assert f"Claire Dupont (SIG) — poste {machine}" in lines[0], lines[0]
    assert f"Paul Martin (dircab) — poste {machine}" in lines[1], lines[1]
    assert not any(") (" in line or "))" in line for line in lines), lines
