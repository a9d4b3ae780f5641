"""``audionews build``: what it loads, and the feed it writes a batch at a time from the catalog."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from audionews.feed import rss as feed
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.rss import build_feed_xml
from audionews.feed.site import build_index_html
from audionews.model import Chapter
from conftest import src_env
from factories import episode_record, feed_settings

PIPELINE_ONLY = ("numpy", "scipy", "PIL", "piper", "onnxruntime", "mutagen", "trafilatura", "requests",
                 "httpx", "uvicorn", "starlette", "feedparser", "num2words")
"""Modules of speech, audio, fetching, extraction and serving: building the feed needs none of them."""


def loaded_modules(*args: str) -> set[str]:
    """Top-level modules loaded by ``python -m audionews.cli ARGS``, in a process of its own."""
    code = ("import atexit, runpy, sys\n"
            "atexit.register(lambda: print(' '.join(sorted({m.split('.')[0] for m in sys.modules}))))\n"
            "sys.argv[0] = 'audionews'\n"
            "runpy.run_module('audionews.cli', run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=src_env(),
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_cli_starts_without_the_pipeline() -> None:
    loaded = loaded_modules("--help")
    assert "click" in loaded
    assert loaded.isdisjoint(PIPELINE_ONLY), sorted(loaded & set(PIPELINE_ONLY))


def test_build_loads_no_speech_audio_or_extraction(feed_copy: Path) -> None:
    loaded = loaded_modules("--feeds-dir", str(feed_copy), "build")
    assert {"feedgen", "lxml", "sqlite3"} <= loaded
    assert loaded.isdisjoint(PIPELINE_ONLY), sorted(loaded & set(PIPELINE_ONLY))


def record(number: int) -> EpisodeRecord:
    """Episodes that differ in what the feed writes: with and without link, byline, image and chapters."""
    return episode_record(
        number, url=f"https://news.example/{number}?a=1&b=2" if number % 2 else None,
        title=f"Fish & chips <b>{number}</b> ]]> 🐟 שלום", byline="Ana Ruiz and Leo Cruz" if number % 3 else None,
        description=f"A < B && C > D, number {number}.", duration=60.0 * number + 0.4,
        chapters=(Chapter("Start", 0.0, 4.0),) if number % 2 else (),
        added=f"2025-06-{number + 1:02d}T09:30:00+00:00", updated=f"2025-06-{number + 2:02d}T09:30:00+02:00",
        image="https://news.example/lead.jpg" if number % 4 == 1 else None)


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_feed_written_in_batches_is_feedgens_whole_document(monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    episodes = [record(number) for number in range(7, 0, -1)]
    whole = build_feed_xml(feed_settings(), episodes)  # one batch: exactly what feedgen's rss_str writes
    monkeypatch.setattr(feed, "BATCH", batch)
    assert build_feed_xml(feed_settings(), episodes) == whole
    out = io.BytesIO()
    newest = max(dt.datetime.fromisoformat(e.updated) for e in episodes)
    feed.write_feed_xml(out, feed_settings(), iter(episodes), newest)  # read once, as from the catalog
    assert out.getvalue() == whole
    assert len(etree.fromstring(whole).findall("channel/item")) == 7


def test_empty_feed_is_feedgens_document() -> None:
    channel = etree.fromstring(build_feed_xml(feed_settings(), [])).find("channel")
    assert channel.find("item") is None
    assert channel.findtext("title") == "Ledger & Co"


def test_catalog_reads_newest_first_one_at_a_time(tmp_path: Path) -> None:
    with Catalog(tmp_path / "catalog.sqlite3") as catalog:
        for number in (3, 1, 4, 2):
            catalog.save(record(number))
        assert [r.guid for r in catalog.each()] == [f"urn:uuid:{n}" for n in (4, 3, 2, 1)]
        assert [r.guid for r in catalog.each(limit=2)] == ["urn:uuid:4", "urn:uuid:3"]
        assert catalog.all() == [record(n) for n in (4, 3, 2, 1)]  # every field read back as saved
        assert catalog.count() == 4
        assert sorted(catalog.audio_files()) == [f"episodes/e{n}.mp3" for n in (1, 2, 3, 4)]
        assert catalog.last_updated() == dt.datetime.fromisoformat("2025-06-06T09:30:00+02:00")


def test_index_page_counts_every_episode_but_shows_the_newest() -> None:
    page = lxml.html.document_fromstring(build_index_html(feed_settings(), [record(2), record(1)], total=2_500))
    assert "2500 episodes, newest first." in page.text_content()
    assert len(page.findall(".//article")) == 2
