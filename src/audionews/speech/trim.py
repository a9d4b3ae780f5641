"""Speech without the engine's own leading and trailing silence, so a cue starts and ends with the voice.

Below both the speaker and its worker processes (a worker trims, so the parent receives less).
"""

from __future__ import annotations

from audionews.speech.engines import Speech

__all__ = ["TRIM_BELOW_DB", "trim_silence", "trimmed"]

TRIM_BELOW_DB = 40.0
"""A 10 ms frame this far below the sentence's loudest frame counts as silence."""


def trim_silence(pcm: bytes, rate: int, margin: float = 0.02) -> bytes:
    """Speech without the engine's own leading and trailing silence, so a cue starts and ends with
    the voice; ``margin`` seconds are kept so no consonant is cut."""
    import numpy as np  # here, so commands that speak nothing don't load it

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


def trimmed(speech: Speech) -> Speech:
    """``speech`` without its leading and trailing silence."""
    return Speech(trim_silence(speech.pcm, speech.sample_rate), speech.sample_rate)
