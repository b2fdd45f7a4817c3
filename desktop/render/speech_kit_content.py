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


def prepare_press_kit(release: Release) -> PreparedPressKit | None:
    kit = release.press_kit
    if kit is None:
        return None
    return PreparedPressKit(
        subtitle=french(kit.subtitle.strip()),
        cover=kit.cover,
        cover_alt=french(kit.cover_alt.strip()),
    )


def annex_blocks(release: Release) -> tuple[Block, ...]:
    """A press kit's annexes as blocks after the body: « Annexes » a chapter, each annex a
    section of it with its blocks."""
    kit = release.press_kit
    if kit is None or not kit.annexes:
        return ()
    blocks: list[Block] = [Heading(1, ANNEXES_HEADING)]
    for annex in kit.annexes:
        blocks += [Heading(2, annex.title or "Annexe"), *annex.body]
    return tuple(blocks)
