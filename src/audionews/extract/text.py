"""Plain-text copies of web pages (select all, copy, paste) → :class:`Article`.

A copy of a page has no markup, only lines. Each line is classified by general cues —
length, sentence shape, stop-word density, links, boilerplate phrases as classes, author-bio
cues — and the article body is the run of lines with the highest score, where prose counts
for (a lone paragraph between titles, names or dates half as much) and everything else against,
and a boilerplate block (comment form, "Latest Posts", newsletter prompt) is a wall the run
cannot cross. The headline, byline and date are then
looked for around that run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ExtractionError
from ..model import Article, Block, Page
from .fields import (CREDIT, clean_byline, find_date, guess_language, is_dateline, looks_like_name, squash, stopword_ratio,
                     word_count, words)
from .clutter import tidy_blocks
from .lexicon_data import BIO_CUES, BREAK_PATTERNS, DROP_PATTERNS

__all__ = ["extract_text", "find_body"]

_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？](?:\s|[\"'”’»)」』]|$)")
_ITEM = re.compile(r"^(?:[•●▪◦*·–-]|\d{1,2}[.)])\s+")
_BY_LINE = re.compile(r"^\s*(?:(?:written|reported|words|story|text)\s+)?by\s+\S", re.I)
_CREDIT_BY = re.compile(r"\b(?:posted|published|written|filed)\b.*?\b[Bb]y\s+(.+)$", re.I)
_WALL = float("-inf")


@dataclass(frozen=True)
class Line:
    index: int
    text: str
    n_words: int
    kind: str
    """prose, item, short, heading-like, date, byline, url, drop, lead-in, break or bio."""


def extract_text(page: Page, headline_hint: str | None = None) -> Article:
    """Find the article in a plain-text copy of a page. ``headline_hint`` is the headline as the
    page's markup names it, if known: the byline and date are looked for first just under it."""
    raw_lines = [squash(line) for line in page.text.splitlines()]
    raw_lines = [line for line in raw_lines if line]
    if not raw_lines:
        raise ExtractionError("no text", page.source)
    language = guess_language(" ".join(line for line in raw_lines if len(words(line)) >= 12))
    names = _name_counts(raw_lines)
    lines = [_classify(i, text, language, names) for i, text in enumerate(raw_lines)]
    start, end = find_body(lines)
    if start is None:
        raise ExtractionError("no article text found (no run of sentences long enough to be a story)", page.source)
    body = tidy_blocks(_body_blocks(lines[start : end + 1]))
    if not body:  # all of it clutter (found by the hostile-input property test)
        raise ExtractionError("no article text found (only clutter)", page.source)
    headline, headline_index = _headline(lines, start)
    if headline is None:
        headline = _first_words(body[0].text)
    if body and squash(body[0].text).lower() == headline.lower():
        body = body[1:]
    if not body:  # the one paragraph was the headline: nothing to read after it
        raise ExtractionError("no article text found (only a headline)", page.source)
    top = headline_index if headline_index is not None else start
    credits = [l for l in lines[start : end + 1] if l.kind in ("date", "byline")]
    near = lines[max(0, top - 8) : start] + credits + lines[end + 1 : end + 6]
    header = _header_under(lines, headline_hint)
    if header is None:
        header = lines[top + 1 : start] if top < start else lines[max(0, start - 3) : start]
    byline = _byline(header + near, names, lines, header)
    published = (_date([l for l in header if l.kind in ("date", "byline") or _credited_name(l.text)])
                 or _date([l for l in near if l.kind in ("date", "byline")]))
    return Article(
        source=page.source,
        url=page.url,
        headline=headline,
        byline=byline,
        published=published,
        language=language,
        blocks=tuple(body),
    )


def _name_counts(lines: list[str]) -> Counter[str]:
    """How often each person-like name stands on a line of its own (an author box repeats it)."""
    counts: Counter[str] = Counter()
    for line in lines:
        bare = squash(_URL.sub(" ", line))
        if looks_like_name(bare):
            counts[bare] += 1
        else:
            credited = _credited_name(bare) if len(words(bare)) <= 14 else None
            if credited:
                counts[credited] += 2
    return counts


