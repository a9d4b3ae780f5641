"""An HTML page cut into text blocks, and what each block looks like, for the learned body classifier.

A block is what a reader sees as one unit: a paragraph, a heading, a list item, a table row, or text
standing loose in a container. Each gets a row of features, the cues that tell an article's text
from the boilerplate around it on any site: how much of it is links, whether it reads as sentences,
which tags and which class and id words (``comment``, ``share``, ``related``, ``content``…) lie above
it, where it stands relative to the page's headline, how much text its containers hold, its
neighbours, and how much of it and of its containers trafilatura and readability kept. The
classifier (``trees.Forest``, trained by ``benchmarks/train.py``) turns each row into the probability
that the block is article.

Training and run time call the same :func:`page_blocks` and :func:`features`, so the model sees at
run time exactly what it was trained on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from lxml import etree

from audionews.extract.clutter import is_clutter
from audionews.extract.dom import BLOCK_TAGS, is_hidden
from audionews.extract.fields import is_dateline, squash, stopword_ratio, words
from audionews.extract.words import BREAK_PATTERNS, DROP_PATTERNS
from audionews.model import BlockKind

__all__ = ["FEATURE_NAMES", "PageBlock", "features", "page_blocks", "units"]

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEAVES = frozenset({"p", "li", "dd", "dt", "pre", "figcaption", "caption", "address", "summary", "blockquote",
                     "tr", *_HEADINGS})
_LEAF_KIND: dict[str, BlockKind] = {"li": "item", "tr": "item", "dd": "item", "dt": "item",
                                    **dict.fromkeys(_HEADINGS, "heading")}
_TAG_GROUPS = ("p", "li", "h1", "h2", "h3", "h4-6", "tr", "pre", "blockquote", "dd", "caption", "loose")

# Words of class and id attributes, by what they usually mark; a token matches when it starts with one.
_CLASS_GROUPS: dict[str, tuple[str, ...]] = {
    "comment": ("comment", "disqus", "respond", "reply", "replies", "discussion"),
    "nav": ("nav", "menu", "breadcrumb", "pagination", "pager", "skip", "toolbar"),
    "footer": ("footer", "foot", "copyright", "bottom", "colophon"),
    "side": ("sidebar", "aside", "widget", "rail", "sidebox", "secondary"),
    "related": ("related", "recommend", "popular", "trending", "more", "readmore", "teaser", "promo", "latest",
                "also", "recirc", "taboola", "outbrain", "next", "prev"),
    "share": ("share", "social", "sharing", "follow", "facebook", "twitter", "whatsapp", "email"),
    "ad": ("ad", "ads", "advert", "sponsor", "banner", "dfp", "gpt", "adsense", "affiliate"),
    "subscribe": ("newsletter", "subscri", "signup", "cta", "paywall", "register", "login", "form"),
    "cookie": ("cookie", "consent", "gdpr", "modal", "popup", "overlay", "notice"),
    "meta": ("meta", "byline", "author", "bio", "date", "time", "tag", "categor", "keyword", "published"),
    "caption": ("caption", "credit", "photo", "image", "img", "gallery", "media", "figure", "video", "embed"),
    "header": ("header", "masthead", "topbar", "hero", "title", "headline", "heading", "kicker"),
    "content": ("article", "content", "post", "entry", "story", "body", "text", "main", "prose", "rich", "detail",
                "blog", "single"),
    "hidden": ("hidden", "hide", "sr", "screen", "visually", "offscreen", "print", "noscript"),
    "card": ("card", "item", "list", "grid", "tile", "feed", "stream", "river"),
}
_STRUCTURE = ("article", "main", "nav", "header", "footer", "aside", "form", "figure", "table", "ul", "ol", "a",
              "section", "blockquote")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
_PUNCT = re.compile(r"[.,;:!?]")
_CREDIT = re.compile(r"^\s*(?:by|von|par|por|di|door|av|text|words)\s+\S", re.IGNORECASE)
_URLISH = re.compile(r"https?://|www\.|@\w|\b[\w.+-]+@[\w-]+\.", re.IGNORECASE)


@dataclass(frozen=True)
class PageBlock:
    """One block of a page: its text, its kind for the body, and where it sits in the tree."""

    kind: BlockKind
    tag: str
    """The leaf tag, or "loose" for text standing in a container."""
    text: str
    link_chars: int
    element: etree._Element
    """The leaf element, or the container of loose text."""


def _alternatives(prefixes: tuple[str, ...]) -> str:
    # a long word matches as a prefix ("comments", "sidebar-left"), a short one only whole ("ad", not "add")
    return "|".join(p if len(p) > 3 else p + "(?![a-z0-9])" for p in prefixes)


_GROUP_PATTERNS = {group: re.compile(r"(?<![a-z0-9])(?:" + _alternatives(prefixes) + ")")
                   for group, prefixes in _CLASS_GROUPS.items()}


@lru_cache(maxsize=4096)
def _groups_of(attributes: str) -> frozenset[str]:
    """The class groups that an element's class, id, role and itemprop words fall in."""
    words_ = _CAMEL.sub(" ", attributes).lower()
    return frozenset(group for group, pattern in _GROUP_PATTERNS.items() if pattern.search(words_))


