"""The URL boundary: every URL audionews fetches, stores or publishes passes ``urls.check_url``, whichever
field it came from (the URL given, a redirect, canonical, og:url, JSON-LD url, images, feed links).

A property test feeds it arbitrary text, URL-shaped strings and non-strings; the examples are the ones
issue #10 names, each variant checked on its own.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from ada_url import URL
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from audionews.errors import FetchError
from audionews.extract import extract
from audionews.model import Page
from audionews.urls import MAX_LENGTH, check_url, credentials, on_same_site, public_url, registrable_domain

from conftest import Server, examples, invoke, scaled

# --- the check itself ----------------------------------------------------------------------------------

SCHEMES = ["http", "https", "HTTP", "hTtPs", "javascript", "file", "ftp", "data", "mailto", "", "htt p", "ws"]
SEPARATORS = ["://", ":", ":/", ":///", "//", ":\\\\", " :// "]
HOSTS = ["example.org", "ÉXAMPLE.org", "xn--exmple-cua.com", "xn--", "a..b", "-a-.com", "127.0.0.1", "2130706433",
         "0x7f.1", "[::1]", "[::ffff:127.0.0.1]", "[zz]", "999.1.1.1", "localhost", "exa mple.org", "%41.com",
         "a" * 64 + ".com", "", "@", "例え.テスト", "ex\u0000ample.org", "\ud800.com"]
characters = st.characters(exclude_categories=[])  # every code point, lone surrogates included
text = st.text(characters, max_size=30)


def url_shaped() -> st.SearchStrategy[str]:
    userinfo = st.one_of(st.just(""), st.builds(lambda user, pw: f"{user}:{pw}@", text, text),
                         st.sampled_from(["ann:secret@", "@", ":pw@", "ann@", "a:b:c@"]))
    label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
    host = st.one_of(st.lists(label, min_size=1, max_size=4).map(".".join), st.sampled_from(HOSTS), text,
                     st.integers(0, 2**40).map(str))
    port = st.one_of(st.just(""), st.integers(0, 65_535).map(lambda n: f":{n}"),
                     st.integers(-5, 700_000).map(lambda n: f":{n}"), text.map(lambda t: ":" + t))
    path = st.one_of(st.just(""), st.text(max_size=30).map(lambda t: "/" + t), text.map(lambda t: "/" + t),
                     st.sampled_from(["/a b", "/../../etc", "/%zz", "?q#f"]))
    scheme = st.one_of(st.sampled_from(["http", "https"]), st.sampled_from(SCHEMES))  # mostly the valid ones
    separator = st.one_of(st.just("://"), st.sampled_from(SEPARATORS))
    return st.builds(lambda *parts: "".join(parts), scheme, separator, userinfo, host, port, path)


bases = st.one_of(st.none(), st.sampled_from(["http://example.org/a/b", "https://ann:pw@example.org/", "nonsense",
                                             "file:///tmp/", "http://127.0.0.1:9/feed.xml"]), text)
values = st.one_of(url_shaped(), url_shaped(), url_shaped(), text, st.binary(max_size=30), st.integers(), st.none(),
                   st.lists(text, max_size=2), st.dictionaries(text, text, max_size=2),
                   st.sampled_from(["../x", "-", "/tmp/diary.txt", "//evil.example/x", "x" * (MAX_LENGTH + 1)]))


def assert_clean(url: str) -> None:
    assert url.startswith(("http://", "https://")), url
    parsed = URL(url)
    assert (parsed.username, parsed.password) == ("", ""), url
    assert parsed.hostname, url
    assert url.isascii() and not any(ch <= " " or ch == "\x7f" for ch in url), url  # one printable line
    assert check_url(url) == url  # a clean URL is its own clean form
    assert len(url) <= 12 * MAX_LENGTH  # at worst every character of the longest input, percent-encoded


def test_the_url_check_gives_a_clean_url_or_a_fetch_error() -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(values, bases)
    @example("http://ann:secret@example.org/a", None)
    @example("http://\ud800.com/", None)
    def check(value: object, base: str | None) -> None:
        try:
            url = check_url(value, base)
        except FetchError as error:
            assert error.reason and "\n" not in str(error)
            assert "secret" not in str(error)
            assert public_url(value, base) is None
            outcomes["refused"] += 1
            return
        assert_clean(url)
        assert public_url(value, base) == url
        outcomes["clean"] += 1

    check()
    print(outcomes)
    assert outcomes["clean"] >= scaled(200, of=1500), outcomes  # the valid branch is reached, not only the error
    assert outcomes["refused"] >= scaled(200, of=1500), outcomes


@pytest.mark.parametrize("value, base, expected", [
    ("http://ann:secret@example.org/a", None, "http://example.org/a"),
    ("https://:secret@example.org/", None, "https://example.org/"),
    ("HTTP://Example.ORG:80/a/../b c", None, "http://example.org/b%20c"),
    ("http://ÉXAMPLE.org/café", None, "http://xn--xample-9ua.org/caf%C3%A9"),
    ("http://0x7f.1/", None, "http://127.0.0.1/"),
    ("http://2130706433/", None, "http://127.0.0.1/"),
    ("http://[::ffff:127.0.0.1]:8080/", None, "http://[::ffff:7f00:1]:8080/"),
    ("../x", "http://example.org/a/b/c", "http://example.org/a/x"),
    ("-", "http://example.org/feed.xml", "http://example.org/-"),
    ("//cdn.example.net/i.jpg", "https://example.org/", "https://cdn.example.net/i.jpg"),
    ("/x", "https://ann:pw@example.org/", "https://example.org/x"),
    ("  http://example.org/\t\n ", None, "http://example.org/"),
])
def test_clean_urls(value: str, base: str | None, expected: str) -> None:
    assert check_url(value, base) == expected


@pytest.mark.parametrize("value, base, reason", [
    ("javascript:alert(1)", None, "only http and https URLs can be used, not javascript:"),
    ("JavaScript:alert(1)", "http://example.org/", "only http and https URLs can be used, not javascript:"),
    ("data:text/html,<b>x</b>", None, "only http and https URLs can be used, not data:"),
    ("file:///etc/passwd", "http://example.org/", "only http and https URLs can be used, not file:"),
    ("ftp://example.org/", None, "only http and https URLs can be used, not ftp:"),
    ("/tmp/diary.txt", None, "a relative link, with no URL to resolve it against"),
    ("../x", None, "a relative link, with no URL to resolve it against"),
    ("-", None, "a relative link, with no URL to resolve it against"),
    ("http://a..b/", None, "not a valid host name"),
    ("http://-a-.com/", None, "not a valid host name"),
    ("http://xn--/", None, "not a valid host name"),
    ("http://" + "a" * 64 + ".com/", None, "not a valid host name"),
    ("http://exa mple.org/", None, "not a valid URL"),
    ("http://999.1.1.1/", None, "not a valid URL"),
    ("http://example.org:99999/", None, "not a valid URL"),
    ("http://example.org/\ud800", None, "not a valid URL"),
    ("http://", None, "not a valid URL"),
    ("", None, "no URL"),
    ("http://example.org/" + "x" * MAX_LENGTH, None, f"a URL longer than {MAX_LENGTH} characters"),
])
def test_urls_that_are_refused(value: str, base: str | None, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(value, base)
    assert caught.value.reason == reason
    assert public_url(value, base) is None


def test_an_error_never_shows_the_password() -> None:
    with pytest.raises(FetchError) as caught:
        check_url("ftp://ann:secret@example.org/")
    assert "secret" not in str(caught.value)


def test_a_huge_value_is_named_in_its_error_at_once_and_without_its_password() -> None:
    """The error names the value less its credentials in one pass: the regex that removed them once took
    seconds on 20 kB and minutes on 1 MB (a catalog row's huge URL, or a page's)."""
    started = time.process_time()
    for value in ("ab" * 500_000, "a" * 1_000_000 + "/b@c", "http://ann:" + "secret" * 200_000 + "@example.org/"):
        with pytest.raises(FetchError) as caught:
            check_url(value)
        assert "secret" not in str(caught.value) and len(str(caught.value)) < 400
    assert time.process_time() - started < 5


def test_credentials_are_read_for_the_request_only() -> None:
    assert credentials("http://ann%40home:s%3Ccret@example.org/") == ("ann@home", "s<cret")
    assert credentials("http://example.org/") is None
    assert credentials("//ann:pw@example.org/", "https://example.org/") == ("ann", "pw")


@pytest.mark.parametrize("first, second, same", [
    ("https://www.example.co.uk/a", "http://news.example.co.uk/b", True),
    ("https://example.org/", "https://example.org.evil.example/", False),
    ("https://ann.github.io/", "https://bob.github.io/", False),  # the PSL's private section
    ("https://ann.blogspot.com/", "https://ann.blogspot.com/2024/", True),
    ("http://127.0.0.1:1/", "http://127.0.0.1:2/", True),
    ("http://127.0.0.1/", "http://127.0.0.2/", False),
    ("http://localhost/", "http://localhost:8000/", True),
    ("https://example.com/", "https://example.net/", False),
    ("javascript:alert(1)", "https://example.org/", False),
])
def test_same_site_is_the_registrable_domain(first: str, second: str, same: bool) -> None:
    assert on_same_site(first, second) is same
    assert on_same_site(second, first) is same


def test_registrable_domains_come_from_the_public_suffix_list() -> None:
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("a.b.example.com.au") == "example.com.au"
    assert registrable_domain("co.uk") == "co.uk"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"


# --- the page's own URLs -------------------------------------------------------------------------------

BODY = "".join(f"<p>{p}</p>" for p in [
    "The harbor board agreed on Monday to rebuild the old sea wall before the winter storms arrive.",
    "Work starts next month and will close the promenade for six weeks, the board's chairwoman said.",
    "Fishing families asked for the slipway to stay open, and the board agreed to keep one lane clear.",
])


def page(head: str, url: str | None = "https://news.example.org/2025/sea-wall") -> Page:
    html = f"<html><head><title>Sea wall</title>{head}</head><body><article><h1>Sea wall</h1>{BODY}</article></body></html>"
    return Page("page.html", "html", html, url=url)


def ld(**fields: object) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


FETCHED = "https://news.example.org/2025/sea-wall"


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:url" content="javascript:alert(1)">', FETCHED),
    (ld(url="javascript:alert(1)"), FETCHED),
    ('<link rel="canonical" href="javascript:alert(1)">', FETCHED),
    ('<link rel="canonical" href="data:text/html,x">', FETCHED),
    ('<link rel="canonical" href="https://victim.example.com/their-story">', FETCHED),  # another site
    ('<meta property="og:url" content="https://victim.example.com/their-story">', FETCHED),
    (ld(url="https://victim.example.com/their-story"), FETCHED),
    ('<link rel="canonical" href="https://example.org.victim.example/x">', FETCHED),
    ('<link rel="canonical" href="https://ann:secret@www.example.org/sea-wall">', "https://www.example.org/sea-wall"),
    ('<link rel="canonical" href="https://www.example.org/sea-wall">', "https://www.example.org/sea-wall"),
    ('<link rel="canonical" href="/2025/sea-wall?amp=0">', "https://news.example.org/2025/sea-wall?amp=0"),
    ('<link rel="canonical" href="https://victim.example.com/x"><meta property="og:url" '
     'content="https://example.org/og">', "https://example.org/og"),  # the first one on the page's own site
    ("", FETCHED),
])
def test_the_page_url_is_its_own(head: str, expected: str) -> None:
    assert extract(page(head, FETCHED)).url == expected


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:url" content="javascript:alert(1)">', None),
    (ld(url="file:///etc/passwd"), None),
    ('<link rel="canonical" href="https://ann:pw@example.org/a">', "https://example.org/a"),
    ('<link rel="canonical" href="https://example.org/a">', "https://example.org/a"),  # a file: taken at its word
])
def test_a_file_has_only_the_urls_it_declares(head: str, expected: str | None) -> None:
    assert extract(page(head, None)).url == expected


@pytest.mark.parametrize("head, expected", [
    (ld(image="javascript:alert(1)") + '<meta property="og:image" content="https://cdn.example.net/w.jpg">',
     "https://cdn.example.net/w.jpg"),  # a bad image is passed over for the next one
    ('<meta property="og:image" content="javascript:alert(1)">', None),
    ('<meta property="og:image" content="data:image/png;base64,iVBORw0KGgo=">', None),
    ('<meta property="og:image" content="https://ann:pw@cdn.example.net/w.jpg">', "https://cdn.example.net/w.jpg"),
    ('<meta property="og:image" content="/w.jpg">', "https://news.example.org/w.jpg"),
    ('<meta name="twitter:image" content="//cdn.example.net/t.jpg">', "https://cdn.example.net/t.jpg"),
    (ld(image={"url": "http://a..b/x.jpg"}), None),
])
def test_images(head: str, expected: str | None) -> None:
    assert extract(page(head, FETCHED)).image == expected


# --- end to end: nothing of a password is stored or published ------------------------------------------

def test_credentials_in_urls_are_never_published(tmp_path: Path, serve) -> None:
    site = tmp_path / "site"
    site.mkdir()
    server: Server = serve(site)
    head = (f'<link rel="canonical" href="http://bob:hunter2@127.0.0.1:{server.port}/story.html">'
            '<meta property="og:image" content="http://bob:hunter2@127.0.0.1/lead.jpg">')
    (site / "story.html").write_text(page(head).text, encoding="utf-8")
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "init", "local", "--title", "Local", "--author", "A", "--email", "a@example.org",
                    "--base-url", "http://127.0.0.1:9/", "--engine", "silent")
    assert result.exit_code == 0, result.output
    source = server.url("story.html").replace("http://", "http://ann:secret@")
    result = invoke(feeds, "publish", "-q", source)
    assert result.exit_code == 0, result.stderr
    stored = [path for path in (feeds / "local").rglob("*") if path.is_file()]
    assert not [path for path in stored if b"secret" in path.read_bytes() or b"hunter2" in path.read_bytes()]
    with sqlite3.connect(feeds / "local" / "catalog.sqlite3") as db:
        assert db.execute("SELECT source, url, image FROM episodes").fetchall() == [
            (server.url("story.html"), server.url("story.html"), "http://127.0.0.1/lead.jpg")]
    item = etree.parse(str(feeds / "local" / "public" / "feed.xml")).find("channel/item")
    assert item.findtext("link") == server.url("story.html")
