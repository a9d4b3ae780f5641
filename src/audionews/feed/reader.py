"""The reader's page: one article to hear and read at once, ``public/episodes/<stem>.html``.

Without script it is a player and the whole text, with the chapters as links into the text.
``reader.js`` (written beside the pages as ``public/reader.js``) makes it read along: the sentence
being heard is marked (``aria-current``, a highlight and an underline), sentences and chapters seek
the player, a speed control and keyboard shortcuts appear. Every sentence is an element with its
``data-start`` and ``data-end`` in seconds, from the episode's real timings, so the page never guesses.

:func:`reader_page` draws any such page (``audionews listen`` draws its growing one with it);
:func:`episode_page` draws a published episode's from its record and its companion files.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import sha256
from html import escape
from importlib.resources import files

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.folder import FeedSettings
from audionews.model import Chapter, Cue

__all__ = ["HEAD_BYTES", "PAGE_CODE", "READER_JS", "READER_SCRIPT_FILE", "SPEEDS", "Link", "clock", "date_element",
           "drawn_digest", "episode_page", "episode_page_path", "page_digest", "paragraphs_of", "reader_page",
           "spoken_duration", "transcript_cues"]

READER_SCRIPT_FILE = "reader.js"
"""The read-along script's name in ``public/``; every episode page loads it from there."""

READER_JS = files("audionews.feed").joinpath(READER_SCRIPT_FILE).read_bytes()
"""The script itself; it is part of :data:`PAGE_CODE`, so a new one makes every page out of date."""

PAGE_CODE = sha256(READER_JS + files("audionews.feed").joinpath("reader.py").read_bytes()).hexdigest()[:16]
"""The page's code (this module and the script): when it changes, every page is drawn again."""

HEAD_BYTES = 1024
"""A page's digest is within its first bytes."""

_DIGEST = re.compile(rb'<meta name="audionews-page" content="([0-9a-f]{16})">')

SPEEDS = tuple(n / 4 for n in range(2, 13))
"""0.5× to 3× in quarter steps: the speeds people who listen fast actually use."""


def episode_page_path(audio: str) -> str:
    """An episode's page, relative to ``public/``, from its MP3's (``episodes/x.mp3`` → ``episodes/x.html``)."""
    return audio.removesuffix(".mp3") + ".html"


@dataclass(frozen=True)
class Link:
    """A plain link under the player: the download, the captions, the article it was read from."""

    href: str
    text: str


# Colours on white as on the index (text #111, links #0645ad, focus #b35900); the sentence being
# heard is #111 on #fff0a0 (17:1) and underlined 3px, so it shows without colour too (WCAG 1.4.1).
_STYLE = """
body{font:1.125rem/1.7 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#111;background:#fff}
a{color:#0645ad}
a:focus,audio:focus,button:focus,select:focus,input:focus,summary:focus,.sentence:focus,h2:focus
{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.meta{color:#333}audio{width:100%}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
button,select{font:inherit;min-height:2.75rem;min-width:2.75rem;padding:.25rem .75rem;color:#111;
background:#f3f3f3;border:1px solid #767676;border-radius:4px}
input[type=checkbox]{width:1.5rem;height:1.5rem;vertical-align:middle}
label{display:inline-flex;gap:.5rem;align-items:center;min-height:2.75rem}
.sentence{border-radius:2px;scroll-margin:6rem}
.sentence[aria-current="true"]{background:#fff0a0;text-decoration:underline 3px;text-underline-offset:.25em;
box-decoration-break:clone}
.keys summary{cursor:pointer;color:#0645ad;min-height:1.5rem}
.keys dt{font-weight:600;display:inline}.keys dd{display:inline;margin:0 1rem 0 .25rem}
.chapters a{display:inline-block;min-height:1.5rem}
[hidden]{display:none!important}
"""


