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

from .ffmpeg import run_ffmpeg

__all__ = ["TARGET_LUFS", "HEADROOM_DB", "PEAK_CEILING", "level", "adjust", "encode_levelled", "measure", "Measured"]

TARGET_LUFS = -16.0
HEADROOM_DB = 6.0
"""Segments are levelled to TARGET − HEADROOM in 16-bit PCM, so no sample clips; the last
``HEADROOM_DB`` is added in floating point at encoding, in front of the limiter."""
LIMIT = 0.7
"""First limiter ceiling as a linear sample level (−3.1 dBFS), leaving room for MP3's overshoot."""
OUTPUT_RATE = 44_100
MP3_LOSS_DB = 0.3
"""Speech measures about this much quieter once encoded at 64 kbit/s (its top octave is cut)."""
PEAK_CEILING = -1.2
"""dBTP the decoded episode must stay under (Apple asks for −1)."""
MAX_GAIN_DB = 24.0
"""Never amplify more than this: a near-silent take stays near-silent."""


def level(pcm: bytes, sample_rate: int) -> float | None:
    """Integrated loudness of 16-bit mono PCM in LUFS, or None when it is too short or silent to measure."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    if len(samples) < int(0.4 * sample_rate):  # BS.1770 measures 400 ms blocks
        return None
    import pyloudnorm  # imports scipy (a second): only when there is audio to measure

    loudness = pyloudnorm.Meter(sample_rate).integrated_loudness(samples)
    return float(loudness) if np.isfinite(loudness) else None


def encoder_filter(makeup_db: float = 0.0, limit: float = LIMIT) -> str:
    """The ffmpeg audio filter that restores the headroom (plus ``makeup_db``) and limits peaks."""
    gain = HEADROOM_DB + makeup_db
    return (f"aresample={OUTPUT_RATE},volume={gain:.2f}dB:precision=float,"
            f"alimiter=limit={limit:.3f}:attack=5:release=50:level=disabled")


@dataclass(frozen=True)
class Measured:
    integrated: float
    """LUFS"""
    true_peak: float
    """dBTP"""


def _summary(report: bytes) -> Measured:
    text = report.decode("utf-8", "replace")
    summary = text[text.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return Measured(float(integrated.group(1)) if integrated else float("-inf"),
                    float(peak.group(1)) if peak else float("-inf"))


def measure(path: str) -> Measured:
    """Integrated loudness and true peak of an audio file as a player decodes it (ffmpeg's BS.1770 meter)."""
    return _summary(run_ffmpeg(["-i", path, "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
                               stderr=True))


def _shaped_loudness(pcm: bytes, rate: int, makeup: float, limit: float) -> float:
    """Loudness of ``pcm`` as the encoder filter will shape it, without encoding."""
    chain = f"{encoder_filter(makeup, limit)},ebur128=framelog=quiet"
    report = run_ffmpeg(["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0", "-af", chain,
                         "-f", "null", "-"], pcm, stderr=True)
    return _summary(report).integrated


def encode_levelled(pcm: bytes, rate: int, encode: Callable[[str], None], path: str) -> Measured:
    """Encode ``pcm`` with ``encode(filter)`` so the file measures TARGET_LUFS with true peak ≤ PEAK_CEILING.

    The limiter takes back part of any gain, so the makeup gain is found on the PCM first (a
    secant search, each step a quick pass through the filter and the meter, no MP3), then the
    file is encoded once and measured; only if the MP3's peaks overshoot is it encoded again,
    with a lower ceiling.
    """
    limit = LIMIT
    points: list[tuple[float, float]] = []
    makeup = 0.0
    for _ in range(4):
        level_now = _shaped_loudness(pcm, rate, makeup, limit)
        if not level_now > -70:
            break  # silence: nothing to level
        points.append((makeup, level_now))
        target = TARGET_LUFS + MP3_LOSS_DB
        if abs(level_now - target) <= 0.25:
            break
        if len(points) >= 2 and points[-1][1] != points[-2][1]:
            (m0, l0), (m1, l1) = points[-2], points[-1]
            makeup = m1 + (target - l1) * (m1 - m0) / (l1 - l0)
        else:
            makeup += (target - level_now) * 1.3  # limiting gives back less than the gain
        makeup = max(-12.0, min(18.0, makeup))
    for _ in range(3):
        encode(encoder_filter(makeup, limit))
        result = measure(path)
        if result.true_peak <= PEAK_CEILING or not result.integrated > -70:
            return result
        limit *= 10 ** ((PEAK_CEILING - 0.3 - result.true_peak) / 20)
    return result


def adjust(pcm: bytes, gain_db: float) -> bytes:
    """PCM with ``gain_db`` applied, clipped to 16 bits (the limiter at encoding handles peaks)."""
    if abs(gain_db) < 0.01:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) * 10 ** (min(gain_db, MAX_GAIN_DB) / 20)
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()
