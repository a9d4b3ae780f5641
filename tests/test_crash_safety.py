"""A publish killed at any moment (SIGKILL) leaves a valid feed that matches the catalog, every file
it references present, and nothing a later publish trips on; two publishes at once both land."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from lxml import etree

from audionews.feed.catalog import Catalog
from audionews.files import TEMP_PREFIX

from conftest import FIXTURES, ROOT, init_feed, invoke

KILLS = 20


def publish_process(feeds: Path, *sources: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds), "publish", "-q",
                             *sources], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def check_consistent(feeds: Path) -> set[str]:
    """The feed parses, lists exactly the catalog's episodes, and every file it names exists."""
    folder = feeds / "ledger"
    feed = etree.parse(str(folder / "public" / "feed.xml"))
    guids = {g.text for g in feed.iter("guid")}
    with Catalog(folder / "catalog.sqlite3") as catalog:
        records = catalog.all()
    assert guids == {r.guid for r in records}
    base = "https://example.org/pod/"
    for element in feed.iter():
        url = element.get("url") or element.get("href")
        if url and url.startswith(base):
            assert (folder / "public" / url.removeprefix(base)).is_file(), url
    for record in records:
        assert (folder / "public" / record.audio).stat().st_size == record.size
    return guids


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
    started = time.monotonic()
    probe = publish_process(feeds, str(source))
    probe.communicate(timeout=300)
    full = time.monotonic() - started  # how long one publish takes here, to spread the kills over it
    random.seed(20)
    killed_before_the_end = 0
    for number in range(KILLS):
        # alternately a new article and a correction of the last one: kills land in both paths
        headline = "Clinic doubles evening hours as flu cases climb across the county"
        text = article.replace(headline, f"{headline}, part {number // 2}")
        source.write_text(text.replace("nine at night", f"{number % 2 + 8} at night"))
        process = publish_process(feeds, str(source))
        time.sleep(random.uniform(0.05, full))
        if process.poll() is None:
            killed_before_the_end += 1
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
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
