"""Typst's SVG made readable by Qt: colours with an alpha channel split into colour and opacity.

Typst writes a translucent colour as 8-digit hex (``fill="#00009116"``: the *PROJET* mark, dark
blue at 22/255). ``QSvgRenderer`` implements SVG Tiny 1.2, which knows only ``#RRGGBB``: it
reads the 8 digits as an opaque colour, and the light mark of the exported PDF came out solid
black over the text in the preview and on paper. Every SVG page goes through ``for_qt`` before
Qt reads it: ``fill="#RRGGBB" fill-opacity="0.086"``, the same for ``stroke`` and for the
``style`` attribute's declarations. Pure text work, no Qt: it may run on any thread.
"""

from __future__ import annotations

import re

_ATTRIBUTE = re.compile(rb'\b(fill|stroke)="#([0-9a-fA-F]{6})([0-9a-fA-F]{2})"')
_DECLARATION = re.compile(rb"\b(fill|stroke)\s*:\s*#([0-9a-fA-F]{6})([0-9a-fA-F]{2})\b")
_SHORT_ATTRIBUTE = re.compile(rb'\b(fill|stroke)="#([0-9a-fA-F]{3})([0-9a-fA-F])"')


def _opacity(alpha: bytes) -> bytes:
    value = int(alpha, 16) / (15 if len(alpha) == 1 else 255)
    return f"{value:.4f}".rstrip("0").rstrip(".").encode() or b"0"


def for_qt(svg: bytes) -> bytes:
    """``svg`` with every ``#RRGGBBAA`` (and ``#RGBA``) fill or stroke written as a colour and
    an opacity, which Qt understands; anything else unchanged."""
    if b"#" not in svg:
        return svg
    svg = _ATTRIBUTE.sub(
        lambda m: b'%s="#%s" %s-opacity="%s"' % (m[1], m[2], m[1], _opacity(m[3])),
        svg,
    )
    svg = _SHORT_ATTRIBUTE.sub(
        lambda m: b'%s="#%s" %s-opacity="%s"' % (m[1], m[2], m[1], _opacity(m[3])),
        svg,
    )
    return _DECLARATION.sub(
        lambda m: b"%s:#%s;%s-opacity:%s" % (m[1], m[2], m[1], _opacity(m[3])), svg
    )
