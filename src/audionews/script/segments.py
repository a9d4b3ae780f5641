"""Article → Script: the segments an engine will speak, in order, with their pauses and chapters.

headline → byline and date ("By Leo Cruz. Friday, June 13, 2025.") → body paragraph by
paragraph, section headings as their own segments. Each segment is synthesized on its own, so
its start time in the episode is known exactly and chapters come for free.

Each sentence keeps its written text (for transcripts) and gets its spoken text from the feed's
lexicon and the normalization rules together (:meth:`Lexicon.for_speech`), for every engine alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from audionews.model import Article, Script, Segment, SegmentKind, Sentence
from audionews.script.lexicon import Lexicon
from audionews.script.sentences import split_sentences

__all__ = ["PAUSES", "make_script", "spoken_date"]

PAUSES = {
    "headline": 1.2,
    "byline": 1.0,
    "heading": 0.8,
    "paragraph": 0.7,
    "item": 0.45,
    "end": 1.0,
}
"""Seconds of silence after each kind of segment; longer after the headline and byline."""
# "end" is the silence after the last segment, so players do not clip the final word.


def _as_said(byline: str) -> str:
    """A byline with full names in capitals ("JANE DOE", as some pages write them) in the case of a name,
    which some engines would otherwise spell out letter by letter."""
    parts = re.split(r"(\s*(?:,|&|\band\b)\s*)", byline)
    return "".join(p.title() if p.isupper() and len(p.split()) >= 2 else p for p in parts)  # not "AFP", "NASA"


def make_script(article: Article, default_language: str = "en", lexicon: Lexicon = Lexicon()) -> Script:
    language = article.language or default_language

    def segment(kind: SegmentKind, text: str, chapter: str | None = None) -> Segment:
        sentences = tuple(Sentence(s, lexicon.for_speech(s, language)) for s in split_sentences(_sentence(text)))
        return Segment(kind, sentences, PAUSES[kind], chapter=chapter)

    segments: list[Segment] = [segment("headline", article.headline, chapter=article.headline)]
    credit = " ".join(
        part
        for part in (
            _sentence(f"By {_as_said(article.byline)}") if article.byline else "",
            _sentence(spoken_date(article.published)) if article.published else "",
        )
        if part
    )
    if credit:
        if article.byline:
            title = f"By {article.byline}"
        else:
            title = spoken_date(article.published) if article.published else ""
        segments.append(segment("byline", credit, chapter=title))
    for index, block in enumerate(article.blocks):
        chapter = None
        if block.kind == "heading":
            chapter = block.text
        elif index == 0:
            chapter = _opening(block.text)
        segments.append(segment(block.kind, block.text, chapter=chapter))
    segments[-1] = dataclasses.replace(segments[-1], pause_after=PAUSES["end"])
    return Script(
        title=article.headline,
        byline=article.byline,
        published=article.published,
        language=language,
        segments=tuple(segments),
        url=article.url,
        image=article.image,
        description=article.description,
    )


def spoken_date(day: dt.date) -> str:
    """"Friday, June 13, 2025": the weekday helps a listener place the story."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _sentence(text: str) -> str:
    """Whitespace tidied and a full stop added where none ends the line, so engines close the tone."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if re.search(r"[.!?…:;][\"'”’»)\]]*$", text) else text + "."


def _opening(text: str, limit: int = 8) -> str:
    words = text.split()
    return " ".join(words[:limit]).rstrip(",;:.") + ("…" if len(words) > limit else "")
