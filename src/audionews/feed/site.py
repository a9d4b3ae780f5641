"""The feed's ``public/index.html`` and its archive: plain pages a screen reader and a keyboard can use.

One heading per episode, so a screen reader's heading list is the episode list, linking to the
episode's own page (``reader.py``) where the text reads along; a native audio player that never
autoplays or preloads, named after its episode; the duration and date; the chapters as a list; a
skip link; a focus outline on everything Tab reaches; text at 4.5:1 or more; and the subscribe URL.
The index holds the newest episodes; ``archive/YYYY-MM.html`` lists every episode of a month, so
any episode, however many there are, is two links from the index. Titles come from anywhere, so
every one is escaped and marked ``dir="auto"`` for right-to-left scripts. No script: the pages work
with none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from audionews.feed.catalog import EpisodeRecord
from audionews.feed.folder import FeedSettings
from audionews.feed.reader import clock, date_element, episode_page_path, spoken_duration
from audionews.feed.rss import FEED_FILE

__all__ = ["ARCHIVE_DIR", "INDEX_FILE", "PAGE_EPISODES", "Archive", "build_index_html", "spoken_duration"]

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


PAGE_EPISODES = 100
"""The index shows the newest episodes; the archive pages list every one, a month a page."""

ARCHIVE_DIR = "archive"
"""``public/archive/YYYY-MM.html``: every episode of a month, so each is two links from the index."""


@dataclass(frozen=True)
class Month:
    key: str  # "2026-11"
    name: str  # "November 2026"
    count: int

    @property
    def page(self) -> str:
        return f"{ARCHIVE_DIR}/{self.key}.html"


class Archive:
    """The archive built one episode at a time (newest first, as the catalog gives them), so a
    feed of any size is listed without holding its records: each keeps one line of HTML."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def add(self, episode: EpisodeRecord) -> None:
        added = _added(episode)
        page = episode_page_path(episode.audio)
        self._lines.setdefault(f"{added.year:04d}-{added.month:02d}", []).append(
            f'<li><a href="../{escape(page)}" dir="auto">{escape(episode.title)}</a>. '
            f'{date_element(added)}, {_duration(episode.duration)}.</li>')

    def months(self) -> list[Month]:
        """Newest first."""
        return [Month(key, f"{dt.date.fromisoformat(key + '-01'):%B} {int(key[:4])}", len(lines))
                for key, lines in sorted(self._lines.items(), reverse=True)]

    def pages(self, settings: FeedSettings) -> dict[str, bytes]:
        """Each month's page, by its path in ``public/``."""
        return {month.page: _archive_page(settings, month, self._lines[month.key]) for month in self.months()}


def build_index_html(settings: FeedSettings, episodes: list[EpisodeRecord], total: int | None = None,
                     months: list[Month] | None = None) -> bytes:
    """The page: the newest :data:`PAGE_EPISODES` with a player each, and a link to each month's archive.

    ``episodes`` are newest first and only the first :data:`PAGE_EPISODES` are shown, so they
    may be just those, with ``total`` the number the feed has.
    """
    feed_url = escape(settings.url(FEED_FILE))
    title = escape(settings.title)
    shown = episodes[:PAGE_EPISODES]
    items = "\n".join(_episode(n, e, settings.language) for n, e in enumerate(shown, start=1))
    total = len(episodes) if total is None else total
    count = f"{total} episode{'s' if total != 1 else ''}, newest first." if total else "No episodes yet."
    if total > len(shown):
        count += f" Here are the newest {len(shown)}; the archive below lists them all, a month a page."
    archive = _archive_list(months or [])
    head = f'<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed_url}">'
    return _document(settings.language, title, head, f"""<a class="skip" href="#episodes">Skip to episodes</a>
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
{archive}
</main>""")


def _document(language: str, title: str, head: str, body: str) -> bytes:
    """A page of the site: ``title`` and ``head`` as HTML already escaped, then ``body``."""
    page = f"""<!DOCTYPE html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}<style>{_STYLE}</style>
</head>
<body>
{body}
</body>
</html>
"""
    return page.encode("utf-8")


def _episode(number: int, episode: EpisodeRecord, page_language: str) -> str:
    heading = f"episode-{number}"
    title = escape(episode.title)
    lang = f' lang="{escape(episode.language)}"' if episode.language != page_language else ""
    byline = f'By <span dir="auto">{escape(episode.byline)}</span>. ' if episode.byline else ""
    duration = _duration(episode.duration)
    date = date_element(_added(episode))
    audio = escape(episode.audio)
    page = escape(episode_page_path(episode.audio))
    stem = episode.audio.removesuffix(".mp3")
    chapters = "\n".join(f'<li><span dir="auto">{escape(c.title)}</span> '
                         f'<time datetime="PT{int(c.start)}S">({clock(c.start)})</time></li>'
                         for c in episode.chapters)
    chapter_list = f"""<p class="label" id="{heading}-chapters">Chapters</p>
<ol aria-labelledby="{heading}-chapters">
{chapters}
</ol>""" if chapters else ""
    return f"""<article aria-labelledby="{heading}"{lang}>
<h3 id="{heading}" dir="auto"><a href="{page}">{title}</a></h3>
<p class="meta">{byline}{duration}. Published {date}.</p>
<audio controls preload="none" src="{audio}" aria-labelledby="{heading}">
<track kind="captions" src="{escape(stem)}.vtt" srclang="{escape(episode.language)}" label="Captions">
Your browser cannot play this audio here; download it below.
</audio>
<p><a href="{audio}" download>Download the MP3 ({_megabytes(episode.size)})\
<span class="hidden">: <bdi>{title}</bdi></span></a></p>
<p><a href="{page}">Read along with the text<span class="hidden">: <bdi>{title}</bdi></span></a>;
<a href="{escape(stem)}.txt">the text as a file<span class="hidden">: <bdi>{title}</bdi></span></a></p>
{chapter_list}
</article>"""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _added(episode: EpisodeRecord) -> dt.date:
    return dt.datetime.fromisoformat(episode.added).date()


def _duration(seconds: float) -> str:
    return f'<time datetime="PT{round(seconds)}S">{spoken_duration(seconds)}</time>'


def _archive_list(months: list[Month]) -> str:
    if not months:
        return ""
    items = "\n".join(f'<li><a href="{escape(m.page)}">{escape(m.name)}</a> '
                      f'({m.count} episode{"s" if m.count != 1 else ""})</li>' for m in months)
    return f"""<nav aria-labelledby="archive-heading">
<h2 id="archive-heading">Archive</h2>
<ul>
{items}
</ul>
</nav>"""


def _archive_page(settings: FeedSettings, month: Month, lines: list[str]) -> bytes:
    title = escape(f"{settings.title}: {month.name}")
    items = "\n".join(lines)
    return _document(settings.language, title, "", f"""<nav aria-label="Feed"><p><a href="../{INDEX_FILE}">\
{escape(settings.title)}: newest episodes</a></p></nav>
<main>
<h1 dir="auto">{title}</h1>
<p>{month.count} episode{"s" if month.count != 1 else ""}, newest first.</p>
<ol>
{items}
</ol>
</main>""")
