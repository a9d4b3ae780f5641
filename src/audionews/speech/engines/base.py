"""The engine protocol and registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from audionews.errors import ConfigError
from audionews.model import Voice

__all__ = ["Engine", "Speech", "Voice", "available", "get_engine", "register"]

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

    def prepare(self) -> None:
        """Load now what the first sentence would otherwise wait for (a voice model)."""

    def synthesize(self, text: str) -> Speech:
        """Speak one sentence; raise :class:`SynthesisError` on failure."""


Factory = Callable[[Voice, int], Engine]
"""Makes an engine from the voice settings and the number of CPU threads it may use (0: its own choice)."""
_REGISTRY: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    def decorator(factory: Factory) -> Factory:
        _REGISTRY[name] = factory
        return factory

    return decorator


def available() -> list[str]:
    return sorted(_REGISTRY)


def get_engine(voice: Voice, threads: int = 0) -> Engine:
    try:
        factory = _REGISTRY[voice.engine]
    except KeyError:
        raise ConfigError(f"unknown speech engine {voice.engine!r}; available: {', '.join(available())}") from None
    return factory(voice, threads)
