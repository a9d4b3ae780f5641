"""What podcast apps and web players now expect of a feed (issue 12, item 5): CORS on everything ``serve``
answers, the item's link and description (chapter timestamps Apple reads, the episode page), Podcasting
2.0's ``podcast:txt`` (ai-content) and ``podcast:image`` with alt text, and the spoken disclosure at the
end of every published episode, a setting on by default."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import feedparser
import lxml.html
import podcastparser
import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from audionews.errors import ConfigError
from audionews.feed.folder import FeedSettings
from audionews.feed.rss import build_feed_xml
from audionews.model import Article, Block, Chapter, plain_text
from audionews.script import disclose, make_script
from conftest import EXAMPLES, AppServer, examples, init_feed, invoke
from factories import episode_record, feed_settings

PODCAST = "{https://podcastindex.org/namespace/1.0}"
BASE = "https://example.org/pod/"


# -- serve: readable from any origin -------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(published_feed: Path):
    started = AppServer(published_feed / "ledger" / "public")
    yield started
    started.close()


def companions(published_feed: Path) -> list[str]:
    mp3 = min((published_feed / "ledger" / "public" / "episodes").glob("*.mp3"))
    stem = "episodes/" + mp3.name.removesuffix(".mp3")
    return [stem + suffix for suffix in (".mp3", ".vtt", ".json", ".txt", ".chapters.json")]


def test_every_file_is_readable_from_any_origin(server, published_feed: Path) -> None:
    origin = {"Origin": "https://player.example"}
    for path in ["feed.xml", "index.html", "", "cover.png", *companions(published_feed)]:
        for headers in ({}, origin):  # a podcast app names no origin; a web player's browser does
            response = requests.get(server.url(path), headers=headers)
            assert response.status_code == 200, path
            assert response.headers["access-control-allow-origin"] == "*", path


def test_ranges_revalidation_head_and_errors_are_readable_from_any_origin(server, published_feed: Path) -> None:
    mp3 = companions(published_feed)[0]
    ranged = requests.get(server.url(mp3), headers={"Range": "bytes=100-199", "Origin": "https://player.example"})
    assert ranged.status_code == 206 and len(ranged.content) == 100
    assert ranged.headers["access-control-allow-origin"] == "*"
    exposed = {h.strip().lower() for h in ranged.headers["access-control-expose-headers"].split(",")}
    assert {"content-range", "content-length", "accept-ranges"} <= exposed  # a player reads how long it is
    etag = requests.get(server.url("feed.xml")).headers["etag"]
    again = requests.get(server.url("feed.xml"), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["access-control-allow-origin"] == "*"
    head = requests.head(server.url(companions(published_feed)[1]))
    assert head.status_code == 200 and head.headers["access-control-allow-origin"] == "*"
    missing = requests.get(server.url("episodes/none.vtt"))
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"
    assert requests.get(server.url("../catalog.sqlite3")).headers["access-control-allow-origin"] == "*"


def test_a_browsers_preflight_for_a_range_is_answered(server) -> None:
    response = requests.options(server.url("feed.xml"), headers={
        "Origin": "https://player.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range"})
    assert response.status_code == 204 and response.content == b""
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert "range" in response.headers["access-control-allow-headers"].lower()


# -- the item: link and description -------------------------------------------------------------------

def item(xml: bytes) -> etree._Element:
    return etree.fromstring(xml).find("channel/item")


def test_the_link_is_the_article_else_the_episode_page() -> None:
    page = BASE + "episodes/e1.html"
    without = item(build_feed_xml(feed_settings(), [episode_record(url=None)]))
    assert without.findtext("link") == page
    assert without.findtext("description") == "What it says."  # one chapter: no timestamps, no page line
    with_url = item(build_feed_xml(feed_settings(), [episode_record(url="https://news.example/a")]))
    assert with_url.findtext("link") == "https://news.example/a"
    assert with_url.findtext("description") == f"What it says.\n\nRead along: {page}"


@pytest.mark.parametrize("language, label", [("en-GB", "Read along"), ("fr", "Lire en écoutant"),
                                             ("de-AT", "Mitlesen"), ("pt-BR", "Leia enquanto ouve"),
                                             ("ja", "Read along")])
def test_the_page_line_is_in_the_feeds_language(language: str, label: str) -> None:
    xml = build_feed_xml(feed_settings(language=language), [episode_record(url="https://news.example/a")])
    assert item(xml).findtext("description").endswith(f"\n\n{label}: {BASE}episodes/e1.html")


def test_three_chapters_open_the_description_as_apple_reads_them() -> None:
    chapters = (Chapter("Headline", 0.4, 5.0), Chapter("By Ann Ode", 5.0, 9.9), Chapter("Getting there", 9.9, 125.2),
                Chapter("An hour in", 3723.6, 3800.0))
    text = item(build_feed_xml(feed_settings(), [episode_record(chapters=chapters)])).findtext("description")
    assert text == "00:00 Headline\n00:05 By Ann Ode\n00:09 Getting there\n1:02:03 An hour in\n\nWhat it says."
    two = item(build_feed_xml(feed_settings(), [episode_record(chapters=chapters[:2])])).findtext("description")
    assert two == "What it says."  # Apple ignores fewer than three, so we write none


def as_feedparser_reads(text: str) -> str:
    """feedparser mends text that is all Latin-1 spelling UTF-8 ("Ã©") as mojibake: no feed can give it that."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def clock(stamp: str) -> int:
    *hours, minutes, secs = map(int, stamp.split(":"))
    return (hours[0] if hours else 0) * 3600 + minutes * 60 + secs


