"""Takes → Episode: segments levelled and joined with their pauses, encoded to MP3 as they arrive,
tagged with ID3 and chapters, with one transcript cue per sentence.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, CTOCFlags
from mutagen.id3 import delete as delete_id3

from audionews.audio import loudness
from audionews.audio.encode import Mp3Writer
from audionews.errors import AudioError
from audionews.files import atomic_path
from audionews.model import Chapter, Cue, Episode, Script, Take

__all__ = ["Leveller", "Tags", "assemble", "levelled", "write_tags"]

LOUDNESS_TOLERANCE = 0.5
"""LU the encoded episode may stray from the target before it is encoded again (the promise is ±1)."""


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str | None = None
    album: str | None = None
    date: dt.date | None = None
    language: str | None = None

    @classmethod
    def of(cls, script: Script, album: str) -> Tags:
        return cls(title=script.title, artist=script.byline, album=album, date=script.published,
                   language=script.language)


Leveller = Callable[[Take], bytes]
"""A take's PCM levelled (see :func:`levelled`); a caller may keep what it levelled before."""


def levelled(take: Take) -> bytes:
    """The take levelled to the target loudness with its true peak limited (:mod:`.loudness`)."""
    return loudness.levelled(take.pcm, take.sample_rate)


def assemble(takes: Iterable[Take], path: Path, tags: Tags, level: Leveller = levelled) -> Episode:
    """Join ``takes`` with their pauses into a tagged MP3 at ``path`` (written atomically).

    Each take is levelled on its own by ``level`` and sent to the encoder at once, so only one segment's audio is
    in memory; chapter and cue times are counted in samples while joining, so they match the
    audio exactly.
    """
    chapters: list[tuple[str, int]] = []
    cues: list[Cue] = []
    total, rate = 0, 0
    with atomic_path(path) as temp, contextlib.ExitStack() as stack:
        writer: Mp3Writer | None = None
        for take in takes:
            if writer is None:
                rate = take.sample_rate
                writer = stack.enter_context(Mp3Writer(temp, rate))
            elif take.sample_rate != rate:
                raise AudioError("takes have different sample rates")
            if take.segment.chapter:
                chapters.append((take.segment.chapter, total))
            cues.extend(_cues(take, total, rate))
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


def write_tags(path: Path, tags: Tags, chapters: tuple[Chapter, ...]) -> None:
    """ID3v2.3 (read by every player) with title, artist, album, date and CHAP/CTOC chapters."""
    delete_id3(path)  # ffmpeg wrote its own ID3v2.4 header; start clean
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    if tags.artist:
        id3.add(TPE1(encoding=3, text=[tags.artist]))
    if tags.album:
        id3.add(TALB(encoding=3, text=[tags.album]))
    if tags.date:
        id3.add(TDRC(encoding=3, text=[tags.date.isoformat()]))
    if tags.language:
        id3.add(TLAN(encoding=3, text=[tags.language]))
    id3.add(TCON(encoding=3, text=["Podcast"]))
    ids = [f"chp{i}" for i in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters):
        id3.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000), end_time=round(chapter.end * 1000),
                     sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    if chapters:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    id3.save(path, v2_version=3)
