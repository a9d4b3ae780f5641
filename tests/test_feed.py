"""The published feed as podcast apps read it, and what re-publishing does to it."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import podcastparser
from lxml import etree

from audionews.feed.catalog import Catalog
from conftest import EXAMPLES, invoke

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def public(feeds: Path) -> Path:
    return feeds / "ledger" / "public"


def episodes_json(feeds: Path) -> list[dict]:
    result = invoke(feeds, "episodes", "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_podcastparser_reads_every_episode(published_feed: Path) -> None:
    root = public(published_feed)
    with open(root / "feed.xml", "rb") as handle:
        parsed = podcastparser.parse("http://127.0.0.1:9/feed.xml", handle)
    assert parsed["title"] == "Test Ledger & Co <read aloud>"
    assert parsed["cover_url"] == "http://127.0.0.1:9/cover.png"
    assert len(parsed["episodes"]) == 3
    for episode in parsed["episodes"]:
        enclosure = episode["enclosures"][0]
        assert enclosure["mime_type"] == "audio/mpeg"
        local = root / enclosure["url"].removeprefix("http://127.0.0.1:9/")
        assert enclosure["file_size"] == local.stat().st_size
        assert episode["guid"].startswith("urn:uuid:")
        assert episode["total_time"] > 20
    titles = {e["title"] for e in parsed["episodes"]}
    assert titles == {"Harbor Town Votes to Build Its First Offshore Wind Farm",
                      "Library ends late fees and finds its missing books coming home",
                      "The night market is back, and it has moved to the old tram depot"}


def test_feedparser_sees_a_wellformed_podcast(published_feed: Path) -> None:
    parsed = feedparser.parse((public(published_feed) / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == 3
    feed = parsed.feed
    assert feed.language == "en"
    assert not feed.itunes_explicit  # feedparser maps "false" to None, "true" to True
    assert feed.author_detail.email == "editor@example.org"
    assert feed.image.href == "http://127.0.0.1:9/cover.png"
    assert feed.tags[0].term == "News"
    for entry in parsed.entries:
        assert entry.enclosures[0].href.startswith("http://127.0.0.1:9/episodes/")
        assert entry.enclosures[0].type == "audio/mpeg"
        assert entry.itunes_duration.count(":") == 2
        assert entry.published_parsed is not None
        assert entry.guidislink is False


def test_apple_required_tags_are_present(published_feed: Path) -> None:
    channel = etree.parse(str(public(published_feed) / "feed.xml")).getroot().find("channel")
    for tag in ("title", "description", "language", "link"):
        assert channel.findtext(tag)
    assert channel.find(f"{ITUNES}image").get("href").startswith("http://")
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}author") == "Test Ledger"
    assert channel.findtext(f"{ITUNES}owner/{ITUNES}email") == "editor@example.org"
    items = channel.findall("item")
    assert len(items) == 3
    assert [i.findtext("title") for i in items][0] == "The night market is back, and it has moved to the old tram depot"
    for item in items:
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("pubDate")
        assert item.findtext(f"{ITUNES}duration")


def test_cover_is_a_square_png(published_feed: Path) -> None:
    from PIL import Image

    with Image.open(public(published_feed) / "cover.png") as image:
        assert image.format == "PNG"
        assert image.size == (3000, 3000)


def test_republishing_unchanged_changes_nothing(feed_copy: Path) -> None:
    feed_xml = public(feed_copy) / "feed.xml"
    before = feed_xml.read_bytes(), (feed_copy / "ledger" / "catalog.sqlite3").read_bytes()
    result = invoke(feed_copy, "publish", "-q", str(EXAMPLES / "harbor-wind-farm.html"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("unchanged: Harbor Town Votes")
    assert (feed_xml.read_bytes(), (feed_copy / "ledger" / "catalog.sqlite3").read_bytes()) == before
    assert len(episodes_json(feed_copy)) == 3


def test_changed_article_keeps_its_guid_and_replaces_its_audio(feed_copy: Path, tmp_path: Path) -> None:
    original = {e["title"]: e for e in episodes_json(feed_copy)}["Harbor Town Votes to Build Its First Offshore Wind Farm"]
    corrected = tmp_path / "corrected.html"
    corrected.write_text((EXAMPLES / "harbor-wind-farm.html").read_text().replace("six to one", "five to two"))
    result = invoke(feed_copy, "publish", "-q", str(corrected))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("updated: Harbor Town Votes")
    after = episodes_json(feed_copy)
    assert len(after) == 3
    updated = {e["title"]: e for e in after}["Harbor Town Votes to Build Its First Offshore Wind Farm"]
    assert updated["guid"] == original["guid"]
    assert updated["added"] == original["added"]
    assert updated["audio"] != original["audio"]
    assert not (public(feed_copy) / original["audio"]).exists()
    assert (public(feed_copy) / updated["audio"]).stat().st_size == updated["size"]
    assert updated["audio"].encode() in (public(feed_copy) / "feed.xml").read_bytes()


def test_remove_and_build(feed_copy: Path) -> None:
    victim = episodes_json(feed_copy)[0]
    result = invoke(feed_copy, "remove", victim["guid"])
    assert result.exit_code == 0, result.stderr
    assert not (public(feed_copy) / victim["audio"]).exists()
    feed_xml = (public(feed_copy) / "feed.xml").read_bytes()
    assert victim["guid"].encode() not in feed_xml
    (public(feed_copy) / "feed.xml").unlink()
    result = invoke(feed_copy, "build")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("(2 episodes)")
    assert (public(feed_copy) / "feed.xml").read_bytes() == feed_xml  # rebuilt byte for byte from the catalog
    result = invoke(feed_copy, "remove", victim["guid"])
    assert result.exit_code == 1
    assert "no episode with guid" in result.stderr


def test_catalog_matches_the_files(published_feed: Path) -> None:
    with Catalog(published_feed / "ledger" / "catalog.sqlite3") as catalog:
        records = catalog.all()
    assert len(records) == 3
    for record in records:
        audio = public(published_feed) / record.audio
        assert audio.stat().st_size == record.size
        assert [c.start for c in record.chapters] == sorted(c.start for c in record.chapters)


def test_index_page_lists_every_episode_with_a_player(published_feed: Path) -> None:
    page = (public(published_feed) / "index.html").read_text()
    assert '<html lang="en">' in page
    assert page.count('<audio controls preload="none"') == 3
    assert "autoplay" not in page
    assert "Test Ledger &amp; Co &lt;read aloud&gt;" in page
    assert 'href="#episodes"' in page
