"""Plain text: the release as a journalist pastes it into an article or an e-mail.

UTF-8, lines of at most ``WIDTH`` columns, the bloc-marque's words first, ``- `` bullets, every
address written out in full. The no-break spaces of French typography are kept (a line never
ends before ``:`` or inside ``3 novembre``), and an address is never cut: a line holding one may
be longer than ``WIDTH``.
"""

from __future__ import annotations

import textwrap

from desktop.render.content import (
    CONTACT_SEPARATOR,
    MOTTO,
    PreparedBlock,
    PreparedContact,
    PreparedRelease,
    TextRun,
)

WIDTH = 72
BULLET = "- "


def render_text(prepared: PreparedRelease) -> str:
    """The release as plain text, ending with one newline."""
    blocks: list[list[str]] = [[*prepared.header, *MOTTO]]
    if prepared.draft_notice:  # under the bloc-marque, as in every format
        blocks.append([prepared.draft_notice])
    if prepared.embargo:
        blocks.append(_wrap(prepared.embargo))
    if prepared.kind:
        blocks.append(_wrap(prepared.kind))
    if prepared.headline:
        blocks.append(_wrap(prepared.headline_display))
    meta = [line for line in (prepared.dateline, prepared.number) if line]
    if meta:
        blocks.append(meta)
    for block in prepared.body:
        blocks.extend(_block_lines(block))
    for section in prepared.sections:  # a kind's details: the heading over its first block
        parts = [lines for block in section.blocks for lines in _block_lines(block)]
        if section.heading:
            parts[:1] = [[*_wrap(section.heading), *(parts[0] if parts else [])]]
        blocks.extend(parts)
    if prepared.contacts:
        blocks.append(
            [
                prepared.contacts_heading,
                *(line for contact in prepared.contacts for line in _wrap(contact_text(contact))),
            ]
        )
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"


def _block_lines(block: PreparedBlock) -> list[list[str]]:
    """A paragraph as one block of lines; a list as one block, a line per item."""
    if block.kind == "list":
        return [
            [
                line
                for item in block.items
                for line in _wrap(runs_text(item), BULLET, " " * len(BULLET))
            ]
        ]
    return [_wrap(runs_text(item)) for item in block.items]


def runs_text(runs: tuple[TextRun, ...]) -> str:
    """The runs' words (a link whose text does not show its address already has it in
    parentheses: ``content.prepare``)."""
    return "".join(run.text for run in runs)


def contact_text(contact: PreparedContact) -> str:
    ways = CONTACT_SEPARATOR.join(way for way in (contact.phone, contact.email) if way)
    return f"{contact.lead}{ways}"


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most ``WIDTH`` columns, broken at plain spaces only (never at a no-break
    space, a hyphen or inside a long word such as an address)."""
    lines: list[str] = []
    for part in text.split("\n"):
        wrapped = textwrap.wrap(
            part,
            WIDTH,
            initial_indent=first if not lines else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [first.rstrip()])
    return lines
