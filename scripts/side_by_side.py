"""Draw the same release in every format side by side, for a person to look at.

    python scripts/side_by_side.py OUT_FOLDER

Writes, for the example (``resources/examples/seed.communique``) and a four-page release of the
test corpus marked PROJET: the PDF's pages, the DOCX's and the ODT's as LibreOffice lays them out,
the HTML page and the e-mail as Chromium shows them, and one picture of them side by side.
Needs LibreOffice (soffice), poppler (pdftoppm) and Chromium on the PATH.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PPI = 60


def _pages(pdf: Path, stem: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(PPI), "-png", str(pdf), str(stem)], check=True)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def _browser(html: Path, out: Path, width: int, height: int) -> Path:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={out}",
            f"--window-size={width},{height}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def draw(name: str, prepared: object, folder: Path) -> Path:
    from PIL import Image, ImageDraw

    from desktop.render.docx import render_docx
    from desktop.render.html import render_html
    from desktop.render.mail import brand_size, mail_html
    from desktop.render.odt import render_odt
    from desktop.render.pdf import render_brand_png, render_brand_svg, render_pdf
    from tests.render.layout_compare import convert_with_libreoffice

    work = Path(tempfile.mkdtemp(prefix="side-"))
    png, svg = render_brand_png(prepared), render_brand_svg(prepared)  # type: ignore[arg-type]
    (work / f"{name}.pdf").write_bytes(render_pdf(prepared))  # type: ignore[arg-type]
    (work / f"{name}.docx").write_bytes(render_docx(prepared, png, brand_svg=svg))  # type: ignore[arg-type]
    (work / f"{name}.odt").write_bytes(render_odt(prepared, png, svg))  # type: ignore[arg-type]
    (work / f"{name}.html").write_bytes(render_html(prepared, svg))  # type: ignore[arg-type]
    data = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    mail = mail_html(prepared, "bloc", brand_size(png)).replace("cid:bloc", data)  # type: ignore[arg-type]
    (work / f"{name}-mail.html").write_text(mail, encoding="utf-8")
    convert_with_libreoffice([work / f"{name}.docx"], work / "docx")
    convert_with_libreoffice([work / f"{name}.odt"], work / "odt")
    columns = {
        "PDF (Typst)": _pages(work / f"{name}.pdf", work / "p-pdf"),
        "DOCX (LibreOffice)": _pages(work / "docx" / f"{name}.pdf", work / "p-docx"),
        "ODT (LibreOffice)": _pages(work / "odt" / f"{name}.pdf", work / "p-odt"),
    }
    page = Image.open(columns["PDF (Typst)"][0])
    web = {
        "HTML, 1280 px": _browser(work / f"{name}.html", work / "html.png", 1280, 1800),
        "HTML, 375 px": _browser(work / f"{name}.html", work / "html-375.png", 375, 1800),
        "E-mail": _browser(work / f"{name}-mail.html", work / "mail.png", 800, 1800),
    }
    rows = max(len(p) for p in columns.values())
    web_width = page.width
    width = page.width * len(columns) + web_width * len(web) + 10 * (len(columns) + len(web))
    height = page.height * rows + 30 * rows
    sheet = Image.new("RGB", (width, height + 20), "#d0d0d0")
    ink = ImageDraw.Draw(sheet)
    x = 0
    for label, pages in columns.items():
        ink.text((x + 4, 4), label, fill="black")
        for row, path in enumerate(pages):
            sheet.paste(Image.open(path), (x, 20 + row * (page.height + 30)))
        x += page.width + 10
    for label, shot in web.items():
        image = Image.open(shot)
        if image.width > web_width:
            image = image.resize((web_width, round(image.height * web_width / image.width)))
        ink.text((x + 4, 4), label, fill="black")
        sheet.paste(image.crop((0, 0, image.width, min(image.height, height))), (x, 20))
        x += web_width + 10
    out = folder / f"side-by-side-{name}.png"
    sheet.quantize(colors=128).save(out, optimize=True)  # fewer colours: a lighter file
    shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> int:
    from desktop.render.content import prepare
    from desktop.services.drafts import load_draft
    from tests.render.corpus import draft

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "pictures"
    folder.mkdir(parents=True, exist_ok=True)
    example = load_draft(ROOT / "resources" / "examples" / "seed.communique")
    print(draw("exemple", prepare(example), folder))
    print(draw("quatre-pages", prepare(draft(3), state="brouillon"), folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
