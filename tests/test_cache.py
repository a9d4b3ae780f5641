"""The segment cache: a corrected paragraph re-synthesizes only what changed; bounded; safe to delete."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from audionews.speech.cache import SpeechCache
from audionews.speech.engines import Speech

from conftest import EXAMPLES, invoke


def entries(feeds: Path) -> set[str]:
    return {p.name for p in (feeds / "ledger" / "cache").glob("*/*")}


def test_a_corrected_paragraph_is_the_only_thing_spoken_again(feed_copy: Path, tmp_path: Path) -> None:
    before = entries(feed_copy)
    assert len(before) > 20  # every sentence of both examples
    corrected = tmp_path / "corrected.html"
    corrected.write_text((EXAMPLES / "harbor-wind-farm.html").read_text().replace("six to one", "five to two"))
    result = invoke(feed_copy, "publish", "-q", str(corrected))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("updated:")
    new = entries(feed_copy) - before
    assert len([n for n in new if n.endswith(".s16")]) == 1  # the one sentence that changed
    assert len([n for n in new if n.endswith(".lev")]) == 1  # and its paragraph, levelled again


def test_deleting_the_cache_is_safe(feed_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(feed_copy / "ledger" / "cache")
    corrected = tmp_path / "corrected.html"
    corrected.write_text((EXAMPLES / "harbor-wind-farm.html").read_text().replace("six to one", "four to three"))
    result = invoke(feed_copy, "publish", "-q", str(corrected))
    assert result.exit_code == 0, result.stderr
    assert len(entries(feed_copy)) > 10


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "cache", max_bytes=3 * 1004)
    for number in range(5):
        cache.put("engine", f"sentence {number}", Speech(b"\x01\x00" * 500, 22050))
        os.utime(cache._path("engine", f"sentence {number}"), (1000 + number, 1000 + number))
    assert cache.get("engine", "sentence 0") is not None  # used now: the newest
    assert cache.trim() == 2
    assert cache.get("engine", "sentence 0") is not None
    assert cache.get("engine", "sentence 1") is None and cache.get("engine", "sentence 2") is None
    assert cache.get("engine", "sentence 4").pcm == b"\x01\x00" * 500
    assert cache.get("other engine", "sentence 4") is None


def test_the_same_article_twice_in_one_batch_is_published_once(tmp_path: Path) -> None:
    """The second copy is read while the first is still being spoken (the batch runs ahead)."""
    feeds = tmp_path / "feeds"
    source = str(EXAMPLES / "night-market.html")
    result = invoke(feeds, "publish", "-q", "--json", source, source)
    assert result.exit_code == 0, result.stderr
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    assert statuses == ["added", "unchanged"]
    assert len(list((feeds / "default" / "public" / "episodes").glob("*.mp3"))) == 1