def _attributes(element: etree._Element) -> str:
    get = element.get
    return f"{get('class') or ''} {get('id') or ''} {get('role') or ''} {get('itemprop') or ''}"


def page_blocks(root: etree._Element) -> list[PageBlock]:
    """The page's visible text as blocks, in document order."""
    blocks: list[PageBlock] = []
    pending: list[str] = []
    pending_link = 0
    containers: list[etree._Element] = [root]

    def flush() -> None:
        nonlocal pending_link
        text = squash("".join(pending))
        if text:
            blocks.append(PageBlock("paragraph", "loose", text, min(pending_link, len(text)), containers[-1]))
        pending.clear()
        pending_link = 0

    skip_depth = 0
    link_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skip_depth or is_hidden(element) or (tag in _LEAVES and not _holds_blocks(element, tag)):
                skip_depth += 1
                if skip_depth == 1 and not is_hidden(element):
                    flush()
                    _add_leaf(blocks, element, tag)
                continue
            if tag in BLOCK_TAGS:
                flush()
                containers.append(element)
            if tag == "a":
                link_depth += 1
            if element.text:
                pending.append(element.text)
                if link_depth:
                    pending_link += len(element.text.strip())
        else:
            if skip_depth:
                skip_depth -= 1
            else:
                if tag in BLOCK_TAGS:
                    flush()
                    if containers[-1] is element:
                        containers.pop()
                if tag == "a":
                    link_depth -= 1
            if skip_depth == 0 and element.tail and element is not root:
                pending.append(element.tail)
                if link_depth:
                    pending_link += len(element.tail.strip())
    flush()
    return blocks


_INNER_BLOCKS = frozenset({"p", "div", "table", "ul", "ol", "br", "blockquote", "section", "article", *_HEADINGS})


def _holds_blocks(element: etree._Element, tag: str) -> bool:
    """A table row used for layout (a whole page in its cells) is a container, not a row of data."""
    return tag == "tr" and any(isinstance(e.tag, str) and e.tag.lower() in _INNER_BLOCKS
                               for e in element.iterdescendants())


def units(blocks: list[PageBlock]) -> list[int]:
    """For each block, the list or table it is an item or row of (as a number, the same for one list), or -1:
    a list or a data table is read whole or not at all."""
    ids: dict[etree._Element, int] = {}
    found = []
    for b in blocks:
        owner = None
        if b.tag in ("li", "tr", "dd"):
            owner = next((a for a in b.element.iterancestors("ul", "ol", "table", "dl")), None)
        found.append(ids.setdefault(owner, len(ids)) if owner is not None else -1)
    return found


def _add_leaf(blocks: list[PageBlock], element: etree._Element, tag: str) -> None:
    if tag == "tr":
        cells = [squash(cell.text_content()) for cell in element if cell.tag in ("td", "th")]
        text = ", ".join(c for c in cells if c)
    else:
        text = squash(element.text_content())
    if not text:
        return
    link_chars = sum(len(squash(a.text_content())) for a in element.iter("a"))
    kind = _LEAF_KIND.get(tag, "paragraph")
    group = tag if tag in _TAG_GROUPS else "h4-6" if tag in _HEADINGS else "dd" if tag == "dt" else \
        "caption" if tag in ("figcaption", "caption") else "p"
    blocks.append(PageBlock(kind, group, text, min(link_chars, len(text)), element))


# -- features -----------------------------------------------------------------------------------------

_TEXT_FEATURES = ("log_words", "log_chars", "link_density", "sentence_end", "punct_per_word", "stopwords",
                  "capitalised", "digits", "clutter", "drop_phrase", "break_phrase", "dateline", "credit", "urlish",
                  "repeats")
