"""Paragraph → sentences, for sentence-by-sentence synthesis and one transcript cue per sentence.

A full stop ends a sentence unless it belongs to an abbreviation ("Sen.", "Jan. 5", "Acme Inc."),
an initial ("J. K. Rowling", "U.S.") or a number ("3.5"); a sentence also ends at "!" or "?" and at
the closing quote that follows them.

The abbreviations are the normalizer's own tables (:mod:`.normalize.tables`), read in the same
contexts, so a title the splitter keeps with its name is one the normalizer can say in full: a
sentence cut after "Maj." would leave "Maj." to be read alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from audionews.script.normalize import tables
from audionews.script.normalize.base import alternation, starts_sentence

__all__ = ["split_sentences"]


def _ending(*written: Iterable[str]) -> re.Pattern[str]:
    """A pattern for text that ends in one of these abbreviations, its full stop left off."""
    words = {word.removesuffix(".") for table in written for word in table}
    return re.compile(r"(?<![\w.'-])(?:" + alternation(words) + r")$")


def _with_full_stop(table: Iterable[str]) -> list[str]:
    """The abbreviations a table writes with a full stop: "vs." but not "vs" or "OK"."""
    return [word for word in table if word.endswith(".")]


_BEFORE_A_NAME = _ending(_with_full_stop(tables.TITLES), tables.HONORIFICS, tables.PLACE_OR_PERSON)
"""Never the end of a sentence: a name follows ("Maj. Ana Ruiz", "Dr. Lee", "St. Louis", "Oak Dr.")."""
_BEFORE_A_NUMBER = _ending(_with_full_stop(tables.BEFORE_NUMBER), tables.MONTH_ABBREVIATIONS)
"""Abbreviations only when a number follows: "No. 5", "Jan. 5"; but "He said no. Then…", "I met Jan. She…"."""
_ANYWHERE = _ending(*map(_with_full_stop, (tables.AFTER_NAME, tables.STREET_SUFFIXES, tables.ABBREVIATIONS)))
"""The end of a sentence only when a word that opens one follows: "Acme Inc. The firm…" but "Acme Inc. Shares…"."""
_STATE_AFTER_CITY = re.compile(
    r"\b[A-Z][a-z]+,\s(?:" + alternation(ap.removesuffix(".") for _, _, ap in tables.STATES if ap) + r")$"
)
"""A state after its city ends a sentence before any capital, as the normalizer reads it: "Dover, Del. Her…"."""
_END = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])""")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, with their punctuation; never an empty list for non-empty text."""
    text = text.strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[start : match.start()], text[match.end(2) :]):
            continue
        sentences.append(text[start : match.end(2)].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(before: str, after: str) -> bool:
    """True when the word before a full stop is an abbreviation or an initial, not a sentence end.

    ``after`` is the text after the full stop, from the space that follows it.
    """
    word = re.search(r"([\w.]+)$", before)
    if not word or _STATE_AFTER_CITY.search(before):
        return False
    token = word.group(1)
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):  # "U.S", "J", "e.g"
        return len(token) <= 1 or "." in token
    if _BEFORE_A_NAME.search(before):
        return True
    if _BEFORE_A_NUMBER.search(before):
        return after.lstrip()[:1].isdigit()
    if _ANYWHERE.search(before):
        return not starts_sentence(after)
    return False
