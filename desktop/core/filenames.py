"""File names the program makes from a person's text (a headline, a number), valid on Windows as
on Linux and macOS, so that a draft saved or exported on one opens on the others and on a
ministry's Windows share.

Windows refuses ``< > : " / \\ | ? *`` and control characters, names ending in a dot or a space,
and the device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``…``COM9``, ``LPT1``…``LPT9``,
``CONIN$``, ``CONOUT$``, also with ``¹²³``, and whatever follows a dot, even after spaces:
``nul.txt`` and ``nul .txt`` are the device too); most file systems
take at most 255 bytes in UTF-8 (and NTFS 255 UTF-16 units). The name is also kept in Unicode's
composed form (NFC), as macOS and Windows show it, and free of invisible format characters.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 255
"""The longest name in UTF-8 bytes that ext4, APFS and NTFS (in UTF-16 units) all accept."""
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?=\s*(?:\.|$))", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")


def is_portable_name(name: str) -> bool:
    """Whether ``name`` is a file name every supported system accepts as it is."""
    return (
        bool(name)
        and name not in (".", "..")
        and _FORBIDDEN.search(name) is None
        and _RESERVED.match(name) is None
        and not name.endswith((".", " "))
        and not name.startswith(" ")
        and len(name.encode("utf-8")) <= MAX_NAME_BYTES
        and len(name.encode("utf-16-le")) // 2 <= MAX_NAME_BYTES
        and not any(unicodedata.category(c) in ("Cf", "Cs", "Co", "Cn") for c in name)
    )


def portable_name(text: str, *, suffix: str = "", fallback: str = "communique") -> str:
    """``text`` made into a file name valid everywhere, ending with ``suffix`` (``.pdf``): the
    forbidden characters become spaces, runs of white space one space, the invisible characters
    go, the name is shortened to fit (on a character's boundary), and a device name gets a
    ``_`` after it. ``fallback`` stands in for a text that leaves nothing."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn", "Cc") or c in "\t\n"
    )
    stem = _SPACES.sub(" ", _FORBIDDEN.sub(" ", text)).strip(" .")
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem[:room]
    while stem and (len(stem.encode("utf-8")) > room or len(stem.encode("utf-16-le")) // 2 > room):
        stem = stem[:-1].rstrip(" .")
    stem = stem or fallback
    device = _RESERVED.match(stem + suffix)
    if device:  # ``nul`` → ``nul_``, ``CON .txt`` → ``CON_ .txt``
        stem = stem[: device.end(1)] + "_" + stem[device.end(1) :]
    return stem + suffix
