"""Marianne from the DSFR package: a small fake package (a WOFF2 made here from the shipped
Liberation Sans, renamed Marianne) stands for the real one; the registry is a local server."""

from __future__ import annotations

import http.server
import io
import json
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from desktop.cli import main
from desktop.core.fonts import choose_font, forget_choice
from desktop.resources import resource
from desktop.services.marianne import REGISTRY_VARIABLE, MarianneError, install_marianne


def _fake_marianne(style: str) -> bytes:
    font = TTFont(resource("fonts", f"LiberationSans-{style}.ttf"))
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Marianne" if record.nameID != 4 else f"Marianne {style}"
        elif record.nameID == 6:
            record.string = f"Marianne-{style}"
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _package(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.fixture(scope="module")
def dsfr_package() -> bytes:
    return _package(
        {
            "package.json": b'{"name": "@gouvfr/dsfr"}',
            "dist/fonts/Marianne-Regular.woff2": _fake_marianne("Regular"),
            "dist/fonts/Marianne-Bold.woff2": _fake_marianne("Bold"),
            "dist/fonts/Spectral-Regular.woff2": b"not Marianne",
        }
    )


@pytest.fixture(autouse=True)
def _fresh_choice() -> Iterator[None]:
    forget_choice()
    yield
    forget_choice()


def test_installs_truetype_fonts_and_uses_them(dsfr_package: bytes, tmp_path: Path) -> None:
    archive = tmp_path / "gouvfr-dsfr-1.15.3.tgz"
    archive.write_bytes(dsfr_package)
    assert not choose_font().is_marianne
    written = install_marianne(archive)
    assert sorted(p.name for p in written) == ["Marianne-Bold.ttf", "Marianne-Regular.ttf"]
    for path in written:
        font = TTFont(path)
        assert font.flavor is None and font.reader.sfntVersion == "\x00\x01\x00\x00"
    choice = choose_font()
    assert choice.is_marianne and written[0].parent in choice.folders


def test_the_exports_are_set_in_the_installed_marianne(dsfr_package: bytes, tmp_path: Path) -> None:
    import pikepdf

    archive = tmp_path / "dsfr.tgz"
    archive.write_bytes(dsfr_package)
    assert main(["fonts", "install-marianne", str(archive)]) == 0
    from desktop.render.content import prepare
    from desktop.render.pdf import render_pdf
    from desktop.services.drafts import load_draft

    seed = load_draft(resource("examples", "seed.communique"))
    pdf = pikepdf.open(io.BytesIO(render_pdf(prepare(seed))))
    names = {str(font.get("/BaseFont")) for font in pdf.pages[0].Resources.Font.values()}
    assert any("Marianne" in name for name in names), names


def test_a_package_without_marianne_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "other.tgz"
    archive.write_bytes(_package({"dist/fonts/Spectral-Regular.woff2": b"x"}))
    assert main(["fonts", "install-marianne", str(archive)]) == 2
    assert "ne contient pas la police Marianne" in capsys.readouterr().err
    (tmp_path / "broken.tgz").write_bytes(b"not a tarball")
    assert main(["fonts", "install-marianne", str(tmp_path / "broken.tgz")]) == 2
    assert main(["fonts", "install-marianne", str(tmp_path / "missing.tgz")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "erreur :" in err


@pytest.fixture
def registry(dsfr_package: bytes) -> Iterator[str]:
    """A registry on 127.0.0.1 that serves the package's metadata and tarball."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/@gouvfr%2Fdsfr/latest":
                body = json.dumps({"dist": {"tarball": f"{host}/dsfr.tgz"}}).encode()
            elif self.path == "/dsfr.tgz":
                body = dsfr_package
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_without_a_file_the_package_comes_from_the_registry(
    registry: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REGISTRY_VARIABLE, registry)
    assert len(install_marianne()) == 2
    assert choose_font().is_marianne


def test_an_unreachable_registry_is_a_french_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REGISTRY_VARIABLE, "http://127.0.0.1:9")
    with pytest.raises(MarianneError, match="Téléchargement du paquet @gouvfr/dsfr impossible"):
        install_marianne()
