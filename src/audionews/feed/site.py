"""The feed's ``public/index.html``: a plain page a screen reader and a keyboard can use.

One heading per episode, so a screen reader's heading list is the episode list; a native audio
player that never autoplays or preloads, named after its episode; the duration and date; the
chapters as a list; a skip link; a focus outline on everything Tab reaches; text at 4.5:1 or
more; and the subscribe URL. Titles come from anywhere, so every one is escaped and marked
``dir="auto"`` for right-to-left scripts. No script: the page works with none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.folder import FeedSettings
from audionews.feed.rss import FEED_FILE

__all__ = ["INDEX_FILE", "PAGE_EPISODES", "build_index_html", "spoken_duration"]

INDEX_FILE = "index.html"

# Colours on white: text #111 (18.9:1), secondary #333 (12.6:1), links #0645ad (8.6:1),
# focus outline #b35900 (4.9:1, above the 3:1 a focus indicator needs).
_STYLE = """
body{font:1.125rem/1.6 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#111;background:#fff}
a{color:#0645ad}
a:focus,audio:focus,audio:focus-within,summary:focus{outline:3px solid #b35900;outline-offset:2px}
summary{cursor:pointer;color:#0645ad}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.feed-url{overflow-wrap:anywhere}
.hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
article{border-top:1px solid #767676;padding:1rem 0}audio{width:100%}.meta{color:#333}
.label{font-weight:600;margin:1rem 0 0}ol{margin-top:.25rem}
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


PAGE_EPISODES = 100
"""The page shows the newest episodes with their full transcripts; the feed lists them all."""


def build_index_html(settings: FeedSettings, episodes: list[EpisodeRecord],
                     transcript: Callable[[EpisodeRecord], str | None] = lambda _: None,
                     total: int | None = None) -> bytes:
    """The page; ``transcript(episode)`` gives an episode's text transcript, shown in full (WCAG 1.2.1).

    ``episodes`` are newest first and only the first :data:`PAGE_EPISODES` are shown, so they
    may be just those, with ``total`` the number the feed has.
    """
    feed_url = escape(settings.url(FEED_FILE))
    title = escape(settings.title)
    items = "\n".join(_episode(n, e, settings.language, transcript(e))
                      for n, e in enumerate(episodes[:PAGE_EPISODES], start=1))
    total = len(episodes) if total is None else total
    count = f"{total} episode{'s' if total != 1 else ''}, newest first." if total else "No episodes yet."
    page = f"""<!DOCTYPE html>
<html lang="{escape(settings.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed_url}">
<style>{_STYLE}</style>
</head>
<body>
<a class="skip" href="#episodes">Skip to episodes</a>
<header>
<h1 dir="auto">{title}</h1>
<p dir="auto">{escape(settings.description)}</p>
<p>Subscribe in your podcast app with this address:
<a class="feed-url" href="{feed_url}">{feed_url}</a></p>
</header>
<main id="episodes" tabindex="-1">
<h2>Episodes</h2>
<p>{count}</p>
{items}
</main>
</body>
</html>
"""
    return page.encode("utf-8")


def _episode(number: int, episode: EpisodeRecord, page_language: str, transcript: str | None) -> str:
    heading = f"episode-{number}"
    title = escape(episode.title)
    lang = f' lang="{escape(episode.language)}"' if episode.language != page_language else ""
    added = dt.datetime.fromisoformat(episode.added).date()
    byline = f'By <span dir="auto">{escape(episode.byline)}</span>. ' if episode.byline else ""
    duration = f'<time datetime="PT{round(episode.duration)}S">{spoken_duration(episode.duration)}</time>'
    date = f'<time datetime="{added.isoformat()}">{added:%B} {added.day}, {added.year}</time>'
    audio = escape(episode.audio)
    stem = episode.audio.removesuffix(".mp3")
    chapters = "\n".join(f'<li><span dir="auto">{escape(c.title)}</span> '
                         f'<time datetime="PT{int(c.start)}S">({_clock(c.start)})</time></li>'
                         for c in episode.chapters)
    chapter_list = f"""<p class="label" id="{heading}-chapters">Chapters</p>
<ol aria-labelledby="{heading}-chapters">
{chapters}
</ol>""" if chapters else ""
    return f"""<article aria-labelledby="{heading}"{lang}>
<h3 id="{heading}" dir="auto">{title}</h3>
<p class="meta">{byline}{duration}. Published {date}.</p>
<audio controls preload="none" src="{audio}" aria-labelledby="{heading}">
<track kind="captions" src="{escape(stem)}.vtt" srclang="{escape(episode.language)}" label="Captions">
Your browser cannot play this audio here; download it below.
</audio>
<p><a href="{audio}" download>Download the MP3 ({_megabytes(episode.size)})\
<span class="hidden">: <bdi>{title}</bdi></span></a></p>
{chapter_list}
{_transcript(heading, title, stem, transcript)}
</article>"""


def _transcript(heading: str, title: str, stem: str, text: str | None) -> str:
    """The full text of the episode, folded so the page stays short, plus the caption file."""
    if not text:
        return ""
    paragraphs = "\n".join(f'<p dir="auto">{escape(p)}</p>' for p in text.strip().split("\n\n") if p.strip())
    return f"""<details>
<summary>Transcript<span class="hidden">: <bdi>{title}</bdi></span></summary>
{paragraphs}
<p><a href="{escape(stem)}.txt">Transcript as text<span class="hidden">: <bdi>{title}</bdi></span></a>,
<a href="{escape(stem)}.vtt">captions (WebVTT)<span class="hidden">: <bdi>{title}</bdi></span></a></p>
</details>"""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
