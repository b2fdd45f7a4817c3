"""One link annotation per line: a link that wraps must not cover its neighbours.

Typst gives a link that runs over two lines one annotation whose rectangle spans both lines
(the exact areas are in its QuadPoints, which many viewers ignore): on a contact line, the
e-mail link's rectangle then covers the phone link before it. Here such an annotation is cut
into one per line, each tied to the same Link structure element (PDF/UA: every annotation is
referenced by an OBJR in the structure tree, with its own StructParent key).
"""

from __future__ import annotations

import io
import re
from typing import Any

_QUADS = re.compile(rb"/QuadPoints\s*\[([^\]]*)\]")


def _lines(numbers: list[float]) -> list[list[float]]:
    """The quadrilaterals (8 numbers each) grouped by line, in order."""
    lines: list[list[float]] = []
    last_bottom: float | None = None
    for i in range(0, len(numbers) - 7, 8):
        quad = numbers[i : i + 8]
        bottom = min(quad[1::2])
        if last_bottom is None or abs(bottom - last_bottom) > 0.5:
            lines.append([])
            last_bottom = bottom
        lines[-1].extend(quad)
    return lines


def _wraps(data: bytes) -> bool:
    for match in _QUADS.finditer(data):
        numbers = [float(n) for n in match.group(1).split()]
        if len(_lines(numbers)) > 1:
            return True
    return False


def _rect(quads: list[float]) -> list[float]:
    xs, ys = quads[0::2], quads[1::2]
    return [min(xs), min(ys), max(xs), max(ys)]


def split_wrapped_links(data: bytes) -> bytes:
    """The PDF with each wrapped link's annotation cut into one per line (unchanged if none)."""
    if not _wraps(data):
        return data
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        tree = pikepdf.NumberTree(root.ParentTree)
        next_key = int(root.get("/ParentTreeNextKey", 0))
        for page in pdf.pages:
            annotations = page.obj.get("/Annots")
            if annotations is None:
                continue
            for annotation in list(annotations):
                if "/QuadPoints" not in annotation:
                    continue
                lines = _lines([float(n) for n in annotation.QuadPoints])
                if len(lines) < 2:
                    continue
                element = tree[int(annotation.StructParent)]
                annotation.QuadPoints = pikepdf.Array(lines[0])
                annotation.Rect = pikepdf.Array(_rect(lines[0]))
                for quads in lines[1:]:
                    piece = pdf.make_indirect(pikepdf.Dictionary(dict(annotation.items())))
                    piece.QuadPoints = pikepdf.Array(quads)
                    piece.Rect = pikepdf.Array(_rect(quads))
                    piece.StructParent = next_key
                    tree[next_key] = element
                    next_key += 1
                    _add_kid(
                        element, pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=piece, Pg=page.obj)
                    )
                    annotations.append(piece)
        root.ParentTreeNextKey = next_key
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _add_kid(element: Any, kid: Any) -> None:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        element.K = kid
    elif isinstance(kids, pikepdf.Array):
        kids.append(kid)
    else:
        element.K = pikepdf.Array([kids, kid])
