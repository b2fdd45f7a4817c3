from __future__ import annotations

import io
import re

import pytest

from desktop.core.model import Release
from desktop.render.content import prepare
from desktop.services.drafts import load_draft
from desktop.usecases.export import render_formats
from tests.helpers import SEED


def squash(text: str) -> str:
    """Text as a reader compares it: no soft hyphens, no word joiner (the word processors'
    held hyphens), any space as one plain space."""
    text = text.replace("\u00ad", "").replace("\u2060", "").replace("-\n", "-")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return squash("\n".join(page.extract_text() or "" for page in reader.pages))


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    return squash("\n".join(p.text for p in document.paragraphs))


@pytest.fixture(scope="session")
def seed() -> Release:
    return load_draft(SEED)


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory, seed: Release) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seed")
    # Rendered, not exported: a session fixture runs outside the per-test register.
    for name, data in render_formats(prepare(seed), ["docx", "pdf"]).items():
        (folder / f"seed.{name}").write_bytes(data)
    return {
        "pdf": (folder / "seed.pdf").read_bytes(),
        "docx": (folder / "seed.docx").read_bytes(),
        "pdf_path": str(folder / "seed.pdf").encode(),
    }
