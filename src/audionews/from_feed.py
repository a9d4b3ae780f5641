"""``publish --from-feed``: the new articles of a site's RSS or Atom feed, as episodes.

    feed ─fetch_bytes→ feedparser → FeedItem… (oldest first) ─not in the catalog→ publish()

Each entry is its linked page, fetched through :mod:`.fetch` like any source; or, when the feed
carries the full text (``content:encoded`` or Atom content longer than :data:`FULL_TEXT_WORDS`),
that HTML, with the entry's title, author, date and link as the article's metadata. An entry is
new unless the catalog holds its article (same identity as :func:`audionews.feed.identity.identity_of` gives,
or first read from the same link).

Entry links are fetched only as http(s) URLs (:func:`audionews.urls.check_url`), resolved against the
feed's own URL: a link such as ``/tmp/diary.txt``, ``../x`` or ``-`` in a feed file, which has no URL,
is skipped with the reason, never read from the disk or stdin. A feed is hostile input: character
references XML forbids (``&#xD800;``) become U+FFFD before feedparser sees them, and a date it cannot
place (year 0000) is no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import feedparser
import lxml.html

from audionews.errors import ExtractionError, FetchError
from audionews.extract import extract
from audionews.feed.catalog import Catalog
from audionews.feed.folder import FeedFolder
from audionews.feed.identity import identity_parts
from audionews.fetch import fetch_bytes
from audionews.model import Article, Page, page_text, plain_text
from audionews.pipeline import Progress, PublishReport, clean, publish
from audionews.urls import check_url, public_url

__all__ = ["FULL_TEXT_WORDS", "FeedItem", "plan", "publish_from_feed", "read_feed"]

FULL_TEXT_WORDS = 150
"""Entry content longer than this is the article itself, not a teaser."""
_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as much as publishing needs."""

    source: str
    """The entry's link; its id or position in the feed when it has none."""
    title: str
    link: str | None
    author: str | None
    published: dt.datetime | None
    language: str | None
    html: str | None = None
    """The article's full HTML when the feed carries it."""
    image: str | None = None
    known: bool = False
    """Already an episode of the feed."""
    problem: str | None = None
    """Why the entry cannot be published (its link is no http(s) URL, and it has no full text)."""

    @property
    def identity(self) -> str:
        return identity_parts(self.link, self.title, self.author)


def read_feed(feed_source: str, *, allow_private: bool = True) -> list[FeedItem]:
    """The entries of an RSS or Atom feed (URL or file), oldest first; undated ones first, in feed order
    reversed (feeds list the newest first)."""
    data, final_url = fetch_bytes(feed_source, _ACCEPT, allow_private=allow_private)
    headers = {"content-location": final_url} if final_url else {}
    try:
        parsed = feedparser.parse(_CHARACTER_REFERENCE.sub(_xml_character, data), response_headers=headers)
    except Exception as exc:  # feedparser's loose parser has crashed on hostile feeds; the feed is unreadable
        raise FetchError(f"not a readable RSS or Atom feed ({type(exc).__name__})", feed_source) from exc
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FetchError("not an RSS or Atom feed", feed_source)
    language = _plain(parsed.feed.get("language")) or None
    named = public_url(feed_source) or feed_source  # no credentials in the sources the catalog keeps
    items = [_item(entry, number, named, language, final_url) for number, entry in enumerate(parsed.entries)]
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    ordered = sorted(enumerate(items), key=lambda pair: (pair[1].published or epoch, -pair[0]))
    return [item for _, item in ordered]


def plan(folder: FeedFolder, feed_source: str, limit: int | None = None) -> list[FeedItem]:
    """The newest ``limit`` entries (all when None), oldest first, each marked known or not."""
    items = read_feed(feed_source, allow_private=_allow_private(folder))
    if limit is not None:
        items = items[len(items) - limit:] if limit < len(items) else items
    if not folder.catalog_path.exists():
        return items
    with Catalog(folder.catalog_path, read_only=True) as catalog:  # a dry run changes nothing
        return [replace(item, known=catalog.knows(item.identity, item.link or item.source)) for item in items]


def publish_from_feed(folder: FeedFolder, items: list[FeedItem], progress: Progress = lambda _: None,
                      replace: bool = False, verify: bool = False,
                      publisher: Callable[..., PublishReport] = publish) -> PublishReport:
    """Publish the entries not yet known, in the order given (oldest first, so the newest ends on top), with
    ``publisher`` (:func:`audionews.pipeline.publish`, or another with its signature: ``publish --broker``'s)."""
    new = {item.source: item for item in items if not item.known}
    allow_private = _allow_private(folder)
    return publisher(folder, list(new), progress, read=lambda source: _article(new[source], allow_private),
                     replace=replace, verify=verify)


