"""What a speech, a statement and a press kit show beyond a communiqué, prepared once for every
output: the speaker and the occasion, the delivery mention, the time of a statement; a press
kit's cover (subtitle, image), its table of contents and its annexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.embargo import clock_text
from desktop.core.model import Block, Heading, Picture, Release
from desktop.core.press_kit import ANNEXES_HEADING, CONTENTS_HEADING
from desktop.core.typography import french
from desktop.render.content import PreparedBlock, prepare_body


@dataclass(frozen=True)
class PreparedSpeech:
    speaker: str
    occasion: str
    delivery: str
    """« Seul le prononcé fait foi » or « Tel que prononcé »: printed prominently."""
    time: str
    """A statement's time as printed (``10 h 30``), or empty."""


@dataclass(frozen=True)
class PreparedPressKit:
    subtitle: str
    cover: Picture | None
    cover_alt: str
    annexes: tuple[PreparedBlock, ...]
    """The annexes as body blocks: « Annexes » as a chapter, each annex a section of it."""
    contents_heading: str = CONTENTS_HEADING


def prepare_speech(release: Release) -> PreparedSpeech | None:
    speech = release.speech
    if speech is None:
        return None
    moment = ""
    if speech.time is not None:
        moment = clock_text(datetime.combine(datetime.min.date(), speech.time))
    return PreparedSpeech(
        speaker=french(speech.speaker.strip()),
        occasion=french(speech.occasion.strip()),
        delivery=speech.delivery.mention,
        time=moment,
    )


def prepare_press_kit(release: Release, chapters: int) -> PreparedPressKit | None:
    """The press kit's parts; ``chapters`` is how many headings the body has (the annexes'
    anchors follow theirs)."""
    kit = release.press_kit
    if kit is None:
        return None
    blocks: list[PreparedBlock] = []
    if kit.annexes:
        annex_blocks: list[Block] = [Heading(1, ANNEXES_HEADING)]
        for annex in kit.annexes:
            annex_blocks += [Heading(2, annex.title or "Annexe"), *annex.body]
        blocks = list(prepare_body(tuple(annex_blocks)))
        blocks = [_renumbered(block, chapters) for block in blocks]
    return PreparedPressKit(
        subtitle=french(kit.subtitle.strip()),
        cover=kit.cover,
        cover_alt=french(kit.cover_alt.strip()),
        annexes=tuple(blocks),
    )


def _renumbered(block: PreparedBlock, before: int) -> PreparedBlock:
    if block.kind != "heading":
        return block
    from dataclasses import replace

    number = int(block.anchor.rsplit("-", 1)[1]) + before
    return replace(block, anchor=f"titre-{number}")
