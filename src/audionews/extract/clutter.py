"""The last pass over a body, for the ear: clutter that extractors let through is dropped.

Shared by the HTML and plain-text extractors. Each rule is a class of clutter, never a site:
a paragraph repeated right after itself (captions shown twice), lines that are only a date, drop-class lines
("Advertisement", "Read more: …", contact, follow and share prompts, wire credits), and the teaser links that follow
a lead-in such as "Related:" or "Don't miss". A comment form ends the article.
"""

from __future__ import annotations

import re

from audionews.extract.fields import is_dateline, squash, words
from audionews.extract.words import BREAK_PATTERNS, DROP_PATTERNS
from audionews.model import Block

__all__ = ["is_clutter", "tidy_blocks"]

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_LEAD_IN = re.compile(r"^\W*(?:related(?: (?:stories|articles|coverage|content|links|reading))?|see also|"
                      r"more (?:on|about) this(?: story)?|read (?:also|next)|recommended(?: for you)?)\s*:?\s*$",
                      re.IGNORECASE)
_SHORT_CHARS = 2000
"""Clutter lines are short; longer text is never run through the clutter patterns (they backtrack)."""


def is_clutter(text: str) -> bool:
    """A short line of a known clutter class: drop it and go on."""
    n = len(words(text))
    if n == 0:
        return True
    if n > 30 or len(text) > _SHORT_CHARS:
        return False
    if DROP_PATTERNS.match(text) or BREAK_PATTERNS["site furniture"].match(text) or (n <= 12 and is_dateline(text)):
        return True
    return bool(_EMAIL.search(text)) and n <= 25


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(words(text)) >= 4 and len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _is_teaser(block: Block) -> bool:
    n = len(words(block.text))
    if block.kind == "item":
        return n <= 25
    return n <= 25 and (not _SENTENCE_END.search(block.text) or block.text.rstrip().endswith("]")
                        or _is_shouting(block.text))


def tidy_blocks(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    recent: list[str] = []
    after_lead_in = False
    for block in blocks:
        text = block.text
        n = len(words(text))
        if n == 0:
            continue  # nothing to say; the patterns below backtrack for minutes on 300k chars of &nbsp;
        key = squash(text).lower()
        if key in recent:
            continue  # a caption or gallery text shown again; far-apart repeats (recipes, interviews) stay
        recent = [*recent, key][-3:]
        short = n <= 25 and len(text) <= _SHORT_CHARS  # a few words padded with megabytes are not clutter
        if short and BREAK_PATTERNS["comment form"].match(text):
            break
        if short and (_LEAD_IN.match(text) or any(BREAK_PATTERNS[c].match(text) for c in
                                                    ("section list", "social and newsletter"))):
            after_lead_in = True
            continue
        if after_lead_in and _is_teaser(block):
            continue
        after_lead_in = False
        if is_clutter(text):
            continue
        kept.append(block)
    return kept
