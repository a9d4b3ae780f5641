"""``publish --from-feed`` against hostile feeds: links that name local files or stdin, links that are
no http(s) URL, credentials, dates no calendar holds, character references XML forbids.

Each entry gives a one-line reason or a correct episode, and the others go on. Real feed files, a real
HTTP server on 127.0.0.1, the silent engine (the subject is the feed, not the voice).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from audionews.errors import AudionewsError
from audionews.from_feed import read_feed
from audionews.urls import check_url

from conftest import examples, invoke, scaled

SECRET = "My diary: the safe's code is 4711."
FULL_TEXT = "".join(f"<p>{p} {p} {p}</p>" for p in [
    "The harbour ferry and the tide tables finally agree, the port authority said on Monday, after a season in which"
    " the morning boat left twice while the water was still too low to reach the pier.",
    "Captains had asked for a new timetable since the spring, and the crews will carry printed copies on board.",
])


def rss(*items: str, extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Courier</title>'
            f'<link>http://valley.example/</link><description>News</description>{extra}{"".join(items)}'
            f"</channel></rss>")


def item(title: str, link: str | None, guid: str | None = None, full: bool = False, date: str = "") -> str:
    return ("<item>" + f"<title>{title}</title>" + (f"<link>{link}</link>" if link is not None else "")
            + (f'<guid isPermaLink="false">{guid}</guid>' if guid else "") + (f"<pubDate>{date}</pubDate>" if date else "")
            + (f"<content:encoded><![CDATA[{FULL_TEXT}]]></content:encoded>" if full else "") + "</item>")


def make_feed(feeds: Path) -> Path:
    result = invoke(feeds, "init", "valley", "--title", "Valley", "--author", "A", "--email", "a@example.org",
                    "--base-url", "http://127.0.0.1:9/", "--engine", "silent")
    assert result.exit_code == 0, result.output
    return feeds / "valley"


def everything(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_a_feed_file_never_publishes_local_files_or_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    diary = tmp_path / "diary.txt"
    diary.write_text(SECRET + "\n" + SECRET * 20)
    (tmp_path / "x").write_text(SECRET + "\n" + SECRET * 20)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # so ../x names the secret file
    feed = work / "feed.xml"
    feed.write_text(rss(
        item("Diary", str(diary), guid="diary"),
        item("Up one", "../x", guid="up"),
        item("Standard input", "-", guid="stdin"),
        item("Script", "javascript:alert(document.cookie)", guid="script"),
        item("Local file URL", f"file://{diary}", guid="file"),
        item("Ferry and tides agree", "http://ann:secret@127.0.0.1:9/ferry", guid="ferry", full=True),
    ))
    folder = make_feed(tmp_path / "feeds")

    dry = invoke(tmp_path / "feeds", "publish", "--from-feed", str(feed), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.stderr
    listed = {entry["source"]: entry for entry in map(json.loads, dry.stdout.splitlines())}
    assert listed["http://127.0.0.1:9/ferry"]["status"] == "would publish"  # its link, without the password
    assert {source: entry.get("reason") for source, entry in listed.items()
            if entry["status"] == "would skip" and source != "file"} == {
        "diary": f"link {diary} skipped: a relative link, with no URL to resolve it against",
        "up": "link ../x skipped: a relative link, with no URL to resolve it against",
        "stdin": "link - skipped: a relative link, with no URL to resolve it against",
        "script": "link javascript:alert(document.cookie) skipped: only http and https URLs can be used, not javascript:",
    }
    assert listed["file"]["reason"].endswith(f"{diary} skipped: only http and https URLs can be used, not file:")

    result = invoke(tmp_path / "feeds", "publish", "-q", "--from-feed", str(feed), input=SECRET * 50)
    assert result.exit_code == 1  # five entries were skipped
    assert sorted(result.stderr.splitlines()) == sorted(
        f"Error: {source}: {entry['reason']}" for source, entry in listed.items() if entry["status"] == "would skip")
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == ["added: Ferry and tides agree"]
    published = everything(folder)
    assert b"safe's code" not in published and b"secret" not in published
    with sqlite3.connect(folder / "catalog.sqlite3") as db:
        assert db.execute("SELECT source, url FROM episodes").fetchall() == [
            ("http://127.0.0.1:9/ferry", "http://127.0.0.1:9/ferry")]


def test_links_in_a_fetched_feed_resolve_against_its_url(tmp_path: Path, serve) -> None:
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "feed.xml").write_text(rss(item("Relative", "../a.html"), item("Dash", "-"),
                                                item("Rooted", "/tmp/diary.txt")))
    server = serve(site)
    items = read_feed(server.url("news/feed.xml"))
    assert sorted(entry.link for entry in items) == sorted(
        [server.url("a.html"), server.url("news/-"), server.url("tmp/diary.txt")])
    assert all(entry.problem is None for entry in items)


def test_a_feed_url_with_credentials_is_not_kept(tmp_path: Path, serve) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(rss(item("No link", None, full=True)))
    server = serve(site)
    [entry] = read_feed(server.url("feed.xml").replace("http://", "http://ann:secret@"))
    assert entry.source == server.url("feed.xml") + "#entry-1"


ATOM_YEAR_ZERO = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><id>urn:courier</id><updated>2024-11-06T07:00:00Z</updated>
<entry><title>Year zero</title><id>urn:zero</id><link href="http://127.0.0.1:9/zero"/>
  <updated>0000-01-01T00:00:00Z</updated><content type="html">{full}</content></entry>
<entry><title>Year zero, published</title><id>urn:zero-published</id><link href="http://127.0.0.1:9/zero-p"/>
  <published>0000-12-31T23:59:59Z</published><updated>2024-11-05T07:00:00Z</updated><content type="html">{full}</content></entry>
<entry><title>A real date</title><id>urn:real</id><link href="http://127.0.0.1:9/real"/>
  <updated>2024-11-06T07:00:00Z</updated><content type="html">{full}</content></entry>
</feed>"""


