"""The article body of an HTML page, agreed on by independent extractors.

Three readings of the page are made:

- **main**: trafilatura with precision favoured, then our clean-up for the ear;
- **readability**: readability-lxml, an independent algorithm (Mozilla's Readability);
- **plain**: our own plain-text extractor over the page's visible text, as if copied from a browser.

A paragraph of the main reading is kept when at least one independent reading contains it too
(most boilerplate is kept by one extractor, rarely by two that work differently). When the two
independent readings agree with each other and both hold much more than the main reading
covers, trafilatura stopped too early (an article split across containers): readability's
reading, checked the same way, is used instead.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import trafilatura
from lxml import etree

from ..model import Block
from .clutter import tidy_blocks
from .dom import html_blocks, parse_html
from .fields import squash

__all__ = ["main_reading", "readability_reading", "agreed_body", "tree_blocks"]

_TOKEN = re.compile(r"\w+")
SUPPORT = 0.5
"""Share of a paragraph's 4-word shingles another reading must contain for it to count as support."""
AGREEMENT = 0.7
"""How alike the two independent readings must be to overrule a truncated main reading."""
COVERAGE = 0.6
"""Below this share of the independent readings' text, the main reading is taken as truncated."""


def main_reading(root: etree._Element, url: str | None) -> list[Block]:
    """trafilatura (precision favoured) on a copy of the tree, then tidied."""
    try:
        document = trafilatura.bare_extraction(copy.deepcopy(root), url=url, favor_precision=True,
                                               include_comments=False, include_tables=True, with_metadata=False)
    except Exception:  # noqa: BLE001 - a crash in a third-party heuristic leaves the other readings
        return []
    if document is None or document.body is None:
        return []
    return tree_blocks(document.body)


def readability_reading(html: str, url: str | None) -> list[Block]:
    from readability import Document

    try:
        summary = Document(html, url=url).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - readability raises plain errors on odd pages
        return []
    root = parse_html(summary)
    return tidy_blocks(html_blocks(root)) if root is not None else []


_LEAVES = {"head": "heading", "p": "paragraph", "item": "item", "code": "paragraph"}


def tree_blocks(body: etree._Element) -> list[Block]:
    """trafilatura's XML → blocks, in document order, then tidied for the ear.

    Headings, paragraphs and list items become blocks; text that trafilatura leaves loose
    between them (an element's tail) becomes a paragraph of its own; a table of data is read
    row by row, its cells joined with commas, so a listener hears standings and results line by
    line (a table used for layout, holding paragraphs, is read as paragraphs).
    """
    blocks: list[Block] = []

    def add(kind: str, text: str | None) -> None:
        text = squash(text or "")
        if text:
            blocks.append(Block(kind, text))

    stack = [(body, False)]
    while stack:  # iterative, in document order: (element, after) pairs
        element, after = stack.pop()
        if after:
            add("paragraph", element.tail)
            continue
        if element is not body:
            stack.append((element, True))
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _LEAVES:
            add(_LEAVES[tag], "".join(element.itertext()))
        elif tag == "table" and not any(True for _ in element.iter("p", "head", "list")):
            for row in element.iter("row"):
                cells = (squash("".join(cell.itertext())) for cell in row.iter("cell"))
                add("item", ", ".join(c for c in cells if c))
        elif len(element) or element is body:
            add("paragraph", element.text)
            stack.extend((child, False) for child in reversed(element))
        elif tag:
            add("paragraph", element.text)
    return tidy_blocks(blocks)


@dataclass(frozen=True)
class _Reading:
    """A reading's 4-word shingles and its short lines, to ask whether it contains a paragraph."""

    shingles: frozenset
    joined: str

    @classmethod
    def of(cls, blocks: list[Block]) -> "_Reading":
        tokens = [_tokens(b.text) for b in blocks]
        return cls(frozenset(s for t in tokens for s in _shingles(t)), " | ".join(" ".join(t) for t in tokens))

    def contains(self, text: str) -> bool:
        tokens = _tokens(text)
        if not tokens:
            return True
        if len(tokens) < 4:
            return " ".join(tokens) in self.joined
        own = _shingles(tokens)
        return len(own & self.shingles) / len(own) >= SUPPORT

    def coverage_of(self, other: "_Reading") -> float:
        """Share of ``other``'s shingles that this reading holds too."""
        return len(self.shingles & other.shingles) / len(other.shingles) if other.shingles else 1.0


def agreed_body(main: list[Block], readability: list[Block], plain: list[Block]) -> list[Block]:
    """The body the readings agree on (see the module docstring)."""
    m, r, p = _Reading.of(main), _Reading.of(readability), _Reading.of(plain)
    if r.shingles and p.shingles:
        agreement = 2 * len(r.shingles & p.shingles) / (len(r.shingles) + len(p.shingles))
        if agreement > AGREEMENT and m.coverage_of(r) < COVERAGE and m.coverage_of(p) < COVERAGE:
            return [b for b in readability if p.contains(b.text) or m.contains(b.text)]
    if not r.shingles and not p.shingles:
        return main  # nobody to ask: trust the main reading
    return [b for b in main if r.contains(b.text) or p.contains(b.text)]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
