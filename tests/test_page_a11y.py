"""The episode page in real headless Chromium: axe-core finds nothing, and a keyboard reaches everything.

``tests/browser/axe_check.mjs`` (playwright-core driving Debian's Chromium) loads the published
feed's page from ``audionews serve`` and reports; these tests judge the report. A fresh clone
without node, Chromium or ``npm ci`` skips them with the reason; CI installs all three, so
there a missing part fails instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, audionews_serve, browser_check, require_browser

SCRIPT = ROOT / "tests" / "browser" / "axe_check.mjs"
pytestmark = pytest.mark.slow  # some 5 s of Chromium; test_site checks the page's markup in the quick run


@pytest.fixture(scope="module")
def report(request: pytest.FixtureRequest) -> dict:
    require_browser()
    published_feed: Path = request.getfixturevalue("published_feed")  # only now: it takes a while to make
    with audionews_serve(published_feed) as served:
        return browser_check(SCRIPT, served.url.removesuffix("feed.xml"))


def test_page_is_served_as_utf8_html(report: dict) -> None:
    assert report["status"] == 200
    assert report["contentType"] == "text/html; charset=utf-8"


def test_axe_finds_no_violations(report: dict) -> None:
    assert "color-contrast" in report["passes"]  # contrast was checked, not skipped
    assert report["violations"] == [], json.dumps(report["violations"], indent=1)


def test_tab_reaches_every_player_and_link_in_order(report: dict) -> None:
    reached = []
    for state in report["focused"]:
        if not reached or reached[-1] != state["element"]:  # a player's own buttons are several stops
            reached.append(state["element"])
    assert [e.split()[0] for e in report["expected"]].count("audio") == 3
    assert reached == report["expected"]


def test_focus_is_always_visible(report: dict) -> None:
    assert report["focused"]
    for state in report["focused"]:
        assert state["outlineStyle"] not in ("none", "hidden"), state
        assert float(state["outlineWidth"].removesuffix("px")) >= 2, state
        assert state["outlineColor"] != state["background"], state
        assert state["onScreen"], state


def test_players_never_autoplay_or_preload(report: dict) -> None:
    assert report["players"] == [{"autoplay": False, "paused": True, "preload": "none"}] * 3
    assert report["audioRequests"] == []
