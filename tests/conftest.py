"""Shared fixtures: real files, a real HTTP server on 127.0.0.1, real feeds published with piper."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from audionews.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is absent (it sits beside the repository in CI, not in a fresh clone)")
    return SHARED


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class Server:
    """A real HTTP server on 127.0.0.1 serving a folder, in a background thread."""

    def __init__(self, root: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None) -> None:
        self.root = root
        handler = handler or functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator:
    servers: list[Server] = []

    def start(root: Path, handler=None) -> Server:
        servers.append(Server(root, handler))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(feeds_dir: Path, *args: str, input: str | bytes | None = None):
    """Run the CLI as a user would, with stdout and stderr kept apart."""
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps them apart
        runner = CliRunner()
    return runner.invoke(cli, ["--feeds-dir", str(feeds_dir), *args], input=input, catch_exceptions=False)


def init_feed(feeds_dir: Path, name: str, base_url: str) -> None:
    result = invoke(feeds_dir, "init", name, "--title", "Test Ledger & Co <read aloud>", "--author", "Test Ledger",
                    "--email", "editor@example.org", "--base-url", base_url, "--description", "Tests read aloud.")
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def published_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A feed with both example articles published for real (piper, ffmpeg, SQLite), made once."""
    feeds = tmp_path_factory.mktemp("published") / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    result = invoke(feeds, "publish", "-q", str(EXAMPLES / "harbor-wind-farm.html"),
                    str(EXAMPLES / "library-late-fees.txt"))
    assert result.exit_code == 0, result.output
    return feeds


@pytest.fixture
def feed_copy(published_feed: Path, tmp_path: Path) -> Path:
    """A private copy of the published feed, for tests that change it."""
    target = tmp_path / "feeds"
    shutil.copytree(published_feed, target)
    return target
