"""A corpus of hostile sources: each gives one line naming the source and the reason (exit 1, the feed
untouched) or a correct episode, and within a bounded time.

The HTTP cases use a real server on 127.0.0.1 whose handler misbehaves on purpose; fetch's timeouts are
module attributes, shortened here so "never answers" and "slow drip" cost a second, not minutes.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import random
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from audionews import fetch as fetch_module
from conftest import Server, invoke, snapshot
from factories import STORY

STOP = threading.Event()
"""Set when the module's tests end, so handlers that sleep or drip return and the server shuts down."""


def article(title: str = "Sea wall to be rebuilt", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}{extra}</article></body></html>")


ARTICLE = article().encode()


@functools.cache
def gzip_bomb() -> bytes:
    """About 32 KB of gzip that expands to 32 MB of spaces inside a paragraph: past the 20 MB cap, and made
    in a tenth of a second (256 MB took a second, which the first request for it waited out: a read timeout)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip wrapper
    parts = [packer.compress(b"<html><body><p>")]
    block = b" " * (1024 * 1024)
    parts += [packer.compress(block) for _ in range(32)]
    parts.append(packer.compress(b"</p></body></html>") + packer.flush())
    return b"".join(parts)


class Hostile(http.server.BaseHTTPRequestHandler):
    """Each path misbehaves in its own way; every loop ends on STOP or a fixed bound."""

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, status: int, headers: dict[str, str], body: bytes, length: int | None = None) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        try:
            self.route(self.path.strip("/"))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def route(self, path: str) -> None:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path.startswith("hop/"):
            hop = int(path.split("/")[1])
            self.answer(302, {"Location": f"/hop/{hop + 1}" if hop < 30 else "/article"}, b"")
        elif path == "article":
            self.answer(200, html, ARTICLE)
        elif path == "silent":
            STOP.wait(20)  # accepts, then never answers
        elif path == "500":
            self.answer(500, html, ARTICLE)
        elif path == "404-article":
            self.answer(404, html, ARTICLE)
        elif path == "endless":  # 2 GB, made lazily one MB at a time, no Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>")
            block = b"endless words " * (1024 * 1024 // 14)
            for _ in range(2048):
                if STOP.is_set():
                    break
                self.wfile.write(block)
        elif path == "drip":  # one byte at a time, each well within the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for byte in ARTICLE:
                if STOP.wait(0.05):
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        elif path == "header-drip":  # the status line, then a header that never ends, a byte at a time
            self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Drip: ")
            for _ in range(2000):
                if STOP.wait(0.05):
                    break
                self.wfile.write(b"x")
                self.wfile.flush()
        elif path == "wrong-type":
            self.answer(200, {"Content-Type": "image/png"}, ARTICLE)
        elif path == "png-as-html":
            self.answer(200, html, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
        elif path == "empty":
            self.answer(200, html, b"")
        elif path == "204":
            self.send_response(204)
            self.end_headers()
        elif path == "length-short":  # promises more than it sends, then hangs up
            self.answer(200, html, ARTICLE, length=len(ARTICLE) * 10)
        elif path == "length-long":  # promises less than it sends
            self.answer(200, html, ARTICLE, length=40)
        elif path == "length-huge":  # declares 3 GB; nothing is sent
            self.answer(200, html, b"", length=3 * 1024 ** 3)
        elif path == "bomb-encoded":
            self.answer(200, {**html, "Content-Encoding": "gzip"}, gzip_bomb())
        elif path == "bomb-typed":
            self.answer(200, {"Content-Type": "application/gzip"}, gzip_bomb())
        elif path == "bomb-plain":
            self.answer(200, html, gzip_bomb())
        elif path == "not-gzip":
            self.answer(200, {**html, "Content-Encoding": "gzip"}, ARTICLE)
        elif path == "json-feed":
            self.answer(200, {"Content-Type": "application/feed+json"}, JSON_FEED)
        elif path == "svg":
            self.answer(200, {"Content-Type": "image/svg+xml"}, SVG)
        elif path == "sitemap":
            self.answer(200, {"Content-Type": "text/xml"}, SITEMAP)
        else:
            self.answer(404, html, b"not found")


JSON_FEED = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Ledger", "items": [
    {"id": "1", "title": "Sea wall to be rebuilt", "content_text": " ".join(STORY)}]}).encode()
SVG = ("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
       + "".join(f"<text x='0' y='{i}'>{p}</text>" for i, p in enumerate(STORY)) + "</svg>").encode()
SITEMAP = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
           + "".join(f"<url><loc>https://ledger.example.org/2025/{i}</loc><lastmod>2025-03-0{i}</lastmod></url>"
                     for i in range(1, 9)) + "</urlset>").encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    STOP.clear()
    running = Server(tmp_path_factory.mktemp("hostile"), Hostile)
    yield running
    STOP.set()
    running.close()


@pytest.fixture(autouse=True)
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    gzip_bomb()  # made before any server is asked for it, so no answer waits for it
    monkeypatch.setattr(fetch_module, "CONNECT_TIMEOUT", 2)
    monkeypatch.setattr(fetch_module, "READ_TIMEOUT", 0.5)  # well over the drips' 0.05 s between bytes
    monkeypatch.setattr(fetch_module, "TOTAL_TIMEOUT", 1)


# --- files ---------------------------------------------------------------------------------------------

def write(tmp: Path, name: str, data: bytes | str) -> str:
    path = tmp / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def random_binary(tmp: Path) -> str:
    rng = random.Random(6)
    return write(tmp, "noise.html", bytes(rng.randrange(256) for _ in range(64 * 1024)))


def fifo(tmp: Path) -> str:
    path = tmp / "pipe.txt"
    os.mkfifo(path)  # no writer: opening it must not block forever
    return str(path)


def unreadable(tmp: Path) -> str:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = Path(write(tmp, "secret.html", ARTICLE))
    path.chmod(0)
    return str(path)


def folder(tmp: Path) -> str:
    (tmp / "story.html").mkdir()
    return str(tmp / "story.html")


def dot_dot(tmp: Path) -> str:
    (tmp / "a" / "b").mkdir(parents=True)
    write(tmp, "story.html", ARTICLE)
    return str(tmp / "a" / "b" / ".." / ".." / "story.html")


def invalid_utf8(tmp: Path) -> str:
    broken = b"<p>Broken bytes \xff\xfe here \xc3\x28 and \xed\xa0\x80 there, a reader wrote to the board.</p>"
    return write(tmp, "broken.html", ARTICLE.replace(b"</article>", broken + b"</article>"))


def control_flood(tmp: Path) -> str:
    noise = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r") * 2000
    return write(tmp, "control.txt", noise + "\n\n" + "\n\n".join(STORY) + "\n\n" + noise)


FILES: dict[str, Callable[[Path], str]] = {
    "random binary": random_binary,
    "gzip bomb file": lambda tmp: write(tmp, "page.html.gz", gzip_bomb()),
    "endless single line": lambda tmp: write(tmp, "line.txt", "word " * 1_000_000),
    "single 1 MB word": lambda tmp: write(tmp, "word.html", article(extra="<p>" + "x" * 1_000_000 + "</p>")),
    "nested lists 50000 deep": lambda tmp: write(tmp, "lists.html",
                                                  article(extra="<ul><li>" * 50_000 + "deep" + "</li></ul>" * 50_000)),
    "invalid UTF-8": invalid_utf8,
    "script-only page": lambda tmp: write(tmp, "script.html", "<html><head><script>" + "document.write('<p>"
                                          + STORY[0] + "</p>');" * 500 + "</script><style>p{}</style></head>"
                                          "<body><noscript>Enable JavaScript.</noscript></body></html>"),
    "entity flood": lambda tmp: write(tmp, "entities.html", "<html><body><p>" + "&nbsp;&#8203;&zwnj;" * 100_000
                                      + "</p></body></html>"),
    "control-character flood": control_flood,
    "NUL-filled text": lambda tmp: write(tmp, "nul.txt", b"\x00" * 100_000),
    "folder named .html": folder,
    "FIFO without writer": fifo,
    "unreadable file": unreadable,
    "JSON feed file": lambda tmp: write(tmp, "feed.json", JSON_FEED),
    "SVG file": lambda tmp: write(tmp, "logo.svg", SVG),
    "XML sitemap file": lambda tmp: write(tmp, "sitemap.xml", SITEMAP),
    "../ in the path": dot_dot,
    "UTF-16 without BOM": lambda tmp: write(tmp, "wide.txt", "\n\n".join(STORY).encode("utf-16-le")),
}

@dataclass(frozen=True)
class Case:
    name: str
    source: Callable[[Path, Server], str]
    reason: str | None
    """The start of the error's reason; None when a correct episode must come out."""


