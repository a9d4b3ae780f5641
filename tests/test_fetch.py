"""Fetching over real HTTP from a server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
from pathlib import Path

import pytest

from audionews.errors import FetchError
from audionews.fetch import fetch

from conftest import EXAMPLES, FIXTURES, invoke

JAPANESE = "東京の図書館は延滞料金を廃止し、多くの本が戻ってきた。"


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers each path the way some real server does."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(serve, tmp_path: Path):
    html = (EXAMPLES / "harbor-wind-farm.html").read_bytes()
    text = (FIXTURES / "text" / "wire-bridge.txt").read_bytes()
    latin = (FIXTURES / "text" / "blog-sourdough.txt").read_text().replace("”", '"').replace("“", '"')
    Handler.routes = {
        "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, html),
        "/article.txt": (200, {"Content-Type": "text/plain"}, text),
        "/latin1.txt": (200, {"Content-Type": "text/plain; charset=ISO-8859-1"},
                        latin.replace("windowsill", "fenêtre sill").encode("latin-1")),
        "/sjis.html": (200, {"Content-Type": "text/html"},
                       f"<html><body><p>{JAPANESE}</p></body></html>".encode("shift_jis")),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
        "/data.json": (200, {"Content-Type": "application/json"}, json.dumps({"a": 1}).encode()),
        "/broken": (500, {"Content-Type": "text/html"}, b"oops"),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/moved": (301, {"Location": "/article.html"}, b""),
    }
    return serve(tmp_path, Handler)


def test_html_over_http_keeps_its_final_url(site) -> None:
    page = fetch(site.url("moved"))
    assert page.kind == "html"
    assert page.url == site.url("article.html")
    assert "Harbor Town Votes" in page.text


def test_text_over_http(site) -> None:
    page = fetch(site.url("article.txt"))
    assert page.kind == "text"
    assert page.text.startswith("Sign in")


def test_declared_latin1_charset_is_honoured(site) -> None:
    assert "fenêtre sill" in fetch(site.url("latin1.txt")).text


def test_undeclared_shift_jis_is_detected(site) -> None:
    assert JAPANESE in fetch(site.url("sjis.html")).text


@pytest.mark.parametrize("path, reason", [
    ("report.pdf", "content type application/pdf is not a web page or text"),
    ("data.json", "content type application/json is not a web page or text"),
    ("broken", "HTTP 500"),
    ("nowhere", "HTTP 404"),
    ("loop", "more than 10 redirects"),
])
def test_http_failures_are_fetch_errors(site, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(site.url(path))
    assert str(caught.value).startswith(f"{site.url(path)}: {reason}")


def test_publish_from_a_url(site, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "clean", "--json", site.url("article.html"))
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["source"] == site.url("article.html")
    # the page's canonical URL is on another site (ledger.example.org) than the one it came from: not its own
    assert got["url"] == site.url("article.html")
