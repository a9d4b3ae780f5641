"""Hostile page text (issue #10): each example, one case per variant, through the real CLI.

A page's text becomes an Article at one boundary (``model.Page``/``Article``: plain text, XML 1.0
characters only); a feed item's text is text no reader takes for markup (``feed/rss.py``); every line
printed is one line without control characters (``errors.one_line``). So each case gives a correct
episode whose text reaches feedparser, podcastparser, the ID3 tags, the captions and the episode page
as the text it is, or one plain line of error.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import feedparser
import lxml.html
import podcastparser
import pytest
from mutagen.id3 import ID3

from audionews.errors import FetchError, one_line
from conftest import invoke, made_once

STORY = [
    "The harbor board agreed on Monday to rebuild the old sea wall before the winter storms arrive.",
    "Work starts next month and will close the promenade for six weeks, the board's chairwoman said.",
    "Fishing families asked for the slipway to stay open, and the board agreed to keep one lane clear.",
]
WORD_JOINER = "\u2060"
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What no string of an article may hold: not XML 1.0, or a control character, or a lone surrogate."""


def html_page(title: str = "Sea wall to be rebuilt", *, h1: str | None = None, head: str = "", first: str = "",
              charset: str = "utf-8") -> str:
    """A news page; ``title`` is HTML source (entities as written), ``h1`` None for the title, "" for none."""
    h1 = title if h1 is None else h1
    heading = f"<h1>{h1}</h1>" if h1 else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in ([first] if first else []) + STORY)
    return (f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title>{head}</head>"
            f"<body><article>{heading}{paragraphs}</article></body></html>")


def text_copy(headline: str, paragraphs: list[str] = STORY) -> str:
    """A page as select-all and copy gives it."""
    return "\n\n".join([headline, *paragraphs]) + "\n"


def json_ld(headline: str, author: str = "Ann Lee") -> str:
    """JSON-LD as a page's source holds it: ``headline`` and ``author`` are JSON string contents."""
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "' + headline
            + '", "author": {"@type": "Person", "name": "' + author + '"}}</script>')


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    headline: str
    """The headline a listener hears and a reader sees."""
    suffix: str = ".html"
    first: str | None = None
    """The opening paragraph when the case puts one before the story: it opens the description."""


MARKUP_TEXT = 'Readers wrote <a href="javascript:alert(1)">click</a> and <img src=x onerror=alert(2)> to the board.'
CASES = [  # each headline names its own harbor: two cases under one headline would be one article, corrected
    Case("markup in the headline", html_page("Sea wall &lt;img src=x onerror=alert(1)&gt; rebuilt in Arden").encode(),
         "Sea wall <img src=x onerror=alert(1)> rebuilt in Arden"),
    Case("closing tags and entities in a text copy's headline",
         text_copy("Sea wall <b>rebuilt</b> &amp; &copy; done in Bray").encode(),
         "Sea wall <b>rebuilt</b> &amp; &copy; done in Bray", suffix=".txt"),
    Case("markup in the opening paragraph",
         html_page("Sea wall to be rebuilt in Cobh", first=MARKUP_TEXT.replace("<", "&lt;").replace(">", "&gt;")
                   .replace('"', "&quot;")).encode(), "Sea wall to be rebuilt in Cobh", first=MARKUP_TEXT),
    Case("terminal title escape as references", html_page("Sea wall &#x1b;]0;pwned&#x7; rebuilt in Deal").encode(),
         "Sea wall ]0;pwned rebuilt in Deal"),
    Case("terminal title escape as raw bytes", html_page("Sea wall \x1b]0;pwned\x07 rebuilt in Eyemouth").encode(),
         "Sea wall ]0;pwned rebuilt in Eyemouth"),
    Case("C1 control (CSI) raw", html_page("Sea wall \u009b31m rebuilt in Fowey").encode(),
         "Sea wall 31m rebuilt in Fowey"),
    Case("&#1; reference", html_page("Sea wall &#1; rebuilt in Girvan").encode(), "Sea wall rebuilt in Girvan"),
    Case("&#x1b; reference", html_page("Sea wall &#x1b; rebuilt in Hythe").encode(), "Sea wall rebuilt in Hythe"),
    Case("raw \\x01", html_page("Sea wall \x01 rebuilt in Irvine").encode(), "Sea wall rebuilt in Irvine"),
    Case("raw \\x7f", html_page("Sea wall \x7f rebuilt in Jarrow").encode(), "Sea wall rebuilt in Jarrow"),
    Case("JSON-LD \\u0001", html_page("", h1="", head=json_ld("Sea wall \\u0001 rebuilt in Kirkwall",
                                                              "Ann \\u0007 Lee")).encode(),
         "Sea wall rebuilt in Kirkwall"),
    Case("meta charset unicode_escape",
         html_page("Sea wall \\x01 \\ud800 rebuilt in Largs", charset="unicode_escape").encode(),
         "Sea wall \\x01 \\ud800 rebuilt in Largs"),  # read as a browser reads it: the backslashes are text
    Case("JSON-LD lone surrogate", html_page("", h1="", head=json_ld("Sea wall \\ud800 rebuilt in Mallaig",
                                                                    "Ann \\udfff Lee")).encode(),
         "Sea wall rebuilt in Mallaig"),
    Case("&#xD800; reference", html_page("Sea wall &#xD800; rebuilt in Nairn").encode(),
         "Sea wall \ufffd rebuilt in Nairn"),  # as a browser shows it
    Case("JSON-LD nested 100,000 deep",
         html_page("Sea wall to be rebuilt in Oban", head='<script type="application/ld+json">' + "[" * 100_000
                   + "]" * 100_000 + "</script>").encode(), "Sea wall to be rebuilt in Oban"),
    Case("JSON-LD author nested 900 lists deep",
         html_page("Sea wall to be rebuilt in Padstow", head='<script type="application/ld+json">{"@type": '
                   '"NewsArticle", "headline": "Sea wall to be rebuilt in Padstow", "author": ' + "[" * 900
                   + '{"name": "Ann Lee"}' + "]" * 900 + "}</script>").encode(), "Sea wall to be rebuilt in Padstow"),
    Case("307 digits", html_page("Sea wall to be rebuilt in Ramsey",
                                 first="The board counted " + "9" * 307 + " stones in the old wall.").encode(),
         "Sea wall to be rebuilt in Ramsey", first="The board counted " + "9" * 307 + " stones in the old wall."),
    Case("form feed and NEL in a text copy",
         text_copy("Sea wall\x0cto be rebuilt in Salcombe",
                   [s.replace(" the ", "\x0cthe\x85", 1) for s in STORY]).encode(),
         "Sea wall to be rebuilt in Salcombe", suffix=".txt"),
]


