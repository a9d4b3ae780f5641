"""Catalog → ``feed.xml``: RSS 2.0 with the iTunes tags Apple requires, built with feedgen.

feedgen 1.0 writes ``itunes:explicit`` only as yes/no/clean, while Apple and the validators
now want true/false, and it knows nothing of Podcasting 2.0; a small registered extension
(:class:`ChannelExtras`) writes those tags. Every URL is ``base_url`` + a path in ``public/``.

feedgen keeps a whole document in memory, as objects and then as one tree of every item (some
15 kB an episode); :func:`write_feed_xml` has it serialise a batch of items at a time instead and
writes the pieces, which join into the very bytes feedgen writes for all episodes at once.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import uuid
from collections.abc import Iterable
from html.entities import html5
from typing import BinaryIO

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.categories import check_category
from audionews.feed.companions import COMPANIONS
from audionews.feed.folder import FeedSettings
from audionews.feed.reader import clock, episode_page_path

__all__ = ["AUDIO_TYPE", "CHAPTER_LINES", "COVER_FILE", "FEED_FILE", "build_feed_xml", "episode_page_url",
           "item_description", "podcast_guid", "timestamp", "write_feed_xml"]

FEED_FILE = "feed.xml"
AUDIO_TYPE = "audio/mpeg"
"""The media type of an episode's MP3."""
COVER_FILE = "cover.png"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
_PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""Podcasting 2.0's namespace for podcast:guid (UUIDv5 of the feed URL without scheme)."""
BATCH = 500
"""Episodes serialised at a time: enough to make the per-batch work negligible, few enough that
a build's memory does not grow with the catalog."""
_CLOSE = b"  </channel>\n</rss>\n"
"""How feedgen's pretty-printed document ends, after the last item."""
_MARKUP = re.compile("(?<=<)(?=[A-Za-z/!?>])|(?<=&)(?=#|[A-Za-z0-9]+;|(?:"
                     + "|".join(sorted((n for n in html5 if not n.endswith(";")), key=len, reverse=True))
                     + "))")
"""Where a ``<`` would open a tag or a comment (``<>`` too: SGML's empty tag, which feedparser's sanitizer
drops), or a ``&`` a character reference, to a reader that takes the text for HTML."""
_WORD_JOINER = "\u2060"
CHAPTER_LINES = 3
"""Chapters an episode needs for its description to open with them: Apple reads "00:00 Title" lines there
(at least three, the first at 00:00) and then does not make automatic chapters of its own."""
_READ_ALONG = {"en": "Read along", "fr": "Lire en écoutant", "es": "Leer mientras se escucha", "de": "Mitlesen",
               "it": "Leggi mentre ascolti", "pt": "Leia enquanto ouve"}
"""The label of the episode page's line in a description, by the feed's language (English for others)."""


def podcast_guid(feed_url: str) -> str:
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(_PODCAST_GUID_NAMESPACE, bare))


class ChannelExtras(BaseExtension):
    """itunes:explicit as true/false, itunes:type, and the Podcasting 2.0 channel tags: among them
    ``podcast:txt purpose="ai-content"`` (every episode is read by a synthetic voice) and the cover as
    ``podcast:image`` with its ``alt`` text."""

    def __init__(self) -> None:
        self.explicit = False
        self.feed_url = ""
        self.cover = ""
        self.cover_alt = ""

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS, "podcast": PODCAST_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        etree.SubElement(channel, f"{{{ITUNES_NS}}}explicit").text = "true" if self.explicit else "false"
        etree.SubElement(channel, f"{{{ITUNES_NS}}}type").text = "episodic"
        etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = podcast_guid(self.feed_url)
        etree.SubElement(channel, f"{{{PODCAST_NS}}}locked").text = "no"
        etree.SubElement(channel, f"{{{PODCAST_NS}}}medium").text = "podcast"
        etree.SubElement(channel, f"{{{PODCAST_NS}}}txt", purpose="ai-content").text = "true"
        if self.cover:  # Apple's rules make the cover square (artwork.py), and the generated one is
            etree.SubElement(channel, f"{{{PODCAST_NS}}}image", href=self.cover, alt=self.cover_alt,
                             purpose="artwork", **{"aspect-ratio": "1/1"})
        return feed


