"""The engine protocol and registry."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from audionews.errors import ConfigError
from audionews.model import Voice

__all__ = ["ANY_LANGUAGE", "Engine", "InstalledVoice", "Speech", "Voice", "allowed_cores", "available", "get_engine",
           "installed_voices", "preload", "register", "still_loading"]

ANY_LANGUAGE = "*"
"""The language of a voice that reads every language (the silent engine's)."""

@dataclass(frozen=True)
class Speech:
    """16-bit signed little-endian mono PCM at ``sample_rate``."""

    pcm: bytes
    sample_rate: int


class Engine(Protocol):
    name: str
    voice: Voice
    """What the engine was made from: enough to make the same engine in another process."""
    parallel: bool
    """True when the engine is CPU-bound and gains from running in several processes at once."""

    @property
    def identity(self) -> str:
        """Everything about this engine that changes its audio, for cache keys and fingerprints."""

    @property
    def reader(self) -> str:
        """The voice's name as a listener is told it ("Joe", "Heart"): the captions' voice tag, the disclosure."""

    def prepare(self) -> None:
        """Load now what the first sentence would otherwise wait for (a voice model)."""

    def synthesize(self, text: str) -> Speech:
        """Speak one sentence; raise :class:`SynthesisError` on failure."""


@dataclass(frozen=True)
class InstalledVoice:
    """A voice an engine can speak with on this machine now, and the language it reads."""

    engine: str
    name: str
    """What ``voice`` in feed.toml says to choose it ("" for the engine's own default)."""
    language: str
    """A lower-case BCP 47 tag ("en-us", "fr", "pt-br"), or :data:`ANY_LANGUAGE`."""
    description: str
    """One line for ``audionews voices list``: "American English, female (Heart)"."""
    offline: bool = True
    """False for an engine that sends the text to a service (gtts): never chosen unless the feed chose it."""
    automatic: bool = True
    """False for a voice that reads its language too poorly to be chosen unless named (``[voices]``)."""


Factory = Callable[[Voice, int], Engine]
"""Makes an engine from the voice settings and the number of CPU threads it may use (0: its own choice)."""
VoiceList = Callable[[], list[InstalledVoice]]
"""The voices an engine has installed, each language's default voice first among that language's."""
_REGISTRY: dict[str, Factory] = {}
_VOICES: dict[str, VoiceList] = {}


def register(name: str, voices: VoiceList) -> Callable[[Factory], Factory]:
    """Register an engine's factory under ``name``, with what lists its installed voices."""

    def decorator(factory: Factory) -> Factory:
        _REGISTRY[name] = factory
        _VOICES[name] = voices
        return factory

    return decorator


def installed_voices(engine: str | None = None) -> list[InstalledVoice]:
    """The voices installed now, of ``engine`` or of every engine (in the order of :func:`available`)."""
    return [voice for name in ([engine] if engine else available()) for voice in _VOICES.get(name, list)()]


def available() -> list[str]:
    return sorted(_REGISTRY)


def get_engine(voice: Voice, threads: int = 0) -> Engine:
    try:
        factory = _REGISTRY[voice.engine]
    except KeyError:
        raise ConfigError(f"unknown speech engine {voice.engine!r}; available: {', '.join(available())}") from None
    return factory(voice, threads)


def preload(voice: Voice) -> None:
    """Load ``voice``'s model in a thread of its own now, while the caller imports and reads the page
    (``listen``: the model loads beside the pipeline's imports instead of after them). A later first sentence
    of the same voice waits for this load rather than loading it again; a failure is left for it to report."""
    def load() -> None:
        with contextlib.suppress(Exception):
            get_engine(voice).prepare()

    thread = threading.Thread(target=load, name="audionews-preload", daemon=True)
    _preloads.append(thread)
    thread.start()


_preloads: list[threading.Thread] = []


def still_loading() -> bool:
    """Whether a model :func:`preload` started is still loading: a process that ends now must not tear the
    interpreter down under it (onnxruntime aborts the process), so ``audionews.__main__`` leaves at once."""
    return any(thread.is_alive() for thread in _preloads)


def allowed_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
