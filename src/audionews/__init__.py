"""audionews: news and blog articles as accessible audio and a podcast feed.

The public API is what ``__all__`` names: the pipeline's functions and every type they take and
return. Everything else is internal and may change.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use, below
    from audionews.audio.verify import Unclear, Verification
    from audionews.errors import (
        AudioError,
        AudionewsError,
        BrokerError,
        ConfigError,
        ExtractionError,
        FeedError,
        FetchError,
        SynthesisError,
    )
    from audionews.feed.catalog import EpisodeRecord
    from audionews.feed.folder import FeedFolder, FeedSettings, create_feed, find_feed
    from audionews.feed.writer import build, remove
    from audionews.model import Article, Block, Chapter, Cue, Episode, Page, Script, Segment, Sentence, Take, Voice
    from audionews.pipeline import Failure, Published, PublishReport, clean, publish, speak_to_file
    from audionews.script.lexicon import Lexicon, load_lexicon

__all__ = [
    "Article",
    "AudioError",
    "AudionewsError",
    "Block",
    "BrokerError",
    "Chapter",
    "ConfigError",
    "Cue",
    "Episode",
    "EpisodeRecord",
    "ExtractionError",
    "Failure",
    "FeedError",
    "FeedFolder",
    "FeedSettings",
    "FetchError",
    "Lexicon",
    "Page",
    "PublishReport",
    "Published",
    "Script",
    "Segment",
    "Sentence",
    "SynthesisError",
    "Take",
    "Unclear",
    "Verification",
    "Voice",
    "build",
    "clean",
    "create_feed",
    "find_feed",
    "load_lexicon",
    "publish",
    "remove",
    "speak_to_file",
]
__version__ = "0.1.0"

_LAZY = {
    **dict.fromkeys(("AudioError", "AudionewsError", "BrokerError", "ConfigError", "ExtractionError", "FeedError",
                     "FetchError", "SynthesisError"), "errors"),
    **dict.fromkeys(("Article", "Block", "Chapter", "Cue", "Episode", "Page", "Script", "Segment", "Sentence",
                     "Take", "Voice"), "model"),
    "EpisodeRecord": "feed.catalog",
    "Unclear": "audio.verify", "Verification": "audio.verify",
    "FeedFolder": "feed.folder", "FeedSettings": "feed.folder",
    "create_feed": "feed.folder", "find_feed": "feed.folder",
    "build": "feed.writer", "remove": "feed.writer",
    "Failure": "pipeline", "PublishReport": "pipeline", "Published": "pipeline",
    "clean": "pipeline", "publish": "pipeline", "speak_to_file": "pipeline",
    "Lexicon": "script.lexicon", "load_lexicon": "script.lexicon",
}
"""Imported on first use, so importing any part of the package (``audionews.cli`` for ``build``)
does not load the whole pipeline: trafilatura, numpy, mutagen, requests (PEP 562); nor anything at all
before the ``audionews`` command can take Ctrl+C quietly (``audionews.__main__``). No name here is
also a submodule's name, so ``audionews.publish`` is the function whatever was imported before."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"audionews.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
