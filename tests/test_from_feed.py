"""``publish --from-feed``: a real RSS feed and real article pages on 127.0.0.1, real speech (the silent engine)."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from audionews.from_feed import FULL_TEXT_WORDS, read_feed
from conftest import FIXTURES, _QuietHandler, init_feed, invoke, snapshot

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
FULL_TITLE = "Ferry & “tide” tables <finally> agree 🌊"
FULL_TEXT = " ".join([
    "<p>The harbour ferry and the tide tables finally agree, the port authority said on Monday, after a",
    "season in which the morning boat left twice while the water was still too low to reach the pier.</p>",
    "<p>Captains had asked for a new timetable since the spring. The old one was printed before the channel",
    "was dredged, and it still assumed a depth the harbour has not had for years. Passengers waited on the",
    "quay while crews watched the gauge and argued with the office about when to sail.</p>",
    "<p>The new timetable moves the first crossing by twenty minutes on days with a low morning tide and",
    "keeps it unchanged on the others. The authority will post the times a week ahead on the notice board",
    "by the ticket office and on its website, and the crews will carry printed copies on board.</p>",
    "<p>Regular travellers said they were glad of the change. Most of them had learned to check the water",
    "before leaving home, they said, and would be happy to stop doing it. The first boat under the new",
    "timetable leaves on Saturday morning, and the old printed tables will be collected at the pier.</p>",
])


class BrokenPageHandler(_QuietHandler):
    """Serves a folder, except ``/broken.html``, which fails with a 500 as a real server might."""

    def do_GET(self) -> None:
        if self.path == "/broken.html":
            self.send_error(500)
            return
        super().do_GET()


def write_site(root: Path) -> None:
    """A news site: its RSS feed (newest first, as sites list them) and the pages it links to."""
    shutil.copy(FIXTURES / "html" / "app-shell-articlebody.html", root / "night-trains.html")
    (root / "feed.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Valley Courier</title><link>http://valley.example/</link><description>News</description>
  <language>en-GB</language>
  <item>
    <title>{FULL_TITLE.replace("&", "&amp;").replace("<", "&lt;")}</title>
    <link>/ferry-tides.html</link>
    <dc:creator>Marta Quist</dc:creator>
    <pubDate>Wed, 06 Nov 2024 07:00:00 GMT</pubDate>
    <description>The ferry and the tides agree.</description>
    <content:encoded><![CDATA[{FULL_TEXT}]]></content:encoded>
    <media:thumbnail url="https://valley.example/images/ferry.jpg"/>
  </item>
  <item>
    <title>This page is broken</title>
    <link>/broken.html</link>
    <pubDate>Mon, 04 Nov 2024 07:00:00 GMT</pubDate>
    <description>A short teaser.</description>
  </item>
  <item>
    <title>Night trains return</title>
    <link>/night-trains.html</link>
    <pubDate>Sat, 02 Nov 2024 07:00:00 GMT</pubDate>
    <description>A short teaser that is not the article.</description>
  </item>
</channel>
</rss>
""", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, serve):
    root = tmp_path / "site"
    root.mkdir()
    write_site(root)
    return serve(root, functools.partial(BrokenPageHandler, directory=str(root)))


def test_read_feed_orders_oldest_first_and_takes_full_text(site) -> None:
    items = read_feed(site.url("feed.xml"))
    assert [item.title for item in items] == ["Night trains return", "This page is broken", FULL_TITLE]
    assert [item.link for item in items] == [site.url(p) for p in ("night-trains.html", "broken.html",
                                                                   "ferry-tides.html")]  # relative links resolved
    assert items[0].html is None  # a teaser is not the article
    assert len(etree.HTML(items[2].html).xpath("string()").split()) > FULL_TEXT_WORDS
    assert items[2].author == "Marta Quist"
    assert items[2].image == "https://valley.example/images/ferry.jpg"
    assert items[2].language == "en-GB"


