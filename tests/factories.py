"""Builders of the values tests start from (articles, feed settings, catalog records), written once.

Each gives a valid value with plain defaults; a test passes only what it is about.
"""

from __future__ import annotations

import dataclasses

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.folder import FeedSettings
from audionews.model import Article, Block, Chapter

STORY = [
    "The harbor board agreed on Monday to rebuild the old sea wall before the winter storms arrive.",
    "Work starts next month and will close the promenade for six weeks, the board's chairwoman said.",
    "Fishing families asked for the slipway to stay open, and the board agreed to keep one lane clear.",
]
"""Three paragraphs of a plain news story, which every extractor should keep whole."""


def article(*blocks: str | Block, headline: str = "Island news", **fields: object) -> Article:
    """An article of ``blocks`` (a string is a paragraph); ``fields`` are the other Article fields."""
    body = tuple(Block("paragraph", b) if isinstance(b, str) else b for b in blocks)
    return Article(**{"source": "test", "language": "en", **fields, "headline": headline, "blocks": body})


def feed_settings(**changes: object) -> FeedSettings:
    """A feed's settings as an editor might write them."""
    values = {"title": "Ledger & Co", "author": "Ledger Desk", "email": "editor@example.org",
              "base_url": "https://example.org/pod/"}
    return FeedSettings(**{**values, **changes})


def episode_record(number: int = 1, **changes: object) -> EpisodeRecord:
    """A catalog record of episode ``number`` (its guid, identity and audio file name say which)."""
    record = EpisodeRecord(
        guid=f"urn:uuid:{number}", identity=f"text:{number}", source="x.txt", url=None, title=f"Episode {number}",
        byline=None, published=None, description="What it says.", language="en", fingerprint="f" * 16,
        audio=f"episodes/e{number}.mp3", size=1_000 + number, duration=61.4, chapters=(Chapter("Start", 0.0, 61.4),),
        added="2025-06-13T09:30:00+00:00", updated="2025-06-13T09:30:00+00:00")
    return dataclasses.replace(record, **changes)
