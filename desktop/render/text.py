"""Plain text: the release as a journalist pastes it into an article, a CMS or an e-mail.

UTF-8, the bloc-marque's words first, ``- `` bullets, every address written out in full, and
**each paragraph on one line**, paragraphs separated by a blank line. Not hard-wrapped: text
pasted into a CMS or a word processor keeps a hard line break as a break, so a text wrapped at
72 columns arrives as ragged short lines that the journalist must join by hand; the editor, the
mail client or the page wraps a long line itself. A line break typed inside a paragraph is kept.
The no-break spaces of French typography are kept, so wherever the line is wrapped it never
ends before ``:`` or inside ``3 novembre``.
"""

from __future__ import annotations

from desktop.render.content import (
    CONTACT_SEPARATOR,
    MOTTO,
    PreparedBlock,
    PreparedContact,
    PreparedRelease,
    TextRun,
    table_of_contents,
)

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
    if prepared.press_kit is not None and prepared.press_kit.subtitle:
        blocks.append(_wrap(prepared.press_kit.subtitle))
    if prepared.speech is not None:
        blocks.append([*_wrap(prepared.speech.speaker), *_wrap(prepared.speech.occasion)])
    meta = [line for line in (prepared.dateline, prepared.number) if line]
    if meta:
        blocks.append(meta)
    if prepared.speech is not None:
        blocks.append([f"*** {prepared.speech.delivery} ***"])
    if prepared.press_kit is not None:
        blocks.append(contents_lines(prepared))
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


CELL_SEPARATOR = " | "


def contents_lines(prepared: PreparedRelease) -> list[str]:
    """A press kit's contents: its chapters, their sections indented."""
    entries = table_of_contents(prepared)
    if not entries or prepared.press_kit is None:
        return []
    return [
        prepared.press_kit.contents_heading,
        *(("  " if entry.level == 2 else "") + entry.text for entry in entries),
    ]


def structured_lines(block: PreparedBlock) -> list[str]:
    """A heading underlined (``=`` for a chapter, ``-`` for a section), a table one line per
    row with its cells apart, an image as its alternative text and caption."""
    if block.kind == "heading":
        lines = _wrap(runs_text(block.items[0]))
        return [*lines, ("=" if block.level == 1 else "-") * max(len(line) for line in lines)]
    if block.kind == "table":
        rows = [CELL_SEPARATOR.join(runs_text(cell) for cell in row) for row in block.rows]
        header = _wrap(rows[0])
        lines = [*header, "-" * max(len(line) for line in header)]
        lines += [line for row in rows[1:] for line in _wrap(row)]
        return lines + (_wrap(block.caption) if block.caption else [])
    lines = _wrap(f"[Image\u00a0: {block.alt}]")
    return lines + (_wrap(block.caption) if block.caption else [])


def _block_lines(block: PreparedBlock) -> list[list[str]]:
    """A paragraph as one block of lines; a list as one block, a line per item; a heading, a
    table or an image as one block (``structured_lines``)."""
    if block.kind in ("heading", "table", "figure"):
        return [structured_lines(block)]
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
    """The paragraph's lines: one, or one per line break typed in it, never wrapped; the first
    after ``first`` (a bullet), the others after ``rest``; spaces at either end dropped."""
    parts = [part.strip(" ") for part in text.split("\n")]
    return [(first if i == 0 else rest) + part if part else "" for i, part in enumerate(parts)]
