"""An episode's ID3 tags: what a player shows (title, artist, album, date, language) and its chapters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, CTOCFlags
from mutagen.id3 import delete as delete_id3

from audionews.model import Chapter, Script

__all__ = ["Tags", "write_tags"]


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
    for element_id, chapter in zip(ids, chapters, strict=True):
        id3.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000), end_time=round(chapter.end * 1000),
                     sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    if chapters:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    id3.save(path, v2_version=3)
