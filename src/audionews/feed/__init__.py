"""Episodes → a podcast feed: the feed folder, its catalog, and ``public/`` written from them.

:func:`~audionews.feed.writer.commit` is the one way anything published changes; :func:`build`
rewrites ``public/`` from the catalog; :func:`remove` takes an episode out.
"""

from __future__ import annotations

from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.folder import FeedFolder, FeedSettings, create_feed, find_feed
from audionews.feed.writer import build, commit, remove

__all__ = ["Catalog", "EpisodeRecord", "FeedFolder", "FeedSettings", "build", "commit", "create_feed", "find_feed",
           "remove"]
