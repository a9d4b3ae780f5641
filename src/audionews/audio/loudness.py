"""Steady loudness: every segment brought to −16 LUFS (ITU-R BS.1770) with true peaks held down.

Podcast apps and Apple ask for about −16 LUFS and true peaks under −1 dBTP. Levelling each
segment, rather than the episode once, keeps a quiet headline from sitting next to a loud
paragraph, and lets the episode be encoded while later segments are still being spoken: when
every segment measures −16 LUFS, so does the whole.

The meter and the limiter are numpy, not pyloudnorm and ffmpeg's alimiter: pyloudnorm needs
scipy, whose import alone costs a second (a tenth of speaking a news article), and a limiter
outside the meter's reach makes the final level a guess. Here a segment's level is measured
after limiting, so it is known before encoding. Both are checked against pyloudnorm and
ffmpeg's ebur128 in the tests; the encoded file is still measured by ffmpeg (see :mod:`.encode`).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import numpy as np

__all__ = [
    "PEAK_CEILING",
    "TARGET_LUFS",
    "Measured",
    "block_powers",
    "gated_loudness",
    "levelled",
    "loudness",
    "parse_ebur128",
    "true_peak",
]

TARGET_LUFS = -16.0
PEAK_CEILING = -1.2
"""dBTP the decoded episode must stay under (Apple asks for −1)."""
MP3_LOSS_DB = 0.45
"""Speech measures about this much quieter once encoded at 64 kbit/s (its top octave is cut)."""
LIMIT_DBTP = -3.5
"""Ceiling of the limiter, as true peak: room for what resampling and MP3 add (0.9 to 1.8 dB
measured on our examples), so that an episode rarely needs encoding twice."""
LIMIT_WINDOW = 0.01
"""Seconds over which the limiter's gain falls and recovers: between the 5 ms attack and 50 ms
release of common speech limiters; much shorter is heard as distortion, much longer as pumping."""
LEVEL_STEPS, LEVEL_TOLERANCE = 8, 0.05
"""At most this many limiter passes per segment, stopping within this many LU of the target."""
MAX_GAIN_DB = 30.0
"""Never amplify more than this: a near-silent take stays near-silent. Speech 12 dB quieter than
piper's already needs over 20 dB, the limiter taking back a part of it."""
LEVELLING = f"levelled:{TARGET_LUFS + MP3_LOSS_DB}:{LIMIT_DBTP}:{LIMIT_WINDOW}:{LEVEL_TOLERANCE}:{MAX_GAIN_DB}:1"
"""Everything that decides what :func:`levelled` makes of a take, for cache keys."""
BLOCK, STEP = 0.4, 0.1
"""BS.1770 gating blocks: 400 ms, overlapping by 75 %."""
ABSOLUTE_GATE, RELATIVE_GATE = -70.0, -10.0


@dataclass(frozen=True)
class Measured:
    integrated: float
    """LUFS"""
    true_peak: float
    """dBTP"""


def _biquad_response(b: tuple[float, float, float], a: tuple[float, float, float], back: np.ndarray) -> np.ndarray:
    """A biquad's response at the points whose inverse is ``back`` (z⁻¹ on the unit circle)."""
    return (b[0] + back * (b[1] + back * b[2])) / (a[0] + back * (a[1] + back * a[2]))


