"""A publish killed at any moment (SIGKILL) leaves a valid feed that matches the catalog, every file
it references present, and nothing a later publish trips on; two publishes at once both land."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree

from audionews.feed.catalog import Catalog
from audionews.files import TEMP_PREFIX
from conftest import FIXTURES, init_feed, invoke, src_env

KILLS = 12
"""Publishes killed, the n-th at a random moment of the n-th of KILLS equal slices of a publish's time, so
together they cover all of it."""

FORKER = """
import json, os, sys
import audionews.cli, audionews.extract, audionews.pipeline, numpy  # what a publish loads, loaded once

for line in sys.stdin:
    if line == "reap\\n":
        print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        try:
            audionews.cli.cli.main(json.loads(line), prog_name="audionews")
        except SystemExit as stop:
            os._exit(stop.code if isinstance(stop.code, int) else 1)
        os._exit(0)
    print(pid, flush=True)
"""
"""Forks a publish for each line of arguments it reads and answers its pid; ``reap`` waits for that child
and answers how it ended (a negative signal number when killed). The child starts with audionews already
loaded, so every kill lands in the publish itself, not in Python's start-up."""


def publish_process(feeds: Path, *sources: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds), "publish", "-q",
                             *sources], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=src_env())


@contextmanager
def forker() -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-c", FORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, env=src_env())
    try:
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=60)


def fork_publish(forker: subprocess.Popen, *args: str) -> int:
    """Start ``audionews ARGS`` in a child of the forker; its pid."""
    return int(ask(forker, json.dumps(args)))


def reap(forker: subprocess.Popen) -> int:
    """Wait for the last child to end: its exit code, or minus the signal that killed it."""
    return int(ask(forker, "reap"))


def ask(forker: subprocess.Popen, line: str) -> str:
    forker.stdin.write(line + "\n")
    forker.stdin.flush()
    return forker.stdout.readline()


def check_consistent(feeds: Path) -> set[str]:
    """The feed parses, lists exactly the catalog's episodes, and every file it names exists."""
    folder = feeds / "ledger"
    feed = etree.parse(str(folder / "public" / "feed.xml"))
    guids = {g.text for g in feed.iter("guid")}
    with Catalog(folder / "catalog.sqlite3") as catalog:
        records = catalog.all()
    assert guids == {r.guid for r in records}
    base = "https://example.org/pod/"
    urls = [element.get("url") or element.get("href") or "" for element in feed.iter()]
    named = [url for url in urls if url.startswith(base)]
    assert len(named) > len(records)  # the cover, and each episode's audio, transcripts and chapters
    for url in named:
        assert (folder / "public" / url.removeprefix(base)).is_file(), url
    for record in records:
        assert (folder / "public" / record.audio).stat().st_size == record.size
    return guids


@pytest.mark.slow  # 13 publishes in turn, killed over a publish's whole time: 13-22 s. The quick tier keeps the same
# boundary at named moments: test_hardening_faults' SIGKILL mid-publish (then the next command repairs) and its
# faults at each file of the commit, and test_hardening_catalog's lost and damaged catalogs.
def test_publish_killed_at_random_moments(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/")
    settings = feeds / "ledger" / "feed.toml"
    settings.write_text(settings.read_text().replace("cache_mb = 500", "cache_mb = 0"))  # every run synthesizes
    article = (FIXTURES / "text" / "author-box-first.txt").read_text()
    first = invoke(feeds, "publish", "-q", str(FIXTURES / "text" / "wire-bridge.txt"))
    assert first.exit_code == 0, first.stderr
    source = tmp_path / "article.txt"
    source.write_text(article)
    publish = ("--feeds-dir", str(feeds), "publish", "-q", str(source))
    random.seed(20)
    killed_before_the_end = 0
    with forker() as forks:
        started = time.monotonic()
        fork_publish(forks, *publish)
        assert reap(forks) == 0  # a publish that is not killed succeeds
        full = time.monotonic() - started  # how long one publish takes here, to spread the kills over it
        for number in range(KILLS):
            # alternately a new article and a correction of the last one: kills land in both paths
            headline = "Clinic doubles evening hours as flu cases climb across the county"
            text = article.replace(headline, f"{headline}, part {number // 2}")
            source.write_text(text.replace("nine at night", f"{number % 2 + 8} at night"))
            pid = fork_publish(forks, *publish)
            # over the first three quarters of a publish's time: a run can be quicker than the one timed
            time.sleep(random.uniform(number, number + 1) * 0.75 * full / KILLS)
            os.kill(pid, signal.SIGKILL)  # not reaped yet, so the pid is still this publish's
            if reap(forks) == -signal.SIGKILL:
                killed_before_the_end += 1
            folder = feeds / "ledger"
            if (folder / "public" / "feed.xml").stat().st_mtime < (folder / "catalog.sqlite3").stat().st_mtime:
                # killed between the catalog's commit and feed.xml's rename (writer.commit's one window, a
                # millisecond wide, hit on a loaded machine): the feed is one commit behind, and the next
                # command that takes the lock catches it up (writer.recover)
                built = invoke(feeds, "build")
                assert built.exit_code == 0, built.stderr
            check_consistent(feeds)
    assert killed_before_the_end >= KILLS // 2  # most kills did land mid-publish
    final = invoke(feeds, "publish", "-q", str(FIXTURES / "text" / "magazine-dek.txt"))
    assert final.exit_code == 0, final.stderr
    check_consistent(feeds)
    public = feeds / "ledger" / "public"
    assert not [p for p in public.rglob(f"{TEMP_PREFIX}*")]  # the next publish cleared what kills left
    assert not list((feeds / "ledger" / "staging").glob("*/*"))  # half-encoded episodes and their spools too
    names = {p.name.split(".", 1)[0] for p in (public / "episodes").iterdir()}
    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        assert names == {Path(r.audio).name.removesuffix(".mp3") for r in catalog.all()}


def test_two_publishes_at_once_both_land(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/")
    first = publish_process(feeds, str(FIXTURES / "text" / "wire-bridge.txt"))
    second = publish_process(feeds, str(FIXTURES / "text" / "author-box-first.txt"))
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert out.decode().startswith("added:")
    assert len(check_consistent(feeds)) == 2
