"""kokoro: Kokoro-82M (Apache-2.0), offline neural speech in nine languages, through kokoro-onnx.

The model and voices are installed once (``audionews voices install kokoro``, :mod:`..store`);
nothing is downloaded here. The text becomes phonemes with espeak-ng in the voice's language, and
the model reads at most 510 phonemes at a time: a longer sentence is cut here, after punctuation
where it can be, else between words, and every piece is spoken; nothing is cut off.

Only the standard library is imported with this module: onnxruntime and kokoro-onnx load with the
first sentence, so ``audionews --help`` does not wait for them.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading

from audionews.errors import ConfigError, SynthesisError
from audionews.ffmpeg import run_ffmpeg
from audionews.speech.engines.base import InstalledVoice, Speech, Voice, register
from audionews.speech.store import (
    KOKORO_LANGUAGES,
    ROUGH_LANGUAGES,
    VOICE_NAME,
    kokoro_model,
    kokoro_voices,
    kokoro_voices_file,
    model_digest,
)

__all__ = ["MAX_PHONEMES", "SAMPLE_RATE", "KokoroEngine", "split_phonemes"]

SAMPLE_RATE = 24_000
MAX_PHONEMES = 510
"""The most phonemes the model reads at once (its context is 512 tokens, with one pad at each end)."""
MODEL_MAX_SPEED = 2.0
"""The fastest Kokoro speaks (kokoro-onnx refuses more); the feed's speeds go to 3.0."""
PIECE_GAP = 0.12
"""Seconds of silence between the pieces a long sentence is cut into (as piper's between its chunks)."""
DEFAULT_THREADS = 1
"""onnxruntime threads when the caller leaves it to us (0). Measured on this 2-core machine (shared, load 6 to 9),
98 words of English, sentence by sentence: 1 thread, real-time factor 0.69 to 0.83 and 0.44 CPU seconds per
second of speech; 2 threads in one process, 1.02 to 1.35 and 0.60 CPU s/s; 2 worker processes of 1 thread
each (the Speaker's pool), 0.45 to 0.54. One thread wastes least (a second thread costs more CPU than it
saves), so the Speaker's workers, which get one core each, are the fast way, and a lone engine takes one."""
INSTALL = "audionews voices install kokoro"
_LANGUAGE_FLAG = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]+)?\)")
"""espeak-ng marks a word it read in another language: "(en)ɡˈuːɡəl(fr)". The model would read the brackets."""
_BREAKS = (
    re.compile(r"(?<=[.!?…])\s+"),  # after a sentence's end
    re.compile(r"(?<=[,;:—–-])\s+"),  # after a clause's
    re.compile(r"\s+"),  # between words
)


def split_phonemes(phonemes: str, limit: int = MAX_PHONEMES) -> list[str]:
    """``phonemes`` in pieces of at most ``limit`` characters, cut at the gentlest break that makes
    them fit: after a full stop, then after a comma, then between words; a word longer than ``limit``
    (none is) is sliced. No character but the spaces cut at is lost."""
    phonemes = " ".join(phonemes.split())
    if len(phonemes) <= limit:
        return [phonemes] if phonemes else []
    for brk in _BREAKS:
        parts = brk.split(phonemes)
        if len(parts) > 1:
            pieces: list[str] = []
            for part in parts:
                for small in split_phonemes(part, limit):
                    if pieces and len(pieces[-1]) + 1 + len(small) <= limit:
                        pieces[-1] += " " + small
                    else:
                        pieces.append(small)
            return pieces
    return [phonemes[start:start + limit] for start in range(0, len(phonemes), limit)]


def _need_kokoro_onnx() -> None:
    if importlib.util.find_spec("kokoro_onnx") is None:
        raise ConfigError("the kokoro engine needs: pip install 'audionews[kokoro]'")


_LOADING = threading.Lock()
"""One load at a time: a model :func:`~.base.preload` is loading is waited for, not loaded twice."""


def _load(model: str, voices: str, threads: int):
    with _LOADING:
        return _loaded(model, voices, threads)


@functools.lru_cache(maxsize=2)
def _loaded(model: str, voices: str, threads: int):
    """The model, loaded once per process (the session is most of a worker's memory), with ``threads``
    onnxruntime threads."""
    _need_kokoro_onnx()
    import onnxruntime
    from kokoro_onnx import Kokoro

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    try:
        session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        return Kokoro.from_session(session, voices)
    except Exception as exc:
        raise SynthesisError(f"cannot load the Kokoro model {model} ({str(exc)[:120]}); "
                             f"install it again: {INSTALL}") from exc


def _language(name: str) -> tuple[str, str, str, str]:
    found = VOICE_NAME.match(name)
    if not found or found.group(1) not in KOKORO_LANGUAGES:
        raise ConfigError(f"{name!r} is not a Kokoro voice (audionews voices list shows those installed; "
                          f"{INSTALL} installs them all)")
    return KOKORO_LANGUAGES[found.group(1)]


