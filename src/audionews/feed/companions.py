"""An episode's companions, made from its real timings: WebVTT captions (short cues, as captions are
read), a JSON transcript (one segment per sentence, as the episode page reads along), a plain-text
transcript and Podcasting 2.0 chapters.

Formats: WebVTT (W3C); the Podcast Index JSON transcript ("version" 1.0.0, "segments" with
startTime, endTime and body); the Podcast Index chapters format ("version" 1.2.0, "chapters"
with startTime and title).
"""

from __future__ import annotations

import json
from pathlib import Path

from audionews.files import write_atomic
from audionews.model import Chapter, Cue, Episode, Script

__all__ = ["CAPTION_LINE", "CAPTION_LINES", "COMPANIONS", "caption_lines", "chapters_json", "companion",
           "delete_episode_files", "json_transcript", "text_transcript", "webvtt", "write_companions"]

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


CAPTION_LINE = 65
"""Characters a caption line holds at most (a longer word stands alone): about what broadcasters allow."""
CAPTION_LINES = 2
"""Lines a caption shows at once: a longer sentence is several captions."""


def caption_lines(text: str) -> list[str]:
    """``text``'s words, in order, filled into lines of at most :data:`CAPTION_LINE` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CAPTION_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(cues: tuple[Cue, ...], reader: str = "") -> str:
    """Captions: each sentence in cues of at most two lines of :data:`CAPTION_LINE` characters, which share
    the sentence's time by their characters, one after another; each cue in a voice span naming the reader.

    Cue text is markup in WebVTT ("<b>", "<c.red>", "&amp;"), so ``&``, ``<`` and ``>`` are escaped (which
    makes a "-->" in the text harmless too); the voice's name, an annotation, is escaped too and on one line.
    Times are counted in whole milliseconds, as the file writes them, so cues of a sentence meet exactly."""
    voice = _escaped(" ".join(reader.split()))
    lines = ["WEBVTT", ""]
    number = 0
    for cue in cues:
        said = caption_lines(cue.text)
        pieces = [said[i:i + CAPTION_LINES] for i in range(0, len(said), CAPTION_LINES)] or [[""]]
        sizes = [sum(map(len, piece)) for piece in pieces]
        start, end = round(cue.start * 1000), round(cue.end * 1000)
        end = max(end, start + len(pieces))  # a cue lasts a millisecond at least, or players drop it
        total = max(sum(sizes), 1)
        bounds = [start + round((end - start) * sum(sizes[:i]) / total) for i in range(len(pieces))] + [end]
        for i in range(1, len(pieces)):  # each piece a millisecond at least
            bounds[i] = min(max(bounds[i], bounds[i - 1] + 1), end - (len(pieces) - i))
        for index, piece in enumerate(pieces):
            begin, finish = bounds[index], bounds[index + 1]
            text = "\n".join(_escaped(line) for line in piece)
            number += 1
            lines += [str(number), f"{_clock(begin / 1000)} --> {_clock(finish / 1000)}",
                      f"<v {voice}>{text}</v>" if voice else text, ""]
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
        ".vtt": webvtt(episode.cues, script.reader),
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
