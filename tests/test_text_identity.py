"""Text articles (no URL) are told apart by their paragraphs too: two different stories under one
headline and byline never replace each other; a re-publish or a corrected version updates its episode.
Published for real (silent engine, ffmpeg, SQLite)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from audionews import pipeline
from audionews.errors import FeedError
from audionews.feed import identity
from audionews.feed.catalog import Catalog
from audionews.feed.folder import FeedFolder
from audionews.model import Article
from audionews.pipeline import publish
from conftest import examples, init_feed
from factories import article

FIRST = ("The ferry to Holm Island will run twice a day from May.",
         "The harbour board agreed the new timetable on Monday.",
         "Islanders had asked for an evening crossing for years.")
SECOND = ("The village school will get a new roof this summer.",
          "Rain has come through the old slates for three winters.",
          "Lessons move to the church hall while the work goes on.")


def story(*paragraphs: str, headline: str = "Island news", byline: str = "Ann Walker") -> Article:
    return article(*paragraphs, headline=headline, byline=byline, source="story.txt")


@pytest.fixture
def folder(tmp_path: Path) -> FeedFolder:
    init_feed(tmp_path / "feeds", "ledger", "http://127.0.0.1:9/")
    return FeedFolder(tmp_path / "feeds" / "ledger")


def put(folder: FeedFolder, told: Article):
    report = publish(folder, ["story.txt"], read=lambda _: told)
    assert not report.failures, report.failures
    return report.published[0]


def episodes(folder: FeedFolder):
    with Catalog(folder.catalog_path) as catalog:
        return {r.guid: r for r in catalog.all()}


def test_two_stories_under_one_headline_and_byline_are_two_episodes(folder: FeedFolder) -> None:
    first = put(folder, story(*FIRST))
    second = put(folder, story(*SECOND))
    assert (first.status, second.status) == ("added", "added")
    assert first.guid != second.guid
    stored = episodes(folder)
    assert set(stored) == {first.guid, second.guid}
    assert all((folder.public / r.audio).is_file() for r in stored.values())


def test_a_republish_or_a_corrected_version_updates_its_episode(folder: FeedFolder) -> None:
    first = put(folder, story(*FIRST))
    assert put(folder, story(*FIRST)).status == "unchanged"
    corrected = (FIRST[0], "The harbour board agreed the new timetable on Tuesday.", FIRST[2],
                 "Tickets go on sale next week.")
    again = put(folder, story(*corrected))
    assert (again.status, again.guid) == ("updated", first.guid)
    assert list(episodes(folder)) == [first.guid]


def test_a_failed_publish_of_another_story_leaves_the_first_episode_and_its_audio(
        folder: FeedFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    first = put(folder, story(*FIRST))
    audio = folder.public / episodes(folder)[first.guid].audio

    def broken(*args, **kwargs):
        raise FeedError("disk full", None)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "commit", broken)
        report = publish(folder, ["story.txt"], read=lambda _: story(*SECOND))
    assert report.failures and not report.published
    assert list(episodes(folder)) == [first.guid] and audio.is_file()
    second = put(folder, story(*SECOND))
    assert second.status == "added" and audio.is_file()
    assert set(episodes(folder)) == {first.guid, second.guid}


def test_a_feed_item_with_no_link_is_known_by_its_title_and_author(folder: FeedFolder) -> None:
    put(folder, story(*FIRST))
    with Catalog(folder.catalog_path) as catalog:
        key = identity.identity_of(story(headline="Island news", byline="Ann Walker"))
        assert catalog.knows(key, "feed-item")
        assert not catalog.knows(identity.identity_of(story(headline="Other news")), "feed-item")


def test_an_episode_stored_before_paragraph_signatures_is_still_matched(folder: FeedFolder) -> None:
    first = put(folder, story(*FIRST))
    with Catalog(folder.catalog_path) as catalog:
        record = catalog.all()[0]
        catalog.remove(record.guid)
        legacy = dataclasses.replace(record, identity="text:island news ann walker")
        catalog.save(legacy)
    assert put(folder, story(*FIRST)).guid == first.guid
    assert put(folder, story(*SECOND)).guid != first.guid


def _signature(*paragraphs: str) -> list[str]:
    return identity._paragraph_hashes(story(*paragraphs).body)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6), st.lists(_PARAGRAPH, min_size=1, max_size=6),
       st.lists(_PARAGRAPH, max_size=4), st.integers(1, 3))
def test_boilerplate_shorter_than_the_stories_never_makes_two_stories_one(first, second, boilerplate, repeats) -> None:
    """A footer or copyright line under every story of a column (repeated, too) cannot make two stories
    one, as long as each story has more words of its own than the boilerplate has."""
    def count(paragraphs: list[str]) -> int:
        return sum(len(p.split()) for p in paragraphs)

    shared = set(first) & set(second) | set(first) & set(boilerplate) | set(second) & set(boilerplate)
    assume(not shared and count(first) > count(boilerplate) and count(second) > count(boilerplate))
    ours = _signature(*first, *boilerplate * repeats)
    theirs = _signature(*second, *boilerplate)
    assert identity.shared_share(ours, theirs) <= identity.SAME_SHARE


def test_a_corrected_or_longer_version_is_one_story_and_a_list_headline_alone_is_not() -> None:
    corrected = (FIRST[0], "The harbour board agreed the new timetable on Tuesday.", FIRST[2])
    assert identity.shared_share(_signature(*FIRST), _signature(*corrected)) > identity.SAME_SHARE
    grown = (*FIRST, "Tickets go on sale next week.")
    assert identity.shared_share(_signature(*FIRST), _signature(*grown)) > identity.SAME_SHARE
    assert identity.shared_share(_signature(*FIRST), _signature(*SECOND)) == 0