def _default_voice(language: str) -> str:
    """The default voice for a BCP 47 language ("fr", "en-GB"), or American English's."""
    wanted = language.lower().replace("_", "-")
    for tag, _, _, default in KOKORO_LANGUAGES.values():
        if wanted == tag:
            return default
    for tag, _, _, default in KOKORO_LANGUAGES.values():
        if wanted.split("-")[0] == tag.split("-")[0]:
            return default
    return KOKORO_LANGUAGES["a"][3]


class KokoroEngine:
    name = "kokoro"
    parallel = True

    def __init__(self, voice: Voice, threads: int = 0) -> None:
        _need_kokoro_onnx()
        self.voice = voice
        self.speed = voice.speed
        self.threads = threads or DEFAULT_THREADS
        self.voice_name = voice.voice or _default_voice(voice.language)
        self.language = _language(self.voice_name)[1]
        self.model = kokoro_model()
        if not self.model.is_file():
            raise ConfigError(f"the Kokoro model is not installed (looked in {self.model.parent}); "
                              f"install it: {INSTALL}")
        installed = kokoro_voices()
        if self.voice_name not in installed:
            raise ConfigError(f"Kokoro voice {self.voice_name!r} is not installed; install the voices: {INSTALL}")
        self._voice_crc = installed[self.voice_name]
        self.model_speed = min(self.speed, MODEL_MAX_SPEED)
        """What the model is asked for; faster than it goes, the rest is ffmpeg's tempo (pitch kept)."""

    @property
    def identity(self) -> str:
        return f"kokoro:{model_digest(self.model)[:16]}:{self.voice_name}:{self._voice_crc:08x}:{self.speed:g}"

    @property
    def reader(self) -> str:
        """"af_heart" → "Heart": the name after the language and gender letters."""
        return self.voice_name[3:].replace("_", " ").title() or self.voice_name

    def prepare(self) -> None:
        _load(str(self.model), str(kokoro_voices_file()), self.threads)

    def phonemes(self, text: str) -> str:
        """``text`` as the model's phonemes, by espeak-ng in the voice's language."""
        kokoro = _load(str(self.model), str(kokoro_voices_file()), self.threads)
        try:
            phonemes = str(kokoro.tokenizer.phonemize(text, self.language))
        except Exception as exc:
            raise SynthesisError(f"espeak-ng could not read {text[:40]!r} ({str(exc)[:80]})") from exc
        return " ".join(_LANGUAGE_FLAG.sub("", phonemes).split())

    def synthesize(self, text: str) -> Speech:
        import numpy as np

        kokoro = _load(str(self.model), str(kokoro_voices_file()), self.threads)
        style = kokoro.voices[self.voice_name]
        gap = np.zeros(round(PIECE_GAP * SAMPLE_RATE), dtype=np.float32)
        parts: list[np.ndarray] = []
        for piece in split_phonemes(self.phonemes(text)):
            try:
                audio, rate = kokoro.create(piece, voice=style, speed=self.model_speed, lang=self.language,
                                            is_phonemes=True)
            except Exception as exc:
                raise SynthesisError(f"kokoro could not speak {text[:40]!r} ({str(exc)[:80]})") from exc
            if rate != SAMPLE_RATE:  # pragma: no cover - every Kokoro model speaks at 24 kHz
                raise SynthesisError(f"kokoro spoke at {rate} Hz, not {SAMPLE_RATE}")
            parts += [gap, np.asarray(audio, dtype=np.float32)] if parts else [np.asarray(audio, dtype=np.float32)]
        if not parts:
            return Speech(pcm=b"", sample_rate=SAMPLE_RATE)
        samples = np.clip(np.concatenate(parts), -1.0, 1.0)
        pcm = np.round(samples * 32767).astype("<i2").tobytes()
        if self.speed > self.model_speed:  # listeners who read at 2.5× or 3×: the model stops at 2×
            pcm = run_ffmpeg(["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0",
                              "-filter:a", f"atempo={self.speed / self.model_speed:.4f}",
                              "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"], pcm)
        return Speech(pcm=pcm, sample_rate=SAMPLE_RATE)


def _voices() -> list[InstalledVoice]:
    """The installed voices, by language, each language's default first; none without the model
    or kokoro-onnx, since then none can speak."""
    if not kokoro_model().is_file() or importlib.util.find_spec("kokoro_onnx") is None:
        return []
    installed = kokoro_voices()
    voices = []
    for prefix, (tag, _, language, default) in KOKORO_LANGUAGES.items():
        names = sorted((n for n in installed if n[0] == prefix), key=lambda n: (n != default, n))
        rough = prefix in ROUGH_LANGUAGES
        for name in names:
            gender = "female" if name[1] == "f" else "male"
            note = "; the default" if name == default and not rough else ""
            note += "; used only where named in [voices]: espeak-ng reads this language roughly" if rough else ""
            voices.append(InstalledVoice("kokoro", name, tag,
                                         f"{language}, {gender} ({name[3:].capitalize()}{note})",
                                         automatic=not rough))
    return voices


@register("kokoro", _voices)
def _factory(voice: Voice, threads: int) -> KokoroEngine:
    return KokoroEngine(voice, threads)
