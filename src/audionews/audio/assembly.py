"""Takes → Episode: segments levelled and joined with their pauses, encoded to MP3 as they arrive,
tagged with ID3 and chapters, with one transcript cue per sentence.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from audionews.audio import loudness
from audionews.audio.encode import Mp3Writer
from audionews.audio.tags import Tags, write_tags
from audionews.errors import AudioError
from audionews.files import atomic_path
from audionews.model import Chapter, Cue, Episode, Segment, Take

__all__ = ["Leveller", "Listener", "assemble", "levelled"]

LOUDNESS_TOLERANCE = 0.5
"""LU the encoded episode may stray from the target before it is encoded again (the promise is ±1)."""


Leveller = Callable[[Take], bytes]
"""A take's PCM levelled (see :func:`levelled`); a caller may keep what it levelled before."""


class Listener(Protocol):
    """Hears an episode while it is made (``audionews listen``): its MP3 and its sentences' times."""

    def audio(self, chunk: bytes) -> None:
        """The next bytes of the MP3, as the encoder writes them (called from the encoder's thread)."""

    def segment(self, segment: Segment, cues: tuple[Cue, ...]) -> None:
        """A segment's sentences, timed, as soon as it is spoken (its audio goes to the encoder next)."""


def levelled(take: Take) -> bytes:
    """The take levelled to the target loudness with its true peak limited (:mod:`.loudness`)."""
    return loudness.levelled(take.pcm, take.sample_rate)


def assemble(takes: Iterable[Take], path: Path, tags: Tags, level: Leveller = levelled,
             listener: Listener | None = None) -> Episode:
    """Join ``takes`` with their pauses into a tagged MP3 at ``path`` (written atomically).

    Each take is levelled on its own by ``level`` and sent to the encoder at once, so only one segment's audio is
    in memory; chapter and cue times are counted in samples while joining, so they match the
    audio exactly. A ``listener`` hears the MP3 and the cues as they are made.
    """
    chapters: list[tuple[str, int]] = []
    cues: list[Cue] = []
    total, rate = 0, 0
    with atomic_path(path) as temp, contextlib.ExitStack() as stack:
        writer: Mp3Writer | None = None
        for take in takes:
            if writer is None:
                rate = take.sample_rate
                writer = stack.enter_context(Mp3Writer(temp, rate, listener.audio if listener else None))
            elif take.sample_rate != rate:
                raise AudioError("takes have different sample rates")
            if take.segment.chapter:
                chapters.append((take.segment.chapter, total))
            timed_cues = _cues(take, total, rate)
            cues.extend(timed_cues)
            if listener:
                listener.segment(take.segment, tuple(timed_cues))
            pause = b"\x00\x00" * round(take.segment.pause_after * rate)
            writer.write(level(take) + pause)
            total += len(take.pcm) // 2 + len(pause) // 2
        if writer is None:
            raise AudioError("nothing to assemble: the script has no segments")
        _checked(writer, writer.finish())
        timed = tuple(
            Chapter(title, start / rate, (chapters[i + 1][1] if i + 1 < len(chapters) else total) / rate)
            for i, (title, start) in enumerate(chapters)
        )
        write_tags(temp, tags, timed)
    return Episode(path=str(path), duration=total / rate, size=path.stat().st_size, chapters=timed,
                   cues=tuple(cues))


def _checked(writer: Mp3Writer, measured: loudness.Measured) -> loudness.Measured:
    """Encode again, with the gain that corrects it, an episode whose loudness or true peak is out
    of bounds (what MP3 does to peaks cannot be known before encoding)."""
    for _ in range(2):
        if not measured.integrated > -70:
            return measured  # silence: nothing to level
        gain = 0.0
        if abs(measured.integrated - loudness.TARGET_LUFS) > LOUDNESS_TOLERANCE:
            gain = loudness.TARGET_LUFS - measured.integrated
        gain = min(gain, loudness.PEAK_CEILING - 0.3 - measured.true_peak)
        if abs(gain) < 0.01:
            return measured
        measured = writer.encode_again(gain)
    return measured


def _cues(take: Take, start: int, rate: int) -> list[Cue]:
    """One cue per sentence: from where its speech starts to where it ends."""
    return [Cue((start + begin) / rate, (start + end) / rate, sentence.text)
            for sentence, (begin, end) in zip(take.segment.sentences, take.sentence_spans, strict=True)]