_NEIGHBOUR_FEATURES = ("prev_log_words", "prev_link_density", "prev_sentence_end", "prev_support", "next_log_words",
                       "next_link_density", "next_sentence_end", "next_support", "window_prose", "window_links",
                       "window_support", "window_support2")
_CONTAINER_FEATURES = tuple(f"{level}_{name}" for level in ("c1", "c2", "c3")
                            for name in ("share", "link_density", "blocks", "prose_share", "support", "support2"))
_POSITION_FEATURES = ("position", "words_before", "after_h1", "blocks_from_h1", "depth", "depth_vs_prose",
                      "in_best", "page_log_words", "page_blocks")
FEATURE_NAMES: tuple[str, ...] = (
    _TEXT_FEATURES
    + tuple(f"tag_{t}" for t in _TAG_GROUPS)
    + tuple(f"in_{t}" for t in _STRUCTURE)
    + tuple(f"own_{g}" for g in _CLASS_GROUPS)
    + tuple(f"near_{g}" for g in _CLASS_GROUPS)
    + tuple(f"far_{g}" for g in _CLASS_GROUPS)
    + _CONTAINER_FEATURES + _POSITION_FEATURES + _NEIGHBOUR_FEATURES
    + ("trafilatura", "readability")
)
_NEAR = 3
"""Ancestors up to this many levels above a block count as "near" it."""


_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_PLACES = {where: {group: _COLUMN[f"{where}_{group}"] for group in _CLASS_GROUPS} for where in ("own", "near", "far")}
_IN = {tag: _COLUMN[f"in_{tag}"] for tag in _STRUCTURE}
_CONTAINER_COLUMNS = tuple(tuple(_COLUMN[f"{level}_{name}"] for name in ("share", "link_density", "blocks",
                                                                            "prose_share", "support", "support2"))
                           for level in ("c1", "c2", "c3"))


def _window_mean(values: np.ndarray, reach: int) -> np.ndarray:
    """The mean of each value and its neighbours up to ``reach`` blocks away (fewer at the edges)."""
    sums = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    low, high = np.maximum(0, index - reach), np.minimum(len(values), index + reach + 1)
    return (sums[high] - sums[low]) / (high - low)