def _allow_private(folder: FeedFolder) -> bool:
    return folder.settings().allow_private_addresses is True  # anything but a plain true refuses


def _article(item: FeedItem, allow_private: bool = True) -> Article:
    if item.html:
        article = extract(Page(item.source, "html", _document(item), url=item.link))
        return replace(article, headline=item.title, byline=item.author or article.byline,
                       published=item.published.date() if item.published else article.published,
                       url=item.link, image=item.image or article.image)
    if item.problem:
        raise FetchError(item.problem, item.source)
    if item.link:
        # the page's own metadata first, the entry's where it has none
        article = clean(item.link, allow_private=allow_private)
        return replace(article, byline=article.byline or item.author, image=article.image or item.image,
                       published=article.published or (item.published.date() if item.published else None))
    raise ExtractionError("the feed entry has no link and no full text", item.source)


def _document(item: FeedItem) -> str:
    """The entry's content as a page of its own, so extraction sees what it sees on the web."""
    title = html.escape(item.title)
    lang = f' lang="{html.escape(item.language)}"' if item.language else ""
    return (f"<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{item.html}</article></body></html>")


def _item(entry: feedparser.FeedParserDict, number: int, feed_source: str, language: str | None,
          base: str | None) -> FeedItem:
    written = entry.get("link") or None
    link, problem = None, None
    if written:
        try:
            link = check_url(written, base)
        except FetchError as exc:
            problem = f"link {exc.source} skipped: {exc.reason}"
    title = plain_text(entry.get("title") or "") or (link or "untitled entry")
    author = plain_text((entry.get("author_detail") or {}).get("name") or entry.get("author") or "") or None
    # dict.get: feedparser's own get() answers a missing updated_parsed with published_parsed, and a warning
    stamps = (dict.get(entry, key) for key in ("published_parsed", "updated_parsed"))
    published = next(filter(None, map(_when, stamps)), None)
    html = _full_text(entry)
    return FeedItem(
        source=link or _plain(entry.get("id")) or f"{feed_source}#entry-{number + 1}",
        title=title, link=link, author=author, published=published, language=language,
        html=html, image=_image(entry, base), problem=None if html else problem,
    )


def _when(stamp: object) -> dt.datetime | None:
    """feedparser's date as a time; None for one no calendar holds (year 0000)."""
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _plain(value: object) -> str:
    """A feed's text as page text (:func:`~audionews.model.page_text`): feedparser may hand over anything."""
    return page_text(value) if isinstance(value, str) else ""
_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _xml_character(found: re.Match[bytes]) -> bytes:
    """A numeric character reference XML allows, as written; a control character's, nothing (it is
    dropped from page text too, see :func:`audionews.model.plain_text`); any other (a surrogate, past
    U+10FFFF) U+FFFD, as an HTML parser reads it."""
    digits = found.group(1) or found.group(2)
    code = int(digits, 16 if found.group(1) else 10) if len(digits.lstrip(b"0")) <= 8 else -1
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
        or 0x10000 <= code <= 0x10FFFF
    if allowed:
        return found.group()
    return b"" if 0 <= code < 0x20 else b"&#xFFFD;"


def _full_text(entry: feedparser.FeedParserDict) -> str | None:
    """The longest HTML content of the entry, if it is long enough to be the whole article."""
    contents = [_plain(c.get("value")) for c in entry.get("content", []) if "html" in c.get("type", "text/html")]
    best = max(contents, key=len, default="")
    if not best.strip():
        return None
    text = lxml.html.fromstring(f"<div>{best}</div>").text_content()
    return best if len(text.split()) > FULL_TEXT_WORDS else None


def _image(entry: feedparser.FeedParserDict, base: str | None) -> str | None:
    """A lead image the feed names: media:thumbnail, media:content or an image enclosure."""
    candidates = [m.get("url") for m in entry.get("media_thumbnail", [])]
    candidates += [m.get("url") for m in entry.get("media_content", []) if m.get("medium") == "image"
                   or str(m.get("type", "")).startswith("image/")]
    candidates += [e.get("href") for e in entry.get("enclosures", []) if str(e.get("type", "")).startswith("image/")]
    return next(filter(None, (public_url(url, base) for url in candidates)), None)