def test_dry_run_lists_and_changes_nothing(tmp_path: Path, site) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "valley", "http://127.0.0.1:9/")
    before = snapshot(feeds)
    result = invoke(feeds, "publish", "--from-feed", site.url("feed.xml"), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"would publish: Night trains return ({site.url('night-trains.html')})",
        f"would publish: This page is broken ({site.url('broken.html')})",
        f"would publish: {FULL_TITLE} ({site.url('ferry-tides.html')})",
    ]
    result = invoke(feeds, "publish", "--from-feed", site.url("feed.xml"), "--dry-run", "--limit", "1")
    assert result.stdout.splitlines() == [f"would publish: {FULL_TITLE} ({site.url('ferry-tides.html')})"]
    assert snapshot(feeds) == before


def test_publish_from_feed(tmp_path: Path, site) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "valley", "http://127.0.0.1:9/")
    result = invoke(feeds, "publish", "-q", "--from-feed", site.url("feed.xml"))
    assert result.exit_code == 1  # one article failed
    assert result.stderr.splitlines() == [f"Error: {site.url('broken.html')}: HTTP 500 Internal Server Error"]
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        "added: Night trains return to the valley line after twenty years", f"added: {FULL_TITLE}"]

    episodes = [json.loads(line) for line in invoke(feeds, "episodes", "--json").stdout.splitlines()]
    assert [e["title"] for e in episodes] == [FULL_TITLE, "Night trains return to the valley line after twenty years"]
    full = episodes[0]
    assert (full["url"], full["byline"], full["published"]) == (site.url("ferry-tides.html"), "Marta Quist",
                                                                 "2024-11-06")
    assert full["image"] == "https://valley.example/images/ferry.jpg"
    transcript = (feeds / "valley" / "public" / full["audio"].replace(".mp3", ".txt")).read_text()
    assert "dredged" in transcript  # the feed's full text was read, as its link is a 404

    channel = etree.parse(str(feeds / "valley" / "public" / "feed.xml")).getroot().find("channel")
    items = channel.findall("item")
    assert items[0].findtext("title").replace("\u2060", "") == FULL_TITLE  # a word joiner keeps "<finally" text
    assert items[0].find(f"{ITUNES}image").get("href") == "https://valley.example/images/ferry.jpg"
    assert items[1].find(f"{ITUNES}image") is None  # that page names no lead image

    again = invoke(feeds, "publish", "-q", "--from-feed", site.url("feed.xml"))
    assert again.stdout.splitlines() == [
        f"already published: Night trains return ({site.url('night-trains.html')})",
        f"already published: {FULL_TITLE} ({site.url('ferry-tides.html')})",
    ]
    assert again.stderr.splitlines() == [f"Error: {site.url('broken.html')}: HTTP 500 Internal Server Error"]
    assert again.exit_code == 1
    dry = invoke(feeds, "publish", "--from-feed", site.url("feed.xml"), "--dry-run")
    assert dry.stdout.splitlines()[1] == f"would publish: This page is broken ({site.url('broken.html')})"


def test_a_missing_feed_is_one_line(tmp_path: Path, site) -> None:
    result = invoke(tmp_path / "feeds", "publish", "--from-feed", site.url("no-such-feed.xml"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {site.url('no-such-feed.xml')}: HTTP 404 File not found"


def test_a_page_is_not_a_feed(tmp_path: Path) -> None:
    result = invoke(tmp_path / "feeds", "publish", "--from-feed", str(FIXTURES / "text" / "wire-bridge.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("wire-bridge.txt: not an RSS or Atom feed")


@pytest.mark.parametrize("args", [(), ("x.html", "--from-feed", "f.xml"), ("x.html", "--dry-run"),
                                  ("x.html", "--limit", "2")])
def test_sources_or_from_feed(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = invoke(tmp_path / "feeds", "publish", *args)
    assert result.exit_code == 2
    assert not (tmp_path / "feeds").exists()
