"""A speech (*discours*) or a statement (*déclaration*): who speaks, on what occasion, where and
when, and how the text stands to what was said.

A speech published before it is given says « Seul le prononcé fait foi » (check against
delivery); a transcript of what was said, « Tel que prononcé » (as delivered). A statement is
short, and its time matters as much as its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import Enum


class Delivery(Enum):
    """How the text stands to what the speaker says."""

    BEFORE = "avant"
    """Published before it is given: what is said may differ."""
    AS_DELIVERED = "prononce"
    """A transcript of what was said."""

    @property
    def mention(self) -> str:
        """The mention every format prints, prominently, under the dateline."""
        return DELIVERY_MENTIONS[self]


DELIVERY_MENTIONS = {
    Delivery.BEFORE: "Seul le prononcé fait foi",
    Delivery.AS_DELIVERED: "Tel que prononcé",
}


@dataclass(frozen=True)
class Speech:
    """The details of a speech or a statement (the release's place and date say where and
    when)."""

    speaker: str = ""
    """Who speaks, with their office: « Élisabeth Borne, Première ministre »."""
    occasion: str = ""
    """On what occasion: « Inauguration du pôle santé de Béthune »."""
    time: time | None = None
    """When it is given (a statement always says it)."""
    delivery: Delivery = Delivery.BEFORE


STATEMENT_LABEL = "Déclaration"
SPEECH_LABEL = "Discours"