def reader_page(*, title: str, language: str, audio: str, paragraphs: Sequence[Sequence[Cue]],
                chapters: Sequence[Chapter] = (), meta: str = "", links: Sequence[Link] = (),
                home: Link | None = None, scripts: Sequence[str] = (READER_SCRIPT_FILE,),
                captions: str | None = None, document_title: str | None = None, note: str = "",
                place: str | None = None, transcript_data: Mapping[str, str] | None = None,
                digest: str | None = None) -> str:
    """The page, as text. ``meta`` is a line of HTML the caller has escaped; every other string is
    escaped here. ``paragraphs`` hold the sentences in reading order, each a :class:`Cue`. ``place`` names
    the episode for the place the browser remembers (the audio's path, unless given); ``transcript_data``
    becomes the transcript's ``data-*`` attributes, for a script that grows it."""
    heading = escape(title)
    numbered = []
    number = 0
    for paragraph in paragraphs:
        spans = []
        for cue in paragraph:
            number += 1
            spans.append(f'<span class="sentence" id="s-{number}" data-start="{cue.start:.3f}" '
                         f'data-end="{cue.end:.3f}">{escape(cue.text)}</span>')
        if spans:
            numbered.append(f'<p dir="auto">{" ".join(spans)}</p>')
    starts = [cue.start for paragraph in paragraphs for cue in paragraph]
    chapter_items = "\n".join(_chapter(chapter, starts) for chapter in chapters)
    chapter_list = f"""<h2 id="chapters-heading">Chapters</h2>
<ol class="chapters" aria-labelledby="chapters-heading">
{chapter_items}
</ol>""" if chapter_items else ""
    track = (f'\n<track kind="captions" src="{escape(captions)}" srclang="{escape(language)}" label="Captions">'
             if captions else "")
    link_items = ", ".join(f'<a href="{escape(link.href)}">{escape(link.text)}</a>' for link in links)
    link_line = f"<p>{link_items}.</p>" if link_items else ""
    nav = (f'<nav aria-label="Feed"><p><a href="{escape(home.href)}">{escape(home.text)}</a></p></nav>'
           if home else "")
    speeds = "\n".join(f'<option value="{speed:g}"{" selected" if speed == 1 else ""}>{speed:g}×</option>'
                       for speed in SPEEDS)
    meta_line = f'<p class="meta">{meta}</p>' if meta else ""
    place_key = f' data-place="{escape(place)}"' if place else ""
    digest_meta = f'\n<meta name="audionews-page" content="{escape(digest)}">' if digest else ""
    script_tags = "\n".join(f'<script src="{escape(src)}" defer></script>' for src in scripts)
    data = "".join(f' data-{escape(key)}="{escape(value)}"' for key, value in (transcript_data or {}).items())
    note_line = f'<p id="note">{escape(note)}</p>' if note else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">{digest_meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(document_title or title)}</title>
<style>{_STYLE}</style>
{script_tags}
</head>
<body>
<a class="skip" href="#text">Skip to the text</a>
{nav}
<main id="main">
<h1 dir="auto">{heading}</h1>
{meta_line}
<section id="player-region" aria-label="Player">
<audio id="player" controls preload="none" src="{escape(audio)}" aria-label="{heading}"{place_key}>{track}
Your browser cannot play this audio here; download it below.
</audio>
<div class="controls" id="reader-controls" hidden>
<button type="button" id="previous">Previous sentence</button>
<button type="button" id="next">Next sentence</button>
<label for="speed">Speed</label>
<select id="speed">
{speeds}
</select>
<label><input type="checkbox" id="follow" checked> Follow along</label>
<button type="button" id="resume" hidden></button>
</div>
<details class="keys" id="reader-keys" hidden>
<summary>Keyboard shortcuts</summary>
<p>In the player and the text:</p>
<dl>
<dt>K</dt><dd>play or pause</dd>
<dt>J</dt><dd>back one sentence</dd>
<dt>L</dt><dd>forward one sentence</dd>
</dl>
<p>In the player, the Left and Right arrows also go back and forward one sentence. In the text:</p>
<dl>
<dt>Enter</dt><dd>play from the sentence</dd>
<dt>Up and Down arrows</dt><dd>the sentence before or after</dd>
</dl>
</details>
</section>
{link_line}
{note_line}
{chapter_list}
<h2 id="text" tabindex="-1">The article</h2>
<div id="transcript"{data}>
{chr(10).join(numbered)}
</div>
</main>
</body>
</html>
"""


def spoken_duration(seconds: float) -> str:
    """"3 minutes 5 seconds" reads better to a screen reader than "3:05"."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def clock(seconds: float, minutes_width: int = 1) -> str:
    """"3:05", or "1:03:05" past an hour: how a player shows a time (``minutes_width=2``: "03:05", as Apple
    reads chapter times in a description)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:0{minutes_width}d}:{rest % 60:02d}"


def _chapter(chapter: Chapter, starts: list[float]) -> str:
    """A chapter as a link to its first sentence: without script it scrolls there, with it the player seeks."""
    first = next((n for n, start in enumerate(starts, start=1) if start >= chapter.start - 0.001), None)
    href = f"#s-{first}" if first else "#text"
    return (f'<li><a href="{href}" data-start="{chapter.start:.3f}" dir="auto">{escape(chapter.title)}</a> '
            f'<time datetime="PT{int(chapter.start)}S">({clock(chapter.start)})</time></li>')


def transcript_cues(data: str) -> tuple[Cue, ...]:
    """The sentences of a JSON transcript (Podcast Index format), one cue each; malformed entries are skipped."""
    try:
        segments = json.loads(data).get("segments", [])
    except (ValueError, AttributeError):
        return ()
    cues = []
    for segment in segments if isinstance(segments, list) else []:
        if not isinstance(segment, dict):
            continue
        start, end, body = segment.get("startTime"), segment.get("endTime"), segment.get("body")
        if isinstance(start, int | float) and isinstance(end, int | float) and _seconds(start) and _seconds(end) \
                and isinstance(body, str):
            cues.append(Cue(float(start), float(end), body))
    return tuple(cues)


def _seconds(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def paragraphs_of(cues: Sequence[Cue], text: str) -> tuple[tuple[Cue, ...], ...]:
    """The cues grouped as the text transcript's paragraphs are (blank-line separated), matching
    sentence by sentence; where the two disagree, one sentence a paragraph, so nothing is lost."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    grouped: list[tuple[Cue, ...]] = []
    index = 0
    for paragraph in paragraphs:
        group: list[Cue] = []
        rest = paragraph
        while index < len(cues) and rest:
            said = " ".join(cues[index].text.split())
            if not said or not rest.startswith(said):
                break
            group.append(cues[index])
            index += 1
            rest = rest[len(said):].lstrip()
        if rest or not group:
            return tuple((cue,) for cue in cues)
        grouped.append(tuple(group))
    if index != len(cues):
        return tuple((cue,) for cue in cues)
    return tuple(grouped)


