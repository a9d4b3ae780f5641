"""Takes → Episode: segments levelled, joined with their pauses, encoded to MP3 and tagged.

:func:`assemble` is the entry point; :mod:`.loudness` levels, :mod:`.encode` drives ffmpeg,
:mod:`.tags` writes ID3 and chapters.
"""

from __future__ import annotations

from audionews.audio.assembly import Leveller, Listener, assemble, levelled
from audionews.audio.tags import Tags

__all__ = ["Leveller", "Listener", "Tags", "assemble", "levelled"]
