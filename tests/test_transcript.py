"""Chapters, captions and transcripts come from the real timings: checked against the decoded audio.
Loudness is checked with ffmpeg's BS.1770 meter (ebur128).

Timing and levelling are the subject, so the silent engine's hums serve; once, end to end, with piper's
real speech (slow)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audionews.audio.encode import measure
from audionews.feed.catalog import Catalog
from audionews.ffmpeg import ffmpeg_path
from conftest import ENGINE, EXAMPLES, SHARED, init_feed, invoke

RATE = 44_100
FRAME = 0.01  # seconds per analysis frame
SILENCE_BELOW_PEAK_DB = 40.0
TOLERANCE = 0.05


@pytest.fixture(scope="module", params=[("example", ENGINE), ("seed", ENGINE),
                                        pytest.param(("example", "piper"), marks=pytest.mark.slow)],
                ids=lambda param: "-".join(param))
def episode(request, tmp_path_factory) -> dict:
    """A published episode: its files and its decoded audio."""
    article, engine = request.param
    if article == "seed":
        seed = SHARED / "corpus" / "seed" / "000_6c90d81cfbdc7f23.txt"
        if not seed.is_file():
            pytest.skip(f"{seed} is absent (it sits beside the repository in CI)")
        source = seed
    else:
        source = EXAMPLES / "harbor-wind-farm.html"
    feeds = tmp_path_factory.mktemp(article) / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/", engine=engine)
    result = invoke(feeds, "publish", "-q", str(source))
    assert result.exit_code == 0, result.stderr
    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        record = catalog.all()[0]
    audio = feeds / "ledger" / "public" / record.audio
    stem = str(audio).removesuffix(".mp3")
    pcm = subprocess.run([ffmpeg_path(), "-v", "error", "-i", str(audio), "-f", "s16le", "-ac", "1", "-ar", str(RATE),
                          "pipe:1"], capture_output=True, check=True).stdout
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
    return {"record": record, "audio": audio, "stem": stem, "samples": samples,
            "feed": (feeds / "ledger" / "public" / "feed.xml").read_text()}


def speech_frames(samples: np.ndarray) -> np.ndarray:
    """True for each 10 ms frame that holds speech: RMS within 40 dB of the loudest frame."""
    size = int(FRAME * RATE)
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    level = 20 * np.log10(np.maximum(np.sqrt(np.mean(frames**2, axis=1)), 1e-9))
    return level > level.max() - SILENCE_BELOW_PEAK_DB


def vtt_cues(text: str) -> list[tuple[float, float, str]]:
    def seconds(clock: str) -> float:
        h, m, s = clock.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    blocks = text.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        number, timing, body = block.split("\n", 2)
        start, end = timing.split(" --> ")
        cues.append((seconds(start), seconds(end), body))
    return cues


def sentence_cues(stem: str) -> list[tuple[float, float, str]]:
    """The JSON transcript's segments: one a sentence, as the episode page reads along."""
    segments = json.loads(Path(stem + ".json").read_text())["segments"]
    return [(s["startTime"], s["endTime"], s["body"]) for s in segments]


def test_sentence_timings_match_the_audio_within_50_ms(episode) -> None:
    cues = sentence_cues(episode["stem"])
    speech = speech_frames(episode["samples"])
    assert len(cues) >= 8
    for (start, end, text), following in zip(cues, cues[1:] + [None]):
        assert end > start and text
        inside = speech[int(start / FRAME) : int(end / FRAME)]
        assert inside.any(), f"no speech in cue {text!r}"
        first = int(start / FRAME) + int(np.argmax(inside))
        last = int(start / FRAME) + len(inside) - 1 - int(np.argmax(inside[::-1]))
        assert start - TOLERANCE <= first * FRAME <= start + TOLERANCE  # speech begins with the cue
        if following is not None:
            gap = speech[int((end + TOLERANCE) / FRAME) : int((following[0] - TOLERANCE) / FRAME)]
            assert not gap.any(), f"speech between cues after {text!r}"
        assert end - TOLERANCE - FRAME <= last * FRAME <= end + TOLERANCE  # and ends with it


def test_json_transcript_and_chapters_agree_with_the_captions(episode) -> None:
    captions = vtt_cues(Path(episode["stem"] + ".vtt").read_text())
    transcript = json.loads(Path(episode["stem"] + ".json").read_text())
    assert transcript["version"] == "1.0.0"
    cues = sentence_cues(episode["stem"])
    assert cues
    for start, end, body in cues:  # each sentence is one caption or several short ones, one after another
        said = []
        while captions and " ".join(said) != body:
            first = captions.pop(0)
            if not said:
                assert round(first[0], 3) == start
            said.append(" ".join(html.unescape(re.sub(r"^<v [^>]+>|</v>$", "", first[2])).split()))
            last_end = first[1]
        assert " ".join(said) == body and round(last_end, 3) == end
    assert not captions
    chapters = json.loads(Path(episode["stem"] + ".chapters.json").read_text())
    assert chapters["version"] == "1.2.0"
    starts = [c["startTime"] for c in chapters["chapters"]]
    assert starts[0] == 0 and starts == sorted(starts)
    assert [c["title"] for c in chapters["chapters"]][0] == episode["record"].title
    record_starts = [round(c.start, 3) for c in episode["record"].chapters]
    assert starts == record_starts
    cue_starts = {round(c[0], 3) for c in cues}
    assert all(start in cue_starts for start in starts)  # every chapter starts with a sentence
    text = Path(episode["stem"] + ".txt").read_text()
    assert text.startswith(episode["record"].title)
    assert all(cue[2] in text for cue in cues)


def test_feed_links_transcripts_and_chapters(episode) -> None:
    base = "https://example.org/pod/" + episode["record"].audio.removesuffix(".mp3")
    feed = episode["feed"]
    assert f'<podcast:transcript url="{base}.vtt" type="text/vtt" rel="captions"/>' in feed
    assert f'<podcast:transcript url="{base}.json" type="application/json"/>' in feed
    assert f'<podcast:transcript url="{base}.txt" type="text/plain"/>' in feed
    assert f'<podcast:chapters url="{base}.chapters.json" type="application/json+chapters"/>' in feed


def test_loudness_is_steady_and_within_bounds(episode) -> None:
    measured = measure(str(episode["audio"]))
    assert -17.0 <= measured.integrated <= -15.0
    assert measured.true_peak <= -1.0
    # adjacent paragraphs within 3 LU of each other (short-term loudness, BS.1770)
    paragraphs = Path(episode["stem"] + ".txt").read_text().strip().split("\n\n")
    cues = sentence_cues(episode["stem"])
    spans, index = [], 0
    for paragraph in paragraphs:
        first = index
        while index < len(cues) and cues[index][2] in paragraph:
            index += 1
        spans.append((cues[first][0], cues[index - 1][1]))
    assert index == len(cues)
    import pyloudnorm  # here: it imports scipy, most of a second of every test process's collection

    meter = pyloudnorm.Meter(RATE)
    levels = [meter.integrated_loudness(episode["samples"][int(a * RATE) : int(b * RATE)])
              for a, b in spans if b - a >= 1.0]
    assert len(levels) >= 3
    for before, after in zip(levels, levels[1:]):
        assert abs(before - after) <= 3.0, levels
