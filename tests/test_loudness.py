"""The numpy BS.1770 meter and true-peak limiter, against pyloudnorm and ffmpeg's ebur128."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from audionews.audio import loudness
from audionews.ffmpeg import ffmpeg_path
from audionews.speech.engines import Voice, get_engine
from conftest import ENGINE

RATES = (16_000, 22_050, 24_000, 44_100, 48_000)


def noise_bursts(rate: int, seconds: float, seed: int) -> np.ndarray:
    """Band-limited noise that swells and fades, with a near-silent stretch for the gates to drop."""
    rng = np.random.default_rng(seed)
    count = int(rate * seconds)
    signal = rng.normal(0, 0.1, count) * np.sin(np.linspace(0, 9 * np.pi, count)) ** 2
    signal[count // 4: count // 3] *= 0.0005
    return signal


@pytest.mark.parametrize("rate", RATES)
def test_meter_agrees_with_pyloudnorm(rate: int) -> None:
    import pyloudnorm  # here: it imports scipy, most of a second of every test process's collection

    for seed, scale in ((1, 1.0), (2, 0.05), (3, 3.0)):
        signal = np.clip(noise_bursts(rate, 6.5, seed) * scale, -1, 1)
        expected = pyloudnorm.Meter(rate).integrated_loudness(signal)
        assert loudness.loudness(signal, rate) == pytest.approx(expected, abs=0.01)


def test_too_short_or_silent_has_no_loudness() -> None:
    assert loudness.loudness(np.zeros(48_000), 48_000) is None
    assert loudness.loudness(np.full(1000, 0.5), 48_000) is None


def ffmpeg_ebur128(samples: np.ndarray, rate: int) -> loudness.Measured:
    pcm = np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2").tobytes()
    report = subprocess.run([ffmpeg_path(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                             "-i", "pipe:0", "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
                            input=pcm, capture_output=True, check=True).stderr
    return loudness.parse_ebur128(report)


def test_true_peak_finds_peaks_between_samples() -> None:
    rate = 22_050
    # A tone at a quarter of the rate, sampled 45° off its crests: every sample is at 0.707 of the peak.
    phase = np.pi / 4 + np.pi / 2 * np.arange(rate)
    signal = 0.9 * np.sin(phase)
    assert 20 * np.log10(np.abs(signal).max()) == pytest.approx(-3.9, abs=0.1)
    assert loudness.true_peak(signal) == pytest.approx(20 * np.log10(0.9), abs=0.2)


@pytest.fixture(scope="module", params=[ENGINE, pytest.param("piper", marks=pytest.mark.slow)])
def speech(request: pytest.FixtureRequest) -> tuple[bytes, int]:
    """A sentence spoken by an engine, as the assembler receives it: the test engine's hums, and piper's real speech."""
    spoken = get_engine(Voice(engine=request.param)).synthesize(
        "Harbor Town voted on Tuesday to build its first offshore wind farm. "
        "Supporters cheered, but fishermen said the turbines would crowd the best grounds.")
    return spoken.pcm, spoken.sample_rate


@pytest.mark.parametrize("gain_db", [-12.0, 0.0, 6.0])
def test_levelled_speech_reaches_the_target_under_the_ceiling(speech, gain_db: float) -> None:
    pcm, rate = speech
    quiet_or_loud = np.clip(np.frombuffer(pcm, "<i2") * 10 ** (gain_db / 20), -32768, 32767).astype("<i2")
    out = np.frombuffer(loudness.levelled(quiet_or_loud.tobytes(), rate), "<i2") / 32768.0
    target = loudness.TARGET_LUFS + loudness.MP3_LOSS_DB
    assert loudness.loudness(out, rate) == pytest.approx(target, abs=loudness.LEVEL_TOLERANCE + 0.05)
    assert loudness.true_peak(out) <= loudness.LIMIT_DBTP + 0.05
    measured = ffmpeg_ebur128(out, rate)  # an independent meter says the same
    assert measured.integrated == pytest.approx(target, abs=0.3)
    assert measured.true_peak <= loudness.LIMIT_DBTP + 0.3


def test_limiter_never_gives_more_gain_than_a_sample_needs() -> None:
    rate = 22_050
    rng = np.random.default_rng(7)
    envelope = np.abs(rng.normal(0, 0.5, rate * 3)) * (1 + 3 * (rng.random(rate * 3) > 0.999))
    gain = loudness._limiter_gain(envelope, rate, -3.0)
    ceiling = 10 ** (-3.0 / 20)
    assert np.all(envelope * gain <= ceiling * (1 + 1e-9))
    assert gain.min() < 0.5  # it did limit
    assert np.abs(np.diff(gain)).max() < 0.05  # smoothly, never in a jump


def test_silence_and_tiny_takes_pass_unchanged() -> None:
    silence = bytes(2 * 22_050)
    assert loudness.levelled(silence, 22_050) == silence
    blip = np.full(200, 1000, "<i2").tobytes()
    assert loudness.levelled(blip, 22_050) == blip
