"""No sentence dropped in silence: each sentence's voiced time against what its phonemes predict.

The faulty engines below are real engines registered for these tests, speaking through the real
speaker, cache and pipeline: one cuts sentences short, one is silent once and then speaks, one is
always silent for a given sentence. The silent engine passes the check as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.errors import SynthesisError
from audionews.speech.check import MIN_PHONEMES, MIN_RATIO, Checker, phonemes, speakable
from audionews.speech.engines import ANY_LANGUAGE, InstalledVoice, Speech, Voice, get_engine, register
from audionews.speech.engines.silent import SilentEngine
from audionews.speech.speaker import Speaker
from audionews.speech.trim import trimmed
from conftest import EXAMPLES, examples, init_feed, invoke

VOCABULARY = sorted({word for path in EXAMPLES.iterdir() for word in re.findall(r"[A-Za-z]{2,}", path.read_text())})
"""Real words (those of the example articles), to make arbitrary sentences of."""

SILENT_ONCE: set[str] = set()
"""Sentences the flaky engine has been silent for once already (it speaks them the second time)."""


class _Faulty(SilentEngine):
    """The silent engine with a fault, chosen by its voice name (recorded in its identity, so the cache
    never mixes its speech with the silent engine's)."""

    name = "faulty"
    parallel = False

    def __init__(self, voice: Voice) -> None:
        super().__init__(Voice(engine="silent", speed=voice.speed))
        self.voice = voice
        self.fault = voice.voice

    @property
    def identity(self) -> str:
        return f"faulty:{self.fault}:{self.speed:g}"

    def synthesize(self, text: str) -> Speech:
        if "Kept" in text or "dropped" not in text:  # the calibration sentences and all others: spoken whole
            return super().synthesize(text)
        if self.fault == "truncating":  # the second half of the sentence's words never spoken
            words = text.split()
            return super().synthesize(" ".join(words[: max(1, len(words) // 3)]))
        if self.fault == "flaky" and text not in SILENT_ONCE:
            SILENT_ONCE.add(text)
            return Speech(b"\x00\x00" * 22_050, 22_050)
        if self.fault == "mute":
            return Speech(b"\x00\x00" * 22_050, 22_050)
        return super().synthesize(text)


@register("faulty", lambda: [InstalledVoice("faulty", name, ANY_LANGUAGE, "a fault, for tests")
                             for name in ("truncating", "flaky", "mute")])
def _faulty(voice: Voice, threads: int) -> _Faulty:
    return _Faulty(voice)


ARTICLE = """Harbor Ledger tests the speech check

By Test Ledger

Kept: the council met on Tuesday evening to talk about the ferry schedule and the new benches.

This sentence is the one the faulty engine dropped words from, in the middle of the article.

Kept: residents asked for better lighting along the promenade before the summer season starts.
"""


def _publish(tmp_path: Path, fault: str):
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    settings_path = feeds / "ledger" / "feed.toml"
    text = settings_path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^engine = .*$', 'engine = "faulty"', text)
    text = re.sub(r'(?m)^voice = .*$', f'voice = "{fault}"', text)
    if 'voice = ' not in text:
        text = text.replace('engine = "faulty"', f'engine = "faulty"\nvoice = "{fault}"')
    settings_path.write_text(text, encoding="utf-8")
    source = tmp_path / f"{fault}.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return feeds, source, invoke(feeds, "publish", "-q", str(source))


def _published(feeds: Path) -> list[Path]:
    return sorted((feeds / "ledger" / "public").glob("episodes/*.mp3"))


def test_a_sentence_cut_short_fails_the_publish_naming_it(tmp_path: Path) -> None:
    feeds, source, result = _publish(tmp_path, "truncating")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {source}: the engine dropped words")
    assert "This sentence is the one the faulty engine dropped" in lines[0]
    assert not _published(feeds)


def test_a_sentence_silent_twice_fails_the_publish(tmp_path: Path) -> None:
    feeds, _, result = _publish(tmp_path, "mute")
    assert result.exit_code == 1
    assert "was silent" in result.stderr and "This sentence is the one the faulty engine" in result.stderr
    assert not _published(feeds)


def test_a_sentence_silent_once_is_spoken_again_and_published(tmp_path: Path) -> None:
    feeds, _, result = _publish(tmp_path, "flaky")
    assert result.exit_code == 0, result.stderr
    assert any("dropped words from" in text for text in SILENT_ONCE)
    assert len(_published(feeds)) == 1


def test_sentences_without_letters_are_exempt() -> None:
    assert not speakable("—") and not speakable("… !") and speakable("Yes.")
    checker = Checker("en")
    assert checker.passes("—", Speech(b"", 22_050))[0]


def test_phonemes_count_sounds_not_marks() -> None:
    assert phonemes("cat", "en-us") == 3  # k æ t; the stress mark is no phoneme
    assert phonemes("Bonjour", "fr") < phonemes("Bonjour à tous, mes amis", "fr")
    assert phonemes("abc", "xx-unknown") == 3  # no espeak voice: estimated from letters


@pytest.fixture(scope="module")
def silent_checker() -> tuple[SilentEngine, Checker]:
    engine = SilentEngine(Voice(engine="silent"))
    checker = Checker("en")
    for text in checker.calibration:
        checker.learn(text, trimmed(engine.synthesize(text)))
    return engine, checker


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30), st.sampled_from([".", "?", "!", ""]))
def test_the_silent_engine_passes_and_cutting_most_of_a_sentence_is_caught(silent_checker, words, end) -> None:
    engine, checker = silent_checker
    text = " ".join(words) + end
    speech = trimmed(engine.synthesize(text))
    measure = checker.measure(text, speech)
    assert measure.ratio >= MIN_RATIO or measure.phonemes < MIN_PHONEMES  # passes (a word or two: silence only)
    kept = len(speech.pcm) // 2 // 5 * 2  # 80% of the speech dropped (the silent engine reads up to 1.4x its pace)
    cut = Speech(speech.pcm[:kept], speech.sample_rate)
    if phonemes(text, "en") >= 10:  # a word or two: too short to judge a part of it
        assert checker.measure(text, cut).ratio < MIN_RATIO
    assert not checker.passes(text, Speech(b"\x00\x00" * len(speech.pcm), speech.sample_rate))[0]


def test_the_speaker_retries_in_this_process_and_names_the_sentence() -> None:
    with Speaker(get_engine(Voice(engine="faulty", voice="truncating"))) as speaker:
        orders = speaker.order_all(["Kept: a sentence spoken in full by every engine here.",
                                    "And this one is where words were dropped by the engine on purpose."])
        assert orders[0].result().pcm
        with pytest.raises(SynthesisError, match=r"dropped words of a sentence twice.*'And this one is where"):
            orders[1].result()


@pytest.mark.slow
def test_real_piper_speech_of_real_paragraphs_passes() -> None:
    from audionews.pipeline import clean
    from audionews.script.segments import make_script

    script = make_script(clean(str(EXAMPLES / "harbor-wind-farm.html")))
    texts = [s.spoken for segment in script.segments[:6] for s in segment.sentences]
    engine = get_engine(Voice(engine="piper"))
    checker = Checker(script.language)
    for text in checker.calibration:
        checker.learn(text, trimmed(engine.synthesize(text)))
    for text in texts:
        passed, measure = checker.passes(text, trimmed(engine.synthesize(text)))
        assert passed, (text, measure)
