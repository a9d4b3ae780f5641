"""audionews: news and blog articles as accessible audio and a podcast feed."""

from __future__ import annotations

import importlib
from typing import Any

from audionews.errors import (
    AudioError,
    AudionewsError,
    ConfigError,
    ExtractionError,
    FeedError,
    FetchError,
    SynthesisError,
)
from audionews.model import Article, Block, Chapter, Episode, Page, Script, Segment, Take

__all__ = [
    "Article",
    "AudioError",
    "AudionewsError",
    "Block",
    "Chapter",
    "ConfigError",
    "Episode",
    "ExtractionError",
    "FeedError",
    "FetchError",
    "Lexicon",
    "Page",
    "Script",
    "Segment",
    "SynthesisError",
    "Take",
    "build",
    "clean",
    "load_lexicon",
    "publish",
    "remove",
    "speak_to_file",
]
__version__ = "0.1.0"

_LAZY = {
    "Lexicon": "script.lexicon", "load_lexicon": "script.lexicon",
    "build": "feed.writer", "remove": "feed.writer",
    "clean": "pipeline", "publish": "pipeline", "speak_to_file": "pipeline",
}
"""Imported on first use, so importing any part of the package (``audionews.cli`` for ``build``)
does not load the whole pipeline: trafilatura, numpy, mutagen, requests (PEP 562)."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
