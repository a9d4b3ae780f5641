"""Each episode's own page, and the archive that reaches every episode.

The page's parts are checked over arbitrary input (any sentence text, any transcript file); the
pages a publish writes are checked on a real published feed; the archive on catalogs of hundreds
of episodes; the pages a commit rewrites, by their files. The reading along itself is judged in
real Chromium in ``test_reader_browser.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import math
import os
import random
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.errors import FeedError
from audionews.feed import site, writer
from audionews.feed.catalog import Catalog
from audionews.feed.folder import FeedFolder
from audionews.feed.reader import (
    READER_JS,
    READER_SCRIPT_FILE,
    episode_page_path,
    paragraphs_of,
    reader_page,
    transcript_cues,
)
from audionews.model import Chapter, Cue
from conftest import examples, init_feed, invoke
from factories import episode_record

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).map(
    lambda t: " ".join(t.split())).filter(bool)
"""A sentence as the catalog keeps one: any printable text, its spaces as the transcript writes them."""


def _cues(texts: list[str]) -> list[Cue]:
    cues, time = [], 0.0
    for text in texts:
        cues.append(Cue(round(time, 3), round(time + 1.5, 3), text))
        time += 1.75
    return cues


@settings(max_examples=examples(60), deadline=None)
@given(groups=st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=6))
def test_sentences_are_grouped_as_the_text_transcript_groups_them(groups: list[list[str]]) -> None:
    cues = _cues([text for group in groups for text in group])
    text = "\n\n".join(" ".join(group) for group in groups) + "\n"
    grouped = paragraphs_of(cues, text)
    assert [len(g) for g in grouped] == [len(g) for g in groups]
    assert [c for g in grouped for c in g] == cues


@settings(max_examples=examples(60), deadline=None)
@given(texts=st.lists(TEXT, max_size=8), text=st.text(max_size=200))
def test_no_sentence_is_lost_whatever_the_text_transcript_says(texts: list[str], text: str) -> None:
    cues = _cues(texts)
    assert [c for g in paragraphs_of(cues, text) for c in g] == cues


JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                max_size=4),
                    max_leaves=20)


@settings(max_examples=examples(80), deadline=None)
@given(segments=st.lists(st.fixed_dictionaries({"startTime": JSON, "endTime": JSON, "body": JSON}), max_size=5) | JSON)
def test_any_transcript_file_reads_as_cues_or_none(segments: object) -> None:
    data = json.dumps({"version": "1.0.0", "segments": segments})
    cues = transcript_cues(data)
    expected = [s for s in segments if isinstance(s, dict)
                and all(isinstance(s.get(k), int | float) and not isinstance(s.get(k), bool)
                        and math.isfinite(s[k]) for k in ("startTime", "endTime"))
                and isinstance(s.get("body"), str)] if isinstance(segments, list) else []
    assert [c.text for c in cues] == [s["body"] for s in expected]
    assert transcript_cues("{not json") == () and transcript_cues("[1, 2]") == ()


@settings(max_examples=examples(40), deadline=None)
@given(title=TEXT, groups=st.lists(st.lists(TEXT, min_size=1, max_size=3), min_size=1, max_size=4),
       chapter_at=st.integers(0, 11))
def test_every_sentence_is_one_element_with_its_times_and_its_text(title: str, groups: list[list[str]],
                                                                   chapter_at: int) -> None:
    cues = _cues([text for group in groups for text in group])
    paragraphs, at = [], 0
    for group in groups:
        paragraphs.append(cues[at:at + len(group)])
        at += len(group)
    chapter = cues[min(chapter_at, len(cues) - 1)]
    page = reader_page(title=title, language="en", audio="a.mp3", paragraphs=paragraphs,
                       chapters=[Chapter(title, chapter.start, chapter.end)])
    doc = lxml.html.document_fromstring(page)
    spans = doc.find_class("sentence")
    assert [s.text_content() for s in spans] == [c.text for c in cues]
    assert [(float(s.get("data-start")), float(s.get("data-end"))) for s in spans] == [(c.start, c.end) for c in cues]
    assert len({s.get("id") for s in spans}) == len(cues)
    assert [len(p.find_class("sentence")) for p in doc.get_element_by_id("transcript").findall("p")] == \
        [len(g) for g in groups]
    assert doc.find(".//h1").text_content() == title
    [link] = doc.find_class("chapters")[0].findall(".//a")
    assert link.text_content() == title
    assert doc.get_element_by_id(link.get("href").removeprefix("#")).text_content() == chapter.text
    assert [s.get("src") for s in doc.iter("script")] == [READER_SCRIPT_FILE]  # no inline script


# --- the pages a publish writes ----------------------------------------------------------------------


def test_each_published_episode_has_its_page_with_its_whole_text(published_feed: Path) -> None:
    public = published_feed / "ledger" / "public"
    index = lxml.html.parse(str(public / "index.html")).getroot()
    with Catalog(published_feed / "ledger" / "catalog.sqlite3", read_only=True) as catalog:
        records = catalog.all()
    assert len(records) == 3
    for record in records:
        page_path = episode_page_path(record.audio)
        assert index.xpath(f'//h3/a[@href="{page_path}"]'), page_path
        doc = lxml.html.parse(str(public / page_path)).getroot()
        assert doc.find(".//h1").text_content() == record.title
        segments = json.loads((public / record.audio).with_suffix(".json").read_text(encoding="utf-8"))["segments"]
        spans = doc.find_class("sentence")
        assert [s.text_content() for s in spans] == [s["body"] for s in segments]
        paragraphs = (public / record.audio).with_suffix(".txt").read_text(encoding="utf-8").strip().split("\n\n")
        assert [" ".join(p.text_content().split()) for p in doc.get_element_by_id("transcript").findall("p")] == \
            [" ".join(p.split()) for p in paragraphs]
        assert doc.find(".//audio").get("src") == Path(record.audio).name
        assert doc.find(".//audio").get("preload") == "none"
        assert len(doc.find_class("chapters")[0].findall(".//a")) == len(record.chapters)
    assert (public / READER_SCRIPT_FILE).read_bytes() == READER_JS


def _mtimes(public: Path) -> dict[str, int]:
    return {str(p.relative_to(public)): p.stat().st_mtime_ns for p in public.rglob("*.html")
            if p.parent.name == "episodes"}


def test_a_commit_rewrites_only_the_pages_that_changed(feed_copy: Path) -> None:
    folder = FeedFolder(feed_copy / "ledger")
    public = folder.public
    before = _mtimes(public)
    assert len(before) == 3
    assert invoke(feed_copy, "build").exit_code == 0
    assert _mtimes(public) == before  # nothing changed, nothing rewritten

    with Catalog(folder.catalog_path, read_only=True) as catalog:
        changed = catalog.all()[1]
    transcript = (public / changed.audio).with_suffix(".json")
    data = json.loads(transcript.read_text(encoding="utf-8"))
    data["segments"][-1]["body"] = "A corrected last sentence."
    transcript.write_text(json.dumps(data), encoding="utf-8")
    assert invoke(feed_copy, "build").exit_code == 0
    after = _mtimes(public)
    assert {name for name in after if after[name] != before[name]} == {episode_page_path(changed.audio)}
    assert "A corrected last sentence." in (public / episode_page_path(changed.audio)).read_text(encoding="utf-8")

    (public / READER_SCRIPT_FILE).write_text("// an older reader\n", encoding="utf-8")
    assert invoke(feed_copy, "build").exit_code == 0  # the script put back; the pages were drawn for it
    assert (public / READER_SCRIPT_FILE).read_bytes() == READER_JS
    assert _mtimes(public) == after

    for page in (public / "episodes").glob("*.html"):  # as an older audionews drew them
        page.write_text(page.read_text(encoding="utf-8").replace('name="audionews-page" content="',
                                                                 'name="audionews-page" content="0'), encoding="utf-8")
    older = _mtimes(public)
    assert invoke(feed_copy, "build").exit_code == 0  # new code draws every page again
    assert all(older[name] != stamp for name, stamp in _mtimes(public).items())
    again = _mtimes(public)


def test_a_removed_episode_takes_its_page_and_its_empty_month_with_it(feed_copy: Path) -> None:
    folder = FeedFolder(feed_copy / "ledger")
    with Catalog(folder.catalog_path) as catalog:
        gone = catalog.all()[0]
        moved = [r for r in catalog.all() if r.guid != gone.guid]
        catalog.save(moved[0].__class__(**{**moved[0].__dict__, "added": "2019-02-03T04:05:06+00:00"}))
    assert invoke(feed_copy, "build").exit_code == 0
    assert (folder.public / "archive" / "2019-02.html").is_file()
    assert invoke(feed_copy, "remove", moved[0].guid).exit_code == 0
    assert invoke(feed_copy, "remove", gone.guid).exit_code == 0
    assert not (folder.public / episode_page_path(gone.audio)).exists()
    assert not (folder.public / "archive" / "2019-02.html").exists()
    assert len(list((folder.public / "archive").glob("*.html"))) == 1


# --- the archive: every episode reachable, however many ----------------------------------------------


def _feed_of(tmp_path: Path, added: list[dt.datetime]) -> FeedFolder:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/")
    folder = FeedFolder(feeds / "ledger")
    with Catalog(folder.catalog_path) as catalog, catalog.transaction():
        for number, when in enumerate(added, start=1):
            catalog.save(episode_record(number, title=f"Story {number} <b>&", added=when.isoformat(),
                                        updated=when.isoformat()))
    return folder


def _links(path: Path) -> list[str]:
    return [a.get("href") for a in lxml.html.parse(str(path)).getroot().iter("a") if a.get("href")]


def _every_episode_two_links_from_the_index(folder: FeedFolder, added: list[dt.datetime], shown: int) -> None:
    writer.build(folder)
    public = folder.public
    index = lxml.html.parse(str(public / "index.html")).getroot()
    assert len(index.findall(".//article")) == min(shown, len(added))
    months = sorted({f"{when:%Y-%m}" for when in added}, reverse=True)
    archive_links = [href for href in _links(public / "index.html") if href.startswith("archive/")]
    assert archive_links == [f"archive/{month}.html" for month in months]  # newest month first
    reached: list[str] = []
    for link in archive_links:
        page = public / link
        hrefs = [h for h in _links(page) if h.startswith("../episodes/")]
        reached += hrefs
        assert all((page.parent / h).resolve().is_file() for h in hrefs)  # every page it links exists
        month = dt.date.fromisoformat(link.removeprefix("archive/").removesuffix(".html") + "-01")
        assert lxml.html.parse(str(page)).getroot().find(".//h1").text_content().endswith(f": {month:%B %Y}")
    expected = [f"../{episode_page_path(episode_record(n).audio)}" for n in range(1, len(added) + 1)]
    assert sorted(reached) == sorted(expected)  # each episode exactly once
    assert sorted(p.name for p in (public / "archive").iterdir()) == sorted(f"{m}.html" for m in months)


@settings(max_examples=examples(8), deadline=None)
@given(days=st.lists(st.integers(0, 3 * 365), min_size=1, max_size=25), shown=st.integers(1, 6))
def test_every_episode_is_in_the_archive_once(tmp_path_factory: pytest.TempPathFactory, days: list[int],
                                              shown: int) -> None:
    start = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
    added = [start + dt.timedelta(days=d, seconds=n) for n, d in enumerate(days)]
    folder = _feed_of(tmp_path_factory.mktemp("archive"), added)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "PAGE_EPISODES", shown)
        patch.setattr(site, "PAGE_EPISODES", shown)
        _every_episode_two_links_from_the_index(folder, added, shown)


def test_a_feed_larger_than_the_index_lists_all_in_its_archive(tmp_path: Path) -> None:
    rng = random.Random(12)
    start = dt.datetime(2023, 5, 1, tzinfo=dt.UTC)
    added = [start + dt.timedelta(minutes=rng.randrange(60 * 24 * 400)) for _ in range(site.PAGE_EPISODES + 60)]
    _every_episode_two_links_from_the_index(_feed_of(tmp_path, added), added, site.PAGE_EPISODES)


def test_many_pages_are_flushed_together_and_a_failed_flush_publishes_none(feed_copy: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build writes every page and flushes them with one sync; if that fails, nothing changes."""
    folder = FeedFolder(feed_copy / "ledger")
    monkeypatch.setattr(writer, "SYNC_EACH", 0)
    for page in folder.episodes.glob("*.html"):
        page.unlink()
    before = {p: p.read_bytes() for p in folder.public.rglob("*") if p.is_file()}
    catalog = folder.catalog_path.read_bytes()

    def full() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "sync", full)
    with pytest.raises(FeedError, match="No space left on device"):
        writer.build(folder)
    assert {p: p.read_bytes() for p in folder.public.rglob("*") if p.is_file()} == before
    assert folder.catalog_path.read_bytes() == catalog
    monkeypatch.undo()
    monkeypatch.setattr(writer, "SYNC_EACH", 0)
    synced = []
    monkeypatch.setattr(os, "sync", lambda: synced.append(True))
    assert writer.build(folder) == 3
    assert synced == [True] and len(list(folder.episodes.glob("*.html"))) == 3


