"""Written text → the words an engine should say, for every engine alike: the rules, in order.

Engines guess at written forms and guess wrong: "$1 million" comes out as "dollar one million",
"World War II" as "World War eye eye", "(D-CA)" as "dee dash see ay", a URL letter by letter.
A newsreader would say "one million dollars", "World War Two", "Democrat of California",
"example dot com". Each rule turns one class of written form into those words; the rules live in
modules by class (:mod:`.web`, :mod:`.names`, :mod:`.dates`, :mod:`.roman`, :mod:`.money`,
:mod:`.capitals`, :mod:`.numbers`, :mod:`.characters`, :mod:`.symbols`), the words in :mod:`.tables`.

The order of the rules matters — a URL holds dots an abbreviation rule would eat, a date holds
numbers the number rule would read as quantities, "GB" after a number is a unit before it is an
initialism — so the order is one explicit list per language, here: RULES_BY_LANGUAGE. French,
Spanish, German, Italian and Portuguese share one set of rules reading each language's table
(:mod:`.localized`, :mod:`.languages`); a regional tag ("fr-CA", "pt-BR") falls back to its language.
Other languages get only the language-neutral rules (references, decorative symbols, pauses,
whitespace): better untouched than read with another language's rules.
"""

from __future__ import annotations

from audionews.script.normalize import localized as local
from audionews.script.normalize.base import Locale, Rule
from audionews.script.normalize.capitals import _alphanumerics, _initialisms
from audionews.script.normalize.characters import _characters, _decorations, _references
from audionews.script.normalize.dates import (
    _day_month_dates,
    _decades,
    _month_dates,
    _month_years,
    _numeric_dates,
    _phone_numbers,
    _times,
)
from audionews.script.normalize.money import _currencies, _units
from audionews.script.normalize.names import (
    _abbreviations,
    _after_name,
    _before_number,
    _city_states,
    _honorifics,
    _party_tags,
    _place_or_person,
    _special_forms,
    _street_suffixes,
    _titles,
)
from audionews.script.normalize.numbers import (
    _fractions,
    _long_numbers,
    _numbers,
    _ordinals,
    _percents,
    _ranges,
    _years,
)
from audionews.script.normalize.roman import _roman_numerals
from audionews.script.normalize.symbols import _pauses, _symbols, _tidy
from audionews.script.normalize.web import _emails, _urls

__all__ = ["ENGLISH_RULES", "NEUTRAL_RULES", "RULES_BY_LANGUAGE", "Locale", "for_speech", "locale_of", "rules_for"]


def locale_of(language: str) -> Locale:
    code = (language or "en").replace("_", "-").lower()
    american = code in ("en", "en-us")
    return Locale(code, day_first=not american, british=not american)


PASSES = 4
"""Readings at most: the rules run again on their own output until it holds still, as tidying after them can
join what a rule left into something another reads ("six,01h" → "six, 01h"). Real text holds still after the
first reading, which the second only confirms (a sentence takes a fifth of a millisecond)."""


def for_speech(text: str, language: str = "en") -> str:
    """The text as it should be spoken in ``language``: a reading that a second reading leaves unchanged."""
    locale = locale_of(language)
    rules = rules_for(locale.language)
    for _ in range(PASSES):
        said = text
        for rule in rules:
            said = rule(said, locale)
        if said == text:
            break
        text = said
    return text


def rules_for(language: str) -> tuple[Rule, ...]:
    """The rules for a language tag: its language's own ("fr-CA" → French), or the neutral ones."""
    return RULES_BY_LANGUAGE.get(language.split("-")[0], NEUTRAL_RULES)


ENGLISH_RULES: tuple[Rule, ...] = (
    _characters,
    _references,
    _emails,             # before URLs: an address holds a domain
    _urls,               # before abbreviations: a URL holds dots
    _decorations,
    _long_numbers,       # before any rule reads a number: a run of digits too long to say as one
    _special_forms,      # "9/11" before dates and fractions
    _party_tags,         # "D-Calif." before city and state
    _city_states,        # "Dover, Del." before titles ("Del. Smith")
    _titles,
    _honorifics,
    _after_name,         # "King Jr. Dr." : Junior before Drive
    _place_or_person,
    _street_suffixes,
    _before_number,
    _abbreviations,
    _phone_numbers,      # before times, dates and ranges: all dashes and digits
    _times,              # before dates: "June 13, 9:30 a.m."
    _numeric_dates,
    _month_dates,
    _day_month_dates,
    _month_years,
    _decades,
    _roman_numerals,     # before initialisms: "II" is a number
    _currencies,         # before initialisms: "US$5"
    _units,              # before initialisms: "5 GB"
    _alphanumerics,
    _initialisms,
    _ranges,
    _percents,
    _years,              # after dates and ranges, before plain numbers
    _ordinals,
    _fractions,
    _numbers,
    _symbols,
    _pauses,
    _tidy,
)
"""The English rules in the order they run."""

NEUTRAL_RULES: tuple[Rule, ...] = (_characters, _references, _decorations, _pauses, _tidy)
"""For any language: marks for the eye dropped, dashes and parentheses as pauses, whitespace tidied."""

_LOCAL_RULES: tuple[Rule, ...] = (
    local._guillemets,       # before characters, which make them straight quotes
    _characters,
    _references,
    local._abbreviations,    # "n° 5" before numbers, "M." before a name
    local._dates,            # before times and numbers: "12.03.2025", "12 mars 2025"
    local._scores,           # "2:1": one digit after the colon, where a clock has two
    local._times,            # "14 h 30", "14:30 Uhr"
    local._ranges,           # after dates and times, before money and numbers: "1939-1945", "10-20 €"
    local._currencies,       # before percents and numbers: "3,50 €", "R$ 10"
    local._percents,
    local._ordinals,         # "1er", "2º", "am 3. Oktober"
    local._german_years,     # "1990" in German: "neunzehnhundertneunzig"
    local._numbers,
    _decorations,
    local._symbols,
    _pauses,
    _tidy,
)
"""One order for French, Spanish, German, Italian and Portuguese; each rule reads its language's table."""

FRENCH_RULES = SPANISH_RULES = GERMAN_RULES = ITALIAN_RULES = PORTUGUESE_RULES = _LOCAL_RULES

RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {
    "en": ENGLISH_RULES,
    "fr": FRENCH_RULES,
    "es": SPANISH_RULES,
    "de": GERMAN_RULES,
    "it": ITALIAN_RULES,
    "pt": PORTUGUESE_RULES,
}
"""The rules each language runs, in order; any other language runs :data:`NEUTRAL_RULES`."""
