"""Roman numerals after a word: "World War II" is "World War Two", "Henry VIII" "Henry the Eighth".

Only in a context that makes them numbers, never the pronoun "I" or "Malcolm X".
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import Locale, cardinal, ordinal

__all__: list[str] = []


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_VALID_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_AFTER_WORD = re.compile(
    r"\b(?P<before>(?:[A-Z][\w'.-]*\s)?)(?P<word>[A-Z][A-Za-z'-]*)\s(?P<numeral>[IVXLCDM]+)(?P<poss>'s)?(?![\w'-])"
)


def roman_value(numeral: str) -> int | None:
    if not numeral or not _VALID_ROMAN.fullmatch(numeral):
        return None
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if following != " " and _ROMAN_VALUES[following] > value else value
    return total


def _roman_reading(before: str, word: str, numeral: str, locale: Locale) -> str | None:
    """How ``numeral`` after ``word`` is said, or None where it is no numeral ("I", "Malcolm X", "Vitamin D")."""
    value = roman_value(numeral)
    if value is None:
        return None
    if word.rstrip(".").title() in data.ROMAN_CARDINAL_AFTER:  # World War II, Super Bowl LVIII, Title IX
        return None if numeral in ("L", "C", "D", "M") else _title_case(cardinal(value, locale))
    if not set(numeral) <= set("IVX") or value > 40:
        return None
    if word in data.REGNAL_NAMES:  # Henry VIII, Elizabeth I
        return "the " + _title_case(ordinal(value, locale))
    if len(numeral) == 1:  # the pronoun I, Malcolm X, Model X
        return None
    if before and before not in data.SENTENCE_STARTERS and value <= 4:  # Thurston Howell III
        return "the " + _title_case(ordinal(value, locale))
    return _title_case(cardinal(value, locale))  # Gladiator II


def _roman_numerals(text: str, locale: Locale) -> str:
    """"World War II" → "World War Two", "Henry VIII" → "Henry the Eighth"; never the pronoun "I" or "a MIX"."""

    def say(m: re.Match) -> str:
        said = _roman_reading(m["before"].strip(), m["word"], m["numeral"], locale)
        return m.group(0) if said is None else f"{m['before']}{m['word']} {said}{m['poss'] or ''}"

    return _ROMAN_AFTER_WORD.sub(say, text)


def _title_case(words: str) -> str:
    """"fifty-eight" → "Fifty-Eight": a numeral in a name is read as part of the name."""
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in words.split(" "))
