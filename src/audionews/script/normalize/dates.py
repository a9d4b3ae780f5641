"""Phone numbers, clock times and dates: numbers a reader groups or reads as a day, not as quantities.

They run before the number rules, which would read "13" in "June 13" as a count.
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import Locale, alternation, cardinal, digits, full_stop, ordinal, plural, year

__all__: list[str] = []


_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+(\d{1,3})((?:[\s.-]\(?\d{1,5}\)?){2,5})(?![\w-])")
_US_PHONE = re.compile(
    r"(?<![\w+-])(?:1[\s.-])?(?:\((\d{3})\)\s?|(\d{3})[\s.-])(\d{3})[\s.-](\d{4})(?![\w-]|[.,]\d)"
)
_UK_PHONE = re.compile(r"(?<![\w-])(0\d{2,4})[\s-](\d{3,4})[\s-](\d{3,4})(?![\w-]|[.,]\d)")


def _phone_numbers(text: str, locale: Locale) -> str:
    """Digit by digit, a pause between the groups: "(555) 123-4567" → "five five five, one two three, ..."."""

    def groups(*parts: str | None) -> str:
        return ", ".join(digits(p) for p in parts if p)

    text = _INTERNATIONAL_PHONE.sub(
        lambda m: "plus " + groups(m[1], *re.findall(r"\d+", m[2])), text)
    text = _US_PHONE.sub(lambda m: ("one, " if re.match(r"1[\s.-]", m.group(0)) else "")
                         + groups(m[1] or m[2], m[3], m[4]), text)
    return _UK_PHONE.sub(lambda m: groups(m[1], m[2], m[3]), text)


_ZONE = r"(?:\s(?P<zone>" + alternation(data.TIME_ZONES) + r")(?!\w))?"
_CLOCK_MERIDIEM = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<mer>[aApP])\.?\s?[mM](?P<dot>\.?)(?!\w)" + _ZONE
)
_CLOCK = re.compile(r"(?<![\w:.])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])" + _ZONE)


def _times(text: str, locale: Locale) -> str:
    """"9:30 a.m. ET" → "nine thirty a m Eastern Time"; "21:00" → "twenty-one hundred"."""

    def minutes(m: int, meridiem: bool, hour: int) -> str:
        if m == 0:
            return "" if meridiem else (" o'clock" if 0 < hour <= 12 else " hundred")
        return " " + ("oh " if m < 10 else "") + cardinal(m, locale)

    def say(m: re.Match, meridiem: bool) -> str:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if minute > 59 or hour > (12 if meridiem else 24) or (meridiem and hour == 0):
            return m.group(0)
        said = ("zero" if hour == 0 else cardinal(hour, locale)) + minutes(minute, meridiem, hour)
        if meridiem:
            said += " a m" if m["mer"].lower() == "a" else " p m"
        if m["zone"]:
            return f"{said} {data.TIME_ZONES[m['zone']]}"
        return said + (full_stop(m) if meridiem else "")

    text = _CLOCK_MERIDIEM.sub(lambda m: say(m, True), text)
    return _CLOCK.sub(lambda m: say(m, False), text)


_MONTH_BY_WRITING = {**{m: m for m in data.MONTHS}, **data.MONTH_ABBREVIATIONS}
_MONTH = (r"(?:(?P<month>" + "|".join(data.MONTHS) + r")|(?P<abbr>" + alternation(data.MONTH_ABBREVIATIONS)
          + r")\.?)")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s?[-–]\s?(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR_AFTER = r"(?:(?P<comma>,)?\s(?P<year>\d{4})(?!\d|,\d))?"
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s" + _DAY + r"(?![\d:]|\.\d)" + _YEAR_AFTER)
_DAY_MONTH = re.compile(r"(?<![\w.,])" + _DAY + r"\s(?:of\s)?" + _MONTH + r"\b" + _YEAR_AFTER)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s(?P<year>\d{4})(?!\d|,\d)")
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_NUMERIC_DATE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/])")
_DECADE = re.compile(r"(?<![\w$€£'])(?P<full>1[0-9]\d0|20\d0)s\b|(?<![\w$€£])'?(?P<short>[1-9]0)s\b")


def _month_name(m: re.Match) -> str:
    return m["month"] or _MONTH_BY_WRITING[m["abbr"]]


def _days(m: re.Match, locale: Locale) -> str | None:
    first, second = int(m["day"]), int(m["day2"]) if m["day2"] else None
    if not 1 <= first <= 31 or (second is not None and not first < second <= 31):
        return None
    return ordinal(first, locale) + (f" to {ordinal(second, locale)}" if second else "")


def _year_suffix(m: re.Match, locale: Locale) -> str:
    return f", {year(int(m['year']), locale)}" if m["year"] else ""


def _month_dates(text: str, locale: Locale) -> str:
    """"June 13, 2025" → "June thirteenth, twenty twenty-five"; "Jan. 5" → "January fifth"."""

    def say(m: re.Match) -> str:
        days = _days(m, locale)
        return m.group(0) if days is None else f"{_month_name(m)} {days}{_year_suffix(m, locale)}"

    return _MONTH_DAY.sub(say, text)


def _day_month_dates(text: str, locale: Locale) -> str:
    """"13 June 2025" → "the thirteenth of June, twenty twenty-five"."""

    def say(m: re.Match) -> str:
        days = _days(m, locale)
        if days is None:
            return m.group(0)
        article = "" if re.search(r"\b[Tt]he\s$", m.string[: m.start()]) else "the "
        return f"{article}{days} of {_month_name(m)}{_year_suffix(m, locale)}"

    return _DAY_MONTH.sub(say, text)


def _month_years(text: str, locale: Locale) -> str:
    """"June 2025" → "June twenty twenty-five", "Sept. 2001" → "September two thousand one"."""
    return _MONTH_YEAR.sub(lambda m: f"{_month_name(m)} {year(int(m['year']), locale)}", text)


def _spoken_date(day: int, month: int, year_number: int, locale: Locale) -> str:
    name = data.MONTHS[month - 1]
    if locale.day_first:
        return f"the {ordinal(day, locale)} of {name}, {year(year_number, locale)}"
    return f"{name} {ordinal(day, locale)}, {year(year_number, locale)}"


def _numeric_dates(text: str, locale: Locale) -> str:
    """"2025-06-13" and "13/06/2025" (day first outside the US; month first for en-US) → a spoken date."""

    def said(day: int, month: int, year_number: int, original: str) -> str:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return original
        return _spoken_date(day, month, year_number, locale)

    def numeric(m: re.Match) -> str:
        first, second, year_text = int(m[1]), int(m[2]), m[3]
        year_number = int(year_text)
        if len(year_text) == 2:
            year_number += 2000 if year_number < 50 else 1900
        day, month = (first, second) if locale.day_first else (second, first)
        if month > 12 >= day:
            day, month = month, day
        return said(day, month, year_number, m.group(0))

    text = _ISO_DATE.sub(lambda m: said(int(m[3]), int(m[2]), int(m[1]), m.group(0)), text)
    return _NUMERIC_DATE.sub(numeric, text)


def _decades(text: str, locale: Locale) -> str:
    """"the 1990s" → "the nineteen nineties", "the '80s" → "the eighties"."""

    def say(m: re.Match) -> str:
        if m["full"]:
            return plural(year(int(m["full"]), locale))
        return plural(cardinal(int(m["short"]), locale))

    return _DECADE.sub(say, text)
