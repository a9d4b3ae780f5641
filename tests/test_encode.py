"""The streaming MP3 encoder: what it measures while writing is what the file measures, it can
encode again from its spool, and odd folder names don't confuse ffmpeg's tee muxer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audionews.audio.encode import Mp3Writer, measure
from conftest import decoded_seconds

RATE = 22_050


def tone_bursts(seconds: float) -> bytes:
    t = np.arange(int(RATE * seconds)) / RATE
    signal = 0.3 * np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 0.5 * t) > 0)
    return (signal * 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("folder", ["plain", "a:b [c]|d, 'e'"])
def test_streamed_mp3_is_whole_and_measured_as_written(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "episode.mp3"
    path.parent.mkdir()
    with Mp3Writer(path, RATE) as writer:
        for _ in range(4):  # arriving in pieces, as segments do
            writer.write(tone_bursts(2.0))
        streamed = writer.finish()
    assert decoded_seconds(path) == pytest.approx(8.0, abs=0.06)
    assert streamed == measure(path)
    assert -30 < streamed.integrated < -5


def test_encoding_again_applies_the_gain_to_the_spooled_audio(tmp_path: Path) -> None:
    path = tmp_path / "episode.mp3"
    with Mp3Writer(path, RATE) as writer:
        writer.write(tone_bursts(6.0))
        first = writer.finish()
        second = writer.encode_again(-4.0)
    assert second.integrated == pytest.approx(first.integrated - 4.0, abs=0.2)
    assert second == measure(path)
    assert decoded_seconds(path) == pytest.approx(6.0, abs=0.06)


def test_spool_is_removed_when_done(tmp_path: Path) -> None:
    path = tmp_path / "episode.mp3"
    with Mp3Writer(path, RATE) as writer:
        writer.write(tone_bursts(1.0))
        writer.finish()
    assert [p.name for p in tmp_path.iterdir()] == ["episode.mp3"]
