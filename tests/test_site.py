"""The episode page as HTML: whatever a title holds comes out as text, never as markup."""

from __future__ import annotations

import lxml.html
import pytest

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.site import build_index_html, spoken_duration
from audionews.model import Chapter
from factories import episode_record, feed_settings

TRICKY = [
    'Tom & Jerry <script>alert("x")</script>',
    "It's \"quoted\" & 'single' </h3><h1>not a heading</h1>",
    "Podcast 🎧 news 🇺🇦 👩🏽‍💻",
    "שלום עולם: חדשות היום",
    "الأخبار — English inside العربية",
]


def record(title: str, number: int = 1, language: str = "en") -> EpisodeRecord:
    return episode_record(number, title=title, byline=f"{title} Reporter", language=language,
                          audio=f"episodes/e{number}.mp3?a=1&b=<2>", size=1_234_567, duration=185.4,
                          chapters=(Chapter(title, 0.0, 4.0), Chapter("Body", 4.0, 185.4)))


def page(titles: list[str], feed_title: str = "Ledger & Co <read aloud>", **settings) -> lxml.html.HtmlElement:
    feed = feed_settings(title=feed_title, author="A", email="a@b.c", **settings)
    return lxml.html.document_fromstring(build_index_html(feed, [record(t, n) for n, t in enumerate(titles, 1)]))


@pytest.mark.parametrize("title", TRICKY)
def test_titles_survive_as_text(title: str) -> None:
    doc = page([title], feed_title=title)
    assert doc.findtext(".//title") == title
    assert doc.find(".//h1").text_content() == title
    [heading] = doc.findall(".//article//h3")
    assert heading.text_content() == title
    assert heading.get("dir") == "auto"
    assert doc.find(".//link[@rel='alternate']").get("title") == title
    assert doc.find(".//article//li//span").text_content() == title
    assert heading.find("a").get("href") == "episodes/e1.mp3?a=1&b=<2>".removesuffix(".mp3") + ".html"
    download = doc.find(".//article//a[@download]")
    assert download.text_content().endswith(f": {title}")
    assert download.get("href") == "episodes/e1.mp3?a=1&b=<2>"
    assert doc.findall(".//script") == []
    assert len(doc.findall(".//h1")) == 1


def test_one_heading_per_episode_and_one_player_each() -> None:
    doc = page(TRICKY)
    articles = doc.findall(".//article")
    assert len(articles) == len(TRICKY)
    for article in articles:
        headings = [e for e in article.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        assert len(headings) == 1
        [audio] = article.findall(".//audio")
        assert audio.get("preload") == "none" and audio.get("controls") is not None
        assert audio.get("autoplay") is None
        assert audio.get("aria-labelledby") == headings[0].get("id")
        assert [li.text_content() for li in article.findall(".//ol/li")][1] == "Body (0:04)"


def test_duration_date_language_and_subscribe_url() -> None:
    doc = page(["One"], language="de")
    assert doc.get("lang") == "de"
    assert doc.find(".//article").get("lang") == "en"  # the episode's own language, when it differs
    meta = doc.find(".//article/p[@class='meta']").text_content()
    assert meta == "By One Reporter. 3 minutes 5 seconds. Published June 13, 2025."
    assert doc.find(".//article//time").get("datetime") == "PT185S"
    assert "Download the MP3 (1.2 MB)" in doc.find(".//article//a[@download]").text_content()
    assert doc.find(".//header//a").get("href") == "https://example.org/pod/feed.xml"
    assert doc.find(".//a[@class='skip']").get("href") == "#" + doc.find(".//main").get("id")


def test_empty_feed_says_so() -> None:
    doc = page([])
    assert doc.findall(".//article") == []
    assert "No episodes yet." in doc.find(".//main").text_content()


@pytest.mark.parametrize("seconds, spoken", [(0.2, "0 seconds"), (1, "1 second"), (60, "1 minute"),
                                             (61, "1 minute 1 second"), (185.4, "3 minutes 5 seconds")])
def test_spoken_duration(seconds: float, spoken: str) -> None:
    assert spoken_duration(seconds) == spoken
