"""The silent engine, which tests and dry runs speak with: real PCM in the rhythm of the words, the same
every time, that trimming and levelling treat as they treat speech."""

from __future__ import annotations

import numpy as np
import pytest

from audionews.audio import loudness
from audionews.errors import ConfigError
from audionews.speech.engines import Voice, available, get_engine
from audionews.speech.trim import trim_silence
from conftest import invoke

SENTENCE = "The harbor board agreed on Monday to rebuild the old sea wall, after two winters of storms."


def speak(text: str, speed: float = 1.0) -> tuple[np.ndarray, int]:
    speech = get_engine(Voice(engine="silent", speed=speed)).synthesize(text)
    return np.frombuffer(speech.pcm, "<i2"), speech.sample_rate


def test_it_is_an_engine_a_user_can_choose(tmp_path) -> None:
    assert "silent" in available()
    result = invoke(tmp_path, "init", "dry", "--title", "T", "--author", "A", "--email", "a@b.c",
                    "--base-url", "https://example.org/", "--engine", "silent")
    assert result.exit_code == 0, result.stderr
    assert 'engine = "silent"' in (tmp_path / "dry" / "feed.toml").read_text()


def test_the_same_text_gives_the_same_bytes_and_other_text_other_bytes() -> None:
    first, rate = speak(SENTENCE)
    again, _ = speak(SENTENCE)
    other, _ = speak(SENTENCE.replace("Monday", "Friday"))
    assert rate == 22_050
    assert first.tobytes() == again.tobytes()
    assert len(other) == len(first) and other.tobytes() != first.tobytes()


def test_length_follows_the_text_and_the_speed() -> None:
    short, rate = speak("The harbor board agreed.")
    long, _ = speak(f"{SENTENCE} {SENTENCE}")
    fast, _ = speak(f"{SENTENCE} {SENTENCE}", speed=2.0)
    assert 0.5 < len(short) / rate < len(long) / rate
    assert len(long) / rate == pytest.approx(3.6, rel=0.2)  # about a third of the time a voice takes to say it
    assert len(fast) / len(long) == pytest.approx(0.5, abs=0.05)


def test_nothing_to_say_is_no_audio() -> None:
    assert speak("  ")[0].size == 0


def test_words_are_sounds_with_silence_around_and_between() -> None:
    samples, rate = speak(SENTENCE)
    assert np.abs(samples).max() > 0.2 * 32767
    trimmed = np.frombuffer(trim_silence(samples.tobytes(), rate), "<i2")
    assert 0 < len(samples) - len(trimmed) < 0.5 * rate  # the engine's own lead-in and tail are trimmed
    frames = np.abs(trimmed[: len(trimmed) // 220 * 220].reshape(-1, 220)).max(axis=1)  # 10 ms frames
    assert (frames == 0).sum() > 0.1 * len(frames)  # gaps between the words
    assert (frames > 0.1 * 32767).sum() > 0.5 * len(frames)  # and sound in them


def test_levelling_brings_it_to_the_target_like_speech() -> None:
    samples, rate = speak(f"{SENTENCE} {SENTENCE}")
    out = np.frombuffer(loudness.levelled(samples.tobytes(), rate), "<i2") / 32768.0
    target = loudness.TARGET_LUFS + loudness.MP3_LOSS_DB
    assert loudness.loudness(samples / 32768.0, rate) < target - 2  # raw, it is quieter than the target
    assert loudness.loudness(out, rate) == pytest.approx(target, abs=loudness.LEVEL_TOLERANCE + 0.05)
    assert loudness.true_peak(out) <= loudness.LIMIT_DBTP + 0.05


def test_its_identity_is_its_own() -> None:
    silent = get_engine(Voice(engine="silent")).identity
    assert silent.startswith("silent:")
    assert get_engine(Voice(engine="silent", speed=1.5)).identity != silent


def test_it_has_no_voices_to_choose() -> None:
    with pytest.raises(ConfigError, match="the silent engine has no voices"):
        get_engine(Voice(engine="silent", voice="en_US-joe-medium.onnx"))
