"""Levelling benchmark: why audionews levels and joins segments with numpy and not pydub.

The three example articles are spoken with the bundled piper voice, as ``publish`` speaks them:
one take per segment (headline, byline, paragraphs). Then the takes are levelled and joined with
their pauses into one episode's PCM by:

- audionews: ``audio.loudness.levelled`` on each take (BS.1770 loudness to the target, true peaks
  held under a limiter), then the pause, as ``audio.assembly`` does before encoding;
- numpy, plain gain: each take brought to one RMS level (pydub's ``dBFS``), clipped, joined;
- pydub, plain gain: ``AudioSegment.apply_gain(target - seg.dBFS)`` and ``+=`` with ``silent()``,
  the same job as the line above, written as pydub is used;
- pydub, plain gain and ``effects.compress_dynamic_range``: its only tool that holds peaks down.

The RMS target is set so the average take lands on audionews's loudness target (the offset between
RMS and loudness is measured on these takes), which is the best plain gain can do. Each contender
runs three times and its fastest run is kept. Then the output of each is measured with audionews's
meter (checked against pyloudnorm in tests/test_loudness.py): the spread of the takes' loudness
(what a listener hears as some paragraphs louder than others), the highest true peak, and the
samples clipped.

Needs pydub (the ``bench`` extra).  Run:  python benchmarks/levelling.py
"""

from __future__ import annotations

import gc
import math
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from audionews.audio import loudness
from audionews.extract import extract
from audionews.fetch import fetch
from audionews.model import Take
from audionews.script.segments import make_script
from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker, default_jobs, speak

with warnings.catch_warnings():  # pydub warns when ffmpeg is not on PATH; it is not needed here
    warnings.simplefilter("ignore")
    from pydub import AudioSegment, effects

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = ("harbor-wind-farm.html", "library-late-fees.txt", "night-market.html")
REPEATS = 3
TARGET = loudness.TARGET_LUFS + loudness.MP3_LOSS_DB
"""The level audionews gives each take before encoding."""

Segments = list[tuple[bytes, float]]
"""Each take's PCM and the seconds of silence after it."""


def spoken_takes() -> tuple[Segments, int]:
    takes: list[Take] = []
    with Speaker(get_engine(Voice()), default_jobs()) as speaker:
        for name in ARTICLES:
            script = make_script(extract(fetch(str(EXAMPLES / name))))
            takes += list(speak(script, speaker))
    return [(take.pcm, take.segment.pause_after) for take in takes], takes[0].sample_rate


def samples_of(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0


def with_audionews(segments: Segments, rate: int, _rms_target: float) -> bytes:
    return b"".join(loudness.levelled(pcm, rate) + b"\x00\x00" * round(pause * rate) for pcm, pause in segments)


def with_numpy_gain(segments: Segments, rate: int, rms_target: float) -> bytes:
    parts = []
    for pcm, pause in segments:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        rms = math.sqrt(float(np.mean(samples * samples)))
        gain = 10 ** (rms_target / 20) * 32768 / rms if rms else 1.0
        parts += [np.clip(np.round(samples * gain), -32768, 32767).astype("<i2"),
                  np.zeros(round(pause * rate), dtype="<i2")]
    return np.concatenate(parts).tobytes()


def with_pydub_gain(segments: Segments, rate: int, rms_target: float, compress: bool = False) -> bytes:
    episode = AudioSegment.empty().set_frame_rate(rate)
    for pcm, pause in segments:
        segment = AudioSegment(data=pcm, sample_width=2, frame_rate=rate, channels=1)
        segment = segment.apply_gain(rms_target - segment.dBFS)
        if compress:
            segment = effects.compress_dynamic_range(segment, threshold=-12.0, ratio=20.0, attack=1.0, release=50.0)
        episode += segment + AudioSegment.silent(duration=pause * 1000, frame_rate=rate)
    return episode.raw_data


def with_pydub_gain_and_compressor(segments: Segments, rate: int, rms_target: float) -> bytes:
    return with_pydub_gain(segments, rate, rms_target, compress=True)


def fastest(work: Callable[[Segments, int, float], bytes], segments: Segments, rate: int,
            rms_target: float) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(REPEATS):
        gc.collect()
        started = time.perf_counter()
        result = work(segments, rate, rms_target)
        best = min(best, time.perf_counter() - started)
    return best, result


def quality(pcm: bytes, segments: Segments, rate: int) -> tuple[float, float, float, int]:
    """Spread of the takes' loudness (LU), their mean (LUFS), the highest true peak (dBTP) and the
    samples at full scale, in the joined output."""
    levels, start = [], 0
    for take, pause in segments:
        size = len(take) // 2
        level = loudness.loudness(samples_of(pcm[2 * start: 2 * (start + size)]), rate)
        if level is not None:
            levels.append(level)
        start += size + round(pause * rate)
    samples = np.frombuffer(pcm, dtype="<i2")
    clipped = int(np.count_nonzero((samples == 32767) | (samples == -32768)))
    return max(levels) - min(levels), float(np.mean(levels)), loudness.true_peak(samples_of(pcm)), clipped


def main() -> None:
    started = time.perf_counter()
    segments, rate = spoken_takes()
    minutes = sum(len(pcm) / 2 / rate + pause for pcm, pause in segments) / 60
    spoken = time.perf_counter() - started
    print(f"{len(segments)} takes, {minutes:.1f} minutes at {rate} Hz (spoken in {spoken:.0f} s)")
    offsets = []
    for pcm, _ in segments:
        samples = samples_of(pcm)
        level = loudness.loudness(samples, rate)
        if level is not None:
            offsets.append(20 * math.log10(math.sqrt(float(np.mean(samples * samples)))) - level)
    rms_target = TARGET + float(np.mean(offsets))
    contenders = {
        "audionews: BS.1770 + true-peak limit": with_audionews,
        "numpy: RMS gain": with_numpy_gain,
        "pydub: RMS gain": with_pydub_gain,
        "pydub: RMS gain + compressor": with_pydub_gain_and_compressor,
    }
    results = {name: fastest(work, segments, rate, rms_target) for name, work in contenders.items()}
    reference = results["audionews: BS.1770 + true-peak limit"][0]
    plain = results["numpy: RMS gain"][0]
    print(f"fastest of {REPEATS} runs; loudness target {TARGET:.2f} LUFS per take (RMS target {rms_target:.1f} dBFS)\n")
    print(f"{'':38} {'seconds':>8} {'s/audio min':>11} {'vs audionews':>13} {'vs numpy gain':>14} "
          f"{'spread LU':>10} {'mean LUFS':>10} {'peak dBTP':>10} {'clipped':>8}")
    raw = quality(b"".join(pcm + b"\x00\x00" * round(pause * rate) for pcm, pause in segments), segments, rate)
    print(f"{'takes as spoken (no levelling)':38} {'':8} {'':11} {'':13} {'':14} "
          f"{raw[0]:10.1f} {raw[1]:10.1f} {raw[2]:10.1f} {raw[3]:8d}")
    for name, (seconds, pcm) in results.items():
        spread, mean, peak, clipped = quality(pcm, segments, rate)
        print(f"{name:38} {seconds:8.3f} {seconds / minutes:11.4f} {seconds / reference:12.2f}x "
              f"{seconds / plain:13.1f}x {spread:10.1f} {mean:10.1f} {peak:10.1f} {clipped:8d}")


if __name__ == "__main__":
    main()
