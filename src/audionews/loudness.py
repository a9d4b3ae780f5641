"""Steady loudness: every segment brought to the same level (ITU-R BS.1770, via pyloudnorm).

Podcast apps and Apple ask for about −16 LUFS. Levelling each segment, rather than the whole
episode once, also keeps a quiet headline from sitting next to a loud paragraph; a limiter at
encoding then keeps true peaks under −1 dBTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyloudnorm

from .ffmpeg import run_ffmpeg

__all__ = ["TARGET_LUFS", "HEADROOM_DB", "PEAK_CEILING", "level", "adjust", "encode_levelled", "measure", "Measured"]

TARGET_LUFS = -16.0
HEADROOM_DB = 6.0
"""Segments are levelled to TARGET − HEADROOM in 16-bit PCM, so no sample clips; the last
``HEADROOM_DB`` is added in floating point at encoding, in front of the limiter."""
LIMIT = 0.7
"""First limiter ceiling as a linear sample level (−3.1 dBFS), leaving room for MP3's overshoot."""
OVERSAMPLED_RATE = 176_400
PEAK_CEILING = -1.2
"""dBTP the decoded episode must stay under (Apple asks for −1)."""
MAX_GAIN_DB = 24.0
"""Never amplify more than this: a near-silent take stays near-silent."""


def level(pcm: bytes, sample_rate: int) -> float | None:
    """Integrated loudness of 16-bit mono PCM in LUFS, or None when it is too short or silent to measure."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    if len(samples) < int(0.4 * sample_rate):  # BS.1770 measures 400 ms blocks
        return None
    loudness = pyloudnorm.Meter(sample_rate).integrated_loudness(samples)
    return float(loudness) if np.isfinite(loudness) else None


def encoder_filter(makeup_db: float = 0.0, limit: float = LIMIT) -> str:
    """The ffmpeg audio filter that restores the headroom (plus ``makeup_db``) and limits peaks."""
    gain = HEADROOM_DB + makeup_db
    # limited at four times the output rate, so peaks between samples are caught too (true peak)
    return (f"aresample={OVERSAMPLED_RATE},volume={gain:.2f}dB:precision=float,"
            f"alimiter=limit={limit:.3f}:attack=5:release=50:level=disabled")


@dataclass(frozen=True)
class Measured:
    integrated: float
    """LUFS"""
    true_peak: float
    """dBTP"""


def measure(path: str) -> Measured:
    """Integrated loudness and true peak of an audio file as a player decodes it (ffmpeg's BS.1770 meter)."""
    report = run_ffmpeg(["-i", path, "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
                        stderr=True).decode("utf-8", "replace")
    summary = report[report.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return Measured(float(integrated.group(1)) if integrated else float("-inf"),
                    float(peak.group(1)) if peak else float("-inf"))


def encode_levelled(encode: Callable[[str], None], path: str) -> Measured:
    """Encode with ``encode(filter)`` until the file measures TARGET_LUFS ±0.5 with true peak ≤ −1.2 dBTP.

    The limiter and the MP3 encoder each move loudness and peaks a little, so the result is
    measured and the gain and ceiling corrected, at most a few times.
    """
    makeup, limit = 0.0, LIMIT
    for attempt in range(5):
        encode(encoder_filter(makeup, limit))
        result = measure(path)
        if not (result.integrated > -70):
            return result  # silence: nothing to level
        peak_ok = result.true_peak <= PEAK_CEILING
        if peak_ok and (abs(result.integrated - TARGET_LUFS) <= 0.5 or attempt == 4):
            return result
        makeup += max(-12.0, min(12.0, TARGET_LUFS - result.integrated))
        if not peak_ok:
            limit *= 10 ** ((PEAK_CEILING - 0.5 - result.true_peak) / 20)
    encode(encoder_filter(makeup - 1.0, limit * 0.8))  # last resort: safely under the ceiling, a little quieter
    return measure(path)


def adjust(pcm: bytes, gain_db: float) -> bytes:
    """PCM with ``gain_db`` applied, clipped to 16 bits (the limiter at encoding handles peaks)."""
    if abs(gain_db) < 0.01:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) * 10 ** (min(gain_db, MAX_GAIN_DB) / 20)
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()
