"""Shared fixtures: real files, real HTTP servers on 127.0.0.1, real feeds published with piper."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import uvicorn
from click.testing import CliRunner

from audionews.cli import cli
from audionews.serve import build_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
EXAMPLE_ARTICLES = ("harbor-wind-farm.html", "library-late-fees.txt", "night-market.html")


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


class AppServer:
    """The ``audionews serve`` app under a real uvicorn on 127.0.0.1, in a background thread.

    The socket is bound to port 0 first and handed to uvicorn, so the port is free and known.
    """

    def __init__(self, public: Path) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(build_app(public), log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)
        self.thread.start()
        for _ in range(3000):  # up to about 30 s, so a broken start fails instead of hanging
            if self.server.started or not self.thread.is_alive():
                break
            time.sleep(0.01)
        if not self.server.started:
            self.close()
            raise RuntimeError("uvicorn did not start")

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.socket.close()


@pytest.fixture
def serve_app() -> Iterator:
    """Start the real ``serve`` app on a folder; every server started is shut down after the test."""
    servers: list[AppServer] = []

    def start(public: Path) -> AppServer:
        servers.append(AppServer(public))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@dataclass
class Served:
    url: str
    """The subscribe URL ``audionews serve`` printed."""
    process: subprocess.Popen
    stderr: str = ""
    """What it wrote to stderr, known once it has stopped."""


@contextlib.contextmanager
def audionews_serve(feeds_dir: Path, *args: str) -> Iterator[Served]:
    """``audionews serve --port 0`` in its own process, as a user runs it; stopped with SIGTERM after."""
    paths = (str(ROOT / "src"), os.environ.get("PYTHONPATH"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    process = subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds_dir), "serve",
                                "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    served = Served("", process)
    try:
        line = process.stdout.readline()
        if not line.startswith("Subscribe: "):
            process.kill()
            raise AssertionError(f"audionews serve printed {line!r}; stderr: {process.communicate()[1]}")
        served.url = line.split(" ", 1)[1].strip()
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
        served.stderr = process.communicate(timeout=30)[1]


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
    """A feed of the three example articles, published for real (piper, ffmpeg, SQLite), made once."""
    feeds = tmp_path_factory.mktemp("published") / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    result = invoke(feeds, "publish", "-q", *(str(EXAMPLES / name) for name in EXAMPLE_ARTICLES))
    assert result.exit_code == 0, result.output
    return feeds


@pytest.fixture
def feed_copy(published_feed: Path, tmp_path: Path) -> Path:
    """A private copy of the published feed, for tests that change it."""
    target = tmp_path / "feeds"
    shutil.copytree(published_feed, target)
    return target
