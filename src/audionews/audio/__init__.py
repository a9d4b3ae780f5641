"""Takes → Episode: segments levelled, joined with their pauses, encoded to MP3 and tagged.

:func:`assemble` is the entry point; :mod:`.loudness` levels, :mod:`.encode` drives ffmpeg.
"""

from __future__ import annotations

from audionews.audio.assembly import Tags, assemble

__all__ = ["Tags", "assemble"]