def has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text.replace("\n", ""))


def write(tmp: Path, case: Case) -> str:
    path = tmp / (re.sub(r"\W+", "-", case.name).strip("-") + case.suffix)
    path.write_bytes(case.data)
    return str(path)


# -- clean: the article, plain -----------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_clean_gives_the_article_in_plain_text(case: Case, tmp_path: Path) -> None:
    source = write(tmp_path, case)
    result = invoke(tmp_path / "feeds", "clean", "--json", source)
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["headline"] == case.headline
    assert got["body"][-3:] == STORY
    for text in [got["headline"], got["byline"] or "", *got["body"]]:
        assert not NOT_TEXT.search(text), repr(text)
    plain = invoke(tmp_path / "feeds", "clean", source)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.splitlines()[0] == case.headline
    assert not has_control(plain.stdout), repr(plain.stdout[:300])


# -- publish: the feed and everything beside it ------------------------------------------------------

@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """Every case published into one feed (silent engine), once for the run: the feed's folder and each
    case's episode, as ``publish --json`` said it."""

    def make(tmp: Path) -> None:
        feeds = tmp / "feeds"
        result = invoke(feeds, "init", "ledger", "--title", "Ledger", "--author", "Ledger Desk", "--email",
                        "desk@example.org", "--base-url", "http://127.0.0.1:9/", "--engine", "silent")
        assert result.exit_code == 0, result.output
        sources = {write(tmp, case): case.name for case in CASES}
        result = invoke(feeds, "publish", "-q", "--json", *sources)
        assert result.exit_code == 0, result.stderr
        assert not has_control(result.stdout)
        episodes = {sources[line["source"]]: line for line in map(json.loads, result.stdout.splitlines())}
        (tmp / "episodes.json").write_text(json.dumps(episodes), encoding="utf-8")

    tmp = made_once(tmp_path_factory, "hostile-text", make)
    return tmp / "feeds" / "ledger", json.loads((tmp / "episodes.json").read_text(encoding="utf-8"))


