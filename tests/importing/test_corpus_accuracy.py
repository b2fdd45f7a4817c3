"""Issue 25, item 2: importing a corpus of releases written by other tools, the fields
recognised are measured, printed and held to a floor; every draft exports or says why; no source
file changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.services.drafts import load_draft
from desktop.usecases.importing import import_files
from tests.importing.accuracy import Score, score
from tests.importing.corpus import Sample, build, printed_label


def _sums(samples: list[Sample]) -> dict[Path, str]:
    return {s.path: hashlib.sha256(s.path.read_bytes()).hexdigest() for s in samples}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.mark.slow
def test_the_corpus_is_recognised_well_enough(corpus: list[Sample], tmp_path: Path) -> None:
    assert len(corpus) >= 30
    kinds = {s.path.suffix for s in corpus}
    assert {".docx", ".odt", ".txt", ".eml"} <= kinds
    before = _sums(corpus)
    out = tmp_path / "brouillons"
    out.mkdir()
    imported = import_files([s.path for s in corpus], out)
    assert [i.refused for i in imported if i.refused] == []
    assert _sums(corpus) == before  # no source file changed
    result = Score()
    for sample, done in zip(corpus, imported, strict=True):
        assert done.draft is not None and done.draft.parent == out
        release = load_draft(done.draft)  # what was written reads back as a draft
        label = printed_label(sample.expected, sample.layout)
        score(release, sample.expected, result, f"{sample.path.name} ({sample.layout})", label)
    print(f"\n{len(corpus)} communiqués importés ({', '.join(sorted(kinds))})\n" + result.table())
    for miss in result.misses:
        print("  manqué :", miss[:160])
    for name in ("headline", "date", "number", "contacts", "label", "kind", "document"):
        assert result.rate(name) >= 0.95, name
    assert result.rate("body") >= 0.90
    if ".pdf" not in kinds:
        pytest.skip("LibreOffice absent: the PDFs of the corpus were not made")


@pytest.mark.slow
def test_every_imported_draft_exports_or_says_why(corpus: list[Sample], tmp_path: Path) -> None:
    from desktop.core.errors import CommuniqueError
    from desktop.usecases.export import export_release

    out = tmp_path / "brouillons"
    out.mkdir()
    exported = refused = 0
    for done in import_files([s.path for s in corpus], out):
        assert done.draft is not None
        release = load_draft(done.draft)
        target = out / (done.draft.stem + ".pdf")
        try:
            export_release(release, {"pdf": target, "docx": target.with_suffix(".docx")})
        except CommuniqueError as exc:  # a refusal is a French sentence, never a traceback
            assert str(exc) and exc.exit_code in (1, 2)
            refused += 1
            continue
        assert target.read_bytes().startswith(b"%PDF")
        assert target.with_suffix(".docx").stat().st_size > 0
        exported += 1
    print(f"\n{exported} brouillons importés exportés en PDF et DOCX, {refused} refusés")
    assert exported + refused == len(corpus)
