"""``publish --broker`` and ``audionews worker``: a real redis-server on 127.0.0.1, real Celery workers in
processes of their own, killed as machines die (SIGKILL to the whole process group).

What is promised: every article lands once however workers and the publisher die; a published episode is
byte for byte what a local publish makes; Redis unreachable is one line before anything is sent; a worker's
refusal or a broken result is one line for that article and the batch goes on, with the feed unchanged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audionews import broker
from audionews.errors import BrokerError, ConfigError
from audionews.model import Script, Segment, Sentence, Voice
from audionews.pipeline import read_script
from conftest import EXAMPLES, invoke, src_env
from feed_state import BASE, FIRST, NEW, SECOND, check_feed, fill, one_line_error, records, silent_feed, snapshot, tmpfs

redis = pytest.importorskip("redis", reason="the broker extra (celery[redis]) is not installed")

REDIS_SERVER = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(REDIS_SERVER is None,
                                 reason="redis-server is not installed (.ci/run installs Debian's redis-server)")
GPO = shutil.which("gpo")
SIX = (EXAMPLES / "harbor-wind-farm.html", EXAMPLES / "library-late-fees.txt", EXAMPLES / "night-market.html",
       FIRST, SECOND, NEW)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of this test's own on a free port of 127.0.0.1, nothing kept on disk; stopped after."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (.ci/run installs Debian's redis-server)")
    port = _free_port()
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(200):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    break
            time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


class Workers:
    """``audionews worker`` processes, each in a session of its own, as on machines of their own."""

    def __init__(self, url: str, folder: Path, visibility_timeout: int = 3600) -> None:
        self.url, self.folder, self.visibility_timeout = url, folder, visibility_timeout
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        env = {**src_env(), "XDG_CACHE_HOME": str(self.folder / f"{name}-cache")}
        with log.open("w") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "audionews.cli", "worker", "--broker", self.url, "--concurrency", "1",
                 "--name", f"{name}@test", "--visibility-timeout", str(self.visibility_timeout)],
                stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.processes[name] = process
        for _ in range(1200):  # up to a minute: Celery and the pipeline imported on a loaded machine
            if f"{name}@test ready." in log.read_text() or process.poll() is not None:
                break
            time.sleep(0.05)
        assert f"{name}@test ready." in log.read_text(), log.read_text()
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """The worker's whole process group (Celery's parent and its pool), as when its machine is lost."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()

    def stop(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                self.kill(name, signal.SIGTERM)


@pytest.fixture
def workers(redis_url: str, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(redis_url, tmp_path)
    try:
        yield started
    finally:
        started.stop()


def _publisher(feeds: Path, url: str, *sources: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds), "publish", "--broker",
                             url, *(str(s) for s in sources)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=src_env(),
                            start_new_session=True)


def _read_until(stream, wanted: str, seen: list[str]) -> str:
    """Lines of ``stream`` into ``seen`` until one holds ``wanted``."""
    for line in stream:
        seen.append(line)
        if wanted in line:
            return line
    raise AssertionError(f"never said {wanted!r}: {''.join(seen)}")


def _long_article(folder: Path) -> Path:
    """An article long enough (about 9 minutes read, 4 s of the silent engine) that a worker is surely killed in
    the middle of it."""
    words = ("harbor council ferry wind turbine engineers fishing crews survey seabed cables tide season budget "
             "residents meeting weather report lighthouse evening").split()
    paragraphs = [" ".join(f"The {words[(n + k) % len(words)]} {words[(n * 3 + k) % len(words)]} group met on "
                           f"day {n * 5 + k} to discuss item {k} of the plan." for k in range(4)) for n in range(25)]
    path = folder / "long-article.html"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(f"<html><head><title>The long harbor meeting</title></head><body><article>"
                    f"<h1>The long harbor meeting</h1><p class=byline>By Ana Ruiz</p>{body}</article></body></html>")
    return path


def _wait_for_results(url: str, count: int) -> None:
    client = redis.Redis.from_url(url)
    for _ in range(1200):
        metas = [json.loads(client.get(key)) for key in client.keys("celery-task-meta-*")]
        if sum(meta["status"] == "SUCCESS" for meta in metas) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the workers did not finish {count} tasks")


def _queued(feeds: Path, url: str, *sources: Path) -> list[str]:
    """Send ``sources`` as tasks, then SIGKILL the publishing process (before any worker runs); the task ids."""
    publisher = _publisher(feeds, url, *sources)
    seen: list[str] = []
    for number in range(1, len(sources) + 1):
        if len(sources) > 1:
            _read_until(publisher.stderr, f"article {number} of {len(sources)}", seen)
        _read_until(publisher.stderr, "queued", seen)
    os.killpg(publisher.pid, signal.SIGKILL)
    publisher.wait(timeout=30)
    keys = sorted(k.decode().removeprefix("audionews:queued:")
                  for k in redis.Redis.from_url(url).keys("audionews:queued:*"))
    assert len(keys) == len(sources), seen
    return keys


# -- the whole system --------------------------------------------------------------------------------------

@pytest.mark.slow  # two workers and a visibility timeout to wait out: about 30 s
def test_a_worker_killed_mid_article_has_it_finished_by_another_and_all_land_once(
        tmp_path: Path, workers: Workers, serve_app) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    sources = (_long_article(tmp_path), *SIX[1:])
    workers.visibility_timeout = 10
    workers.start("w1")  # alone: it takes the first, long article
    publisher = _publisher(feeds, workers.url, *sources)
    seen: list[str] = []
    _read_until(publisher.stderr, "article 1 of 6, ", seen)
    _read_until(publisher.stderr, "speaking on w1@test", seen)
    workers.kill("w1")  # mid-article: its task is never acknowledged
    workers.start("w2")
    out, err = publisher.communicate(timeout=300)
    err = "".join(seen) + err
    assert publisher.returncode == 0, err
    assert out.count("added: ") == 6, out
    assert "spoke 'The long harbor meeting'" not in workers.log("w1")
    assert "article 1 of 6" in err and "speaking on w2@test" in err.split("speaking on w1@test", 1)[1], err
    assert "spoke 'The long harbor meeting'" in workers.log("w2")

    guids = check_feed(folder)
    assert len(guids) == 6 == len(records(folder))
    client = redis.Redis.from_url(workers.url)
    assert not client.keys("audionews:queued:*")  # nothing left that a next publish would wait for

    if GPO is None:
        pytest.skip("gPodder's gpo is not installed (.ci/run installs the Debian package)")
    from test_gpo import gpo

    server = serve_app(folder / "public")
    settings = folder / "feed.toml"
    settings.write_text(settings.read_text().replace(BASE, server.url()))
    assert invoke(feeds, "build").exit_code == 0
    home = tmp_path / "gpo-home"
    (home / "gpodder").mkdir(parents=True)
    (home / "downloads").mkdir()
    assert "Successfully added" in gpo(home, "subscribe", server.url("feed.xml"))
    assert "6 new episodes" in gpo(home, "update")
    assert "6 episodes downloaded" in gpo(home, "download")
    downloaded = {p.name: p.read_bytes() for p in (home / "downloads").rglob("*.mp3")}
    assert downloaded == {Path(r.audio).name: (folder / "public" / r.audio).read_bytes() for r in records(folder)}


@pytest.mark.slow  # a worker started and stopped: about 8 s
def test_a_publish_started_again_takes_the_finished_results_and_they_match_a_local_publish(
        tmp_path: Path, workers: Workers) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    sources = SIX[:2]
    keys = _queued(feeds, workers.url, *sources)
    workers.start("w1")
    _wait_for_results(workers.url, len(sources))
    workers.kill("w1", signal.SIGTERM)  # no worker is left: the next publish can only take what was made

    again = invoke(feeds, "publish", "--broker", workers.url, *(str(s) for s in sources))
    assert again.exit_code == 0, again.stderr
    assert again.stdout.count("added: ") == 2, again.stdout
    assert again.stderr.count("sent by an earlier publish") == 2, again.stderr
    check_feed(folder)
    client = redis.Redis.from_url(workers.url)
    left = [k.decode() for k in client.keys("*") if any(key in k.decode() for key in keys)]
    assert sorted(left) == sorted(f"audionews:closed:{key}" for key in keys)  # results gone once committed; a mark,
    assert all(0 < client.ttl(f"audionews:closed:{key}") <= 86400 for key in keys)  # for a day, of their end

    # byte for byte what a local publish of the same articles, with the same settings, makes
    local = tmp_path / "local"
    local_folder = silent_feed(local)
    assert invoke(local, "publish", "-q", *(str(s) for s in sources)).exit_code == 0
    mine, theirs = records(folder), records(local_folder)
    assert [(r.fingerprint, r.guid, r.duration, r.audio) for r in mine] == \
        [(r.fingerprint, r.guid, r.duration, r.audio) for r in theirs]
    made = {p.name: p.read_bytes() for p in (local_folder / "public" / "episodes").iterdir() if p.suffix != ".html"}
    assert len(made) == 2 * 5  # the MP3, its transcripts, captions and chapters
    assert made == {p.name: p.read_bytes() for p in (folder / "public" / "episodes").iterdir() if p.suffix != ".html"}

    # published again: unchanged, and nothing is sent
    unchanged = invoke(feeds, "publish", "--broker", workers.url, *(str(s) for s in sources))
    assert unchanged.exit_code == 0 and unchanged.stdout.count("unchanged: ") == 2, unchanged.stdout
    assert "queued" not in unchanged.stderr and not client.keys("audionews:queued:*")


@pytest.mark.slow  # two publishes and a worker: about 8 s
def test_two_feeds_of_one_title_publishing_one_article_at_once_each_get_their_episode(
        tmp_path: Path, workers: Workers) -> None:
    """The same article for two feeds of the same title is one task: whichever publish takes the result
    first commits it, and the other has the task sent again rather than waiting for a result that is gone."""
    feeds = {name: tmp_path / name for name in ("a", "b")}
    folders = {name: silent_feed(path) for name, path in feeds.items()}
    publishers = {name: _publisher(path, workers.url, FIRST) for name, path in feeds.items()}
    seen: list[str] = []
    for publisher in publishers.values():
        _read_until(publisher.stderr, "reading", seen)
        _read_until(publisher.stderr, "", seen)  # queued, or waiting for the other's task
    workers.start("w1")
    for name, publisher in publishers.items():
        out, err = publisher.communicate(timeout=120)
        assert publisher.returncode == 0, err
        assert out.startswith("added: "), out
        check_feed(folders[name])
    audio = [(folder / "public" / records(folder)[0].audio).read_bytes() for folder in folders.values()]
    assert audio[0] == audio[1]
    assert not redis.Redis.from_url(workers.url).keys("audionews:queued:*")


# -- faults, one line each ----------------------------------------------------------------------------------

def test_redis_unreachable_is_one_line_and_nothing_is_read_or_changed(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    assert invoke(feeds, "publish", "-q", str(FIRST)).exit_code == 0
    kept = snapshot(folder)
    closed = f"redis://127.0.0.1:{_free_port()}/0"
    result = invoke(feeds, "publish", "--broker", closed, str(SECOND))
    one_line_error(result, "cannot reach the broker", closed)
    assert "reading" not in result.stderr
    check_feed(folder, kept)
    assert len(records(folder)) == 1

    one_line_error(invoke(feeds, "publish", "--broker", "amqp://127.0.0.1/", str(SECOND)), "redis://")
    secret = f"redis://:hunter2@127.0.0.1:{_free_port()}/0"
    line = one_line_error(invoke(feeds, "publish", "--broker", secret, str(SECOND)), "cannot reach the broker")
    assert "hunter2" not in line
    one_line_error(invoke(feeds, "worker", "--broker", closed), "cannot reach the broker")
    for wrong in ("reddis://:hunter2@127.0.0.1/0", "redis://:hunter2@[::1/0"):
        line = one_line_error(invoke(feeds, "publish", "--broker", wrong, str(SECOND)))
        assert "hunter2" not in line
    usage = invoke(feeds, "publish", "--broker", closed, "--jobs", "2", str(SECOND))
    assert usage.exit_code == 2 and "--concurrency" in usage.stderr


@needs_redis
def test_a_refusal_or_a_broken_result_is_one_line_for_its_article_and_the_feed_is_unchanged(
        tmp_path: Path, redis_url: str) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    assert invoke(feeds, "publish", "-q", str(FIRST)).exit_code == 0
    kept = snapshot(folder)
    sources = SIX[:3]
    keys = _queued(feeds, redis_url, *sources)
    client = redis.Redis.from_url(redis_url)
    broken = [{"status": "SUCCESS", "result": {"error": "this worker has not the voice the feed uses"}},
              {"status": "SUCCESS", "result": {"audio": "not base64!", "duration": 1.0, "chapters": [], "cues": []}},
              {"status": "FAILURE", "result": {"exc_type": "MemoryError", "exc_message": "out of memory"}}]
    for key, meta in zip(keys, broken, strict=True):
        client.set(f"celery-task-meta-{key}", json.dumps({**meta, "task_id": key, "traceback": None}))

    missing = tmp_path / "missing.html"  # a bad source fails as it is read, as in a local publish
    result = invoke(feeds, "publish", "--broker", redis_url, str(sources[0]), str(missing),
                    *(str(s) for s in sources[1:]))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 4, result.stderr
    assert errors[1].startswith(f"Error: {missing}: ")
    assert any("refused it: this worker has not the voice" in e for e in errors)
    assert any("not an episode" in e for e in errors)
    assert any("the worker failed: MemoryError: out of memory" in e for e in errors)
    assert "Traceback" not in result.stderr
    check_feed(folder, kept)
    assert len(records(folder)) == 1


@pytest.mark.slow  # a worker started and stopped, and a real full disk: about 8 s
def test_a_full_disk_at_the_publisher_is_one_line_and_keeps_the_result_for_the_next_publish(
        tmp_path: Path, workers: Workers) -> None:
    with tmpfs(tmp_path / "disk", "16m") as disk:
        feeds = disk / "feeds"
        folder = silent_feed(feeds)
        _queued(feeds, workers.url, FIRST)
        workers.start("w1")
        _wait_for_results(workers.url, 1)
        workers.kill("w1", signal.SIGTERM)  # no worker is left: only the result kept in Redis can publish it
        filler = fill(disk, 64 * 1024)
        full = invoke(feeds, "publish", "-q", "--broker", workers.url, str(FIRST))
        one_line_error(full, str(FIRST), "staging")
        check_feed(folder)
        assert not records(folder)
        filler.unlink()
        again = invoke(feeds, "publish", "--broker", workers.url, str(FIRST))
        assert again.exit_code == 0 and again.stdout.startswith("added: "), again.stderr
        check_feed(folder)


@needs_redis
def test_redis_lost_while_waiting_is_one_line_for_each_article_out(tmp_path: Path, redis_url: str) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    publisher = _publisher(feeds, redis_url, FIRST, SECOND)
    seen: list[str] = []
    _read_until(publisher.stderr, "article 2 of 2", seen)
    _read_until(publisher.stderr, "queued", seen)
    with contextlib.suppress(redis.ConnectionError):
        redis.Redis.from_url(redis_url).shutdown(nosave=True)
    out, err = publisher.communicate(timeout=60)
    assert publisher.returncode == 1, err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2 and all("lost the broker" in e for e in errors), err
    assert "Traceback" not in err and out == ""
    check_feed(folder)


@needs_redis
def test_a_task_started_by_worker_after_worker_and_never_finished_is_given_up(tmp_path: Path,
                                                                             redis_url: str) -> None:
    """Each worker that starts an article and is lost (or dies on it) hands it to the next; after
    MAX_STARTS of them it fails in one line, and is closed so that none speaks it again for nobody."""
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    [key] = _queued(feeds, redis_url, FIRST)
    client = redis.Redis.from_url(redis_url)
    publisher = _publisher(feeds, redis_url, FIRST)
    seen: list[str] = []
    _read_until(publisher.stderr, "waiting for it", seen)
    for number in range(1, broker.MAX_STARTS + 2):
        started = {"status": "STARTED", "result": {"hostname": f"w{number}@host", "pid": 100 + number},
                   "task_id": key, "traceback": None}
        client.set(f"celery-task-meta-{key}", json.dumps(started))
        if number <= broker.MAX_STARTS:
            _read_until(publisher.stderr, f"speaking on w{number}@host (pid {100 + number})", seen)
    out, err = publisher.communicate(timeout=60)
    err = "".join(seen) + err
    assert publisher.returncode == 1, err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert errors == [f"Error: {FIRST}: given up: {broker.MAX_STARTS} workers in turn started it and none finished "
                      "(each was lost, or died on it: out of memory?)"], err
    assert client.exists(f"audionews:closed:{key}") and not client.exists(f"audionews:queued:{key}")
    assert out == ""
    check_feed(folder)
    assert not records(folder)


@needs_redis
def test_a_publish_no_worker_takes_says_so_and_ends_on_redis_lost(tmp_path: Path, redis_url: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker running: the publish waits (a worker may yet start), saying so now and then with the
    command that starts one, never the password; it ends, one line per article, when Redis goes."""
    monkeypatch.setattr(broker, "IDLE_NOTE", 0.5)
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    client = redis.Redis.from_url(redis_url)
    client.config_set("requirepass", "hunter2")
    secret = redis_url.replace("redis://", "redis://:hunter2@")
    done: list = []
    publisher = threading.Thread(target=lambda: done.append(invoke(feeds, "publish", "--broker", secret,
                                                                   str(FIRST), str(SECOND))))
    started = time.monotonic()
    publisher.start()
    watcher = redis.Redis.from_url(secret)
    while len(watcher.keys("audionews:queued:*")) < 2 and publisher.is_alive():  # both sent: waiting now
        time.sleep(0.05)
    time.sleep(4 * broker.IDLE_NOTE)
    with contextlib.suppress(redis.ConnectionError):
        watcher.shutdown(nosave=True)
    publisher.join(timeout=60)
    waited = time.monotonic() - started
    [result] = done
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note: no worker")]
    assert 1 <= len(notes) <= waited / broker.IDLE_NOTE, result.stderr  # once a half second at most, not each poll
    assert all(f"audionews worker --broker redis://***@127.0.0.1:" in note for note in notes), notes
    assert "hunter2" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert result.exit_code == 1 and len(errors) == 2 and all("lost the broker" in e for e in errors), result.stderr
    check_feed(folder)


@pytest.mark.slow  # a worker started: about 5 s
def test_a_pool_process_dying_on_an_article_fails_that_article_alone(tmp_path: Path, workers: Workers) -> None:
    """A worker's pool process killed in the middle of an article (the out-of-memory killer) fails that article
    in one line; the worker goes on with the next, and the batch ends."""
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    doomed = _long_article(tmp_path)
    workers.start("w1")
    publisher = _publisher(feeds, workers.url, doomed, FIRST)
    seen: list[str] = []
    line = _read_until(publisher.stderr, "speaking on w1@test (pid ", seen)
    os.kill(int(line.rsplit("(pid ", 1)[1].split(")")[0]), signal.SIGKILL)  # the pool process, not the worker
    out, err = publisher.communicate(timeout=120)
    assert publisher.returncode == 1, err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {doomed}: the worker failed: "), err
    assert out.count("added: ") == 1
    check_feed(folder)


# -- the worker's own decisions ---------------------------------------------------------------------------

def _payload(script: Script) -> dict:
    from audionews.speech import get_engine

    voice = Voice("silent")
    identity = get_engine(voice).identity
    return {"version": broker._VERSION, "script": script.to_json(), "voice": dataclasses.asdict(voice),
            "identity": identity,
            "fingerprint": script.fingerprint(identity), "album": "Test Ledger"}


def test_a_worker_refuses_a_voice_other_than_the_one_fingerprinted() -> None:
    script = read_script(str(FIRST), "en")
    payload = _payload(script)
    with pytest.raises(BrokerError, match="not the feed's"):
        broker.render({**payload, "identity": "silent:999:1"})  # another version of the voice
    with pytest.raises(BrokerError, match="has not the voice"):
        broker.render({**payload, "voice": {**payload["voice"], "engine": "kokoro", "voice": "af_heart"}})
    with pytest.raises(BrokerError, match="another model"):
        broker.render({**payload, "model": "0" * 64})
    with pytest.raises(BrokerError, match="run one version everywhere"):
        broker.render({**payload, "version": "0.0.1"})
    with pytest.raises(BrokerError, match="does not read the script"):
        broker.render({**payload, "fingerprint": "0" * 64})
    for broken in ({}, {**payload, "script": {"title": "x"}}, {**payload, "voice": {"speed": "fast"}}):
        with pytest.raises(BrokerError, match="cannot read"):
            broker.render(broken)
    made = broker.render(payload)  # the task as sent is spoken
    assert made["duration"] > 0 and made["cues"] and made["audio"]


# -- the wire: a script crosses it unchanged, whatever its text --------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_scripts = st.builds(
    Script, _text, st.none() | _text, st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), _text,
    st.lists(st.builds(Segment, st.sampled_from(["headline", "byline", "heading", "paragraph", "item", "disclosure"]),
                       st.lists(st.builds(Sentence, _text, _text), max_size=4).map(tuple),
                       st.floats(0, 10), st.none() | _text), max_size=5).map(tuple),
    st.none() | _text, st.none() | _text, _text, _text)


@given(_scripts)
def test_a_script_crosses_the_wire_unchanged(script: Script) -> None:
    wire = json.loads(json.dumps(script.to_json()))
    again = Script.from_json(wire)
    assert again == script
    assert again.fingerprint("v") == script.fingerprint("v")
    payload = {"script": wire, "voice": {}, "identity": "v", "fingerprint": script.fingerprint("v"), "album": "a"}
    assert broker.task_key(payload) == broker.task_key(json.loads(json.dumps(payload)))


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _text,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3)))
def test_anything_else_on_the_wire_is_a_script_or_refused_as_not_one(data: object) -> None:
    try:
        Script.from_json(data)  # type: ignore[arg-type]
    except ConfigError:
        pass