def _classify(index: int, text: str, language: str | None, names: Counter[str]) -> Line:
    n = word_count(text)
    bare = squash(_URL.sub(" ", text))

    def line(kind: str) -> Line:
        return Line(index, text, n, kind)

    if n == 0:
        return line("drop")
    if n <= 25 and BREAK_PATTERNS["section list"].match(text):
        return line("lead-in")  # "Related articles" may sit inside a story: costly, not a wall
    if n <= 25 and any(p.match(text) for p in BREAK_PATTERNS.values()):
        return line("break")
    if n <= 25 and DROP_PATTERNS.match(text):
        return line("drop")
    if _is_bio(bare, names):
        return line("bio")
    if not bare or len(_URL.sub("", text).strip()) < 0.5 * len(text):
        return line("url")
    if bare in names or (n <= 14 and _credited_name(text)):
        return line("byline")
    if n <= 14 and is_dateline(text):
        return line("date")
    if _ITEM.match(text) and n >= 2:
        return line("item")
    if n >= 8 and (_SENTENCE_END.search(text) or (n >= 25 and _SENTENCE_INSIDE.search(text))):
        # a long line with no sentence in it is a tag cloud or a menu, not prose
        ratio = stopword_ratio(text, language)
        if language is None or ratio >= 0.15:
            return line("prose")
    if n <= 20 and not _SENTENCE_END.search(text):
        return line("heading-like")
    return line("short")


def _credited_name(text: str) -> str | None:
    """The author named in a credit line: "By Jo Park", "Posted on May 2, 2024 by Jo Park"."""
    if _BY_LINE.match(text) or CREDIT.match(text):  # "By Jo Park", "Von Jo Park", "Text: Jo Park"
        return clean_byline(re.sub(r"^\s*(?:written|reported|words|story|text)\s+", "", text, flags=re.I))
    match = _CREDIT_BY.search(text)
    return clean_byline(match.group(1)) if match else None


def _is_bio(text: str, names: Counter[str]) -> bool:
    """An author box: a name we have seen as a byline followed by what they do, or bio vocabulary."""
    if len(words(text)) < 8:
        return False
    for name in names:
        if text.startswith(name) and not text.startswith(name + "’s") and BIO_CUES.search(text):
            return True
    head = " ".join(text.split()[:4])
    return bool(re.match(r"^[A-Z]\w+ [A-Z]\w+ (?:is|was|has been|brings|covers|writes|joined)\b", head)
                and len(BIO_CUES.findall(text)) >= 2)


_SCORES = {"prose": None, "item": 1.0, "heading-like": -3.0, "short": -4.0, "date": -3.0,
           "byline": -3.0, "url": -1.0, "drop": 0.0, "lead-in": -20.0, "break": _WALL,
           "bio": _WALL}


def _score(line: Line) -> float:
    score = _SCORES[line.kind]
    return float(line.n_words) if score is None else score


LONE = 0.5
"""Weight of a paragraph with no prose on either side: a teaser under its title, a one-line comment."""


def _line_scores(lines: list[Line]) -> list[float]:
    """Each line's score, a lone paragraph's (see :func:`_lone`) weighed down."""
    return [_score(line) * (LONE if line.kind == "prose" and _lone(lines, i) else 1.0)
            for i, line in enumerate(lines)]


def _lone(lines: list[Line], i: int) -> bool:
    """A paragraph whose nearest lines above and below are not prose: articles run paragraph after
    paragraph, while teaser rivers and comment threads put a title, name or date between each."""
    def neighbour(step: int) -> str:
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind == "drop":
            j += step
        return lines[j].kind if 0 <= j < len(lines) else "edge"

    return neighbour(-1) not in ("prose", "item") and neighbour(1) not in ("prose", "item")


def find_body(lines: list[Line]) -> tuple[int | None, int]:
    """The highest-scoring run of lines that crosses no wall, trimmed to start and end in prose."""
    best, best_span = 0.0, (None, -1)
    total, run_start = 0.0, 0
    for i, (line, score) in enumerate(zip(lines, _line_scores(lines))):
        if score == _WALL or total + score <= 0:
            total, run_start = 0.0, i + 1
            continue
        total += score
        if total > best:
            best, best_span = total, (run_start, i)
    start, end = best_span
    if start is None:
        return None, -1
    while start <= end and lines[start].kind != "prose":
        start += 1
    while end >= start and lines[end].kind not in ("prose", "item"):
        end -= 1
    prose_words = sum(l.n_words for l in lines[start : end + 1] if l.kind == "prose")
    if start > end or prose_words < 25:
        return None, -1
    return start, end


def _body_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if line.kind == "prose" or (line.kind == "short" and line.n_words >= 4):
            blocks.append(Block("paragraph", line.text))
        elif line.kind == "item":
            blocks.append(Block("item", _ITEM.sub("", line.text)))
        elif line.kind == "heading-like" and 2 <= line.n_words <= 15:
            blocks.append(Block("heading", line.text))
        elif line.kind == "lead-in":
            blocks.append(Block("paragraph", line.text))  # tidy_blocks drops it and the teasers after it
    return blocks


