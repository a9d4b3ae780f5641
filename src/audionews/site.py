"""The feed's ``public/index.html``: a plain page a screen reader and a keyboard can use.

One heading per episode, a native audio player that never autoplays or preloads, the
duration and date, the chapters as a list, and the subscribe URL.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .catalog import EpisodeRecord
from .feed import FEED_FILE
from .settings import FeedSettings

__all__ = ["build_index_html", "INDEX_FILE", "spoken_duration"]

INDEX_FILE = "index.html"

_STYLE = """
body{font:1.125rem/1.6 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#111;background:#fff}
a{color:#0645ad}a:focus,audio:focus,button:focus{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
article{border-top:1px solid #767676;padding:1rem 0}audio{width:100%}.meta{color:#333}
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


def build_index_html(settings: FeedSettings, episodes: list[EpisodeRecord]) -> bytes:
    feed_url = settings.url(FEED_FILE)
    items = "\n".join(_episode(e) for e in episodes) or "<p>No episodes yet.</p>"
    page = f"""<!DOCTYPE html>
<html lang="{escape(settings.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(settings.title)}</title>
<link rel="alternate" type="application/rss+xml" title="{escape(settings.title)}" href="{escape(feed_url)}">
<style>{_STYLE}</style>
</head>
<body>
<a class="skip" href="#episodes">Skip to episodes</a>
<header>
<h1>{escape(settings.title)}</h1>
<p>{escape(settings.description)}</p>
<p>Subscribe in your podcast app with this address: <a href="{escape(feed_url)}">{escape(feed_url)}</a></p>
</header>
<main id="episodes">
<h2>Episodes</h2>
{items}
</main>
</body>
</html>
"""
    return page.encode("utf-8")


def _episode(episode: EpisodeRecord) -> str:
    added = dt.datetime.fromisoformat(episode.added).date()
    chapters = "".join(f"<li>{escape(c.title)} ({_clock(c.start)})</li>" for c in episode.chapters)
    byline = f"By {escape(episode.byline)}. " if episode.byline else ""
    return f"""<article>
<h3>{escape(episode.title)}</h3>
<p class="meta">{byline}{spoken_duration(episode.duration)}. Published {added:%B} {added.day}, {added.year}.</p>
<audio controls preload="none" src="{escape(episode.audio)}">
<a href="{escape(episode.audio)}">Download the audio of {escape(episode.title)}</a>
</audio>
<p><a href="{escape(episode.audio)}">Download the MP3</a></p>
<h4>Chapters</h4>
<ol>{chapters}</ol>
</article>"""


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
