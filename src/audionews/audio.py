"""Takes → Episode: segments levelled and joined with their pauses, encoded to MP3, tagged with ID3
and chapters, with one transcript cue per sentence.

The MP3 is mono, 44.1 kHz, 64 kbit/s CBR (speech needs no more; every podcast app plays it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TCON, CTOCFlags
from mutagen.id3 import delete as delete_id3

from .errors import AudioError
from .ffmpeg import audio_segment_class
from .files import atomic_path
from . import loudness
from .model import Chapter, Cue, Episode, Take
from .speak import SENTENCE_GAP

__all__ = ["Tags", "assemble", "SAMPLE_RATE", "BITRATE"]

SAMPLE_RATE = 44_100
BITRATE = "64k"


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str | None = None
    album: str | None = None
    date: dt.date | None = None
    language: str | None = None


def assemble(takes: tuple[Take, ...], path: Path, tags: Tags) -> Episode:
    """Join ``takes`` with their pauses into a tagged MP3 at ``path`` (written atomically).

    Each take is levelled on its own (see :mod:`.loudness`); chapter and cue times are counted
    in samples while joining, so they match the audio exactly.
    """
    if not takes:
        raise AudioError("nothing to assemble: the script has no segments")
    rate = takes[0].sample_rate
    if any(take.sample_rate != rate for take in takes):
        raise AudioError("takes have different sample rates")
    pcm = bytearray()
    chapters: list[tuple[str, int]] = []
    cues: list[Cue] = []
    for take in takes:
        start = len(pcm) // 2
        if take.segment.chapter:
            chapters.append((take.segment.chapter, start))
        measured = loudness.level(take.pcm, rate)
        gain = 0.0 if measured is None else loudness.TARGET_LUFS - loudness.HEADROOM_DB - measured
        pcm += loudness.adjust(take.pcm, gain)
        cues.extend(_cues(take, start, rate))
        pcm += b"\x00\x00" * round(take.segment.pause_after * rate)
    total = len(pcm) // 2
    track = audio_segment_class()(data=bytes(pcm), sample_width=2, frame_rate=rate, channels=1)
    timed = tuple(
        Chapter(title, start / rate, (chapters[i + 1][1] if i + 1 < len(chapters) else total) / rate)
        for i, (title, start) in enumerate(chapters)
    )
    with atomic_path(path) as temp:

        def encode(audio_filter: str) -> None:
            try:
                track.export(str(temp), format="mp3", bitrate=BITRATE,
                             parameters=["-af", audio_filter, "-ac", "1", "-ar", str(SAMPLE_RATE)])
            except Exception as exc:  # noqa: BLE001 - pydub raises CouldntEncodeError and OSError
                raise AudioError(f"MP3 encoding failed ({exc})") from exc

        loudness.encode_levelled(bytes(pcm), rate, encode, str(temp))
        write_tags(temp, tags, timed)
    return Episode(path=str(path), duration=total / rate, size=path.stat().st_size, chapters=timed,
                   cues=tuple(cues))


def _cues(take: Take, start: int, rate: int) -> list[Cue]:
    """One cue per sentence: from where its speech starts to where it ends."""
    cues = []
    sentence_start = start
    gap = round(SENTENCE_GAP * rate)
    for sentence, end in zip(take.segment.sentences, take.sentence_ends):
        cues.append(Cue(sentence_start / rate, (start + end) / rate, sentence.text))
        sentence_start = start + end + gap
    return cues


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
