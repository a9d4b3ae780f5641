"""An episode heard back: each sentence transcribed offline, and how many of its words got through.

``audionews publish --verify`` and ``benchmarks/intelligibility.py`` share this. The MP3 is decoded
with our ffmpeg to 16 kHz mono, and each sentence's own span (its transcript cue, counted in
samples when the episode was assembled) is transcribed by pocketsphinx, an offline recognizer
with a bundled US English model (the ``verify`` extra). So no text alignment is needed, and a
sentence that was dropped or garbled is named by its number.

The measure is **word recall**: of the words a listener should hear, the share the recognizer
also heard. Words are lower-case runs of letters and apostrophes (hyphens split "twenty-five";
letters spelled one by one count as one word, so "F B I" and the recognizer's "fbi" agree); the
reference and the transcript are compared as bags of words (clipped counts, order ignored).
pocketsphinx's small model mishears clean speech too, so a low recall says "listen to this one",
not "this is wrong": it is reported, and never fails a publish.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from audionews.errors import ConfigError
from audionews.ffmpeg import run_ffmpeg
from audionews.model import Episode, Script

__all__ = ["MIN_RECALL", "RATE", "Unclear", "Verification", "decoder", "pcm16k", "recall", "require_recognizer",
           "transcribe", "verify_episode", "words"]

RATE = 16_000
"""pocketsphinx's US English model is trained on 16 kHz speech."""

MIN_RECALL = 0.5
"""A sentence whose recall is under this may be unclear. Measured so far only on the three examples
with piper (``publish --verify``): 4 sentences under 0.5 (none of harbor-wind-farm's 14), among them a
byline of names the recognizer's vocabulary lacks. To be settled over the benchmark articles
(``benchmarks/intelligibility.py`` prints the per-sentence distribution)."""

MARGIN = 0.15
"""Seconds of audio kept either side of a sentence's cue, so its first and last phones are whole."""

EXTRA = "verify"
"""The extra that installs the recognizer: ``pip install 'audionews[verify]'``."""

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def words(text: str) -> list[str]:
    """Lower-case words: letters and inner apostrophes; hyphens and punctuation split; a run of two or
    more single letters is one word ("f b i" and "fbi" are both "fbi", "a m" is "am")."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*_WORD.findall(text.lower().replace("’", "'")), ""]:
        if len(word) == 1:
            run.append(word)
            continue
        joined.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            joined.append(word)
    return joined


def recall(reference: list[str], heard: list[str]) -> tuple[int, int]:
    """(words of ``reference`` heard, words in ``reference``), as bags of words with clipped counts."""
    return sum((Counter(reference) & Counter(heard)).values()), len(reference)


def require_recognizer() -> None:
    """Fail in one line, naming the extra, when pocketsphinx is not installed."""
    try:
        import pocketsphinx  # noqa: F401
    except ImportError:
        raise ConfigError(f"verifying needs the offline recognizer pocketsphinx: pip install "
                          f"'audionews[{EXTRA}]'") from None


def decoder():
    """A pocketsphinx decoder with its bundled US English model, quiet."""
    require_recognizer()
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL")


def pcm16k(mp3: Path) -> bytes:
    """The MP3 as 16 kHz mono signed 16-bit little-endian PCM, decoded by our ffmpeg."""
    return run_ffmpeg(["-i", str(mp3), "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"])


def transcribe(pcm: bytes, recognizer=None) -> str:
    """What the recognizer hears in 16 kHz PCM, as one utterance."""
    recognizer = recognizer or decoder()
    recognizer.start_utt()
    recognizer.process_raw(pcm, full_utt=True)
    recognizer.end_utt()
    hypothesis = recognizer.hyp()
    return hypothesis.hypstr if hypothesis else ""


@dataclass(frozen=True)
class Unclear:
    """A sentence the recognizer heard too little of."""

    number: int
    """Its place in the episode, from 1 (the title is sentence 1)."""
    recall: float
    text: str
    """The sentence as written."""


@dataclass(frozen=True)
class Verification:
    """What hearing an episode back found: each sentence's recall; or why it was not heard back."""

    recalls: tuple[float | None, ...] = ()
    """Each sentence's recall, in order; None for a sentence with no words to hear."""
    unclear: tuple[Unclear, ...] = ()
    skipped: str | None = None
    """Why the episode was not verified (its language)."""


def verify_episode(episode: Episode, script: Script, threshold: float = MIN_RECALL, words: bool = True) -> Verification:
    """Transcribe each sentence of ``episode`` (assembled from ``script``) on its own, and name those
    whose recall is under ``threshold``. Only English is verified: the recognizer knows no other; and
    only ``words`` (not the silent engine's hums)."""
    if not script.language.lower().startswith("en"):
        return Verification(skipped=f"verification is English-only (the article is {script.language!r}); skipped")
    if not words:
        return Verification(skipped="the silent engine speaks no words; nothing to verify")
    sentences = [sentence for segment in script.segments for sentence in segment.sentences]
    recognizer = decoder()
    pcm = pcm16k(Path(episode.path))
    recalls = sentence_recalls(pcm, ((cue.start, cue.end) for cue in episode.cues),
                               [sentence.spoken for sentence in sentences], recognizer)
    unclear = tuple(Unclear(number, score, sentence.text)
                    for number, (score, sentence) in enumerate(zip(recalls, sentences, strict=True), start=1)
                    if score is not None and score < threshold)
    return Verification(tuple(recalls), unclear)


def sentence_recalls(pcm: bytes, spans: Iterable[tuple[float, float]], spoken: list[str],
                     recognizer=None) -> list[float | None]:
    """Each sentence's recall: the words of ``spoken[i]`` heard in its span (seconds) of ``pcm``."""
    recognizer = recognizer or decoder()
    scores: list[float | None] = []
    for (start, end), text in zip(spans, spoken, strict=True):
        reference = words(text)
        if not reference:
            scores.append(None)
            continue
        first = max(0, round((start - MARGIN) * RATE)) * 2
        last = round((end + MARGIN) * RATE) * 2
        heard, count = recall(reference, words(transcribe(pcm[first:last], recognizer)))
        scores.append(heard / count)
    return scores
