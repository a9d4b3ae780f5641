"""Plain-text copies of web pages (select all, copy, paste) → :class:`Article`.

A copy of a page has no markup, only lines. Each line is read by cheap patterns (:mod:`.lines`),
then a learned classifier (gradient-boosted trees, ``models/lines.npz``, trained on labelled pages
of many sites by ``benchmarks/train_lines.py``) gives each line the probability that it is part of
the article. The body is the best run of article lines, opening paragraphs kept; the headline, byline
and date are then found by what they are in the lines above it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import numpy as np

from audionews.errors import ExtractionError
from audionews.extract.clutter import tidy_blocks
from audionews.extract.fields import clean_byline, find_date, is_dateline, squash, words
from audionews.extract.lines import (
    ITEM,
    SENTENCE_END,
    URL,
    Line,
    bare_by_name,
    credited_name,
    features,
    is_by_line,
    is_caption,
    is_credit,
    read_lines,
)
from audionews.extract.trees import Forest, load_forest
from audionews.model import Article, Block, Page

__all__ = ["article_lines", "extract_text"]

THRESHOLD = 0.5
"""A line is the article's when the classifier gives it at least this probability."""
MIN_WORDS = 25


def extract_text(page: Page, headline_hint: str | None = None, *, model: Forest | None = None) -> Article:
    """Find the article in a plain-text copy of a page. ``headline_hint`` is the headline as the
    page's markup names it, if known; ``model`` a line classifier other than the shipped one."""
    lines, language, names = read_lines(page.text)
    if not lines:
        raise ExtractionError("no text", page.source)
    chosen = article_lines(lines, language, names, model)
    if not chosen:
        raise ExtractionError("no article text found (no run of sentences long enough to be a story)", page.source)
    start = chosen[0]
    headline_index = _headline(lines, start, headline_hint)
    body_lines = [lines[i] for i in chosen if i != headline_index and not _is_credit(lines[i])]
    body = tidy_blocks(_body_blocks(body_lines))
    if not body:
        raise ExtractionError("no article text found (only clutter)", page.source)
    headline = lines[headline_index].text if headline_index is not None else _first_words(body[0].text)
    if squash(body[0].text).lower() == headline.lower():
        body = body[1:]
    if not body:
        raise ExtractionError("no article text found (only a headline)", page.source)
    top = headline_index if headline_index is not None else start
    header = lines[top + 1 : start] if top < start else lines[max(0, start - 3) : start]
    inside = lines[start : start + 10]  # a standfirst may stand above the credit
    after = lines[chosen[-1] + 1 : chosen[-1] + 6]
    byline = _byline(header + inside + lines[max(0, top - 8) : top] + after, names)
    published = (_date([ln for ln in header + inside[:6] if ln.kind in ("date", "byline") or credited_name(ln.text)])
                 or _date([ln for ln in [*lines[max(0, top - 8) : top], *inside, *after]
                           if ln.kind in ("date", "byline")]))
    return Article(source=page.source, url=page.url, headline=headline, byline=byline, published=published,
                   language=language, blocks=tuple(body))


def article_lines(lines: list[Line], language, names, model: Forest | None = None) -> list[int]:
    """The indices of the article's lines: the best run of lines the classifier calls article
    (their words for it, a wrong line's words against), then the lines in it it calls article."""
    model = model or load_forest("lines")
    p = model.predict(features(lines, language, names))
    weight = np.array([max(1, line.n_words) for line in lines], dtype=np.float64)
    gain = (p - THRESHOLD) * weight
    best, span, total, run_start = 0.0, None, 0.0, 0
    for i, g in enumerate(gain):
        if total + g <= 0:
            total, run_start = 0.0, i + 1
            continue
        total += g
        if total > best:
            best, span = total, (run_start, i)
    if span is None:
        return []
    chosen = [i for i in range(span[0], span[1] + 1) if p[i] >= THRESHOLD]
    if sum(lines[i].n_words for i in chosen) < MIN_WORDS:
        return []
    return _opening(lines, chosen)


def _opening(lines: list[Line], chosen: list[int]) -> list[int]:
    """The body never loses its opening paragraphs: sentences just above the first article line,
    past credits, dates and clutter but not past a title, are the story's first lines (a one-line
    opening, a standfirst) that the classifier thought too short."""
    opening = []
    for i in range(chosen[0] - 1, max(-1, chosen[0] - 9), -1):
        line = lines[i]
        if _is_credit(line) or line.kind == "drop":
            continue
        if line.kind in ("prose", "short") and line.n_words >= 3 and SENTENCE_END.search(line.text) \
                and line.text[:1].isupper() and not line.text.rstrip().endswith(":"):
            opening.append(i)
            continue
        break
    return opening[::-1] + chosen


def _is_credit(line: Line) -> bool:
    """A credit ("By …", "Posted on … by …"), a dateline or a caption is never read as part of the story;
    a bare title-cased line that only looks like a name is left to the classifier (it is mostly a heading)."""
    return line.kind == "date" or is_credit(line.text)


def _body_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if line.kind == "item":
            blocks.append(Block("item", ITEM.sub("", line.text)))
        elif line.kind == "heading-like" and 2 <= line.n_words <= 15:
            blocks.append(Block("heading", line.text))
        else:
            blocks.append(Block("paragraph", line.text))
    return blocks


