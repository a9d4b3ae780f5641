"""An episode is replaced only by its own article, corrected: a publish whose text is mostly different
from the episode it would replace (a page reused for another story, a wrong headline) is refused
in one line unless ``--replace``; a correction, even of a word in every paragraph, updates as before."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from audionews.feed.identity import SAME_SHARE, text_share

from conftest import invoke
from feed_state import FIRST, NEW, check_feed, one_line_error, records, silent_feed, snapshot


def _served(serve, tmp_path: Path, text: str):
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "story.txt").write_text(text)
    return serve(site), site / "story.txt"


def test_a_page_reused_for_another_story_is_not_replaced(tmp_path: Path, serve) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    server, page = _served(serve, tmp_path, FIRST.read_text())
    url = server.url("story.txt")
    assert invoke(feeds, "publish", "-q", url).exit_code == 0
    kept = snapshot(folder)
    (first,) = records(folder)
    shutil.copy(NEW, page)  # the same address, another story
    line = one_line_error(invoke(feeds, "publish", "-q", url), url, "would replace the episode", "--replace",
                          first.guid)
    assert re.search(r"\(\d+% the same\)", line)
    assert records(folder) == [first]
    check_feed(folder, kept)
    replaced = invoke(feeds, "publish", "-q", "--replace", url)  # the user says so
    assert replaced.exit_code == 0 and replaced.stdout.startswith("updated:"), replaced.stderr
    (now,) = records(folder)
    assert now.guid == first.guid and now.title != first.title
    check_feed(folder)


def test_a_correction_updates_the_episode(tmp_path: Path, serve) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    original = FIRST.read_text()
    server, page = _served(serve, tmp_path, original)
    url = server.url("story.txt")
    assert invoke(feeds, "publish", "-q", url).exit_code == 0
    (first,) = records(folder)
    # a name misspelled in every paragraph, and one figure, corrected: no paragraph is as it was
    corrected = re.sub(r"\bthe\b", "that", original.replace("18,000", "19,000"), count=0)
    assert text_share(original, corrected) > SAME_SHARE
    page.write_text(corrected)
    result = invoke(feeds, "publish", "-q", url)
    assert result.exit_code == 0 and result.stdout.startswith("updated:"), result.stderr
    (now,) = records(folder)
    assert now.guid == first.guid and now.audio != first.audio
    check_feed(folder)


def test_a_refused_replacement_speaks_nothing(tmp_path: Path, serve) -> None:
    """Refused before speech: no cache entry is made for the other story."""
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    server, page = _served(serve, tmp_path, FIRST.read_text())
    url = server.url("story.txt")
    assert invoke(feeds, "publish", "-q", url).exit_code == 0
    cached = sorted(p.name for p in (folder / "cache").rglob("*") if p.is_file())
    shutil.copy(NEW, page)
    one_line_error(invoke(feeds, "publish", "-q", url), "would replace")
    assert sorted(p.name for p in (folder / "cache").rglob("*") if p.is_file()) == cached


def test_text_share_tells_a_correction_from_another_story() -> None:
    texts = [p.read_text() for p in sorted((FIRST.parent).glob("*.txt"))]
    for number, text in enumerate(texts):
        assert text_share(text, text) == 1.0
        words = text.split()
        edited = " ".join(w.upper() if i % 9 == 0 else w for i, w in enumerate(words))  # case does not count
        assert text_share(text, edited) == 1.0
        dropped = " ".join(w for i, w in enumerate(words) if i % 12 != 5)  # a word of every twelve cut
        assert text_share(text, dropped) > SAME_SHARE
        for other in texts[number + 1:]:
            assert text_share(text, other) <= SAME_SHARE  # two stories are never one


def test_removing_or_updating_an_episode_keeps_audio_another_episode_shares(tmp_path: Path, serve) -> None:
    """One page at two addresses (no canonical URL) is two episodes with one MP3: removing one, or
    replacing one with another story, must leave the other's audio and companions in place."""
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    server, page = _served(serve, tmp_path, FIRST.read_text())
    first, second = server.url("story.txt?copy=1"), server.url("story.txt?copy=2")
    assert invoke(feeds, "publish", "-q", first, second).exit_code == 0
    one, two = records(folder)
    assert one.audio == two.audio  # the same script, the same file
    assert invoke(feeds, "remove", one.guid).exit_code == 0
    kept = snapshot(folder)
    check_feed(folder, kept)  # every enclosure exists: the remaining episode still has its MP3
    assert (folder / "public" / two.audio).is_file()
    assert invoke(feeds, "publish", "-q", first).exit_code == 0  # back, sharing again
    shutil.copy(NEW, page)
    assert invoke(feeds, "publish", "-q", "--replace", second).exit_code == 0  # now another story
    shared = next(r for r in records(folder) if r.source == first)
    assert (folder / "public" / shared.audio).is_file()
    check_feed(folder, snapshot(folder))
