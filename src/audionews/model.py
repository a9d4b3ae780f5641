"""The data that flows between the stages, one frozen dataclass per hop.

source ─fetch→ Page ─extract→ Article ─script→ Script ─speak→ Take… ─assemble→ Episode ─publish→ feed
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

from audionews.errors import ConfigError, ExtractionError

__all__ = [
    "Article",
    "Block",
    "Chapter",
    "Cue",
    "Episode",
    "Page",
    "Script",
    "Segment",
    "Sentence",
    "Take",
    "Voice",
    "page_text",
    "plain_text",
]

DESCRIPTION_LENGTH, DESCRIPTION_LIMIT = 200, 600
MIN_SPEED, MAX_SPEED = 0.5, 3.0

_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]+")
"""Control characters, lone surrogates and U+FFFE/U+FFFF: not characters of XML 1.0, or not text
(ESC and BEL drive a terminal; a lone surrogate cannot be encoded at all)."""
_BREAKS = str.maketrans({"\x0b": " ", "\x0c": " ", "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " ",
                         "\x85": " ", "\u2028": "\n", "\u2029": "\n\n"})
"""Form feed, NEL and the separators are whitespace, though ``str.splitlines`` breaks lines at them;
the line and paragraph separators are the line breaks they say they are."""
_WHITESPACE = re.compile(r"\s+")


def page_text(text: str) -> str:
    """A page's text as the readers may take it: XML 1.0 characters only, and line breaks only where
    a reader of the page sees them."""
    return _NOT_TEXT.sub("", text.translate(_BREAKS))


def plain_text(text: str) -> str:
    """A field of an article (a headline, a paragraph, a name): :func:`page_text` on one line, its
    whitespace single spaces, so the feed, the ID3 tags and a terminal can all carry it."""
    return _WHITESPACE.sub(" ", page_text(text)).strip()


PageKind = Literal["html", "text"]
BlockKind = Literal["paragraph", "heading", "item"]
SegmentKind = Literal["headline", "byline", "heading", "paragraph", "item", "disclosure"]


@dataclass(frozen=True)
class Page:
    """A source as read: decoded text plus what we know of where it came from."""

    source: str
    """What the user named: a path, a URL or ``-``."""
    kind: PageKind
    text: str
    url: str | None = None
    """The URL the page was fetched from, after redirects; None for files and stdin."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", page_text(self.text))  # see page_text: whoever made the Page


@dataclass(frozen=True)
class Block:
    """One unit of the article body as the author wrote it."""

    kind: BlockKind
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", plain_text(self.text))


@dataclass(frozen=True)
class Article:
    """The readable article: what a listener should hear, and nothing else.

    Its text is plain text, and it has a headline (:class:`ExtractionError` otherwise). ``source`` is
    what the user named, kept as given."""

    source: str
    headline: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    image: str | None = None
    """The lead image's URL, when the page names one."""

    def __post_init__(self) -> None:
        """Every field a page gave is plain text (:func:`plain_text`), whichever reader made the
        article and whatever replaced a field since (a feed entry's title and author): the one boundary
        page text crosses on its way to the feed, the tags and the terminal."""
        object.__setattr__(self, "headline", plain_text(self.headline))
        for name in ("byline", "language", "url", "image"):  # None when nothing is left of them
            value = getattr(self, name)
            object.__setattr__(self, name, (value and plain_text(value)) or None)
        object.__setattr__(self, "blocks", tuple(block for block in self.blocks if block.text))
        if not self.headline:  # it titles the episode
            raise ExtractionError("no headline found", self.source)

    @property
    def body(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.blocks)

    @property
    def description(self) -> str:
        """The opening paragraphs, about 200 characters (at most 600), for a feed item or a listing;
        the headline when there is no paragraph."""
        text = ""
        for paragraph in (b.text for b in self.blocks if b.kind == "paragraph"):
            text = f"{text} {paragraph}".strip()
            if len(text) >= DESCRIPTION_LENGTH:
                break
        if len(text) > DESCRIPTION_LIMIT:
            text = text[:DESCRIPTION_LIMIT].rsplit(" ", 1)[0] + "…"
        return text or self.headline

    def to_json(self) -> dict:
        """The ``clean --json`` record; later quality checks read these field names."""
        return {
            "source": self.source,
            "url": self.url,
            "headline": self.headline,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "body": list(self.body),
        }


