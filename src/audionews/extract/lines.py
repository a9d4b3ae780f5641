"""The lines of a plain-text page, what each looks like, and the features the line classifier reads.

Shared by run time (:mod:`.text`) and training (``benchmarks/train_lines.py``) so both see the same
numbers. A line's kind is a cheap first reading by patterns (prose, heading-like, date, byline, a
boilerplate phrase…); the learned classifier takes the kinds as features among many others — shape,
stop words, position, the line's neighbours and its distance to the densest run of prose — and
decides which lines are the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from audionews.extract.fields import (
    CREDIT,
    URL,
    clean_byline,
    guess_language,
    is_dateline,
    looks_like_name,
    squash,
    stopword_ratio,
    word_count,
    words,
)
from audionews.extract.words import BIO_CUES, BREAK_PATTERNS, DROP_PATTERNS

__all__ = [
    "FEATURES",
    "ITEM",
    "SENTENCE_END",
    "Line",
    "credited_name",
    "densest_run",
    "features",
    "read_lines",
]

SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？](?:\s|[\"'”’»)」』]|$)")
ITEM = re.compile(r"^(?:[•●▪◦*·–-]|\d{1,2}[.)])\s+")
_BY_LINE = re.compile(r"^\s*(?:(?:written|reported|words|story|text)\s+)?by\s+\S", re.IGNORECASE)
_CREDIT_BY = re.compile(r"\b(?:posted|published|written|filed)\b.*?\b[Bb]y\s+(.+)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:FILE\s*[-–—]|.{0,300}\((?:AP|AFP|Reuters|Getty|EPA)\b[^)]{0,80}\)\s*$|"
                      r"(?:photo|image|picture|credit|foto)s?\s*(?:by|:))", re.IGNORECASE)
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]|_")

KINDS = ("prose", "item", "short", "heading-like", "date", "byline", "url", "drop", "lead-in", "break", "bio")


@dataclass(frozen=True)
class Line:
    index: int
    text: str
    n_words: int
    kind: str
    """prose, item, short, heading-like, date, byline, url, drop, lead-in, break or bio."""


def read_lines(text: str) -> tuple[list[Line], str | None, Counter[str]]:
    """The page's non-empty lines with their kinds, its language and the names standing on lines."""
    raw = [squash(line) for line in text.splitlines()]
    raw = [line for line in raw if line]
    language = guess_language(" ".join(line for line in raw if len(words(line)) >= 12))
    names = _name_counts(raw)
    return [_classify(i, t, language, names) for i, t in enumerate(raw)], language, names


def _name_counts(lines: list[str]) -> Counter[str]:
    """How often each person-like name stands on a line of its own (an author box repeats it)."""
    counts: Counter[str] = Counter()
    for line in lines:
        bare = squash(URL.sub(" ", line))
        if looks_like_name(bare):
            counts[bare] += 1
        else:
            credited = credited_name(bare) if len(words(bare)) <= 14 else None
            if credited:
                counts[credited] += 2
    return counts


def _classify(index: int, text: str, language: str | None, names: Counter[str]) -> Line:
    n = word_count(text)
    bare = squash(URL.sub(" ", text))

    def line(kind: str) -> Line:
        return Line(index, text, n, kind)

    if n == 0:
        return line("drop")
    if n <= 25 and BREAK_PATTERNS["section list"].match(text):
        return line("lead-in")
    if n <= 25 and any(p.match(text) for p in BREAK_PATTERNS.values()):
        return line("break")
    if n <= 25 and DROP_PATTERNS.match(text):
        return line("drop")
    if _is_bio(bare, names):
        return line("bio")
    if not bare or len(URL.sub("", text).strip()) < 0.5 * len(text):
        return line("url")
    if bare in names or (n <= 14 and credited_name(text)):
        return line("byline")
    if n <= 14 and is_dateline(text):
        return line("date")
    if ITEM.match(text) and n >= 2:
        return line("item")
    if n >= 8 and (SENTENCE_END.search(text) or (n >= 25 and _SENTENCE_INSIDE.search(text))):
        ratio = stopword_ratio(text, language)
        if language is None or ratio >= 0.15:
            return line("prose")
    if n <= 20 and not SENTENCE_END.search(text):
        return line("heading-like")
    return line("short")