def _original_link(public: Path, audio: str) -> str | None:
    page = lxml.html.parse(str(public / episode_page_path(audio))).getroot()
    return next((a.get("href") for a in page.iter("a") if a.text_content() == "the original article"), None)


def test_a_page_follows_its_record_and_the_newest_of_the_episodes_sharing_its_audio(feed_copy: Path) -> None:
    folder = FeedFolder(feed_copy / "ledger")
    with Catalog(folder.catalog_path) as catalog:
        record = catalog.all()[0]
        catalog.save(dataclasses.replace(record, url="https://example.org/moved"))  # the record alone changed
    assert invoke(feed_copy, "build").exit_code == 0
    assert _original_link(folder.public, record.audio) == "https://example.org/moved"

    copy = dataclasses.replace(record, guid="urn:uuid:copy", identity="url:https://example.net/copy",
                               url="https://example.net/copy", added="2099-01-01T00:00:00+00:00")
    with Catalog(folder.catalog_path) as catalog:
        catalog.save(copy)  # another story, the same audio, newer
    assert invoke(feed_copy, "build").exit_code == 0
    assert _original_link(folder.public, record.audio) == "https://example.net/copy"
    assert invoke(feed_copy, "remove", copy.guid).exit_code == 0
    assert _original_link(folder.public, record.audio) == "https://example.org/moved"
    assert (folder.public / record.audio).is_file()  # the audio stays: the first episode still has it
