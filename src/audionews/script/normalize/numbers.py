"""The numbers left after dates, money and codes: ranges, percents, years, ordinals, fractions, the rest.

A four-digit number is a year or a quantity by its context (:func:`year_context`).
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import NUMBER, Locale, cardinal, digits, number, ordinal, year

__all__ = ["MAX_NUMBER_DIGITS", "YEAR_NUMBER", "fraction_words", "year_context"]

MAX_NUMBER_DIGITS = 15
"""The longest whole number said as a quantity (hundreds of trillions); a longer run of digits (an ID, a
card number, a page of nines) is said digit by digit, as a person reads it and as num2words and int()
can (they refuse 307 and 4,301 digits)."""
_DIGIT_RUN = re.compile(r"\d+(?:,\d+)*(?:\.\d+)?")


def _long_numbers(text: str, locale: Locale) -> str:
    """"12345678901234567890" → "one two three … zero", before any rule reads a number: no later rule
    meets a longer run of digits than :data:`MAX_NUMBER_DIGITS`."""

    def say(m: re.Match) -> str:
        whole, _, fraction = m.group(0).partition(".")
        if sum(map(str.isdigit, whole)) <= MAX_NUMBER_DIGITS:
            return m.group(0)
        said = ", ".join(digits(part) for part in whole.split(","))
        return said + (" point " + digits(fraction) if fraction else "")

    return _DIGIT_RUN.sub(say, text)


_RANGE = re.compile(r"(?<![\w.,/-])(?P<a>" + NUMBER + r")%?\s?[-–]\s?(?P<b>" + NUMBER + r")(?![\d/-]|[.,]\d)")


_RATIO = re.compile(r"(?<![\w:])(\d{1,2}):(\d)(?![\d:])")


def _is_year(written: str) -> bool:
    return bool(re.fullmatch(r"1[1-9]\d\d|20\d\d", written))


def _ranges(text: str, locale: Locale) -> str:
    """"10-12" → "10 to 12"; "1939-45" → "nineteen thirty-nine to forty-five"; "2024-25" a season."""

    def say(m: re.Match) -> str:
        a, b = m["a"], m["b"]
        if _is_year(a) and (re.fullmatch(r"\d\d", b) or (_is_year(b) and int(b) > int(a))):
            start = int(a)
            if len(b) == 2:
                end = start // 100 * 100 + int(b)
                end += 100 if end < start else 0
                end_said = cardinal(int(b), locale) if int(b) >= 10 else year(end, locale)
            else:
                end_said = year(int(b), locale)
            return f"{year(start, locale)} to {end_said}"
        joiner = "and" if re.search(r"\b[Bb]etween\s$", m.string[: m.start()]) else "to"
        return f"{a} {joiner} {b}"

    text = _RATIO.sub(r"\1 to \2", text)
    return _RANGE.sub(say, text)


def _percents(text: str, locale: Locale) -> str:
    """"5%" → "5 percent"."""
    return re.sub(r"(?<=\d)\s?(?:%|pct\b)", " percent", text)


YEAR_NUMBER = re.compile(r"(?<![\w$€£¥.,#-])(1\d{3}|20\d\d)(?![\w%°-]|[.,]\d)")
_UNIT_WORDS = frozenset(w for pair in data.UNITS.values() for w in pair)


def year_context(m: re.Match) -> bool:
    """A four-digit number is a year unless a quantifier precedes it or a counted noun follows ("about 1500 people")."""
    before = re.search(r"([A-Za-z]+)\W*$", m.string[: m.start()])
    after = re.match(r"\s+([A-Za-z]+(?: [A-Za-z]+)?)", m.string[m.end():])
    if before and before.group(1).lower() in data.QUANTIFIERS:
        return False
    if after:
        noun = after.group(1).split()[0].lower()
        if noun in data.COUNTED_NOUNS or after.group(1) in _UNIT_WORDS or noun in _UNIT_WORDS:
            return False
    return True


def _years(text: str, locale: Locale) -> str:
    """"in 2025" → "in twenty twenty-five", "2009" → "two thousand nine"; "1500 people" stays a quantity."""
    return YEAR_NUMBER.sub(lambda m: year(int(m[1]), locale) if year_context(m) else m.group(0), text)


_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")


def _ordinals(text: str, locale: Locale) -> str:
    """"21st" → "twenty-first"."""
    return _ORDINAL.sub(lambda m: ordinal(int(m[1].replace(",", "")), locale), text)


_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8)}
_FRACTION = re.compile(r"(?<![\w/.,])(?:(?P<whole>\d+)\s)?(?P<num>\d)/(?P<den>\d{1,2})(?![\w/]|[.,]\d)")
_VULGAR_FRACTION = re.compile(r"(?:(?P<whole>\d+)\s?)?(?P<glyph>[" + "".join(_VULGAR) + "])")


def fraction_words(whole: str | None, numerator: int, denominator: int, locale: Locale) -> str | None:
    if denominator not in data.FRACTION_NAMES or not 0 < numerator < denominator:
        return None
    one, many = data.FRACTION_NAMES[denominator]
    if whole:
        part = f"a {one}" if numerator == 1 else f"{cardinal(numerator, locale)} {many}"
        return f"{number(whole, locale)} and {part}"
    return f"{cardinal(numerator, locale)} {one if numerator == 1 else many}"


def _fractions(text: str, locale: Locale) -> str:
    """"1/2" → "one half", "2 3/4" → "two and three quarters", "½" → "one half"."""

    def written(m: re.Match) -> str:
        said = fraction_words(m["whole"], int(m["num"]), int(m["den"]), locale)
        return m.group(0) if said is None else said

    def glyph(m: re.Match) -> str:
        numerator, denominator = _VULGAR[m["glyph"]]
        return fraction_words(m["whole"], numerator, denominator, locale) or m.group(0)

    return _FRACTION.sub(written, _VULGAR_FRACTION.sub(glyph, text))


_NUMBER = re.compile(r"(?:(?<![\w.,-])(?P<sign>-))?(?<![\d.,])(?P<n>" + NUMBER + r")(?!\d)")


def _numbers(text: str, locale: Locale) -> str:
    """Every number left: "1,234" → "one thousand two hundred thirty-four", "-5" → "minus five", "3.14"."""

    def say(m: re.Match) -> str:
        said = number((m["sign"] or "") + m["n"], locale)
        start = m.start()
        return (" " if start and m.string[start - 1].isalpha() else "") + said

    return _NUMBER.sub(say, text)