def credited_name(text: str) -> str | None:
    """The author named in a credit line: "By Jo Park", "Posted on May 2, 2024 by Jo Park"."""
    if _BY_LINE.match(text) or CREDIT.match(text):
        return clean_byline(re.sub(r"^\s*(?:written|reported|words|story|text)\s+", "", text, flags=re.IGNORECASE))
    match = _CREDIT_BY.search(text)
    return clean_byline(match.group(1)) if match else None


def is_by_line(text: str) -> bool:
    """A credit line that starts "By …" ("By Ann Writer", "By JANE DOE, Staff Writer"): never a headline,
    never read in the body. "By March the shoots are up." is a sentence, not a credit."""
    if not _BY_LINE.match(text):
        return False
    return credited_name(text) is not None or bool(bare_by_name(text))


BY_SENTENCE = re.compile(r"^\s*by\s", re.IGNORECASE)
"""A "By …" line that is_by_line refused is a sentence ("By March the shoots are up.")."""


def is_credit(text: str) -> bool:
    """A credit ("By …", "Posted on May 2 by …") or a photo caption: said as the byline or not at all,
    never read as part of the story, whether the story came from a page's markup or a copy of it."""
    if len(text) > _SHORT_CHARS:
        return False
    return (is_by_line(text) or is_caption(text)
            or (word_count(text) <= 14 and not BY_SENTENCE.match(text) and credited_name(text) is not None))


def bare_by_name(text: str) -> str | None:
    """The capitalised words after a short "By": "By Ann Writer" → "Ann Writer", where the name
    checker refuses a surname that is also a job title."""
    match = re.match(r"^\s*(?i:by)\s+((?:[A-ZÀ-Þ][\w’'.-]*\s*){2,4})$", text)
    return squash(match.group(1)) if match and not SENTENCE_END.search(text) else None


def is_caption(text: str) -> bool:
    """A photo caption or credit: "FILE - …", "… (AP Photo/Jo Park)", "Photo: …"."""
    return bool(_CAPTION.match(text))


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


_WALL = float("-inf")
_SCORES = {"prose": None, "item": 1.0, "heading-like": -3.0, "short": -4.0, "date": -3.0,
           "byline": -3.0, "url": -1.0, "drop": 0.0, "lead-in": -20.0, "break": _WALL, "bio": _WALL}


def densest_run(lines: list[Line]) -> tuple[int, int]:
    """The run of lines richest in prose words, crossing no boilerplate wall: a feature (the distance
    of each line to it), no longer the decision. (-1, -2) when there is none."""
    best, span = 0.0, (-1, -2)
    total, run_start = 0.0, 0
    for i, line in enumerate(lines):
        score = _SCORES[line.kind]
        score = float(line.n_words) if score is None else score
        if score == _WALL or total + score <= 0:
            total, run_start = 0.0, i + 1
            continue
        total += score
        if total > best:
            best, span = total, (run_start, i)
    return span


_OWN = ("words", "log_chars", "sentences", "ends_sentence", "starts_upper", "capitals", "digits", "punct",
        "has_url", "stopwords", "mean_word", "repeats", "pipes", "by_line", "credited", "dateline", "name",
        "caption", "caps_line", "question", "quote", "item_mark", *(f"kind_{k}" for k in KINDS),
        *(f"pattern_{k.replace(' ', '_')}" for k in BREAK_PATTERNS), "pattern_drop")
_NEIGHBOUR = ("words", "ends_sentence", "stopwords", "kind_prose", "kind_heading-like", "capitals")
_PAGE = ("position", "chars_before", "lines", "language_known", "in_run", "before_run", "after_run",
         "run_share", "prose_words_5", "prose_words_15", "words_rank", "max_words", "wall_between", "lone",
         "prose_lines_3")
FEATURES: tuple[str, ...] = _OWN + tuple(f"{name}@{d:+d}" for d in (-2, -1, 1, 2) for name in _NEIGHBOUR) + _PAGE


_SHORT_CHARS = 2000


