"""The editor's own cover art, checked against Apple's rules before anything is published.

Apple Podcasts wants a square PNG or JPEG from 1400×1400 to 3000×3000 pixels in RGB, with no
transparency. Only the image header is read, so the check is cheap on every load of feed.toml.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from audionews.errors import ConfigError

__all__ = ["MAX_SIZE", "MIN_SIZE", "check_artwork"]

MIN_SIZE = 1400
MAX_SIZE = 3000
_SUFFIX = {"PNG": ".png", "JPEG": ".jpg"}
"""``.jpg``, never ``.jpeg``: feedgen silently drops a channel image whose URL ends in .jpeg."""


def check_artwork(path: Path, name: str, where: str) -> str:
    """The suffix the cover is served under (``.png`` or ``.jpg``); a ConfigError saying what is wrong."""
    def wrong(problem: str) -> ConfigError:
        return ConfigError(f"artwork {name if len(name) <= 60 else name[:59] + '…'} {problem}", where)

    try:
        found = path.is_file()
    except OSError:  # a name too long, a folder we may not enter
        found = False
    if not found:
        raise wrong("not found in the feed folder")
    from PIL import Image, UnidentifiedImageError  # Pillow only for feeds with their own artwork

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # an error here, not a warning printed
            with Image.open(path) as image:
                kind, (width, height), mode = image.format, image.size, image.mode
                transparent = "transparency" in image.info
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise wrong(f"is far larger than {MAX_SIZE}×{MAX_SIZE}: Apple needs a square image from {MIN_SIZE} "
                    f"to {MAX_SIZE} pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:  # SyntaxError: Pillow's "broken file"
        raise wrong("is not an image Pillow can read: Apple needs a PNG or JPEG") from exc
    if kind not in _SUFFIX:
        raise wrong(f"is a {kind} image: Apple needs PNG or JPEG")
    if width != height or not MIN_SIZE <= width <= MAX_SIZE:
        raise wrong(f"is {width}×{height}: Apple needs a square image from {MIN_SIZE} to {MAX_SIZE} pixels")
    if mode in ("RGBA", "LA", "PA") or transparent:
        raise wrong(f"has transparency ({mode}): Apple needs RGB without an alpha channel")
    if mode != "RGB":
        raise wrong(f"is in {_MODES.get(mode, mode)} colour: Apple needs RGB")
    return _SUFFIX[kind]


_MODES = {"CMYK": "CMYK", "L": "greyscale", "1": "black-and-white", "P": "palette", "YCbCr": "YCbCr",
          "I;16": "16-bit greyscale", "I": "32-bit greyscale"}