def _headline(lines: list[Line], start: int) -> tuple[str | None, int | None]:
    """The most headline-like line in the few lines above the body, stopping at a wall."""
    best: tuple[float, int] | None = None
    for distance, i in enumerate(range(start - 1, max(-1, start - 9), -1)):
        line = lines[i]
        if line.kind in ("bio", "lead-in") or (line.kind == "break" and _ends_page_section(line.text)):
            break
        if line.kind not in ("heading-like", "short", "prose") or not 3 <= line.n_words <= 30:
            continue
        tokens = line.text.split()
        capitals = sum(t[:1].isupper() for t in tokens) / len(tokens)
        score = capitals + (0 if _SENTENCE_END.search(line.text) else 1.0) - 0.25 * distance
        score += 0.5 if 5 <= line.n_words <= 20 else 0
        score -= 1.0 if line.kind == "prose" else 0
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None, None
    return lines[best[1]].text, best[1]


def _ends_page_section(text: str) -> bool:
    """Lists of other stories and comment forms close a part of the page; share buttons do not."""
    return any(BREAK_PATTERNS[name].match(text) for name in ("section list", "comment form"))


def _header_under(lines: list[Line], headline: str | None) -> list[Line] | None:
    """The few lines between a known headline and the first sentence after it."""
    if not headline:
        return None
    wanted = squash(headline).lower()
    for i, line in enumerate(lines):
        if line.text.lower() == wanted:
            header = []
            for below in lines[i + 1 : i + 9]:
                if below.kind in ("prose", "break", "lead-in") and not _credited_name(below.text):
                    break
                header.append(below)
            return header
    return None


def _byline(near: list[Line], names: Counter[str], lines: list[Line], header: list[Line]) -> str | None:
    """A credit line ("By …") near the body, else the person name repeated most between the
    headline and the body or heading an author box. A name standing alone elsewhere (a menu item,
    a breadcrumb, a tag under the story) is too often not a person to be taken for the author."""
    for line in near:
        found = _credited_name(line.text)
        if found:
            return found
    boxed = [l for l in near if l.kind == "byline" and _in_author_box(l, lines)]
    candidates = [squash(_URL.sub(" ", l.text)) for l in header + boxed if l.kind == "byline"]
    candidates = [c for c in candidates if c in names]
    if not candidates:
        return None
    return clean_byline(max(candidates, key=lambda name: (names[name], -candidates.index(name))))


def _in_author_box(line: Line, lines: list[Line]) -> bool:
    """A name followed within two lines by a bio that names them: "Nadia Haddad" / "Nadia Haddad is a…"."""
    first = squash(_URL.sub(" ", line.text)).split()[0]
    return any(l.kind == "bio" and first in l.text for l in lines[line.index + 1 : line.index + 3])


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
            if is_dateline(line) or _credited_name(line) or _DATE_LABEL.search(line) or _READ_TIME.search(line) \
                    or (n == 0 and at + 1 < len(lines) and line == lines[at + 1]):  # the line right under it
                found = find_date(line)
                if found:
                    return found[0]
    return None


def labelled_byline(text: str) -> str | None:
    """The name on the line after a credit label standing alone ("Written by" / "Eliz - Product
    marketer", "Article by" / "Matias Heikkilä"): the label says it is the author, so a first name counts."""
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    for label, name in zip(lines, lines[1:]):
        if _CREDIT_LABEL.fullmatch(label):
            found = clean_byline(re.split(r"\s+[-–—|·•]\s+", name)[0], marked=True)
            if found:
                return found
    return None


_CREDIT_LABEL = re.compile(r"(?:(?:written|posted|published|authored|article|story|words|post|reported)\s+)?by\s*:?|"
                           r"author\s*:|written by\s*:?", re.I)


def labelled_date(text: str) -> dt.date | None:
    """The date on the line after a publication label standing alone ("Posted on" / "Nov 21, 2018"),
    wherever it stands."""
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    for label, line in zip(lines, lines[1:]):
        if _PUBLISHED_LABEL.fullmatch(label) and is_dateline(line) and not _UPDATED.search(line):
            found = find_date(line)
            if found:
                return found[0]
    return None


_PUBLISHED_LABEL = re.compile(r"(?:first\s+|date\s+)?(?:published|posted)(?:\s+on)?\s*:?", re.I)


_UPDATED = re.compile(r"updated?\b|\bmodified\b|\brevised\b", re.I)  # "Updated", "Last updated:", "ByAnnUpdated:"
_DATE_LABEL = re.compile(r"^\W*date\b|\b(?:published|posted)(?: on)?\b", re.I)
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.I)


def _date(lines: list[Line]):
    dated = [(line, find_date(line.text)) for line in lines]
    dated = [(line, found) for line, found in dated if found]
    if not dated:
        return None
    published = [found for line, found in dated if not re.search(r"\bupdated?\b", line.text, re.I)]
    return (published or [found for _, found in dated])[0][0]


def _first_words(text: str, limit: int = 12) -> str:
    tokens = text.split()
    return " ".join(tokens[:limit]).rstrip(",;:") + ("…" if len(tokens) > limit else "")