def _headline(lines: list[Line], start: int, hint: str | None) -> int | None:
    """The line matching the markup's headline, else the most headline-like short line in the few
    lines above the body: title-cased or a sentence, never a credit, a date, a caption or boilerplate."""
    if hint:
        wanted = squash(hint).lower()
        for line in lines:
            if line.text.lower() == wanted:
                return line.index
    best: tuple[float, int] | None = None
    for distance, i in enumerate(range(start - 1, max(-1, start - 9), -1)):
        line = lines[i]
        if line.kind in ("bio", "lead-in") or (line.kind == "break" and not _share_line(line.text)):
            break
        if (line.kind not in ("heading-like", "short", "prose") or not 3 <= line.n_words <= 30
                or is_by_line(line.text) or is_caption(line.text) or URL.search(line.text)):
            continue
        tokens = line.text.split()
        capitals = sum(t[:1].isupper() for t in tokens) / len(tokens)
        score = capitals + (0 if SENTENCE_END.search(line.text) else 1.0) - 0.25 * distance
        score += 0.5 if 5 <= line.n_words <= 20 else 0
        score -= 1.0 if line.kind == "prose" else 0
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _share_line(text: str) -> bool:
    """Share buttons and site furniture stand between a headline and its story; lists and forms do not."""
    from audionews.extract.words import BREAK_PATTERNS

    return not any(BREAK_PATTERNS[name].match(text) for name in ("section list", "comment form"))


def _byline(near: list[Line], names) -> str | None:
    """A credit line ("By …") near the top of the body, else a name standing alone above it that
    the page names more than once."""
    for line in near:
        if line.n_words <= 14 or is_by_line(line.text):
            found = credited_name(line.text) or bare_by_name(line.text)
            if found:
                return found
    candidates = [squash(URL.sub(" ", line.text)) for line in near if line.kind == "byline"]
    candidates = [c for c in candidates if names.get(c, 0) >= 1]
    if not candidates:
        return None
    from audionews.extract.fields import clean_byline

    return clean_byline(max(candidates, key=lambda name: (names[name], -candidates.index(name))))


def _date(lines: list[Line]) -> dt.date | None:
    dated = [(line, found) for line in lines if (found := find_date(line.text))]
    if not dated:
        return None
    published = [found for line, found in dated if not re.search(r"\bupdated?\b", line.text, re.IGNORECASE)]
    return (published or [found for _, found in dated])[0][0]


def _first_words(text: str, limit: int = 12) -> str:
    tokens = text.split()
    return " ".join(tokens[:limit]).rstrip(",;:") + ("…" if len(tokens) > limit else "")


def header_date(text: str, headline: str | None, *, above: int = 3, below: int = 8) -> dt.date | None:
    """The date the page shows by its headline, in the short lines just above it or between it and
    the story ("Published March 3, 2024", "3 March 2024 | 5 min read", "By Ann Lee · May 2, 2024",
    "Ann Lee Published: May 2, 2024", any short dated line right under it);
    never one it says is an update ("Updated May 9, 2024"): that is not when the story came out."""
    if not headline:
        return None
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    wanted = squash(headline).lower()
    for at in (i for i, line in enumerate(lines) if line.lower() == wanted):
        near = []
        for i in range(at + 1, min(len(lines), at + below + 1)):  # below the headline first
            if len(words(lines[i])) > 25:
                break
            near.append(lines[i])
        near += [lines[i] for i in range(at - 1, max(-1, at - above - 1), -1)]
        for n, line in enumerate(near):
            if len(words(line)) > 14 or _UPDATED.search(line):
                continue
            if is_dateline(line) or credited_name(line) or _DATE_LABEL.search(line) or _READ_TIME.search(line) \
                    or (n == 0 and at + 1 < len(lines) and line == lines[at + 1]):  # the line right under it
                found = find_date(line)
                if found:
                    return found[0]
    return None


def labelled_byline(text: str) -> str | None:
    """The name on the line after a credit label standing alone ("Written by" / "Eliz - Product
    marketer", "Article by" / "Matias Heikkilä"): the label says it is the author, so a first name counts."""
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    for label, name in itertools.pairwise(lines):
        if _CREDIT_LABEL.fullmatch(label):
            found = clean_byline(re.split(r"\s+[-–—|·•]\s+", name)[0], marked=True)
            if found:
                return found
    return None


_CREDIT_LABEL = re.compile(r"(?:(?:written|posted|published|authored|article|story|words|post|reported)\s+)?by\s*:?|"
                           r"author\s*:|written by\s*:?", re.IGNORECASE)


def labelled_date(text: str) -> dt.date | None:
    """The date on the line after a publication label standing alone ("Posted on" / "Nov 21, 2018"),
    wherever it stands."""
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    for label, line in itertools.pairwise(lines):
        if _PUBLISHED_LABEL.fullmatch(label) and is_dateline(line) and not _UPDATED.search(line):
            found = find_date(line)
            if found:
                return found[0]
    return None


_PUBLISHED_LABEL = re.compile(r"(?:first\s+|date\s+)?(?:published|posted)(?:\s+on)?\s*:?", re.IGNORECASE)


# "Updated", "Last updated:", "ByAnnUpdated:"
_UPDATED = re.compile(r"updated?\b|\bmodified\b|\brevised\b", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^\W*date\b|\b(?:published|posted)(?: on)?\b", re.IGNORECASE)
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