class EpisodeExtras(BaseEntryExtension):
    """Per episode: itunes:image (the article's lead image; feedgen's accepts only URLs ending in
    .jpg or .png), podcast:transcript (WebVTT as captions, JSON, plain text), podcast:chapters,
    podcast:person for the byline; the image again as podcast:image, with the episode's title as its
    ``alt`` (a page's own alt text for its lead image is not kept)."""

    def __init__(self) -> None:
        self.image = ""
        self.image_alt = ""
        self.transcripts: list[tuple[str, str]] = []
        self.chapters = ""
        self.people: list[str] = []

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS, "podcast": PODCAST_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.image:
            etree.SubElement(item, f"{{{ITUNES_NS}}}image", href=self.image)
            etree.SubElement(item, f"{{{PODCAST_NS}}}image", href=self.image, alt=self.image_alt, purpose="artwork")
        for url, kind in self.transcripts:
            transcript = etree.SubElement(item, f"{{{PODCAST_NS}}}transcript", url=url, type=kind)
            if kind == COMPANIONS[".vtt"]:
                transcript.set("rel", "captions")
        if self.chapters:
            etree.SubElement(item, f"{{{PODCAST_NS}}}chapters", url=self.chapters, type=COMPANIONS[".chapters.json"])
        for name in self.people:
            etree.SubElement(item, f"{{{PODCAST_NS}}}person", role="author", group="writing").text = name
        return item


def build_feed_xml(settings: FeedSettings, episodes: list[EpisodeRecord], cover: str = COVER_FILE) -> bytes:
    """The whole RSS document for ``episodes`` (newest first)."""
    newest = max((dt.datetime.fromisoformat(e.updated) for e in episodes), default=None)
    out = io.BytesIO()
    write_feed_xml(out, settings, episodes, newest, cover)
    return out.getvalue()


def write_feed_xml(out: BinaryIO, settings: FeedSettings, episodes: Iterable[EpisodeRecord],
                   newest: dt.datetime | None, cover: str = COVER_FILE) -> None:
    """Write the RSS document for ``episodes`` (newest first, read once) to ``out``, a batch at a time.

    ``newest`` is when an episode last changed (the channel's lastBuildDate), needed before the
    first item is written. feedgen serialises the channel with each batch of items in it; the
    bytes before the first item are the same every time and are written once. Pretty-printed
    items do not depend on their siblings, so the pieces are exactly feedgen's whole document.
    """
    fg = _channel(settings, newest, cover)
    empty = _rss(fg)
    if not empty.endswith(_CLOSE):
        raise ValueError("feedgen's RSS no longer ends as expected; see write_feed_xml")
    head = empty.removesuffix(_CLOSE)
    out.write(head)
    remaining = iter(episodes)
    for batch in iter(lambda: list(itertools.islice(remaining, BATCH)), []):
        entries = [_entry(fg, settings, episode) for episode in batch]
        document = _rss(fg)
        if not (document.startswith(head) and document.endswith(_CLOSE)):
            raise ValueError("feedgen's channel changed between batches; see write_feed_xml")
        out.write(document[len(head):-len(_CLOSE)])
        for entry in entries:
            fg.remove_entry(entry)
    out.write(_CLOSE)


def _channel(settings: FeedSettings, newest: dt.datetime | None, cover: str) -> FeedGenerator:
    """The feed with its channel set and no items yet."""
    feed_url = settings.url(FEED_FILE)
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("audionews", ChannelExtras, EpisodeExtras)
    fg.audionews.explicit = settings.explicit
    fg.audionews.feed_url = feed_url
    fg.audionews.cover = settings.url(cover)
    fg.audionews.cover_alt = settings.title
    fg.title(settings.title)
    fg.description(settings.description or settings.title)
    fg.link(href=feed_url, rel="self", type="application/rss+xml")
    fg.link(href=settings.url(""), rel="alternate")  # last: feedgen takes the channel <link> from it
    fg.language(settings.language)
    fg.author({"name": settings.author, "email": settings.email})
    fg.generator("audionews")
    # The feed changes only when its episodes do, so a rebuild is byte-identical.
    if newest:
        fg.lastBuildDate(newest)
    fg.copyright(settings.copyright_notice((newest or dt.datetime.now(dt.timezone.utc)).year))
    fg.podcast.itunes_author(settings.author)
    fg.podcast.itunes_owner(name=settings.author, email=settings.email)
    fg.podcast.itunes_image(settings.url(cover))
    fg.podcast.itunes_category(*check_category(settings.category))
    fg.podcast.itunes_summary(settings.description or settings.title)
    return fg