def _own(line: Line, language: str | None, repeats: int, names: Counter[str]) -> list[float]:
    text = line.text
    tokens = text.split()
    n_tokens = max(1, len(tokens))
    n_chars = max(1, len(text))
    wordish = _TOKEN.findall(text)
    capitals = sum(t[:1].isupper() for t in tokens)
    # the phrase patterns backtrack for minutes on a few words padded with megabytes (an entity flood):
    # a line longer than any credit, date or clutter line is never run through them
    fits = len(text) <= _SHORT_CHARS
    row = [
        line.n_words, np.log1p(len(text)), len(_SENTENCE_INSIDE.findall(text)), float(bool(SENTENCE_END.search(text))),
        float(text[:1].isupper()), capitals / n_tokens,
        len(_DIGIT.findall(text)) / n_chars, len(_PUNCT.findall(text)) / n_chars,
        float(bool(URL.search(text))), stopword_ratio(text, language) if language else 0.0,
        sum(map(len, wordish)) / max(1, len(wordish)), repeats, text.count("|") + text.count("•"),
        float(fits and is_by_line(text)), float(fits and line.n_words <= 14 and credited_name(text) is not None),
        float(fits and line.n_words <= 14 and is_dateline(text)), float(text in names),
        float(fits and is_caption(text)),
        float(text.isupper()), float(text.rstrip().endswith("?")), float(text[:1] in "\"“‘'«"),
        float(bool(ITEM.match(text))),
    ]
    row += [float(line.kind == k) for k in KINDS]
    short = fits and line.n_words <= 25
    row += [float(short and bool(p.match(text))) for p in BREAK_PATTERNS.values()]
    row.append(float(short and bool(DROP_PATTERNS.match(text))))
    return row


def features(lines: list[Line], language: str | None, names: Counter[str]) -> np.ndarray:
    """One row of :data:`FEATURES` per line."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(FEATURES)))
    counts = Counter(line.text for line in lines)
    own = np.array([_own(line, language, counts[line.text], names) for line in lines], dtype=np.float64)
    pick = [_OWN.index(name) for name in _NEIGHBOUR]
    padded = np.vstack([np.zeros((2, len(pick))), own[:, pick], np.zeros((2, len(pick)))])
    neighbours = [padded[2 + d : 2 + d + n] for d in (-2, -1, 1, 2)]
    start, end = densest_run(lines)
    index = np.arange(n, dtype=np.float64)
    chars = np.cumsum([0] + [len(line.text) for line in lines[:-1]], dtype=np.float64)
    prose_words = np.array([line.n_words if line.kind == "prose" else 0 for line in lines], dtype=np.float64)
    cumulative = np.concatenate([[0.0], np.cumsum(prose_words)])

    def window(k: int) -> np.ndarray:
        low = np.clip(index - k, 0, n).astype(int)
        high = np.clip(index + k + 1, 0, n).astype(int)
        return cumulative[high] - cumulative[low]

    walls = np.cumsum([line.kind in ("break", "bio") for line in lines])
    if end >= start:  # a share prompt, comment form or author box between the line and the densest run
        wall_between = np.where(index > end, walls - walls[end], np.where(index < start, walls[start] - walls, 0))
    else:
        wall_between = np.zeros(n)
    is_prose = np.array([line.kind in ("prose", "item") for line in lines], dtype=np.float64)
    lone = np.zeros(n)
    for i, line in enumerate(lines):  # a paragraph with no paragraph beside it: a teaser, a comment
        if line.kind == "prose":
            before = next((lines[j].kind for j in range(i - 1, -1, -1) if lines[j].kind != "drop"), "edge")
            after = next((lines[j].kind for j in range(i + 1, n) if lines[j].kind != "drop"), "edge")
            lone[i] = float(before not in ("prose", "item") and after not in ("prose", "item"))
    prose_cumulative = np.concatenate([[0.0], np.cumsum(is_prose)])
    low, high = np.clip(index - 3, 0, n).astype(int), np.clip(index + 4, 0, n).astype(int)
    prose_lines_3 = (prose_cumulative[high] - prose_cumulative[low]) / (high - low)
    n_words = own[:, 0]
    rank = np.argsort(np.argsort(-n_words, kind="stable"), kind="stable") / n
    in_run = (index >= start) & (index <= end)
    run_words = prose_words[start : end + 1].sum() if end >= start else 0.0
    page = np.column_stack([
        index / n, chars / max(1.0, chars[-1] + len(lines[-1].text)), np.full(n, np.log1p(n)),
        np.full(n, float(language is not None)), in_run.astype(float),
        np.where(index < start, start - index, 0) if end >= start else np.full(n, -1.0),
        np.where(index > end, index - end, 0) if end >= start else np.full(n, -1.0),
        np.full(n, run_words / max(1.0, prose_words.sum())), window(5), window(15), rank,
        np.full(n, n_words.max()), wall_between, lone, prose_lines_3,
    ])
    return np.hstack([own, *neighbours, page])
