"""Paragraph → sentences, for sentence-by-sentence synthesis and one transcript cue per sentence.

A full stop ends a sentence unless it belongs to an abbreviation ("Sen.", "Jan. 5", "Acme Inc."),
an initial ("J. K. Rowling", "U.S.") or a number ("3.5"); a sentence also ends at "!" or "?" and at
the closing quote that follows them.

The abbreviations are the normalizer's own tables (:mod:`.normalize.tables`), read in the same
contexts, so a title the splitter keeps with its name is one the normalizer can say in full: a
sentence cut after "Maj." would leave "Maj." to be read alone. French, Spanish, German, Italian and
Portuguese read their own tables (:mod:`.normalize.languages`): "M. Dupont", "Sr. García", "z. B.",
"n° 5" and German ordinals ("am 3. Oktober") do not end a sentence; other languages read the English ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from audionews.script.normalize import tables
from audionews.script.normalize.base import alternation, starts_sentence
from audionews.script.normalize.languages import (
    GERMAN_DATIVE,
    GERMAN_NOMINATIVE,
    LANGUAGES,
    Language,
    language_of,
)

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
_END = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)(?=(?:["'“‘(\[¿¡]|«\s?)?[A-Z0-9À-ÖØ-Þ])""")


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text``, in order, with their punctuation; never an empty list for non-empty text."""
    text = text.strip()
    if not text:
        return []
    table = language_of(language)
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        before, after = text[start : match.start()], text[match.end(2) :]
        if match.group(1) == "." and (
            _is_abbreviation_in(table, before, after) if table else _is_abbreviation(before, after)
        ):
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


_GERMAN_ORDINAL = re.compile(
    r"(?:^|\s)(?:" + "|".join(GERMAN_DATIVE + GERMAN_NOMINATIVE) + r")\s\d{1,3}$", re.IGNORECASE
)
"""A German ordinal after its article ("am 3. Oktober", "der 2. Platz"), which the normalizer says as one."""


@functools.lru_cache(maxsize=16)
def _endings(code: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A language's abbreviations by context: before a name, before a number, never the end of a sentence."""
    table = LANGUAGES[code]
    never = [*table.within, *(part + "." for key in table.within for part in key.split(". ")[:-1])]
    inner = [part + "." for key in table.closing for part in key.split(". ")[:-1]]  # "EE." in "EE. UU."
    return _ending(table.titles), _ending(table.before_number), _ending(never + inner)


def _is_abbreviation_in(table: Language, before: str, after: str) -> bool:
    """As :func:`_is_abbreviation`, with one language's tables: "M. Dupont", "n° 5", "z. B.", "am 3. Oktober"."""
    word = re.search(r"([\w.]+)$", before)
    if not word:
        return False
    token = word.group(1)
    if re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", token):  # "J", "U.S", "z", "B"
        return len(token) <= 1 or "." in token
    titles, before_number, never = _endings(table.code)
    if titles.search(before):
        return True
    if before_number.search(before):
        return after.lstrip()[:1].isdigit()
    if never.search(before):
        return True
    if table.code != "de":
        return False
    if _GERMAN_ORDINAL.search(before):
        return True
    if re.search(r"(?:^|\s)\d{1,2}$", before):
        month = re.match(r"\s+(\w+)", after)
        return bool(month and month.group(1) in table.months)  # "Mittwoch, 12. März"
    return False