def features(blocks: list[PageBlock], language: str | None, support: list[float],
             support2: list[float]) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` per block. ``support`` and ``support2`` are the share of each
    block that trafilatura's and readability's readings of the page hold; a container's support is
    the share of its words they hold, so a block is judged with the part of the page it sits in."""
    n = len(blocks)
    rows = np.zeros((n, len(FEATURE_NAMES)))
    if not n:
        return rows
    column = _COLUMN
    counts = [len(words(b.text)) for b in blocks]
    total_words = sum(counts) or 1
    link_density = [b.link_chars / max(1, len(b.text)) for b in blocks]
    prose = [c >= 8 and ld < 0.3 and bool(_SENTENCE_END.search(b.text))
             for b, c, ld in zip(blocks, counts, link_density, strict=True)]
    seen: dict[str, int] = {}
    for b in blocks:
        seen[b.text] = seen.get(b.text, 0) + 1

    # Ancestors of every block, nearest first, and what each container holds.
    chains: list[list[etree._Element]] = []
    held: dict[etree._Element, list[float]] = {}  # words, link chars, chars, blocks, prose words, supported words ×2
    for i, b in enumerate(blocks):
        chain = [b.element, *b.element.iterancestors()] if b.tag == "loose" else list(b.element.iterancestors())
        chains.append(chain)
        c, chars, prose_words = counts[i], len(b.text), counts[i] if prose[i] else 0
        supported, supported2 = counts[i] * support[i], counts[i] * support2[i]
        for element in chain:
            entry = held.get(element)
            if entry is None:
                held[element] = [c, b.link_chars, chars, 1, prose_words, supported, supported2]
            else:
                entry[0] += c
                entry[1] += b.link_chars
                entry[2] += chars
                entry[3] += 1
                entry[4] += prose_words
                entry[5] += supported
                entry[6] += supported2
    best = max(held, key=lambda e: held[e][4] - 0.5 * (held[e][0] - held[e][4])) if held else None
    prose_depths = [len(chain) for chain, p in zip(chains, prose, strict=True) if p]
    typical_depth = float(np.median(prose_depths)) if prose_depths else 0.0
    h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    marks: dict[etree._Element, tuple[int, frozenset[str]]] = {}  # an element's structure column and class groups

    def marks_of(element: etree._Element) -> tuple[int, frozenset[str]]:
        found = marks.get(element)
        if found is None:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            found = marks[element] = (_IN.get(tag, -1), _groups_of(_attributes(element)))
        return found

    for i, b in enumerate(blocks):
        row = rows[i]
        text, c = b.text, counts[i]
        tokens = text.split()
        short = c <= 30 and len(text) <= 2000
        values = {
            "log_words": math.log1p(c),
            "log_chars": math.log1p(len(text)),
            "link_density": link_density[i],
            "sentence_end": bool(_SENTENCE_END.search(text)),
            "punct_per_word": len(_PUNCT.findall(text)) / max(1, c),
            "stopwords": stopword_ratio(text, language),
            "capitalised": sum(t[:1].isupper() for t in tokens) / max(1, len(tokens)),
            "digits": sum(ch.isdigit() for ch in text) / max(1, len(text)),
            "clutter": short and is_clutter(text),
            "drop_phrase": short and bool(DROP_PATTERNS.match(text)),
            "break_phrase": short and any(p.match(text) for p in BREAK_PATTERNS.values()),
            "dateline": c <= 14 and is_dateline(text),
            "credit": c <= 14 and bool(_CREDIT.match(text)),
            "urlish": bool(_URLISH.search(text)),
            "repeats": seen[text] - 1,
            f"tag_{b.tag}": 1,
        }
        for name, value in values.items():
            row[column[name]] = value

        chain = chains[i]
        leaf = b.tag != "loose"  # a leaf's chain starts at its parent; loose text's at the container holding it
        for depth, element in enumerate(chain):
            structure, groups = marks_of(element)
            if structure >= 0:
                row[structure] = 1
            if groups:
                place = _PLACES["own" if depth == 0 and not leaf else "near" if depth < _NEAR else "far"]
                for group in groups:
                    row[place[group]] = 1
        if leaf:
            for group in marks_of(b.element)[1]:
                row[_PLACES["own"][group]] = 1
        for columns, element in zip(_CONTAINER_COLUMNS, _containers(chain), strict=False):  # up to three
            w, links, held_chars, count, held_prose, held_supported, held_supported2 = held[element]
            row[list(columns)] = (w / total_words, links / max(1, held_chars), math.log1p(count),
                                  held_prose / max(1, w), held_supported / max(1, w), held_supported2 / max(1, w))
        row[column["depth"]] = len(chain)
        row[column["in_best"]] = best is not None and best in chain

    # Position and neighbours, for all blocks at once.
    index = np.arange(n)
    words_ = np.array(counts, dtype=float)
    links_ = np.array(link_density)
    prose_ = np.array(prose, dtype=float)
    support_, support2_ = np.array(support, dtype=float), np.array(support2, dtype=float)
    rows[:, column["position"]] = index / n
    rows[:, column["words_before"]] = (np.cumsum(words_) - words_) / total_words
    if h1 is not None:
        rows[:, column["after_h1"]] = index > h1
        rows[:, column["blocks_from_h1"]] = np.sign(index - h1) * np.log1p(np.abs(index - h1))
    rows[:, column["depth_vs_prose"]] = rows[:, column["depth"]] - typical_depth
    rows[:, column["page_log_words"]] = math.log1p(total_words)
    rows[:, column["page_blocks"]] = math.log1p(n)
    for side, shift in (("prev", 1), ("next", -1)):
        for name, values_ in (("log_words", np.log1p(words_)), ("link_density", links_),
                              ("sentence_end", prose_), ("support", support_)):
            rolled = np.roll(values_, shift)
            rolled[0 if shift > 0 else -1] = 0.0
            rows[:, column[f"{side}_{name}"]] = rolled
    rows[:, column["window_prose"]] = _window_mean(prose_, 3)
    rows[:, column["window_links"]] = _window_mean(links_, 3)
    rows[:, column["window_support"]] = _window_mean(support_, 3)
    rows[:, column["window_support2"]] = _window_mean(support2_, 3)
    rows[:, column["trafilatura"]] = support_
    rows[:, column["readability"]] = support2_
    return rows


def _containers(chain: list[etree._Element]) -> list[etree._Element]:
    """The nearest three block-level ancestors that hold more than the one below them would alone."""
    found: list[etree._Element] = []
    for element in chain:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in BLOCK_TAGS and tag not in _LEAVES:
            found.append(element)
            if len(found) == 3:
                break
    return found
