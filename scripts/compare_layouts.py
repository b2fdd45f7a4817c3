"""Print how the DOCX, laid out by LibreOffice, matches the PDF on the corpus of test drafts.

    python scripts/compare_layouts.py [--size 24] [--keep FOLDER]

One line per draft: pages of the PDF, of the DOCX and of the ODT, and for each page break how
many lines later (+) or earlier (-) the DOCX's (then the ODT's) page ends. Needs LibreOffice
(soffice) on the PATH.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=24)
    parser.add_argument("--keep", type=Path, help="folder to keep the files in")
    options = parser.parse_args()

    from tests.render.corpus import corpus
    from tests.render.layout_compare import compare_releases, soffice

    if soffice() is None:
        print("LibreOffice (soffice) is not installed.", file=sys.stderr)
        return 1
    folder = options.keep or Path(tempfile.mkdtemp(prefix="communique-layouts-"))
    results = compare_releases(corpus(options.size), folder)
    print(f"{'draft':<10} {'PDF':>4} {'DOCX':>5} {'ODT':>4}  page ends (DOCX | ODT - PDF, lines)")
    for r in results:
        ends = " ".join(f"{v:+.1f}" for v in r.page_end_lines) or "-"
        odt_ends = " ".join(f"{v:+.1f}" for v in r.odt_page_end_lines) or "-"
        same_pages = r.pdf_pages == r.docx_pages == r.odt_pages
        mark = "" if same_pages and r.worst <= 2 else "   <-"
        print(
            f"{r.name:<10} {r.pdf_pages:>4} {r.docx_pages:>5} {r.odt_pages:>4}  "
            f"{ends} | {odt_ends}{mark}"
        )
    same = sum(r.pdf_pages == r.docx_pages == r.odt_pages for r in results)
    worst = max(r.worst for r in results)
    ends = [abs(v) for r in results for v in r.page_end_lines + r.odt_page_end_lines]
    print(
        f"\nsame page count: {same}/{len(results)}; of {len(ends)} page starts, "
        f"{sum(v == 0 for v in ends)} on the same line, {sum(v <= 1 for v in ends)} within "
        f"1 line, {sum(v <= 2 for v in ends)} within 2; worst {worst:.0f} lines; "
        f"files in {folder}"
    )
    return 0 if same == len(results) and worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
