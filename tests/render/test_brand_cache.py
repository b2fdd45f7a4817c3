"""The bloc-marque pictures are drawn once per header and typeface, and kept in the cache folder
for the next process; a damaged copy is drawn again, a change of what they show makes new ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop.core.model import Release
from desktop.render import pdf
from desktop.render.content import prepare
from desktop.services import paths


def _forget() -> None:
    pdf._brand_png.cache_clear()
    pdf._brand_svg.cache_clear()


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The Typst compiles of the bloc-marque, by format."""
    done: list[str] = []
    real = pdf._compile

    def counted(template: str, prepared: Any, **options: Any) -> Any:
        if template == "bloc-marque.typ":
            done.append(options["format"])
        return real(template, prepared, **options)

    monkeypatch.setattr(pdf, "_compile", counted)
    _forget()
    yield done
    _forget()


def _pictures(release: Release) -> tuple[bytes, bytes]:
    prepared = prepare(release)
    return pdf.render_brand_png(prepared), pdf.render_brand_svg(prepared)


def test_the_next_process_reads_the_pictures_from_the_cache(
    seed: Release, compiles: list[str]
) -> None:
    png, svg = _pictures(seed)
    assert compiles == ["png", "svg"]
    assert png.startswith(b"\x89PNG") and svg.lstrip().startswith(b"<svg")
    assert len(list(paths.cache_dir().glob("brand-*"))) == 2

    _forget()  # as a new process would start
    assert _pictures(seed) == (png, svg)
    assert compiles == ["png", "svg"]


def test_a_damaged_copy_is_drawn_again(seed: Release, compiles: list[str]) -> None:
    png, svg = _pictures(seed)
    for cached in paths.cache_dir().glob("brand-*"):
        cached.write_bytes(cached.read_bytes()[: len(cached.read_bytes()) // 2])
    _forget()
    assert _pictures(seed) == (png, svg)
    assert compiles == ["png", "svg"] * 2


def test_another_header_or_other_fonts_make_new_pictures(
    seed: Release, compiles: list[str], tmp_path: Path
) -> None:
    _pictures(seed)
    other = replace(seed, header=(*seed.header[:-1], "SECRÉTARIAT D’ÉTAT"))
    _forget()
    _pictures(other)
    assert compiles == ["png", "svg"] * 2
    assert len(list(paths.cache_dir().glob("brand-*"))) == 4

    prepared = prepare(seed)
    font = prepared.font
    folder = tmp_path / "fonts"
    shutil.copytree(font.folders[0], folder)  # the same files (names, sizes, dates) elsewhere
    moved = replace(font, folders=(folder,))
    key = pdf._brand_cache_path(pdf._brand_only(prepared.header, moved), "png", 600.0)
    assert key == pdf._brand_cache_path(pdf._brand_only(prepared.header, font), "png", 600.0)
    (folder / "LiberationSans-Bold.ttf").write_bytes(b"")  # a font file changed
    assert pdf._brand_cache_path(pdf._brand_only(prepared.header, moved), "png", 600.0) != key
    assert pdf._brand_cache_path(pdf._brand_only(prepared.header, font), "svg", None) != key


def test_an_unwritable_cache_folder_only_costs_the_drawing(
    seed: Release, compiles: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocker / "cache")
    png, _ = _pictures(seed)
    assert png.startswith(b"\x89PNG")
    assert compiles == ["png", "svg"]
