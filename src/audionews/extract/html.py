"""Web pages → :class:`Article`.

The page is parsed once (lxml). The body is chosen block by block by a learned classifier
(:mod:`.body`); the metadata comes from small extractors tried in turn (:mod:`.metadata`),
with the plain-text reading of the page's visible text as the last fallback for each field.
A page whose body is drawn by JavaScript can still be read from its JSON-LD ``articleBody``.
"""

from __future__ import annotations

import re
from functools import cache

from audionews.errors import ExtractionError
from audionews.extract.body import learned_body
from audionews.extract.clutter import tidy_blocks
from audionews.extract.dom import parse_html, streamed_visible_text, visible_text
from audionews.extract.fields import CREDIT, guess_language, squash, words
from audionews.extract.metadata import read_metadata
from audionews.extract.text import extract_text, header_date, labelled_byline, labelled_date
from audionews.extract.trees import Forest
from audionews.model import Article, Block, Page

__all__ = ["extract_html"]

MIN_BODY_WORDS = 25


def extract_html(page: Page, *, model: Forest | None = None) -> Article:
    """Find the article in an HTML page. ``model`` replaces the shipped body classifier (the
    benchmark passes one that never saw the page's site)."""
    root = parse_html(page.text)
    if root is None:
        raise ExtractionError("no article text found", page.source)
    meta = read_metadata(root, page.text, page.url)
    body = learned_body(root, page.url, model)

    @cache
    def shown() -> str:
        return visible_text(root)

    @cache
    def plain() -> Article | None:
        """The page's visible text read as a plain-text copy: the last fallback for every field, made
        only when one is needed."""
        try:
            return extract_text(Page(page.source, "text", shown(), page.url), meta.headline)
        except ExtractionError:
            return None

    if _word_count(body) < MIN_BODY_WORDS and meta.article_body:
        body = tidy_blocks([Block("paragraph", squash(p)) for p in re.split(r"\n+", meta.article_body) if p.strip()])
    if _word_count(body) < MIN_BODY_WORDS and (fallback := plain()):
        body = list(fallback.blocks)
    if _word_count(body) < MIN_BODY_WORDS:
        streamed = _streamed_reading(page)  # nested deeper than the tree parser goes
        body = list(streamed.blocks) if streamed else body
    if _word_count(body) < MIN_BODY_WORDS:
        raise ExtractionError("no article text found", page.source)
    headline = meta.headline or ((fallback := plain()) and fallback.headline)
    if not headline:
        raise ExtractionError("no headline found", page.source)
    if squash(body[0].text).lower() == headline.lower():
        body = body[1:]  # the body repeats the headline: don't read it twice
    return Article(
        source=page.source,
        url=meta.url,
        headline=headline,
        byline=meta.byline
        or (fallback.byline if (fallback := plain()) and _credited(fallback.byline, shown(), headline) else None)
        or labelled_byline(shown()),
        # the date by the headline first: pages show their own local date, which their markup often
        # gives in UTC (a day later in the evening), and many show an old date the markup no longer has
        published=_unless_changed(header_date(shown(), headline), meta.modified) or meta.published
        or labelled_date(shown()) or meta.guessed_date
        or ((fallback := plain()) and fallback.published) or None,
        language=meta.language or guess_language(" ".join(b.text for b in body)),
        blocks=tuple(body),
        image=meta.image,
    )


def _unless_changed(date, modified):
    """A date the page shows by its headline is not when it was published if the markup says the page
    was changed that day (a page showing only its last edit)."""
    return None if date in modified else date


def _credited(byline: str | None, shown: str, headline: str) -> bool:
    """A name the page's text credits ("By Ann Lee"), or that stands just under the headline; not any
    two capitalised words on a line of their own elsewhere ("Quick Links", "Site Design")."""
    if not byline:
        return False
    first = re.split(r", | and ", byline)[0]
    lines = [squash(line).lower() for line in shown.splitlines() if line.strip()]
    for at in (i for i, line in enumerate(lines) if line == headline.lower()):
        if any(first.lower() == line for line in lines[at + 1 : at + 2]):
            return True
    for found in re.finditer(re.escape(first), shown, re.IGNORECASE):
        before = shown[max(0, found.start() - 30) : found.start()]
        if any(CREDIT.fullmatch(before[i:]) for i in range(len(before))):
            return True
    return False


def _streamed_reading(page: Page) -> Article | None:
    try:
        return extract_text(Page(page.source, "text", streamed_visible_text(page.text), page.url))
    except ExtractionError:
        return None


def _word_count(blocks: list[Block]) -> int:
    return sum(len(words(b.text)) for b in blocks)