@functools.lru_cache(maxsize=16)
def _k_weighting(size: int, rate: int) -> np.ndarray:
    """The complex response of BS.1770's K-weighting (a high shelf, then a high pass) at ``rate``,
    at the frequencies of an FFT of ``size`` points."""
    z = np.exp(-2j * np.pi * np.fft.rfftfreq(size, 1 / rate) / rate)  # z⁻¹
    shelf_gain, shelf_q, shelf_fc = 4.0, 1 / math.sqrt(2), 1500.0
    amp = 10 ** (shelf_gain / 40)
    w0 = 2 * math.pi * shelf_fc / rate
    alpha = math.sin(w0) / (2 * shelf_q)
    cos, root = math.cos(w0), 2 * math.sqrt(amp) * alpha
    shelf = _biquad_response(
        (amp * ((amp + 1) + (amp - 1) * cos + root), -2 * amp * ((amp - 1) + (amp + 1) * cos),
         amp * ((amp + 1) + (amp - 1) * cos - root)),
        ((amp + 1) - (amp - 1) * cos + root, 2 * ((amp - 1) - (amp + 1) * cos), (amp + 1) - (amp - 1) * cos - root),
        z)
    w0 = 2 * math.pi * 38.0 / rate
    alpha, cos = math.sin(w0) / (2 * 0.5), math.cos(w0)
    high_pass = _biquad_response(((1 + cos) / 2, -(1 + cos), (1 + cos) / 2), (1 + alpha, -2 * cos, 1 - alpha), z)
    return (shelf * high_pass).astype(np.complex64)


def _fast_size(size: int) -> int:
    """The next length at least ``size`` with only 2, 3 and 5 as factors: FFTs of other lengths can
    be a hundred times slower."""
    best = 1 << (size - 1).bit_length()
    five = 1
    while five < best:
        three = five
        while three < best:
            two = three
            while two < size:
                two *= 2
            best = min(best, two)
            three *= 3
        five *= 5
    return best


