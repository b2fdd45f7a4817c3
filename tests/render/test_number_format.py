"""The register's display format reaches the outputs, and the seed's form is the default."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.cli import main
from desktop.render.content import prepare
from desktop.services.drafts import load_draft
from desktop.store.register import Register, issue_draft
from tests.render.conftest import docx_text, pdf_text


def test_without_a_register_the_number_reads_as_in_the_seed(example_path: Path) -> None:
    assert prepare(load_draft(example_path)).number == "N°350"


def test_a_yearly_format_set_in_the_register_is_printed(tmp_path: Path, example_path: Path) -> None:
    draft = tmp_path / "r.communique"
    shutil.copy(example_path, draft)
    with Register.open() as register:
        register.set_policy(yearly=True, fmt="CP n° {year}-{n:03d}")
        outcome = issue_draft(draft, register=register, new=True)
    assert outcome.entry.number == 1
    assert main(["export", str(draft)]) == 0
    assert "CP n° 2020-001" in pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "CP n° 2020-001" in docx_text((tmp_path / "r.docx").read_bytes())


def test_a_number_is_printed_as_issued_after_the_format_changes(
    tmp_path: Path, example_path: Path
) -> None:
    draft = tmp_path / "r.communique"
    shutil.copy(example_path, draft)
    with Register.open() as register:
        register.set_next(352)
        issue_draft(draft, register=register, new=True)
        register.set_policy(fmt="CP n° {year}-{n:03d}")
    assert prepare(load_draft(draft)).number == "N°352"
    assert main(["export", str(draft)]) == 0
    pdf = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "N°352" in pdf and "CP n°" not in pdf
    assert "N°352" in docx_text((tmp_path / "r.docx").read_bytes())
