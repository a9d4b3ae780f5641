"""Apple's tag set: categories checked against Apple's list, artwork checked with Pillow, copyright,
per-episode artwork, and hostile text that must survive XML and both podcast parsers exactly."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import feedparser
import podcastparser
import pytest
import tomli_w
from lxml import etree
from PIL import Image

from audionews.errors import ConfigError
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.categories import APPLE_CATEGORIES, check_category, valid_categories
from audionews.toml import tomllib
from audionews.feed.rss import build_feed_xml
from audionews.model import Chapter
from conftest import init_feed, invoke
from factories import episode_record, feed_settings

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
HOSTILE_TITLE = 'Fish & chips <b>not bold</b> ]]> "double" \'single\' 🐟🎙️ שלום עולם مرحبا'
HOSTILE_TEXT = 'A < B && C > D ]]> the end; “curly” "straight" \'single\' 🧪 עברית and العربية, 1 > 0.'


def record(title: str = "An episode", description: str = "What it says.", image: str | None = None,
           updated: str = "2025-03-04T10:00:00+00:00") -> EpisodeRecord:
    """An episode of a web page whose URL, like its byline, holds an ``&``."""
    return episode_record(identity="url:https://news.example/a?x=1&y=2", source="https://news.example/a?x=1&y=2",
                          url="https://news.example/a?x=1&y=2", title=title, byline="Ann Ode & Bo Lee",
                          published="2025-03-03", description=description, added=updated, updated=updated,
                          image=image)


# -- categories ---------------------------------------------------------------------------------

def test_every_listed_category_is_valid_and_unique() -> None:
    names = valid_categories()
    assert len(names) == len(set(names)) == 19 + sum(len(subs) for subs in APPLE_CATEGORIES.values())
    for name in names:
        category, sub = check_category(name)
        assert category in APPLE_CATEGORIES and (sub is None or sub in APPLE_CATEGORIES[category])


@pytest.mark.parametrize(("value", "suggested"), [
    ("Newz", "News"),
    ("news/daily news", "News/Daily News"),
    ("News/Daily", "News/Daily News"),
    ("Tech", "Technology"),
    ("Sport/Soccer", "Sports/Soccer"),
    ("News & Politics", "News/Politics"),
])
def test_a_wrong_category_names_the_closest_valid_one(value: str, suggested: str) -> None:
    with pytest.raises(ConfigError) as caught:
        feed_settings(category=value)
    assert caught.value.reason == f"category {value!r} is not an Apple Podcasts category; did you mean {suggested!r}?"


def test_category_is_checked_at_init_and_on_load(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "init", "x", "--title", "T", "--author", "A", "--email", "e@example.org",
                    "--base-url", "http://127.0.0.1:9/", "--category", "News/Dayly News")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: category 'News/Dayly News' is not an Apple Podcasts category; "
                                     "did you mean 'News/Daily News'?")
    assert not (feeds / "x").exists()
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    toml = feeds / "ledger" / "feed.toml"
    toml.write_text(toml.read_text().replace('category = "News"', 'category = "Technolgy"'))
    result = invoke(feeds, "build")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {toml}: category 'Technolgy' is not an Apple Podcasts category; "
                                     "did you mean 'Technology'?")


def test_a_subcategory_is_nested_in_the_feed() -> None:
    channel = etree.fromstring(build_feed_xml(feed_settings(category="News/Daily News"), [])).find("channel")
    category = channel.find(f"{ITUNES}category")
    assert category.get("text") == "News"
    assert category.find(f"{ITUNES}category").get("text") == "Daily News"


# -- artwork --------------------------------------------------------------------------------------

def set_artwork(feeds: Path, name: str) -> None:
    toml = feeds / "ledger" / "feed.toml"
    data = tomllib.loads(toml.read_text())
    toml.write_text(tomli_w.dumps({**data, "artwork": name}))


@pytest.mark.parametrize(("name", "mode", "size", "problem"), [
    ("cover.png", "RGB", (1200, 900), "is 1200×900: Apple needs a square image from 1400 to 3000 pixels"),
    ("small.jpg", "RGB", (1399, 1399), "is 1399×1399: Apple needs a square image from 1400 to 3000 pixels"),
    ("huge.png", "RGB", (3001, 3001), "is 3001×3001: Apple needs a square image from 1400 to 3000 pixels"),
    ("alpha.png", "RGBA", (1400, 1400), "has transparency (RGBA): Apple needs RGB without an alpha channel"),
    ("print.jpg", "CMYK", (1400, 1400), "is in CMYK colour: Apple needs RGB"),
    ("grey.png", "L", (1400, 1400), "is in greyscale colour: Apple needs RGB"),
    ("cover.gif", "P", (1400, 1400), "is a GIF image: Apple needs PNG or JPEG"),
    ("cover.webp", "RGB", (1400, 1400), "is a WEBP image: Apple needs PNG or JPEG"),
])
def test_wrong_artwork_says_exactly_what_is_wrong(tmp_path: Path, name: str, mode: str, size: tuple[int, int],
                                                  problem: str) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    Image.new(mode, size).save(feeds / "ledger" / name)
    set_artwork(feeds, name)
    result = invoke(feeds, "build")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {feeds / 'ledger' / 'feed.toml'}: artwork {name} {problem}"
    assert not (feeds / "ledger" / "public" / "feed.xml").exists()


def test_missing_artwork_is_named(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    set_artwork(feeds, "art/cover.png")
    result = invoke(feeds, "build")
    assert result.stderr.strip().endswith("artwork art/cover.png not found in the feed folder")


@pytest.mark.parametrize(("name", "kind", "served"), [("Art.JPEG", "JPEG", "cover.jpg"),
                                                       ("square.png", "PNG", "cover.png")])
def test_good_artwork_is_served_as_the_cover(tmp_path: Path, name: str, kind: str, served: str) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    Image.new("RGB", (1400, 1400), (200, 30, 30)).save(feeds / "ledger" / name, format=kind)
    set_artwork(feeds, name)
    result = invoke(feeds, "build")
    assert result.exit_code == 0, result.stderr
    public = feeds / "ledger" / "public"
    assert (public / served).read_bytes() == (feeds / "ledger" / name).read_bytes()
    channel = etree.parse(str(public / "feed.xml")).getroot().find("channel")
    assert channel.find(f"{ITUNES}image").get("href") == f"http://127.0.0.1:9/{served}"  # never .jpeg (feedgen drops it)


# -- the rest of the tag set -------------------------------------------------------------------------

def test_channel_and_episode_tags(published_feed: Path) -> None:
    channel = etree.parse(str(published_feed / "ledger" / "public" / "feed.xml")).getroot().find("channel")
    with Catalog(published_feed / "ledger" / "catalog.sqlite3") as catalog:
        records = catalog.all()
    year = max(dt.datetime.fromisoformat(r.updated) for r in records).year
    assert channel.findtext("copyright") == f"© {year} Test Ledger"
    assert channel.findtext(f"{ITUNES}type") == "episodic"
    items = channel.findall("item")
    assert len(items) == len(records) == 3
    for item, rec in zip(items, records, strict=True):
        assert item.findtext("guid") == rec.guid
        page = "http://127.0.0.1:9/" + rec.audio.removesuffix(".mp3") + ".html"
        assert item.findtext("link") == (rec.url or page)  # the article, else the episode's own page
        # chapters as "MM:SS Title" lines (Apple reads them: three or more), the opening, then the episode page
        parts = item.findtext("description").split("\n\n")
        if len(rec.chapters) >= 3:
            assert parts.pop(0).split("\n") == [f"{int(c.start) // 60:02d}:{int(c.start) % 60:02d} {c.title}"
                                                 for c in rec.chapters]
        assert parts == [rec.description, *([f"Read along: {page}"] if rec.url else [])]
        assert item.findtext(f"{ITUNES}episodeType") == "full"
        image = item.find(f"{ITUNES}image")
        if rec.image:  # the night market example names a lead image; the others do not
            assert image.get("href") == rec.image
        else:
            assert image is None
    assert [r.image for r in records if r.image] == [
        "https://eastside.example.net/wp-content/uploads/2024/05/market.jpg"]


def test_copyright_setting_and_episode_image() -> None:
    xml = build_feed_xml(feed_settings(copyright="CC BY 4.0 Ledger Desk"),
                         [record(image="https://news.example/lead.jpg?w=1400&h=1400")])
    channel = etree.fromstring(xml).find("channel")
    assert channel.findtext("copyright") == "CC BY 4.0 Ledger Desk"
    assert channel.find(f"item/{ITUNES}image").get("href") == "https://news.example/lead.jpg?w=1400&h=1400"
    parsed = podcastparser.parse("http://127.0.0.1:9/feed.xml", io.BytesIO(xml))
    assert parsed["episodes"][0]["episode_art_url"] == "https://news.example/lead.jpg?w=1400&h=1400"
    assert feedparser.parse(xml).entries[0].image.href == "https://news.example/lead.jpg?w=1400&h=1400"


def test_default_copyright_without_episodes_is_this_year() -> None:
    channel = etree.fromstring(build_feed_xml(feed_settings(), [])).find("channel")
    assert channel.findtext("copyright") == f"© {dt.datetime.now(dt.timezone.utc).year} Ledger Desk"


def seen(text: str) -> str:
    """Text as a reader shows it: the word joiner is invisible."""
    return text.replace("\u2060", "")


def test_hostile_text_survives_xml_and_both_parsers() -> None:
    """&, <, ]]>, quotes, emoji and right-to-left text, in every field a listener sees.

    (feedparser reads RSS text that looks like markup as HTML and escapes a literal ``<![CDATA[``
    in it, so that one string cannot round-trip through it, however the feed is written.)
    """
    feed = feed_settings(title=HOSTILE_TITLE, author="Ann & Bo <desk> “quoted”", description=HOSTILE_TEXT)
    xml = build_feed_xml(feed, [record(HOSTILE_TITLE, HOSTILE_TEXT)])
    channel = etree.fromstring(xml).find("channel")  # well-formed, or this raises
    assert (channel.findtext("title"), channel.findtext("description")) == (HOSTILE_TITLE, HOSTILE_TEXT)
    # an item's text carries a word joiner after each "<" that would open a tag (see feed/rss.py's _plain); the
    # article has a URL of its own, so the episode page is a line of the description
    described = HOSTILE_TEXT + "\n\nRead along: https://example.org/pod/episodes/e1.html"
    assert (seen(channel.findtext("item/title")), seen(channel.findtext("item/description"))) == (
        HOSTILE_TITLE, described)
    assert channel.findtext(f"{ITUNES}author") == "Ann & Bo <desk> “quoted”"

    pod = podcastparser.parse("http://127.0.0.1:9/feed.xml", io.BytesIO(xml))
    assert (pod["title"], pod["description"]) == (HOSTILE_TITLE, HOSTILE_TEXT)
    episode = pod["episodes"][0]
    assert (seen(episode["title"]), seen(episode["description"]), episode["link"]) == (
        HOSTILE_TITLE, described, "https://news.example/a?x=1&y=2")

    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert (parsed.feed.title, parsed.feed.subtitle) == (HOSTILE_TITLE, HOSTILE_TEXT)
    entry = parsed.entries[0]
    assert entry.title_detail.type == "text/plain"  # not taken for HTML, though it holds "</b>"
    assert (seen(entry.title), seen(entry.summary), entry.link) == (
        HOSTILE_TITLE, described, "https://news.example/a?x=1&y=2")
    assert entry.author == "Ann Ode & Bo Lee"


# -- catalog migration ------------------------------------------------------------------------------

OLD_SCHEMA = """
CREATE TABLE episodes (
    guid TEXT PRIMARY KEY, identity TEXT NOT NULL UNIQUE, source TEXT NOT NULL, url TEXT, title TEXT NOT NULL,
    byline TEXT, published TEXT, description TEXT NOT NULL, language TEXT NOT NULL, fingerprint TEXT NOT NULL,
    audio TEXT NOT NULL, size INTEGER NOT NULL, duration REAL NOT NULL, chapters TEXT NOT NULL,
    added TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE INDEX episodes_added ON episodes (added);
INSERT INTO episodes VALUES ('urn:uuid:old', 'url:https://news.example/old', 'old.html', 'https://news.example/old',
    'An old episode', NULL, NULL, 'Old.', 'en', 'ff', 'episodes/old.mp3', 10, 1.5,
    '[{"title": "An old episode", "start": 0.0, "end": 1.5}]', '2024-01-01T00:00:00+00:00',
    '2024-01-01T00:00:00+00:00');
"""


def columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute("PRAGMA table_info(episodes)")]


def test_an_old_catalog_gains_the_image_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    assert "image" not in columns(path)
    with Catalog(path, read_only=True) as catalog:  # a dry run reads it as it is
        assert catalog.knows("url:https://news.example/old", "old.html")
    assert "image" not in columns(path)
    with Catalog(path) as catalog:
        (old,) = catalog.all()
        assert (old.title, old.image, old.chapters) == ("An old episode", None, (Chapter("An old episode", 0.0, 1.5),))
        catalog.save(record(image="https://news.example/lead.jpg"))
    assert columns(path)[-1] == "image"
    with Catalog(path) as catalog:  # opening a migrated catalog again changes nothing
        assert [r.image for r in catalog.all()] == ["https://news.example/lead.jpg", None]