def file_case(name: str, reason: str | None) -> Case:
    return Case(name, lambda tmp, _: FILES[name](tmp), reason)


def url_case(path: str, reason: str | None) -> Case:
    return Case(path, lambda _, server: server.url(path), reason)


CASES = [
    file_case("random binary", "binary data, not an article"),
    file_case("gzip bomb file", "gzip-compressed data, not an article"),
    file_case("endless single line", "no article text found"),
    file_case("single 1 MB word", None),
    file_case("nested lists 50000 deep", None),
    file_case("invalid UTF-8", None),
    file_case("script-only page", "no article text found"),
    file_case("entity flood", "no article text found"),
    file_case("control-character flood", None),
    file_case("NUL-filled text", "binary data, not an article"),
    file_case("folder named .html", "is a folder, not a file"),
    file_case("FIFO without writer", "empty"),
    file_case("unreadable file", "cannot read file (Permission denied)"),
    file_case("JSON feed file", "JSON data, not an article"),
    file_case("SVG file", "no article text found"),
    file_case("XML sitemap file", "no article text found"),
    file_case("../ in the path", None),
    file_case("UTF-16 without BOM", "binary data, not an article"),
    Case("empty stdin", lambda tmp, _: "-", "empty"),
    url_case("hop/1", "more than 10 redirects"),
    url_case("silent", "timed out"),
    url_case("500", "HTTP 500"),
    url_case("404-article", "HTTP 404"),
    url_case("endless", "larger than 20 MB, not an article"),
    url_case("drip", "took longer than 1 s to download, gave up"),
    url_case("header-drip", "took longer than 1 s to answer, gave up"),
    url_case("wrong-type", "content type image/png is not a web page or text"),
    url_case("png-as-html", "a PNG image, not an article"),
    url_case("empty", "empty"),
    url_case("204", "empty"),
    url_case("length-short", "the server closed the connection before sending the whole page"),
    url_case("length-long", "no article text found"),
    url_case("length-huge", "larger than 20 MB, not an article"),
    url_case("bomb-encoded", "larger than 20 MB, not an article"),
    url_case("bomb-typed", "content type application/gzip is not a web page or text"),
    url_case("bomb-plain", "gzip-compressed data, not an article"),
    url_case("not-gzip", "request failed"),
    url_case("json-feed", "content type application/feed+json is not a web page or text"),
    url_case("svg", "content type image/svg+xml is not a web page or text"),
    url_case("sitemap", "no article text found"),
]
assert len(CASES) >= 30


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_source(case: Case, server: Server, module_feed_copy: Path, tmp_path: Path) -> None:
    source = case.source(tmp_path, server)
    started = time.monotonic()
    if case.reason is None:  # a correct article: what `clean` shows; no synthesis needed
        result = invoke(tmp_path / "feeds", "clean", "--json", source)
        assert result.exit_code == 0, result.stderr
        got = json.loads(result.stdout)
        assert got["body"] and all(isinstance(p, str) and p.strip() for p in got["body"])
        assert not any(_has_control(p) for p in [got.get("headline") or "", *got["body"]])
    else:
        before = snapshot(module_feed_copy, ignore=(".lock",))
        result = invoke(module_feed_copy, "publish", "-q", source, input=b"" if source == "-" else None)
        assert result.exit_code == 1, result.stdout
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"Error: {source}: {case.reason}"), lines[0]
        assert snapshot(module_feed_copy, ignore=(".lock",)) == before
    assert time.monotonic() - started < 20


def test_hostile_titles_reach_the_feed_escaped(tmp_path: Path) -> None:
    """`]]>`, `</title>`, `&` and `../` in a headline: a correct episode, the title exact in feed.xml, the
    audio file inside the feed's episodes folder."""
    feeds = tmp_path / "feeds"
    title = "Sea wall ]]> </title> & <b>rebuilt</b> ../../../etc/passwd"
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    source = write(tmp_path, "story.html", article(title=escaped))
    result = invoke(feeds, "publish", "-q", source)
    assert result.exit_code == 0, result.stderr
    public = feeds / "default" / "public"
    tree = etree.parse(str(public / "feed.xml"))
    titles = [t.replace("\u2060", "") for t in tree.xpath("/rss/channel/item/title/text()")]  # see rss._plain
    assert titles == [title]
    audio = [p for p in feeds.rglob("*.mp3")]
    assert len(audio) == 1 and audio[0].parent == public / "episodes"
    assert ".." not in audio[0].name and "/" not in audio[0].name
    assert not (tmp_path / "etc").exists()
