"""Speech to MP3 with real ffmpeg: the MP3 decodes, its length is the sum of its parts, chapters are in order;
and piper's speed setting."""

from __future__ import annotations

import datetime as dt

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audionews.audio import Tags, assemble
from audionews.model import Block
from audionews.script.segments import PAUSES, make_script
from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker, speak
from conftest import ENGINE, decoded_seconds
from factories import article

SHORT = article(
    "The ferry to the island is running again after a month of repairs.",
    Block("heading", "Timetable"),
    "Boats leave every hour from seven in the morning.",
    headline="Ferry returns to the island", byline="Sam Lee", published=dt.date(2025, 6, 13),
)


@pytest.fixture(scope="module")
def short_episode(tmp_path_factory):
    script = make_script(SHORT)
    with Speaker(get_engine(Voice(engine=ENGINE))) as speaker:
        takes = tuple(speak(script, speaker))
    path = tmp_path_factory.mktemp("speech") / "short.mp3"
    episode = assemble(takes, path, Tags(title=SHORT.headline, artist=SHORT.byline, album="Test feed",
                                         date=SHORT.published))
    return script, takes, path, episode


def test_script_segments_in_order() -> None:
    script = make_script(SHORT)
    assert [s.kind for s in script.segments] == ["headline", "byline", "paragraph", "heading", "paragraph"]
    assert script.segments[1].text == "By Sam Lee. Friday, June 13, 2025."
    assert script.segments[0].pause_after > script.segments[2].pause_after
    assert script.segments[1].pause_after > script.segments[2].pause_after


def test_mp3_decodes_to_the_sum_of_segments_and_pauses(short_episode) -> None:
    script, takes, path, episode = short_episode
    expected = sum(t.duration for t in takes) + sum(s.pause_after for s in script.segments)
    assert all(t.duration > 0.15 for t in takes)
    assert episode.duration == pytest.approx(expected, abs=0.001)
    assert decoded_seconds(path) == pytest.approx(expected, abs=0.05)


def test_mp3_format_is_mono_44k_64k(short_episode) -> None:
    *_, path, episode = short_episode
    info = MP3(path).info
    assert (info.channels, info.sample_rate) == (1, 44100)
    assert info.bitrate == pytest.approx(64000, rel=0.01)  # constant 64 kbit/s, as a short file's size tells it
    assert episode.size == path.stat().st_size


def test_id3_tags_and_chapters(short_episode) -> None:
    script, takes, path, episode = short_episode
    tags = ID3(path)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Ferry returns to the island"
    assert str(tags["TPE1"]) == "Sam Lee"
    assert str(tags["TALB"]) == "Test feed"
    assert str(tags["TYER"] if "TYER" in tags else tags["TDRC"]).startswith("2025")
    toc = tags.getall("CTOC")[0]
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert list(toc.child_element_ids) == [c.element_id for c in chapters]
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == ["Ferry returns to the island", "By Sam Lee", "The ferry to the island is running again…",
                      "Timetable"]
    starts = [c.start_time for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    for before, after in zip(chapters, chapters[1:]):
        assert before.end_time == after.start_time
    # the byline chapter starts where the headline and its pause end
    assert starts[1] == round((takes[0].duration + PAUSES["headline"]) * 1000)
    assert chapters[-1].end_time == round(episode.duration * 1000)


@pytest.mark.slow
def test_speed_shortens_speech_without_changing_the_voice() -> None:
    text = "The ferry to the island is running again after a month of repairs."
    normal = get_engine(Voice(engine="piper")).synthesize(text)
    fast = get_engine(Voice(engine="piper", speed=1.5)).synthesize(text)
    assert fast.sample_rate == normal.sample_rate
    ratio = len(fast.pcm) / len(normal.pcm)
    assert 0.55 < ratio < 0.8