def page_digest(settings: FeedSettings, episode: EpisodeRecord) -> str:
    """What an episode's page is drawn from, but its transcripts (their times tell when they change)."""
    facts = [PAGE_CODE, settings.title, episode.title, episode.byline, episode.published, episode.added,
             episode.duration, episode.size, episode.url, episode.language, episode.audio,
             [(c.title, c.start, c.end) for c in episode.chapters]]
    return sha256(json.dumps(facts).encode("utf-8")).hexdigest()[:16]


def drawn_digest(head: bytes) -> str | None:
    """The digest a page was drawn with, from its first bytes (None: no page, or not one of ours)."""
    found = _DIGEST.search(head)
    return found.group(1).decode("ascii") if found else None


def episode_page(settings: FeedSettings, episode: EpisodeRecord, cues: Sequence[Cue], text: str) -> bytes:
    """A published episode's page: its record, and its sentences from the JSON and text transcripts."""
    stem = episode.audio.rsplit("/", 1)[-1].removesuffix(".mp3")
    parts = []
    if episode.byline:
        parts.append(f'By <span dir="auto">{escape(episode.byline)}</span>.')
    published = _day(episode.published) or dt.datetime.fromisoformat(episode.added).date()
    parts.append(f"Published {date_element(published)}.")
    parts.append(f'<time datetime="PT{round(episode.duration)}S">{spoken_duration(episode.duration)}</time>.')
    links = [Link(f"{stem}.mp3", f"Download the MP3 ({episode.size / 1_000_000:.1f} MB)"),
             Link(f"{stem}.vtt", "captions (WebVTT)"), Link(f"{stem}.txt", "the text as a file")]
    if episode.url:
        links.append(Link(episode.url, "the original article"))
    page = reader_page(title=episode.title, language=episode.language, audio=f"{stem}.mp3",
                       paragraphs=paragraphs_of(cues, text), chapters=episode.chapters, meta=" ".join(parts),
                       links=links, home=Link("../index.html", f"{settings.title}: all episodes"),
                       scripts=[f"../{READER_SCRIPT_FILE}"], captions=f"{stem}.vtt",
                       document_title=f"{episode.title} — {settings.title}",
                       digest=page_digest(settings, episode))
    return page.encode("utf-8")


def _day(text: str | None) -> dt.date | None:
    """The article's own date, when the catalog has one that reads as a date."""
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def date_element(day: dt.date) -> str:
    """A date as people read it, and as machines do (``datetime``)."""
    return f'<time datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>'