TITLE = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).map(plain_text).filter(bool)


@settings(max_examples=examples(100), deadline=None)
@given(titles=st.lists(TITLE, min_size=0, max_size=8),
       gaps=st.lists(st.floats(min_value=0.0, max_value=2000.0), min_size=8, max_size=8),
       summary=TITLE, url=st.sampled_from([None, "https://news.example/a?x=1&y=2"]))
def test_any_chapters_open_the_description_in_order_as_text(titles: list[str], gaps: list[float], summary: str,
                                                           url: str | None) -> None:
    starts = [sum(gaps[:n + 1]) for n in range(len(titles))]
    chapters = tuple(Chapter(title, start, start + 1.0) for title, start in zip(titles, starts, strict=True))
    record = episode_record(chapters=chapters, description=summary, url=url)
    xml = build_feed_xml(feed_settings(), [record])
    described = item(xml).findtext("description").replace("\u2060", "")

    parts = described.split("\n\n")
    if len(chapters) >= 3:
        lines = parts.pop(0).split("\n")
        stamps = [re.fullmatch(r"((?:\d+:)?\d\d:\d\d) (.+)", line, re.DOTALL) for line in lines]
        assert all(stamps), lines
        assert [s[2] for s in stamps] == [c.title for c in chapters]
        assert stamps[0][1] == "00:00"  # where the episode starts, as Apple asks
        assert [clock(s[1]) for s in stamps[1:]] == [int(c.start) for c in chapters[1:]]
        assert all(len(s[1]) == 5 or clock(s[1]) >= 3600 for s in stamps)  # H:MM:SS past an hour only
    assert parts == [summary, *([f"Read along: {BASE}episodes/e1.html"] if url else [])]

    entry = feedparser.parse(xml).entries[0]  # read as text by both, whatever the titles hold
    assert entry.link == (url or BASE + "episodes/e1.html")
    shown = lxml.html.fragment_fromstring(entry.summary, create_parent="div")  # feedparser gives it as HTML
    assert [e.tag for e in shown.iterdescendants()] == []
    read = as_feedparser_reads(described)
    assert " ".join(shown.text_content().replace("\u2060", "").split()) == " ".join(read.split())
    episode = podcastparser.parse(BASE + "feed.xml", io.BytesIO(xml))["episodes"][0]
    assert "description_html" not in episode
    assert episode["description"].replace("\u2060", "") == described


# -- podcast:txt and podcast:image --------------------------------------------------------------------

def test_the_channel_says_its_voices_are_synthetic_and_describes_its_cover() -> None:
    xml = build_feed_xml(feed_settings(title="Ledger & Co <daily>"), [episode_record()])
    channel = etree.fromstring(xml).find("channel")
    txt = channel.findall(f"{PODCAST}txt")
    assert [(t.get("purpose"), t.text) for t in txt] == [("ai-content", "true")]
    images = channel.findall(f"{PODCAST}image")
    assert [dict(i.attrib) for i in images] == [{"href": BASE + "cover.png", "alt": "Ledger & Co <daily>",
                                                  "purpose": "artwork", "aspect-ratio": "1/1"}]
    assert not feedparser.parse(xml).bozo
    assert podcastparser.parse(BASE + "feed.xml", io.BytesIO(xml))["cover_url"] == BASE + "cover.png"


