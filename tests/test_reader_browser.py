"""An episode page read along in real headless Chromium, as a listener uses it.

``tests/browser/reader_check.mjs`` (playwright-core driving Debian's Chromium) opens the longest
episode's page from ``audionews serve``, acts as a reader would (sets the player's time, clicks a
sentence, presses Enter on a chapter and a sentence, J and L, changes the speed, scrolls away,
reloads, walks the page with Tab) and reports the page's state after each step; these tests judge
the report. Missing node, Chromium or ``npm ci`` skips them with the reason, except in CI.
"""

from __future__ import annotations

import itertools
import json
import signal
from pathlib import Path

import pytest

from audionews.feed.catalog import Catalog
from audionews.feed.reader import SPEEDS, episode_page_path
from conftest import ROOT, audionews_serve, browser_check, require_browser

SCRIPT = ROOT / "tests" / "browser" / "reader_check.mjs"

pytestmark = pytest.mark.slow  # some 30 s of Chromium; test_reader_page checks the pages' markup in the quick run


@pytest.fixture(scope="module")
def report(request: pytest.FixtureRequest) -> dict:
    require_browser()
    published_feed: Path = request.getfixturevalue("published_feed")
    with Catalog(published_feed / "ledger" / "catalog.sqlite3", read_only=True) as catalog:
        longest = max(catalog.all(), key=lambda record: record.duration)
    with audionews_serve(published_feed) as served:
        found = browser_check(SCRIPT, served.url.removesuffix("feed.xml") + episode_page_path(longest.audio))
    assert found["errors"] == [], found["errors"]
    return found


def _index(report: dict, sentence: str) -> int:
    return [s["id"] for s in report["sentences"]].index(sentence)


def test_the_page_opens_quiet_with_its_controls(report: dict) -> None:
    opened = report["onLoad"]
    assert opened["paused"] and opened["audioRequests"] == []  # no autoplay, nothing fetched before asked
    assert opened["current"] == []
    assert opened["controlsShown"] and opened["keysShown"]
    assert opened["liveRegions"] == 0  # nothing announced on every sentence
    assert len(report["sentences"]) >= 8


def test_axe_finds_no_violations(report: dict) -> None:
    assert "color-contrast" in report["axe"]["passes"]
    assert report["axe"]["violations"] == [], json.dumps(report["axe"]["violations"], indent=1)


def test_the_sentence_heard_alone_is_current(report: dict) -> None:
    assert report["timeSet"]["current"] == [report["timeSet"]["sentence"]]


def test_a_click_on_a_sentence_plays_from_it(report: dict) -> None:
    clicked = report["sentenceClicked"]
    assert clicked["current"] == [clicked["sentence"]]
    assert clicked["start"] <= clicked["time"] < clicked["start"] + 2
    assert not clicked["paused"]


def test_enter_on_a_chapter_link_plays_from_the_chapter(report: dict) -> None:
    entered = report["chapterEntered"]
    assert entered["chapter"]["start"] <= entered["time"] < entered["chapter"]["start"] + 2
    assert entered["current"] == [entered["chapter"]["href"].removeprefix("#")]
    assert entered["hash"] == ""  # the link seeked; it did not jump


def test_enter_on_a_sentence_then_l_and_j_move_a_sentence_at_a_time(report: dict) -> None:
    entered = report["sentenceEntered"]
    assert entered["current"] == [entered["sentence"]] and entered["focused"] == entered["sentence"]
    at = _index(report, entered["sentence"])
    sentences = report["sentences"]
    assert report["forward"]["current"] == [sentences[at + 1]["id"]]
    assert report["forward"]["time"] == pytest.approx(sentences[at + 1]["start"], abs=0.01)
    assert report["back"]["current"] == [sentences[at - 1]["id"]]


def test_keys_typed_in_a_form_field_stay_there(report: dict) -> None:
    in_field = report["inField"]
    assert in_field["focused"] == "speed"
    assert in_field["time"] == in_field["before"] and in_field["current"] == report["back"]["current"]


def test_speed_from_half_to_three_times_with_pitch_kept_and_remembered(report: dict) -> None:
    assert [float(s) for s in report["speeds"]] == list(SPEEDS)
    assert SPEEDS[0] == 0.5 and SPEEDS[-1] == 3 and all(b - a == 0.25 for a, b in itertools.pairwise(SPEEDS))
    assert report["speedChosen"]["rate"] == 1.5 and report["speedChosen"]["pitch"] is True
    assert report["reloaded"]["speed"] == "1.5" and report["reloaded"]["rate"] == 1.5


def test_follow_along_turns_off_when_the_reader_scrolls_away_and_back_on(report: dict) -> None:
    assert report["scrolledAway"]["follow"] is False
    assert report["followAgain"]["follow"] is True and report["followAgain"]["inView"] is True
    assert report["keyboardScrolled"]["follow"] is False  # PageDown from a sentence is scrolling away too


def test_the_place_is_offered_again_after_a_reload(report: dict) -> None:
    assert report["reloaded"]["resume"] == "Resume at 0:30"
    assert report["reloaded"]["time"] == 0  # offered, never forced
    assert report["resumed"]["time"] >= 30


def test_every_stop_is_visibly_focused_and_the_text_is_one_stop(report: dict) -> None:
    stops = report["tabStops"]
    ids = [stop["id"] for stop in stops]
    for control in ("player", "previous", "next", "speed", "follow"):
        assert control in ids
    assert sum(stop["tag"] == "span" for stop in stops) == 1  # the text is one stop, not one per sentence
    for stop in stops:
        assert stop["outlineStyle"] not in ("none", "hidden") and stop["outlineWidth"] >= 2, stop


def test_controls_are_at_least_24_pixels_square(report: dict) -> None:
    assert report["controlSizes"]
    for control in report["controlSizes"]:
        assert control["width"] >= 24 and control["height"] >= 24, control


def test_without_scripts_the_page_is_the_player_and_the_whole_text(report: dict) -> None:
    bare = report["noScript"]
    assert bare["player"]
    assert bare["sentences"] == [s["text"] for s in report["sentences"]]
    assert not bare["controlsShown"] and not bare["keysShown"]  # no control that could not work


# --- the same reader on audionews listen's page ---------------------------------------------------------


@pytest.fixture(scope="module")
def listen_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from test_listen import ARTICLE, events_until, start_cli

    require_browser()
    tmp = tmp_path_factory.mktemp("listen")
    process = start_cli(tmp, "--jobs", "2", str(ARTICLE))
    try:
        return browser_check(SCRIPT, events_until(process, "complete")["listening"]["url"])
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)


def test_listen_page_reads_along_as_the_episode_page_does(listen_report: dict) -> None:
    found = listen_report
    assert found["errors"] == []
    assert found["axe"]["violations"] == [], json.dumps(found["axe"]["violations"], indent=1)
    assert found["onLoad"]["controlsShown"] and found["onLoad"]["liveRegions"] == 0
    assert found["timeSet"]["current"] == [found["timeSet"]["sentence"]]
    clicked = found["sentenceClicked"]
    assert clicked["current"] == [clicked["sentence"]] and clicked["start"] <= clicked["time"] < clicked["start"] + 2
    assert found["noScript"]["sentences"] == [s["text"] for s in found["sentences"]]