def html_text(fragment: str) -> tuple[str, list[str]]:
    """What a reader shows for HTML: its text, and the elements it would make."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return root.text_content(), [element.tag for element in root.iterdescendants()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_published_text_is_text_in_feedparser_and_podcastparser(case: Case, published) -> None:
    folder, episodes = published
    guid = episodes[case.name]["guid"]
    xml = (folder / "public" / "feed.xml").read_bytes()
    assert not NOT_TEXT.search(xml.decode("utf-8"))

    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.id == guid)
    title = entry.title if entry.title_detail.type == "text/plain" else html_text(entry.title)[0]
    assert title.replace(WORD_JOINER, "") == case.headline
    if entry.title_detail.type != "text/plain":
        assert html_text(entry.title)[1] == []
    summary, elements = html_text(entry.summary)  # feedparser reads a description as HTML
    assert elements == [], entry.summary
    assert summary.replace(WORD_JOINER, "").startswith(case.first or STORY[0])

    podcast = podcastparser.parse("http://127.0.0.1:9/feed.xml", io.BytesIO(xml))
    episode = next(e for e in podcast["episodes"] if e["guid"] == guid)
    assert episode["title"].replace(WORD_JOINER, "") == case.headline
    assert "description_html" not in episode  # podcastparser found no markup in it
    assert episode["description"].replace(WORD_JOINER, "").startswith(case.first or STORY[0])
    for file in (episode["enclosures"][0]["url"].removeprefix("http://127.0.0.1:9/"),):
        assert (folder / "public" / file).is_file()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_published_text_is_text_in_tags_captions_and_the_episode_page(case: Case, published) -> None:
    folder, episodes = published
    mp3 = Path(episodes[case.name]["path"])
    tags = ID3(mp3)
    assert tags["TIT2"].text == [case.headline]
    chapters = [frame.sub_frames["TIT2"].text[0] for frame in sorted(tags.getall("CHAP"), key=lambda f: f.start_time)]
    assert chapters[0] == case.headline

    captions = mp3.with_suffix(".vtt").read_text(encoding="utf-8")
    cue_lines = [line for line in captions.split("\n\n")[1:] if line]
    for cue in cue_lines:  # the text, on a line or two, in the one span that names the voice
        voice = re.fullmatch(r"<v ([^\n]+?)>(.+)</v>", "\n".join(cue.strip("\n").split("\n")[2:]), re.DOTALL)
        assert voice, cue
        for text in voice.groups():
            assert "<" not in text and ">" not in text and not re.search(r"&(?!amp;|lt;|gt;)", text), text
    assert not NOT_TEXT.search(captions)
    transcript = mp3.with_suffix(".txt").read_text(encoding="utf-8")
    assert transcript.split("\n\n")[0] == case.headline + "."  # a sentence, ended
    chapters_json = json.loads(mp3.with_name(mp3.stem + ".chapters.json").read_text(encoding="utf-8"))
    assert chapters_json["title"] == case.headline

    page = lxml.html.fromstring((folder / "public" / "index.html").read_bytes())
    heading = next(h for h in page.iter("h3") if h.text_content() == case.headline)
    article = heading.getparent()
    allowed = {"article", "h3", "p", "span", "time", "audio", "track", "a", "bdi", "details", "summary", "ol", "li"}
    assert {element.tag for element in article.iter()} <= allowed
    assert not [name for element in article.iter() for name in element.attrib if name.startswith("on")]

    own = lxml.html.fromstring(mp3.with_suffix(".html").read_bytes())  # the episode's own page
    assert own.find(".//h1").text_content() == case.headline
    assert not [name for element in own.iter() for name in element.attrib if name.startswith("on")]
    assert [script.get("src") for script in own.iter("script")] == ["../reader.js"]
    assert not [script for script in own.iter("script") if (script.text or "").strip()]
    assert STORY[0] in own.get_element_by_id("transcript").text_content()  # the transcript, as text


def test_nothing_in_public_is_unlisted(published) -> None:
    folder, episodes = published
    assert len(episodes) == len(CASES)
    stems = {Path(e["path"]).name.removesuffix(".mp3") for e in episodes.values()}
    for path in (folder / "public" / "episodes").iterdir():
        assert path.name.split(".", 1)[0] in stems, path.name


# -- what the terminal is sent -----------------------------------------------------------------------

def test_episodes_prints_no_control_characters(published) -> None:
    folder, _ = published
    for args in ((), ("--json",)):
        result = invoke(folder.parent, "episodes", *args)
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.splitlines()) == len(CASES)
        assert not has_control(result.stdout)
    lines = invoke(folder.parent, "episodes", "--json").stdout.splitlines()
    assert {json.loads(line)["title"] for line in lines} == {case.headline for case in CASES}


@pytest.mark.parametrize("command", ["script", "check"])
@pytest.mark.parametrize("case", [c for c in CASES if c.suffix == ".html"][:6], ids=lambda c: c.name)
def test_script_and_check_print_no_control_characters(command: str, case: Case, tmp_path: Path) -> None:
    source = write(tmp_path, case)
    for args in ((), ("--json",)):
        result = invoke(tmp_path / "feeds", command, *args, source)
        assert result.exit_code == 0, result.stderr
        assert not has_control(result.stdout + result.stderr)


FEED_ENTRIES = [
    "Sea wall &#x1b;]0;pwned&#x7; rebuilt",
    "Sea wall \x1b[2J\x1b]0;pwned\x07 cleared",
    "Sea wall &#xD800; &#55296; split",
    "Sea wall &#x110000; &#99999999999999999999; beyond",
    "Sea wall \u009b31m red",  # feedparser reads C1 characters as windows-1252, as browsers do: "›"
    "Sea wall &lt;img src=x onerror=alert(1)&gt; shown",
]


@pytest.mark.parametrize("as_json", [False, True], ids=["lines", "json"])
def test_a_feeds_entry_titles_print_as_text_in_a_dry_run(as_json: bool, tmp_path: Path) -> None:
    items = "".join(f"<item><title>{title}</title><link>http://127.0.0.1:9/story-{n}</link>"
                    f"<author>desk@example.org (Ann &#x1b; Lee)</author></item>"
                    for n, title in enumerate(FEED_ENTRIES))
    feed = tmp_path / "feed.xml"
    assert invoke(tmp_path / "feeds", "init", "ledger", "--title", "Ledger", "--author", "Ledger Desk", "--email",
                  "desk@example.org", "--base-url", "http://127.0.0.1:9/").exit_code == 0
    feed.write_bytes(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>{items}'
                     "</channel></rss>".encode())
    result = invoke(tmp_path / "feeds", "publish", "--from-feed", str(feed), "--dry-run", *(["--json"] * as_json))
    assert result.exit_code == 0, result.stderr
    assert not has_control(result.stdout), repr(result.stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == len(FEED_ENTRIES)
    titles = [json.loads(line)["title"] if as_json else line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in lines]
    assert set(titles) == {"Sea wall ]0;pwned rebuilt", "Sea wall [2J]0;pwned cleared", "Sea wall \ufffd \ufffd split",
                           "Sea wall \ufffd \ufffd beyond", "Sea wall ›31m red", "Sea wall <img src=x onerror=alert(1)> shown"}


# -- numbers ------------------------------------------------------------------------------------------

DIGITS = {
    "307 digits": "9" * 307,
    "4,301 digits": "9" * 4301,
    "10,000 digits grouped": ",".join(["999"] * 3334),
    "an ordinal of 400 digits": "9" * 400 + "th",
    "400 digits of dollars": "$" + "9" * 400,
    "a range of 5,000 digits": "9" * 5000 + "-" + "9" * 5000,
    "a fraction of 5,000 digits": "1/" + "9" * 5000,
    "5,000 digits and a decimal": "9" * 5000 + ".25",
}


@pytest.mark.parametrize("name", DIGITS)
def test_a_run_of_digits_of_any_length_is_read(name: str, tmp_path: Path) -> None:
    written = DIGITS[name]
    source = tmp_path / "digits.html"
    source.write_text(html_page(first=f"The board counted {written} stones in the old wall."))
    result = invoke(tmp_path / "feeds", "script", "--json", str(source))
    assert result.exit_code == 0, result.stderr
    spoken = next(s["spoken"] for s in map(json.loads, result.stdout.splitlines()) if "stones" in s["spoken"])
    assert "nine nine nine" in spoken
    assert not re.search(r"\d{16}", spoken)
    check = invoke(tmp_path / "feeds", "check", str(source))
    assert check.exit_code == 0, check.stderr


# -- one-line errors ----------------------------------------------------------------------------------

NAMES = {
    "CR LF": "crlf\r\nError: forged.html",
    "LF": "lf\nforged.html",
    "ESC and BEL": "esc\x1b]0;pwned\x07.html",
    "line separator": "ls\u2028forged.html",
    "NEL": "nel\x85forged.html",
}


@pytest.mark.parametrize("command", ["clean", "publish"])
@pytest.mark.parametrize("name", NAMES)
def test_an_error_is_one_line_whatever_the_source_is_named(command: str, name: str, tmp_path: Path) -> None:
    source = tmp_path / NAMES[name]
    source.write_text("<html><body><p>Home</p></body></html>")
    result = invoke(tmp_path / "feeds", command, *(["-q"] if command == "publish" else []), str(source))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, repr(result.stderr)
    assert not has_control(result.stderr)
    assert result.stderr.strip() == f"Error: {one_line(str(source))}: no article text found"


def test_an_error_is_one_line_whatever_its_reason_quotes() -> None:
    error = FetchError("cannot read\r\nError: forged \x1b[2J\ud800", "page\n.html")
    assert str(error) == "page\\n.html: cannot read\\r\\nError: forged \\x1b[2J\\ud800"
    assert error.reason == "cannot read\r\nError: forged \x1b[2J\ud800"  # the data itself is kept
