"""Captions as they are read: cues of at most two lines of 65 characters, each sentence's words kept in
order, its time shared among its cues one after another, and every cue in a voice span naming the reader.

The file is read back with webvtt-py in strict mode (an independent WebVTT parser), over arbitrary
sentences, times and reader names."""

from __future__ import annotations

import html
import itertools
import json
import re

import webvtt
from hypothesis import example, given, settings
from hypothesis import strategies as st

from audionews.feed.companions import CAPTION_LINE, CAPTION_LINES, json_transcript
from audionews.feed.companions import webvtt as make_webvtt
from audionews.model import Cue, plain_text
from conftest import examples

WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=90)
"""A sentence's text: any characters (markup, "-->", "&", right-to-left text), made plain as every cue is."""
SENTENCE = st.builds(plain_text, st.lists(st.one_of(WORDS, st.sampled_from(["a", "word", "x" * 70, "&amp;", "<v x>",
                                                                            "-->", "</v>"])),
                                          min_size=1, max_size=40).map(" ".join)).filter(bool)
MILLIS = st.integers(min_value=0, max_value=60_000)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[Cue, ...]:
    """Sentences one after another, each with its own span (some a millisecond long), gaps between."""
    cues, clock = [], draw(MILLIS) / 1000
    for text in draw(st.lists(SENTENCE, min_size=1, max_size=6)):
        length = draw(st.integers(min_value=1, max_value=30_000)) / 1000
        cues.append(Cue(clock, clock + length, text))
        clock += length + draw(MILLIS) / 1000
    return tuple(cues)


def millis(clock: str) -> int:
    hours, minutes, secs = clock.split(":")
    whole, fraction = secs.split(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(whole)) * 1000 + int(fraction)


@settings(max_examples=examples(200), deadline=None)
@given(cues=sentences(), reader=st.one_of(st.just(""), st.text(min_size=1, max_size=30)))
@example(cues=(Cue(0.0, 4.2, "Sea wall <img src=x onerror=alert(1)> rebuilt in Arden & Co, 5 --> 6."),),
         reader="Joe > <b>\nthe\treader</b> & co")
@example(cues=(Cue(1.0, 1.001, " ".join(["word"] * 60)),), reader="Heart")
def test_captions_are_short_ordered_contiguous_and_name_the_reader(cues: tuple[Cue, ...], reader: str) -> None:
    text = make_webvtt(cues, reader)
    captions = list(webvtt.from_string(text, strict=True))
    name = " ".join(reader.split())
    for cue in cues:
        words, shown, times = cue.text.split(), [], []
        while len(shown) < len(words):
            caption = captions.pop(0)
            assert caption.voice == (html.escape(name, quote=False) if name else None)
            body = re.sub(r"^<v [^>\n]+>|</v>$", "", caption.raw_text) if name else caption.raw_text
            lines = [html.unescape(line) for line in body.split("\n")]
            assert 1 <= len(lines) <= CAPTION_LINES
            assert all(len(line) <= CAPTION_LINE or " " not in line for line in lines), lines
            shown += " ".join(lines).split()
            times.append((millis(caption.start), millis(caption.end)))
        assert shown == words  # every word, in order, none added
        # the sentence's time, or a millisecond a cue where it has less (a cue of no time is dropped by players)
        assert times[0][0] == round(cue.start * 1000)
        assert times[-1][1] == max(round(cue.end * 1000), round(cue.start * 1000) + len(times))
        assert all(a[1] == b[0] for a, b in itertools.pairwise(times))  # one after another, never overlapping
        assert all(start < end for start, end in times)
    assert captions == []


def test_a_long_sentence_shares_its_time_by_characters() -> None:
    """Pinned: four lines (62, 62, 62 and 13 characters) are two cues, with 124 and 75 of 199 characters' time."""
    sentence = " ".join(f"word{n:02d}" for n in range(29))  # 29 words of 6 characters
    captions = list(webvtt.from_string(make_webvtt((Cue(10.0, 20.0, sentence),), "Joe"), strict=True))
    assert [len(c.text.split("\n")) for c in captions] == [2, 2]
    assert [c.text.split("\n")[0] for c in captions] == [" ".join(f"word{n:02d}" for n in range(9)),
                                                         " ".join(f"word{n:02d}" for n in range(18, 27))]
    assert (captions[0].start, captions[0].end, captions[1].start, captions[1].end) == (
        "00:00:10.000", "00:00:16.231", "00:00:16.231", "00:00:20.000")
    assert [c.voice for c in captions] == ["Joe", "Joe"]


def test_the_json_transcript_stays_one_segment_per_sentence() -> None:
    """The episode page reads along sentence by sentence, from the JSON transcript."""
    long = " ".join(["a long sentence"] * 20)
    segments = json.loads(json_transcript((Cue(0.0, 9.0, long), Cue(9.5, 10.0, "Short."))))["segments"]
    assert [(s["startTime"], s["endTime"], s["body"]) for s in segments] == [(0.0, 9.0, long), (9.5, 10.0, "Short.")]