def _plain(text: str) -> str:
    """Article text as an item's title, description or author: plain text that no reader can take for
    markup. RSS does not say whether these hold text or HTML, and readers guess: feedparser reads the
    description as HTML, and a title as HTML once it holds a closing tag or an entity; podcastparser
    reads a description as HTML once it holds a tag. An invisible word joiner after each ``<`` that
    would open a tag and each ``&`` that would start a reference makes the text read as text, the
    same, in all of them ("<img src=…>" stays words on the screen, never an image)."""
    return _MARKUP.sub(_WORD_JOINER, text)


def timestamp(seconds: float) -> str:
    """A chapter's start as Apple reads it in a description: "04:05", "1:02:03" past an hour."""
    return clock(seconds, minutes_width=2)


def episode_page_url(settings: FeedSettings, episode: EpisodeRecord) -> str:
    """The URL of the episode's own page (``public/episodes/<stem>.html``, beside its MP3)."""
    return settings.url(episode_page_path(episode.audio))


def item_description(settings: FeedSettings, episode: EpisodeRecord) -> str:
    """The item's description, as text: with :data:`CHAPTER_LINES` chapters or more, one "MM:SS Title" line
    each (the first at 00:00, where the episode starts); the article's opening; and, when the item's link
    is the article, a line with the episode page, where one reads along."""
    parts = []
    if len(episode.chapters) >= CHAPTER_LINES:
        parts.append("\n".join(f"{timestamp(c.start if n else 0)} {c.title}" for n, c in enumerate(episode.chapters)))
    parts.append(episode.description)
    if episode.url:
        label = _READ_ALONG.get(settings.language.split("-")[0].lower(), _READ_ALONG["en"])
        parts.append(f"{label}: {episode_page_url(settings, episode)}")
    return _plain("\n\n".join(parts))


def _entry(fg: FeedGenerator, settings: FeedSettings, episode: EpisodeRecord) -> FeedEntry:
    entry = fg.add_entry(order="append")
    entry.guid(episode.guid, permalink=False)
    entry.title(_plain(episode.title))
    entry.description(item_description(settings, episode))
    entry.link(href=episode.url or episode_page_url(settings, episode))
    entry.enclosure(settings.url(episode.audio), str(episode.size), AUDIO_TYPE)
    entry.pubDate(dt.datetime.fromisoformat(episode.added))
    if episode.byline:
        entry.podcast.itunes_author(_plain(episode.byline))
    entry.podcast.itunes_duration(_duration(episode.duration))
    entry.podcast.itunes_episode_type("full")
    stem = episode.audio.removesuffix(".mp3")
    entry.audionews.transcripts = [(settings.url(stem + suffix), kind) for suffix, kind in COMPANIONS.items()
                                   if suffix != ".chapters.json"]
    entry.audionews.chapters = settings.url(stem + ".chapters.json")
    entry.audionews.people = [_plain(name) for name in _people(episode.byline)]
    if episode.image and episode.image.startswith(("http://", "https://")):
        entry.audionews.image = episode.image
        entry.audionews.image_alt = episode.title
    return entry


def _rss(fg: FeedGenerator) -> bytes:
    return fg.rss_str(pretty=True, xml_declaration=True, encoding="UTF-8")


def _people(byline: str | None) -> list[str]:
    """"A, B and C" → ["A", "B", "C"]."""
    if not byline:
        return []
    return [name.strip() for name in re.split(r",\s*|\s+and\s+", byline) if name.strip()]


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
