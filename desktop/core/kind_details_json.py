"""The draft's ``speech`` and ``press_kit`` objects, read (every problem with its place, in
French) and written back (``docs/draft-format.md``).

``"speech": {"speaker", "occasion", "time": "HH:MM", "delivery": "avant" | "prononce"}``;
``"press_kit": {"subtitle", "cover": "data:image/…", "cover_alt", "annexes": [{"title", "body":
[blocks]}]}``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from desktop.core.blocks_json import any_block_to_json
from desktop.core.draft_sections import Section
from desktop.core.images import ImageRefused, picture_from_url, picture_to_url
from desktop.core.model import Block, Picture
from desktop.core.press_kit import Annex, PressKit
from desktop.core.speech import Delivery, Speech
from desktop.core.text import clean_text

SPEECH_KEY = "speech"
PRESS_KIT_KEY = "press_kit"
SPEECH_KEYS = frozenset({"speaker", "occasion", "time", "delivery"})
PRESS_KIT_KEYS = frozenset({"subtitle", "cover", "cover_alt", "annexes"})
ANNEX_KEYS = frozenset({"title", "body"})
MAX_ANNEXES = 20

Fail = Callable[[str, str], None]
ReadBody = Callable[[object, str], tuple[Block, ...]]


def _unknown(value: dict[str, Any], allowed: frozenset[str], where: str, fail: Fail) -> None:
    unknown = set(value) - allowed
    if unknown:
        fail(where, "clé(s) inconnue(s)\u00a0: " + ", ".join(sorted(unknown)) + ".")


def _text(value: object, where: str, fail: Fail) -> str:
    if not isinstance(value, str):
        fail(where, "texte attendu.")
        return ""
    return clean_text(value, multiline=False)


def read_speech(value: object, where: str, fail: Fail) -> Speech | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        fail(where, "objet attendu (orateur, occasion, heure, mention).")
        return None
    _unknown(value, SPEECH_KEYS, where, fail)
    moment: time | None = None
    raw_time = value.get("time")
    if raw_time is not None:
        try:
            if not isinstance(raw_time, str) or len(raw_time) != 5:
                raise ValueError
            moment = time.fromisoformat(raw_time)
        except ValueError:
            fail(f"{where}.time", "heure attendue, sous la forme HH:MM (10:30).")
    delivery = Delivery.BEFORE
    raw_delivery = value.get("delivery", Delivery.BEFORE.value)
    try:
        delivery = Delivery(raw_delivery)
    except ValueError:
        fail(
            f"{where}.delivery",
            "« avant » (seul le prononcé fait foi) ou « prononce » (tel que prononcé) attendu.",
        )
    return Speech(
        speaker=_text(value.get("speaker", ""), f"{where}.speaker", fail),
        occasion=_text(value.get("occasion", ""), f"{where}.occasion", fail),
        time=moment,
        delivery=delivery,
    )


def read_press_kit(value: object, where: str, fail: Fail, body: ReadBody) -> PressKit | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        fail(where, "objet attendu (sous-titre, image de couverture, annexes).")
        return None
    _unknown(value, PRESS_KIT_KEYS, where, fail)
    cover: Picture | None = None
    if value.get("cover") is not None:
        raw = value["cover"]
        try:
            if not isinstance(raw, str):
                raise ImageRefused("image attendue (data:image/png;base64,…).")
            cover = picture_from_url(raw)
        except ImageRefused as exc:
            fail(f"{where}.cover", str(exc))
    annexes: list[Annex] = []
    raw_annexes = value.get("annexes", [])
    if not isinstance(raw_annexes, list) or len(raw_annexes) > MAX_ANNEXES:
        fail(f"{where}.annexes", f"liste d’annexes attendue (au plus {MAX_ANNEXES}).")
        raw_annexes = []
    for i, annex in enumerate(raw_annexes):
        at = f"{where}.annexes[{i}]"
        if not isinstance(annex, dict):
            fail(at, 'annexe attendue\u00a0: { "title": …, "body": […] }.')
            continue
        _unknown(annex, ANNEX_KEYS, at, fail)
        annexes.append(
            Annex(
                _text(annex.get("title", ""), f"{at}.title", fail),
                body(annex.get("body", []), f"{at}.body"),
            )
        )
    return PressKit(
        subtitle=_text(value.get("subtitle", ""), f"{where}.subtitle", fail),
        cover=cover,
        cover_alt=_text(value.get("cover_alt", ""), f"{where}.cover_alt", fail),
        annexes=tuple(annexes),
    )


def speech_to_json(speech: Speech) -> dict[str, object]:
    data: dict[str, object] = {"speaker": speech.speaker, "occasion": speech.occasion}
    if speech.time is not None:
        data["time"] = speech.time.strftime("%H:%M")
    data["delivery"] = speech.delivery.value
    return data


def press_kit_to_json(kit: PressKit) -> dict[str, object]:
    data: dict[str, object] = {"subtitle": kit.subtitle}
    if kit.cover is not None:
        data["cover"] = picture_to_url(kit.cover)
        data["cover_alt"] = kit.cover_alt
    if kit.annexes:
        data["annexes"] = [
            {"title": annex.title, "body": [any_block_to_json(block) for block in annex.body]}
            for annex in kit.annexes
        ]
    return data


SPEECH_SECTION = Section(
    SPEECH_KEY,
    "speech",
    lambda reader, value, where: read_speech(value, where, reader.fail),
    speech_to_json,
)
PRESS_KIT_SECTION = Section(
    PRESS_KIT_KEY,
    "press_kit",
    lambda reader, value, where: read_press_kit(value, where, reader.fail, reader.body),
    press_kit_to_json,
)