def test_a_date_no_calendar_holds_is_no_date(tmp_path: Path) -> None:
    feed = tmp_path / "atom.xml"
    feed.write_text(ATOM_YEAR_ZERO.format(full=FULL_TEXT.replace("<", "&lt;").replace(">", "&gt;")))
    items = {entry.title: entry for entry in read_feed(str(feed))}
    assert items["Year zero"].published is None
    assert items["Year zero, published"].published.isoformat() == "2024-11-05T07:00:00+00:00"  # the other date
    assert items["A real date"].published.isoformat() == "2024-11-06T07:00:00+00:00"
    folder = make_feed(tmp_path / "feeds")
    result = invoke(tmp_path / "feeds", "publish", "-q", "--from-feed", str(feed))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert etree.parse(str(folder / "public" / "feed.xml")).xpath("count(//item)") == 3


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#x0000D800;", "&#x110000;",
                                       "&#99999999999;", "&#" + "9" * 5000 + ";", "&#xFFFE;"])
def test_character_references_xml_forbids_become_a_replacement_character(tmp_path: Path, reference: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(item(f"Tides {reference} agree", "http://127.0.0.1:9/t", full=True),
                        item("Ferry runs", "http://127.0.0.1:9/f", full=True)))
    items = read_feed(str(feed))
    assert sorted(entry.title for entry in items) == ["Ferry runs", "Tides \ufffd agree"]


@pytest.mark.parametrize("reference", ["&#0;", "&#x1;", "&#x1b;", "&#x1F;"])
def test_character_references_to_control_characters_are_dropped(tmp_path: Path, reference: str) -> None:
    """As page text drops them: a title never carries a terminal's escape or a character XML forbids."""
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(item(f"Tides {reference}agree", "http://127.0.0.1:9/t", full=True),
                        item("Ferry runs", "http://127.0.0.1:9/f", full=True)))
    items = read_feed(str(feed))
    assert sorted(entry.title for entry in items) == ["Ferry runs", "Tides agree"]


def test_a_feed_with_lone_surrogates_is_published(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(item("Tides &#xD800; agree", "http://127.0.0.1:9/t", full=True),
                        item("Ferry \x01 runs", "http://127.0.0.1:9/f", full=True)))
    folder = make_feed(tmp_path / "feeds")
    result = invoke(tmp_path / "feeds", "publish", "-q", "--from-feed", str(feed))
    assert result.exit_code == 0, result.stderr
    titles = etree.parse(str(folder / "public" / "feed.xml")).xpath("//item/title/text()")
    assert sorted(titles) == ["Ferry runs", "Tides \ufffd agree"]


# --- property: any feed gives items whose URLs are clean, or one error ---------------------------------

characters = st.characters(exclude_categories=[])
text = st.text(characters, max_size=20)
REFERENCES = ["&#xD800;", "&#x110000;", "&#0;", "&#99999999999;", "&amp;", "&lt;b&gt;", "&bogus;", "&", "<", "]]>"]
LINKS = ["http://127.0.0.1:9/a", "https://ann:pw@example.org/b", "/tmp/diary.txt", "../x", "-", "javascript:x()",
         "file:///etc/passwd", "http://a..b/", "//example.org/c", ""]
DATES = ["Wed, 06 Nov 2024 07:00:00 GMT", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-0001-01-01", "yesterday",
         "Mon, 31 Feb 2024 25:61:61 +9999", ""]
piece = st.one_of(text, st.sampled_from(REFERENCES))
field = st.lists(piece, max_size=4).map("".join)
entry = st.builds(
    lambda title, link, date, guid, body: (f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                                           f"<guid>{guid}</guid><description>{body}</description></item>"),
    field, st.one_of(st.sampled_from(LINKS), field), st.one_of(st.sampled_from(DATES), field), field, field)
document = st.builds(lambda entries, wrap: rss(*entries) if wrap else "".join(entries), st.lists(entry, max_size=4),
                     st.booleans())


def test_any_feed_gives_clean_items_or_one_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    outcomes: Counter[str] = Counter()
    folder = tmp_path_factory.mktemp("feeds")

    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(document, document.map(lambda d: d.encode("utf-8", "surrogatepass")), st.binary(max_size=200)))
    @example(rss(item("&#xD800;", "/tmp/diary.txt")))
    def check(content: str | bytes) -> None:
        path = folder / "feed.xml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            items = read_feed(str(path))
        except AudionewsError as error:
            assert "\n" not in str(error)
            outcomes["error"] += 1
            return
        for found in items:
            assert found.link is None or check_url(found.link) == found.link
            assert found.image is None or check_url(found.image) == found.image
            for value in (found.title, found.author or "", found.source):
                value.encode("utf-8")  # no lone surrogate
                assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value), value
        outcomes["items" if items else "empty"] += 1

    check()
    print(outcomes)
    assert outcomes["items"] >= scaled(50, of=300), outcomes  # the valid branch is reached, not only the error
