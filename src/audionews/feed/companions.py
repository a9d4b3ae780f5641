"""An episode's companions, made from its real timings: WebVTT captions (one cue per sentence),
a JSON transcript, a plain-text transcript and Podcasting 2.0 chapters.

Formats: WebVTT (W3C); the Podcast Index JSON transcript ("version" 1.0.0, "segments" with
startTime, endTime and body); the Podcast Index chapters format ("version" 1.2.0, "chapters"
with startTime and title).
"""

from __future__ import annotations

import json
from pathlib import Path

from audionews.files import write_atomic
from audionews.model import Chapter, Cue, Episode, Script

__all__ = ["COMPANIONS", "chapters_json", "companion", "delete_episode_files", "json_transcript", "text_transcript",
           "webvtt", "write_companions"]

COMPANIONS = {
    ".vtt": "text/vtt",
    ".json": "application/json",
    ".txt": "text/plain",
    ".chapters.json": "application/json+chapters",
}
"""Suffix of each companion file beside the MP3, and its media type."""


def _clock(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt(cues: tuple[Cue, ...]) -> str:
    """Captions: one cue per sentence. Cue text is markup in WebVTT ("<b>", "<c.red>", "&amp;"), so
    ``&``, ``<`` and ``>`` are escaped (which makes a "-->" in the text harmless too), and a cue is one line."""
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        text = " ".join(cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
        lines += [str(number), f"{_clock(cue.start)} --> {_clock(cue.end)}", text, ""]
    return "\n".join(lines)


def json_transcript(cues: tuple[Cue, ...]) -> str:
    segments = [{"startTime": round(c.start, 3), "endTime": round(c.end, 3), "body": c.text} for c in cues]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=1)


def text_transcript(script: Script) -> str:
    """The article as heard, paragraph by paragraph, for reading and for search."""
    return "\n\n".join(segment.text for segment in script.segments) + "\n"


def chapters_json(chapters: tuple[Chapter, ...], title: str) -> str:
    entries = [{"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title} for c in chapters]
    return json.dumps({"version": "1.2.0", "title": title, "chapters": entries}, ensure_ascii=False, indent=1)


def companion(audio: Path, suffix: str) -> Path:
    """The file beside an episode's MP3 with ``suffix`` (see :data:`COMPANIONS`)."""
    return audio.with_name(audio.name.removesuffix(".mp3") + suffix)


def write_companions(audio: Path, episode: Episode, script: Script) -> None:
    """Captions, transcripts and chapters beside the MP3, from the episode's real timings."""
    contents = {
        ".vtt": webvtt(episode.cues),
        ".json": json_transcript(episode.cues),
        ".txt": text_transcript(script),
        ".chapters.json": chapters_json(episode.chapters, script.title),
    }
    for suffix in COMPANIONS:
        write_atomic(companion(audio, suffix), contents[suffix].encode("utf-8"))


def delete_episode_files(audio: Path) -> None:
    """An episode's MP3 and every companion beside it."""
    audio.unlink(missing_ok=True)
    for suffix in COMPANIONS:
        companion(audio, suffix).unlink(missing_ok=True)
