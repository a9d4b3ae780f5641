"""audionews: news and blog articles as accessible audio and a podcast feed."""

from __future__ import annotations

from .errors import (AudioError, AudionewsError, ConfigError, ExtractionError, FeedError, FetchError,
                     SynthesisError)
from .lexicon import Lexicon, load_lexicon
from .model import Article, Block, Chapter, Episode, Page, Script, Segment, Take
from .publish import build, clean, publish, remove, speak_to_file

__all__ = [
    "AudionewsError", "AudioError", "ConfigError", "ExtractionError", "FeedError", "FetchError", "SynthesisError",
    "Article", "Block", "Chapter", "Episode", "Page", "Script", "Segment", "Take",
    "Lexicon", "load_lexicon",
    "build", "clean", "publish", "remove", "speak_to_file",
]
__version__ = "0.1.0"
