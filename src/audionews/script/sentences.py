"""Paragraph → sentences, for sentence-by-sentence synthesis and one transcript cue per sentence.

A full stop ends a sentence unless it belongs to an abbreviation ("Sen.", "U.S.", "Jan."), an
initial ("J. K. Rowling") or a number ("3.5"); a sentence also ends at "!" or "?" and at the
closing quote that follows them.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt cmdr sgt adm st mt ft jr sr rev hon pres supt "
    "insp det no nos vs etc inc ltd co corp bros dept univ assn ave blvd rd jan feb mar apr jun jul aug "
    "sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun approx est ed eds al e g i".split()
)
_BEFORE_NUMBER = frozenset({"no", "nos", "fig", "vol", "p", "pp", "art", "sec"})
"""Abbreviations only when a number follows: "No. 5" but "He said no. Then…"."""
_END = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])""")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, with their punctuation; never an empty list for non-empty text."""
    text = text.strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[start : match.start()], text[match.end() :]):
            continue
        sentences.append(text[start : match.end(2)].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(before: str, after: str) -> bool:
    """True when the word before a full stop is an abbreviation or an initial, not a sentence end."""
    word = re.search(r"([\w.]+)$", before)
    if not word:
        return False
    token = word.group(1)
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):  # "U.S", "J", "e.g"
        return len(token) <= 1 or "." in token
    if token.lower() in _BEFORE_NUMBER:
        return after[:1].isdigit()
    return token.lower() in _ABBREVIATIONS
