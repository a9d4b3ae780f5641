"""What every rule module shares: the reader's Locale, number words, and the pattern helpers.

Number words live here rather than in :mod:`.numbers` because dates, money, codes and Roman
numerals say numbers too; every rule module imports this one, and this one imports none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from num2words import num2words

from audionews.script.normalize import tables as data

__all__ = [
    "NUMBER",
    "Locale",
    "Rule",
    "alternation",
    "cardinal",
    "digits",
    "full_stop",
    "letters",
    "number",
    "ordinal",
    "plural",
    "starts_sentence",
    "year",
]


@dataclass(frozen=True)
class Locale:
    """What a rule needs to know about the reader's English."""

    language: str
    day_first: bool
    """13/06/2025 is the 13th of June (en-GB and most of the world); en-US and plain "en" put the month first."""
    british: bool
    """"one hundred and one" rather than "one hundred one"."""


Rule = Callable[[str, Locale], str]
"""A rule: text in, text out, one class of written form turned into words."""


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A written number: 1,234,567.89 or 1234.5 or 42."""


def _tidy_words(words: str, locale: Locale) -> str:
    words = words.replace(",", "")
    return words if locale.british else words.replace(" and ", " ")


def cardinal(n: int, locale: Locale) -> str:
    return _tidy_words(num2words(n, lang="en"), locale)


def ordinal(n: int, locale: Locale) -> str:
    return _tidy_words(num2words(n, lang="en", to="ordinal"), locale)


def digits(text: str) -> str:
    return " ".join(data.DIGIT_WORDS[int(d)] for d in text if d.isdecimal())  # not "²": int() refuses it


def number(written: str, locale: Locale) -> str:
    """"1,234.5" → "one thousand two hundred thirty-four point five"; "007" → "zero zero seven"."""
    sign = "minus " if written.startswith("-") else ""
    whole, _, fraction = written.lstrip("-").replace(",", "").partition(".")
    said = digits(whole) if len(whole) > 1 and whole.startswith("0") else cardinal(int(whole or "0"), locale)
    if fraction:
        said += " point " + digits(fraction)
    return sign + said


def year(n: int, locale: Locale) -> str:
    """1990 → "nineteen ninety", 2009 → "two thousand nine", 1905 → "nineteen oh five", 2025 → "twenty twenty-five"."""
    if not 1000 <= n <= 2999 or n % 1000 < 10:
        return cardinal(n, locale)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high, locale)} hundred"
    return f"{cardinal(high, locale)} {'oh ' + cardinal(low, locale) if low < 10 else cardinal(low, locale)}"


def plural(words: str) -> str:
    """"nineteen ninety" → "nineteen nineties", "two thousand" → "two thousands"."""
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith("x") else "s")
    return f"{head} {last}".strip()


def letters(word: str) -> str:
    """"IRS" → "I R S"."""
    return " ".join(word)


def full_stop(match: re.Match, before_any_capital: bool = False) -> str:
    """The full stop a match swallowed, given back when it also ended the sentence ("in the U.S.").

    Before a capitalized word that usually starts a sentence ("The", "Police") it is given back;
    with ``before_any_capital``, before any capitalized word ("Springfield, Ill. Mayor Lee said").
    """
    if not match.group(0).endswith("."):
        return ""
    rest = match.string[match.end():]
    if not rest.strip(" \"')]"):
        return "."
    if before_any_capital:
        return "." if re.match(r"\s+[\"'(]?[A-Z]", rest) else ""
    return "." if starts_sentence(rest) else ""


def starts_sentence(rest: str) -> bool:
    """Whether ``rest``, the text after an abbreviation's full stop, opens a new sentence ("The", "Police").

    The sentence splitter asks the same of a full stop after "Inc." or "etc.", so both agree.
    """
    following = re.match(r"\s+[\"'(]?([A-Z][a-z]*)", rest)
    return following is not None and following.group(1) in data.SENTENCE_STARTERS


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
