"""Script → Takes: every segment synthesized on its own, so its duration is exact."""

from __future__ import annotations

from typing import Callable

from .model import Script, Take
from .tts import Engine

__all__ = ["speak"]


def speak(script: Script, engine: Engine, progress: Callable[[int, int], None] | None = None) -> tuple[Take, ...]:
    """Synthesize each segment; ``progress(n, total)`` is called before segment n (from 1)."""
    takes = []
    total = len(script.segments)
    for number, segment in enumerate(script.segments, start=1):
        if progress:
            progress(number, total)
        speech = engine.synthesize(segment.spoken)
        takes.append(Take(segment=segment, pcm=speech.pcm, sample_rate=speech.sample_rate))
    return tuple(takes)