@dataclass(frozen=True)
class Sentence:
    """One sentence as written (for the transcript) and as it will be spoken."""

    text: str
    spoken: str


@dataclass(frozen=True)
class Segment:
    """One piece of speech, synthesized sentence by sentence so its timings are known exactly."""

    kind: SegmentKind
    sentences: tuple[Sentence, ...]
    pause_after: float
    """Seconds of silence after this segment."""
    chapter: str | None = None
    """Title of the chapter this segment starts, if it starts one."""

    @property
    def text(self) -> str:
        """The segment as written, for transcripts."""
        return " ".join(s.text for s in self.sentences)

    @property
    def spoken(self) -> str:
        """The segment exactly as the engine says it (after normalization for speech)."""
        return " ".join(s.spoken for s in self.sentences)


@dataclass(frozen=True)
class Script:
    """An article turned into the segments an engine will speak, in order."""

    title: str
    byline: str | None
    published: dt.date | None
    language: str
    segments: tuple[Segment, ...]
    url: str | None = None
    image: str | None = None
    description: str = ""
    """The article's opening, for the feed item (see :attr:`Article.description`)."""
    reader: str = ""
    """The name of the voice that reads it ("Joe"), when known: the captions name it in their voice tag."""

    def to_json(self) -> dict:
        """The script as JSON's types, as a task carries it to a worker on another machine (:mod:`audionews.broker`)."""
        return {**asdict(self), "published": self.published.isoformat() if self.published else None}

    @classmethod
    def from_json(cls, data: dict) -> Script:
        """The script :meth:`to_json` gave; a malformed one is an error, not a different script."""
        try:
            segments = tuple(Segment(s["kind"], tuple(Sentence(t["text"], t["spoken"]) for t in s["sentences"]),
                                     float(s["pause_after"]), s["chapter"]) for s in data["segments"])
            published = dt.date.fromisoformat(data["published"]) if data["published"] else None
            return cls(data["title"], data["byline"], published, data["language"], segments, data["url"],
                       data["image"], data["description"], data["reader"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a script: {exc!r}") from exc

    def fingerprint(self, *voice: str) -> str:
        """A hash of everything that decides the audio: text, pauses, and the voice settings."""
        payload = json.dumps([[asdict(s) for s in self.segments], list(voice)], sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Voice:
    """What the listener chose: engine, voice (engine-specific; empty for its default), speed, language."""

    engine: str = "piper"
    voice: str = ""
    speed: float = 1.0
    language: str = "en"

    def __post_init__(self) -> None:
        if not MIN_SPEED <= self.speed <= MAX_SPEED:
            raise ConfigError(f"speed {self.speed} is outside {MIN_SPEED} to {MAX_SPEED}")


@dataclass(frozen=True)
class Take:
    """The audio of one segment: 16-bit mono PCM, and where each of its sentences ends."""

    segment: Segment
    pcm: bytes
    sample_rate: int
    sentence_spans: tuple[tuple[int, int], ...] = ()
    """Where each sentence's speech starts and ends, in samples from the take's start (the cues)."""

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


@dataclass(frozen=True)
class Cue:
    """One sentence of the transcript and when it is heard, in seconds from the episode's start."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Episode:
    """An encoded, tagged MP3 and what a feed needs to know about it."""

    path: str
    duration: float
    size: int
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    cues: tuple[Cue, ...] = field(default_factory=tuple)