def test_episode_artwork_has_alt_text_and_none_without_artwork() -> None:
    lead = "https://news.example/lead.jpg?w=1400&h=1400"
    xml = build_feed_xml(feed_settings(), [episode_record(1, title="Sea wall <rebuilt> & more", image=lead),
                                           episode_record(2)])
    first, second = etree.fromstring(xml).findall("channel/item")
    assert [dict(i.attrib) for i in first.findall(f"{PODCAST}image")] == [
        {"href": lead, "alt": "Sea wall <rebuilt> & more", "purpose": "artwork"}]
    assert second.findall(f"{PODCAST}image") == []


# -- the spoken disclosure ----------------------------------------------------------------------------

ARTICLE = (Block("paragraph", "The council met on Tuesday."), Block("paragraph", "It voted to rebuild the sea wall."))


@pytest.mark.parametrize("language, said", [
    ("en", "This article was read by Joe, a synthetic voice."),
    ("fr-CA", "Cet article a été lu par Joe, une voix de synthèse."),
    ("es", "Este artículo fue leído por Joe, una voz sintética."),
    ("de", "Dieser Artikel wurde von Joe gelesen, einer synthetischen Stimme."),
    ("it", "Questo articolo è stato letto da Joe, una voce sintetica."),
    ("pt-BR", "Este artigo foi lido por Joe, uma voz sintética."),
    ("nl", "This article was read by Joe, a synthetic voice."),
])
def test_the_disclosure_ends_the_script_in_the_articles_language(language: str, said: str) -> None:
    script = make_script(Article("page", "Sea wall", ARTICLE, language=language))
    disclosed = disclose(dataclasses.replace(script, reader="Joe"))
    assert disclosed.segments[:-1] == script.segments  # the body as it was, then one segment more
    last = disclosed.segments[-1]
    assert (last.kind, last.text, last.chapter) == ("disclosure", said, None)
    assert disclosed.fingerprint("v") != script.fingerprint("v")  # it is audio: part of the fingerprint
    unnamed = disclose(script).segments[-1].text
    assert "Joe" not in unnamed and unnamed.endswith(".")


def test_the_disclosure_setting_is_a_boolean_on_by_default() -> None:
    base = 'title = "T"\nauthor = "A"\nemail = "a@example.org"\nbase_url = "https://example.org/"\n'
    assert FeedSettings.from_toml(base, "feed.toml").disclosure is True
    assert FeedSettings.from_toml(base + "disclosure = false\n", "feed.toml").disclosure is False
    with pytest.raises(ConfigError, match="disclosure must be true or false"):
        FeedSettings.from_toml(base + 'disclosure = "no"\n', "feed.toml")


def published(feeds: Path) -> dict:
    result = invoke(feeds, "episodes", "--json")
    assert result.exit_code == 0, result.stderr
    [episode] = [json.loads(line) for line in result.stdout.splitlines()]
    return episode


def test_every_published_episode_ends_with_the_disclosure_and_the_setting_updates_it(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", BASE)
    assert "disclosure = true" in (feeds / "ledger" / "feed.toml").read_text()  # written, so an editor sees it
    source = str(EXAMPLES / "harbor-wind-farm.html")
    assert invoke(feeds, "publish", "-q", source).exit_code == 0
    first = published(feeds)
    stem = feeds / "ledger" / "public" / first["audio"].removesuffix(".mp3")
    said = "This article was read by Silent, a synthetic voice."
    assert Path(f"{stem}.txt").read_text().endswith("\n\n" + said + "\n")  # after the body
    segments = json.loads(Path(f"{stem}.json").read_text())["segments"]
    assert segments[-1]["body"] == said and segments[-1]["endTime"] <= first["duration"]
    assert Path(f"{stem}.vtt").read_text().endswith(f"<v Silent>{said}</v>\n")
    assert [c["title"] for c in first["chapters"]][-1] != said  # part of the last chapter, not one of its own

    again = invoke(feeds, "publish", "-q", source)
    assert again.exit_code == 0 and again.stdout.startswith("unchanged:"), again.stdout

    settings_file = feeds / "ledger" / "feed.toml"
    settings_file.write_text(settings_file.read_text().replace("disclosure = true", "disclosure = false"))
    off = invoke(feeds, "publish", "-q", source)
    assert off.exit_code == 0 and off.stdout.startswith("updated:"), off.stdout  # the same episode, new audio
    second = published(feeds)
    assert second["guid"] == first["guid"] and second["audio"] != first["audio"]
    assert not Path(f"{stem}.mp3").exists()
    text = (feeds / "ledger" / "public" / second["audio"].replace(".mp3", ".txt")).read_text()
    assert "synthetic voice" not in text
