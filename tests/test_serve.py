"""``audionews serve``: a real uvicorn on 127.0.0.1, asked what podcast apps and browsers ask."""

from __future__ import annotations

import shutil
import signal
import socket
from pathlib import Path

import pytest
import requests

from conftest import AppServer, audionews_serve, invoke


@pytest.fixture(scope="module")
def public(published_feed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published feed's public/, plus the transcript and chapters files a feed may carry (only read)."""
    folder = tmp_path_factory.mktemp("served") / "ledger"
    shutil.copytree(published_feed / "ledger", folder)
    episodes = folder / "public" / "episodes"
    (episodes / "sample.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n")
    (episodes / "sample.chapters.json").write_text('{"version": "1.2.0", "chapters": []}')
    return folder / "public"


@pytest.fixture(scope="module")
def server(public: Path):
    """One server for the module's requests, which change nothing."""
    started = AppServer(public)
    yield started
    started.close()


def mp3(public: Path) -> tuple[str, bytes]:
    path = sorted((public / "episodes").glob("*.mp3"))[0]
    return f"episodes/{path.name}", path.read_bytes()


def raw_get(url: str) -> requests.Response:
    """GET exactly this URL: requests would otherwise remove ``..`` segments before sending."""
    prepared = requests.Request("GET", url).prepare()
    prepared.url = url
    with requests.Session() as session:
        return session.send(prepared)


def test_whole_file(server, public: Path) -> None:
    path, data = mp3(public)
    response = requests.get(server.url(path))
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize("header, start, end", [("bytes=100-1123", 100, 1124), ("bytes=0-0", 0, 1)])
def test_range_gives_exactly_those_bytes(server, public: Path, header: str, start: int, end: int) -> None:
    path, data = mp3(public)
    response = requests.get(server.url(path), headers={"Range": header})
    assert response.status_code == 206
    assert response.content == data[start:end]
    assert response.headers["content-range"] == f"bytes {start}-{end - 1}/{len(data)}"
    assert response.headers["content-length"] == str(end - start)


def test_suffix_range_gives_the_last_bytes(server, public: Path) -> None:
    path, data = mp3(public)
    response = requests.get(server.url(path), headers={"Range": "bytes=-500"})
    assert response.status_code == 206
    assert response.content == data[-500:]
    assert response.headers["content-range"] == f"bytes {len(data) - 500}-{len(data) - 1}/{len(data)}"


def test_open_range_runs_to_the_end(server, public: Path) -> None:
    path, data = mp3(public)
    response = requests.get(server.url(path), headers={"Range": f"bytes={len(data) - 10}-"})
    assert response.status_code == 206
    assert response.content == data[-10:]


def test_unsatisfiable_range_is_416(server, public: Path) -> None:
    path, data = mp3(public)
    response = requests.get(server.url(path), headers={"Range": f"bytes={len(data)}-{len(data) + 10}"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(data)}"


def test_head_has_the_length_and_no_body(server, public: Path) -> None:
    path, data = mp3(public)
    response = requests.head(server.url(path))
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["content-type"] == "audio/mpeg"


def test_etag_and_last_modified_revalidate(server) -> None:
    url = server.url("feed.xml")
    first = requests.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = requests.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert requests.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    changed = requests.get(url, headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200
    assert changed.content == first.content


@pytest.mark.parametrize("path, expected", [
    ("feed.xml", "application/rss+xml"),
    ("index.html", "text/html; charset=utf-8"),
    ("", "text/html; charset=utf-8"),
    ("episodes/sample.vtt", "text/vtt"),
    ("episodes/sample.chapters.json", "application/json+chapters"),
    ("cover.png", "image/png"),
])
def test_media_types(server, public: Path, path: str, expected: str) -> None:
    response = requests.get(server.url(path))
    assert response.status_code == 200
    assert response.content == (public / (path or "index.html")).read_bytes()
    assert response.headers["content-type"].split(";")[0] == expected.split(";")[0]
    if "charset" in expected:
        assert response.headers["content-type"] == expected


def test_mp3_media_type(server, public: Path) -> None:
    assert requests.get(server.url(mp3(public)[0])).headers["content-type"] == "audio/mpeg"


@pytest.mark.parametrize("path", ["/../feed.toml", "/%2e%2e/feed.toml", "/episodes/../../feed.toml",
                                  "/episodes/..%2f..%2ffeed.toml", "/..%2fcatalog.sqlite3", "/episodes/"])
def test_nothing_outside_public_is_served(server, public: Path, path: str) -> None:
    assert (public.parent / "feed.toml").is_file()  # it is there to be stolen, if the server let it
    response = raw_get(f"http://127.0.0.1:{server.port}{path}")
    assert response.status_code == 404
    assert b"base_url" not in response.content


def test_dot_segments_inside_public_still_work(server) -> None:
    """The requests above reach the server unnormalized: the same trick inside public/ succeeds."""
    assert raw_get(f"http://127.0.0.1:{server.port}/episodes/../feed.xml").status_code == 200


def test_command_prints_the_subscribe_url_and_serves(published_feed: Path) -> None:
    feed_xml = (published_feed / "ledger" / "public" / "feed.xml").read_bytes()
    with audionews_serve(published_feed) as served:
        assert served.url.startswith("http://127.0.0.1:") and served.url.endswith("/feed.xml")
        response = requests.get(served.url)
        assert response.status_code == 200
        assert response.content == feed_xml
    # the fixture feed's base_url is another address, so podcast apps would fetch episodes there
    assert "Note: feed.xml sends podcast apps to http://127.0.0.1:9/" in served.stderr


def test_ctrl_c_stops_it_cleanly(published_feed: Path) -> None:
    with audionews_serve(published_feed) as served:
        assert requests.head(served.url).status_code == 200  # serving, so uvicorn has its signal handlers
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=60) == 0
    assert "Aborted" not in served.stderr
    assert "Traceback" not in served.stderr


def test_busy_port_is_one_line_error(published_feed: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = invoke(published_feed, "serve", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: cannot listen on 127.0.0.1 port {port} (Address already in use)"


def test_feed_without_public_is_refused(tmp_path: Path) -> None:
    invoke(tmp_path, "init", "empty", "--title", "T", "--author", "A", "--email", "a@b.c",
           "--base-url", "https://example.org/")
    result = invoke(tmp_path, "serve")
    assert result.exit_code == 1
    assert "no public/ folder yet" in result.stderr
