"""Script → Takes: every sentence synthesized on its own, so every timing is exact."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .errors import SynthesisError
from .model import Script, Segment, Take
from .cache import SpeechCache
from .tts import Engine, Speech

__all__ = ["speak"]


SENTENCE_GAP = 0.25
"""Seconds of silence between the sentences of a segment: a breath, and room for cue boundaries."""


def speak(script: Script, engine: Engine, progress: Callable[[int, int], None] | None = None,
          cache: SpeechCache | None = None) -> tuple[Take, ...]:
    """Synthesize each segment; ``progress(n, total)`` is called before segment n (from 1).

    With a ``cache``, a sentence already spoken with the same engine settings is reused.
    """
    def say(text: str) -> Speech:
        found = cache.get(engine.identity, text) if cache else None
        if found is None:
            speech = engine.synthesize(text)
            found = Speech(trim_silence(speech.pcm, speech.sample_rate), speech.sample_rate)
            if cache:
                cache.put(engine.identity, text, found)
        return found

    return tuple(
        _take(segment, say, lambda: progress(number, len(script.segments)) if progress else None)
        for number, segment in enumerate(script.segments, start=1)
    )


TRIM_BELOW_DB = 40.0
"""A 10 ms frame this far below the sentence's loudest frame counts as silence."""


def trim_silence(pcm: bytes, rate: int, margin: float = 0.02) -> bytes:
    """Speech without the engine's own leading and trailing silence, so a cue starts and ends with
    the voice; ``margin`` seconds are kept so no consonant is cut."""
    samples = np.frombuffer(pcm, dtype="<i2")
    size = max(1, rate // 100)
    frames = samples[: len(samples) // size * size].astype(np.float64).reshape(-1, size)
    if not len(frames):
        return pcm
    level = 20 * np.log10(np.maximum(np.sqrt(np.mean(frames**2, axis=1)), 1e-9))
    voiced = np.flatnonzero(level > level.max() - TRIM_BELOW_DB)
    keep = round(margin * rate)
    start = max(0, voiced[0] * size - keep)
    end = min(len(samples), (voiced[-1] + 1) * size + keep)
    return samples[start:end].tobytes()


def _take(segment: Segment, say: Callable[[str], Speech], announce: Callable[[], None]) -> Take:
    """One segment, sentence by sentence, so each sentence's end is known to the sample."""
    announce()
    pcm = bytearray()
    ends: list[int] = []
    rate = 0
    for index, sentence in enumerate(segment.sentences):
        speech = say(sentence.spoken)
        if rate and speech.sample_rate != rate:
            raise SynthesisError("the engine changed sample rate within a segment")
        rate = speech.sample_rate
        if index:
            pcm += b"\x00\x00" * round(SENTENCE_GAP * rate)
        pcm += speech.pcm
        ends.append(len(pcm) // 2)
    return Take(segment=segment, pcm=bytes(pcm), sample_rate=rate, sentence_ends=tuple(ends))
