"""Words to check: what the rules had to guess at, for ``audionews check`` to list before publishing.

The same rules run as for speech, stopped where a rule guesses, so only what is left to guess is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from audionews.script.normalize.base import Locale, Rule, cardinal, year
from audionews.script.normalize.capitals import SENTENCE, caps_reading, is_shouted
from audionews.script.normalize.numbers import YEAR_NUMBER, fraction_words, year_context
from audionews.script.normalize.rules import ENGLISH_RULES, RULES_BY_LANGUAGE, locale_of, rules_for

__all__ = ["Doubt", "doubts"]


@dataclass(frozen=True)
class Doubt:
    """A written word the rules had to guess at, and how it will be said."""

    word: str
    spoken: str
    reason: str

    def to_json(self) -> dict:
        return {"word": self.word, "spoken": self.spoken, "reason": self.reason}


_CHECK_CAPS = re.compile(r"(?<![\w&.'-])[A-Z]{2,}(?![\w&])")
_CHECK_NAME = re.compile(r"(?<=[\w,;:)\"”’] )[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?")
"""A capitalised word that does not open a sentence: a name, most likely."""
_FOREIGN_SPELLING = re.compile(
    r"[^\x00-\x7f]|ngu|^ng|cz|sz|zs|tx|xh|ij|aa|uu|ii|q(?!u)|^kh|^zh|^tl|^dz|^ts|^x[aeiou]|"
    r"[aeiou]{3}|kj|hj|dj",
    re.IGNORECASE,
)
"""Letter patterns English spelling rules rarely meet: a name with them is likely misread by the engine."""
_CHECK_SLASH = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})(?![\w/])")
_STRONG_YEAR = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Cc]irca|year)\s$")


def _run(rules: Iterable[Rule], text: str, locale: Locale) -> str:
    for rule in rules:
        text = rule(text, locale)
    return text


def doubts(texts: Iterable[str], language: str = "en") -> list[Doubt]:
    """Words the rules had to guess at: capitals in no table, names spelled unlike English, four-digit
    numbers read by context, "6/13".

    Each text goes through the rules up to the one that guesses, so only what is left to guess is named.
    """
    locale = locale_of(language)
    if not locale.language.startswith("en"):
        return _numbers_left(texts, locale)
    names = [rule.__name__ for rule in ENGLISH_RULES]
    to_capitals, to_years = names.index("_initialisms"), names.index("_years")
    found: dict[str, Doubt] = {}
    for text in texts:
        text = _run(ENGLISH_RULES[:to_capitals], text, locale)
        for sentence in SENTENCE.finditer(text):
            shouted = is_shouted(sentence.group(0))
            for m in _CHECK_CAPS.finditer(sentence.group(0)):
                said, known = caps_reading(m.group(0), shouted)
                if not known:
                    how = "spelled out" if said != m.group(0) else "said as a word"
                    found.setdefault(m.group(0), Doubt(m.group(0), said, f"capitals in no list, {how}"))
        for m in _CHECK_NAME.finditer(text):
            if _FOREIGN_SPELLING.search(m.group(0).lower()):
                found.setdefault(m.group(0), Doubt(m.group(0), m.group(0),
                                                   "a name English spelling rules may misread (add it to the lexicon)"))
        text = _run(ENGLISH_RULES[to_capitals:to_years], text, locale)
        for m in YEAR_NUMBER.finditer(text):
            if not _STRONG_YEAR.search(m.string[: m.start()]):
                said = year(int(m[1]), locale) if year_context(m) else cardinal(int(m[1]), locale)
                found.setdefault(m[1], Doubt(m[1], said, "four-digit number, read as a year or a quantity by context"))
        for m in _CHECK_SLASH.finditer(text):
            if fraction_words(None, int(m[1]), int(m[2]), locale) is None:
                found.setdefault(m.group(0), Doubt(m.group(0), _run(ENGLISH_RULES, m.group(0), locale),
                                                   "numbers with a slash: a date without a year, a score?"))
    return list(found.values())


_DIGITS_LEFT = re.compile(r"-?\d+(?:[., ]\d+)*")


def _numbers_left(texts: Iterable[str], locale: Locale) -> list[Doubt]:
    """In a language with rules of its own: the numbers they left as digits, whose words would agree with
    a noun the tables do not know ("21 maisons": "vingt et un" or "vingt et une"), for the engine to say."""
    rules = rules_for(locale.language)
    if rules not in RULES_BY_LANGUAGE.values():
        return []
    found: dict[str, Doubt] = {}
    for text in texts:
        for m in _DIGITS_LEFT.finditer(_run(rules, text, locale)):
            found.setdefault(m.group(0), Doubt(m.group(0), m.group(0), _LEFT))
    return list(found.values())


_LEFT = "left as written (its words agree with the noun after it, or its form is ambiguous): the engine says it"