def _k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` through the K-weighting filter. Filtering by FFT with half a second of padding
    gives the recursive filter's output to within rounding: its response has died out by then."""
    size = _fast_size(len(samples) + rate // 2)
    spectrum = np.fft.rfft(samples.astype(np.float32), size)  # single precision: twice as fast, ample for a meter
    spectrum *= _k_weighting(size, rate)
    return np.fft.irfft(spectrum, size)[: len(samples)].astype(np.float64)


def block_powers(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mean square of the K-weighted signal in each gating block (the z of BS.1770)."""
    return _blocks(_k_weighted(samples, rate) ** 2, rate)


def _blocks(squares: np.ndarray, rate: int) -> np.ndarray:
    block, step = round(BLOCK * rate), round(STEP * rate)
    if len(squares) < block:
        return np.empty(0)
    sums = np.concatenate(([0.0], np.cumsum(squares)))
    starts = np.arange(0, len(squares) - block + 1, step)
    return (sums[starts + block] - sums[starts]) / block


def _lufs(power: float) -> float:
    return -0.691 + 10 * math.log10(power) if power > 0 else float("-inf")


def gated_loudness(powers: np.ndarray) -> float | None:
    """Integrated loudness of a run of block powers, gated as BS.1770 says; None for silence."""
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(powers)
    kept = powers[levels > ABSOLUTE_GATE]
    if not len(kept):
        return None
    relative = _lufs(float(kept.mean())) + RELATIVE_GATE
    kept = kept[-0.691 + 10 * np.log10(kept) > relative]
    return _lufs(float(kept.mean()))


def loudness(samples: np.ndarray, rate: int) -> float | None:
    """Integrated loudness of float samples (full scale 1.0) in LUFS, or None when too short or silent."""
    return gated_loudness(block_powers(samples, rate))


def _peak_envelope(samples: np.ndarray, factor: int = 4) -> np.ndarray:
    """The highest level at or just after each sample, peaks between samples included: the signal
    oversampled ``factor`` times (band-limited, by FFT), as BS.1770 measures true peak."""
    if len(samples) < 2:
        return np.abs(samples)
    size = _fast_size(len(samples) + 64)  # a little padding keeps the ends from wrapping round
    fine = np.fft.irfft(np.fft.rfft(samples.astype(np.float32), size), size * factor)[: len(samples) * factor]
    return np.maximum(np.abs(fine).reshape(len(samples), factor).max(axis=1) * factor, np.abs(samples))


def true_peak(samples: np.ndarray) -> float:
    """True peak in dBTP (4× oversampled)."""
    peak = float(_peak_envelope(samples).max()) if len(samples) else 0.0
    return 20 * math.log10(peak) if peak > 0 else float("-inf")


def _running_min(values: np.ndarray, width: int) -> np.ndarray:
    """Minimum of each window of ``width`` values starting at every index (van Herk/Gil-Werman)."""
    count = len(values)
    blocks = -(-(count + width - 1) // width)
    padded = np.ones(blocks * width)
    padded[:count] = values
    grid = padded.reshape(blocks, width)
    forward = np.minimum.accumulate(grid, axis=1).ravel()
    backward = np.minimum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()
    index = np.arange(count)
    return np.minimum(backward[index], forward[np.minimum(index + width - 1, len(forward) - 1)])


def _limiter_gain(envelope: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray | float:
    """The gain, at each sample, that keeps a signal whose true peak is ``envelope`` (see
    :func:`_peak_envelope`) under ``ceiling_db``, lowered and raised smoothly; 1.0 when none is needed.

    The gain is worked out per millisecond, not per sample (twenty times less work): the least
    gain each millisecond needs is spread to its neighbours by a running minimum one millisecond
    wider on each side than the averaging window that follows, so the smooth gain, interpolated
    between milliseconds, is never above what any sample needs.
    """
    ceiling = 10 ** (ceiling_db / 20)
    if envelope.max() <= ceiling:
        return 1.0
    step = max(1, rate // 1000)
    count = -(-len(envelope) // step)
    need = np.ones(count * step)
    need[: len(envelope)] = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    need = need.reshape(count, step).min(axis=1)
    half = max(1, round(LIMIT_WINDOW * 1000 / 2))
    width, reach = 2 * half + 1, half + 1
    held = _running_min(np.concatenate((np.ones(2 * reach), need, np.ones(2 * reach))), 2 * reach + 1)
    held = held[reach - half: reach - half + count + 2 * half]  # held[k] covers blocks k − 2·half − 1 … k + 1
    sums = np.concatenate(([0.0], np.cumsum(held)))
    smooth = (sums[width:width + count] - sums[:count]) / width
    centres = np.arange(count) * step + (step - 1) / 2
    return np.interp(np.arange(len(envelope)), centres, smooth)


def levelled(pcm: bytes, rate: int, target: float = TARGET_LUFS + MP3_LOSS_DB) -> bytes:
    """16-bit PCM brought to ``target`` LUFS with true peaks under :data:`LIMIT_DBTP`.

    Raw speech peaks about 20 dB above its loudness, so reaching −16 LUFS under the ceiling takes
    several dB of limiting, which takes back part of any gain: the gain is found by a few
    secant steps. Too short or silent audio is returned unchanged.
    """
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    weighted = _k_weighted(samples, rate) ** 2
    measured = gated_loudness(_blocks(weighted, rate))
    if measured is None:
        return pcm
    envelope = _peak_envelope(samples)
    tried: list[tuple[float, float]] = []
    gain = target - measured
    for _ in range(LEVEL_STEPS):
        gain = min(gain, MAX_GAIN_DB)
        scale = 10 ** (gain / 20)
        curve = scale * _limiter_gain(envelope * scale, rate, LIMIT_DBTP)
        # The gain moves slowly next to the K-filter's response, so filter and gain commute:
        # the limited signal's level needs no second pass through the filter.
        reached = gated_loudness(_blocks(weighted * curve**2, rate))
        if reached is None or abs(reached - target) <= LEVEL_TOLERANCE or gain == MAX_GAIN_DB:
            break
        tried.append((gain, reached))
        if len(tried) > 1 and tried[-1][1] != tried[-2][1]:  # secant through the last two tries
            (g0, l0), (g1, l1) = tried[-2:]
            gain = g1 + (target - l1) * (g1 - g0) / (l1 - l0)
        else:
            gain += (target - reached) * 2  # the limiter gives back about half of any gain
    shaped = samples * curve
    return np.clip(np.round(shaped * 32768.0), -32768, 32767).astype("<i2").tobytes()


def parse_ebur128(report: bytes) -> Measured:
    """The summary of ffmpeg's ``ebur128=peak=true`` filter."""
    text = report.decode("utf-8", "replace")
    summary = text[text.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return Measured(float(integrated.group(1)) if integrated else float("-inf"),
                    float(peak.group(1)) if peak else float("-inf"))
