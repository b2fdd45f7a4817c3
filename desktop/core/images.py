"""Images a draft may hold (a press kit's cover, a figure in the body): PNG or JPEG only, checked
from their own bytes (signature, size in pixels), bounded in bytes and in pixels.

Nothing here decodes an image: the signature and the header are read by hand, so a damaged or
hostile file is refused before any renderer sees it. In the draft an image is a ``data:`` URL
(``data:image/png;base64,…``).
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zlib

from desktop.core.blocks import Picture
from desktop.core.errors import CommuniqueError

MAX_IMAGE_BYTES = 800_000
"""A photograph for a press kit, compressed, is a few hundred kilobytes: an image over this is
refused (a draft holds at most ``MAX_IMAGES`` of them, and the draft file is bounded too)."""
MAX_IMAGES = 4
MAX_PIXELS = 40_000_000
"""Width times height: past it the renderers would spend seconds and hundreds of megabytes
decoding one picture (a decompression bomb is a tiny file announcing a huge size)."""
MAX_SIDE = 12_000

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
_DATA_URL = re.compile(r"data:(image/png|image/jpeg);base64,([A-Za-z0-9+/=\s]*)", re.ASCII)
_JPEG_FRAMES = frozenset({*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC)}) | {
    0xCD,
    0xCE,
    0xCF,
}


class ImageRefused(CommuniqueError):
    """The bytes are not an image a draft may hold; the message is French."""


def read_picture(data: bytes) -> Picture:
    """The image ``data`` holds, checked: PNG or JPEG, within the bounds."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(
            f"image de {len(data) // 1000} ko\u00a0: une image en fait au plus "
            f"{MAX_IMAGE_BYTES // 1000} ko (enregistrez-la en JPEG, plus compressée)."
        )
    if data.startswith(PNG_SIGNATURE):
        media_type, (width, height) = "image/png", _png_size(data)
    elif data.startswith(JPEG_SIGNATURE):
        media_type, (width, height) = "image/jpeg", _jpeg_size(data)
    else:
        raise ImageRefused("ce fichier n’est pas une image PNG ou JPEG.")
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise ImageRefused(
            f"image de {width} × {height} pixels\u00a0: une image en a au plus "
            f"{MAX_SIDE} de côté et {MAX_PIXELS // 1_000_000} millions en tout."
        )
    return Picture(data, media_type, width, height)


def picture_from_url(text: str) -> Picture:
    """The image a ``data:`` URL holds (the draft's form)."""
    match = _DATA_URL.fullmatch(text.strip())
    if match is None:
        raise ImageRefused("image attendue sous la forme data:image/png;base64,… ou image/jpeg.")
    if len(match.group(2)) > MAX_IMAGE_BYTES * 4 // 3 + 8:
        raise ImageRefused(
            f"image de plus de {MAX_IMAGE_BYTES // 1000} ko\u00a0: une image en fait au plus "
            f"{MAX_IMAGE_BYTES // 1000} ko."
        )
    try:
        data = base64.b64decode(re.sub(r"\s+", "", match.group(2)), validate=True)
    except (binascii.Error, ValueError):
        raise ImageRefused("l’image n’est pas un base64 valide.") from None
    picture = read_picture(data)
    if picture.media_type != match.group(1):
        raise ImageRefused(f"l’image annoncée en {match.group(1)} est en {picture.media_type}.")
    return picture


def picture_to_url(picture: Picture) -> str:
    return f"data:{picture.media_type};base64,{base64.b64encode(picture.data).decode('ascii')}"


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
"""Channels per pixel of each PNG colour type (greyscale, RGB, palette, grey + alpha, RGBA)."""
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
MAX_DECODED_BYTES = MAX_PIXELS * 4
"""What the renderers hold once a picture is decoded: 8-bit RGBA at ``MAX_PIXELS``. The pixel
count alone let a 16-bit RGBA PNG of zeros, 300 kB, decode into twice as much."""


def _png_size(data: bytes) -> tuple[int, int]:
    """The size from IHDR, once every chunk has been walked with its CRC up to IEND: a PNG's
    signature and header over anything else (a JPEG) is refused here, not by a renderer."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise ImageRefused("l’image PNG est incomplète ou endommagée.")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    if depth not in _PNG_DEPTHS.get(colour, ()):
        raise ImageRefused("l’image PNG est endommagée (profondeur de couleur inconnue).")
    position, images = 8, 0
    while True:
        if position + 12 > len(data):
            raise ImageRefused("l’image PNG est incomplète (sa fin manque).")
        (length,) = struct.unpack(">I", data[position : position + 4])
        end = position + 12 + length
        if end > len(data):
            raise ImageRefused("l’image PNG est incomplète (sa fin manque).")
        kind_and_data = data[position + 4 : end - 4]
        if zlib.crc32(kind_and_data) != struct.unpack(">I", data[end - 4 : end])[0]:
            raise ImageRefused("l’image PNG est endommagée (un bloc ne correspond pas à sa somme).")
        images += kind_and_data[:4] == b"IDAT"
        position = end
        if kind_and_data[:4] == b"IEND":
            break
    if not images:
        raise ImageRefused("l’image PNG est endommagée (elle n’a aucune donnée d’image).")
    if width * height * _PNG_CHANNELS[colour] * depth // 8 > MAX_DECODED_BYTES:
        raise ImageRefused(
            f"image de {width} × {height} pixels en {depth} bits par couche : trop lourde à "
            "afficher (enregistrez-la en 8 bits, ou plus petite)."
        )
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """The size from the first frame header (SOFn), walking the segments from the start."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # padding
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            break
        if marker in _JPEG_FRAMES:
            if position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            if b"\xff\xd9" not in data[-64:]:
                raise ImageRefused("l’image JPEG est incomplète (sa fin manque).")
            return width, height
        position += 2 + length
    raise ImageRefused("l’image JPEG est incomplète ou endommagée.")
