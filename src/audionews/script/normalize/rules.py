"""Written text → the words an engine should say, for every engine alike.

Engines guess at written forms and guess wrong: "$1 million" comes out as "dollar one million",
"World War II" as "World War eye eye", "(D-CA)" as "dee dash see ay", a URL letter by letter.
A newsreader would say "one million dollars", "World War Two", "Democrat of California",
"example dot com". Each rule below turns one class of written form into those words.

The order of the rules matters — a URL holds dots an abbreviation rule would eat, a date holds
numbers the number rule would read as quantities, "GB" after a number is a unit before it is an
initialism — so the order is one explicit list, ENGLISH_RULES. Languages other than English get
only the language-neutral rules (references, decorative symbols, pauses, whitespace): better
untouched than read with English rules. The tables live in normalize_data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from num2words import num2words

from audionews.script.normalize import tables as data

__all__ = [
    "ENGLISH_RULES",
    "NEUTRAL_RULES",
    "Doubt",
    "Locale",
    "caps_reading",
    "cardinal",
    "doubts",
    "for_speech",
    "locale_of",
    "number",
    "ordinal",
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


def locale_of(language: str) -> Locale:
    code = (language or "en").replace("_", "-").lower()
    american = code in ("en", "en-us")
    return Locale(code, day_first=not american, british=not american)


Rule = Callable[[str, Locale], str]


def for_speech(text: str, language: str = "en") -> str:
    """The text as it should be spoken in ``language``."""
    locale = locale_of(language)
    rules = ENGLISH_RULES if locale.language.startswith("en") else NEUTRAL_RULES
    for rule in rules:
        text = rule(text, locale)
    return text


# --- Number words ----------------------------------------------------------------------------

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
    return " ".join(data.DIGIT_WORDS[int(d)] for d in text if d.isdigit())


def number(written: str, locale: Locale) -> str:
    """"1,234.5" → "one thousand two hundred thirty-four point five"; "007" → "zero zero seven"."""
    sign = "minus " if written.startswith("-") else ""
    whole, _, fraction = written.lstrip("-").replace(",", "").partition(".")
    if len(whole) > 1 and whole.startswith("0"):
        said = digits(whole)
    else:
        said = cardinal(int(whole or "0"), locale)
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


def _stop(match: re.Match, before_any_capital: bool = False) -> str:
    """The full stop a match swallowed, given back when it also ended the sentence ("in the U.S.").

    Before a capitalized word that usually starts a sentence ("The", "Police") it is given back;
    with ``before_any_capital``, before any capitalized word ("Springfield, Ill. Mayor Lee said").
    """
    if not match.group(0).endswith("."):
        return ""
    rest = match.string[match.end():]
    if not rest.strip(" \"')]"):
        return "."
    following = re.match(r"\s+[\"'(]?([A-Z][a-z]*)", rest)
    return "." if following and (before_any_capital or following.group(1) in data.SENTENCE_STARTERS) else ""


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- Characters --------------------------------------------------------------------------------

_CHARACTERS = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "«": '"', "»": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ",
    "\u2003": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u2060": "", "\u00ad": "",
    "\u2010": "-", "\u2011": "-", "\u2212": "-", "…": "...", "\ufe0f": "", "\ufe0e": "", "№": "No.",
})


def _characters(text: str, locale: Locale) -> str:
    """Curly quotes straight, odd spaces plain, the minus sign a hyphen, whitespace single."""
    return _whitespace(text.translate(_CHARACTERS), locale)


def _whitespace(text: str, locale: Locale) -> str:
    return re.sub(r"\s+", " ", text).strip()


_REFERENCE = re.compile(
    r"\s?\[(?:\d+(?:\s?[,–-]\s?\d+)*|[a-z]|citation needed|clarification needed|who\?|when\?|by whom\?"
    r"|according to whom\?|dubious[^\]]*|sic|edit|note \d+|nb \d+|update|\d+ ?[a-z]?)\]",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"(?<![\d\s]m)(?<![\d\s]km)(?<![\d\s]ft)[¹²³⁰⁴⁵⁶⁷⁸⁹]+")


def _references(text: str, locale: Locale) -> str:
    """Footnote markers and editorial brackets are for the eye: "[1]", "[citation needed]", "¹", "[sic]"."""
    return _FOOTNOTE.sub("", _REFERENCE.sub("", text))


_KEEP_SYMBOLS = frozenset("°")
_DROP_CATEGORIES = frozenset(("So", "Sk", "Co", "Cs"))
_DROP_CHARACTERS = frozenset("•◦‣⁃※†‡¶→←↑↓⇒⇐↔▪▫■□●○◆◇►▶◀✓✔✗✘")


def _decorations(text: str, locale: Locale) -> str:
    """Emoji, bullets, arrows, ™ and ® say nothing a listener needs."""
    if text.isascii():
        return text
    return "".join(
        " " if ch in _DROP_CHARACTERS
        else "" if ch not in _KEEP_SYMBOLS and unicodedata.category(ch) in _DROP_CATEGORIES
        else ch
        for ch in text
    )


# --- The web -------------------------------------------------------------------------------

_KNOWN_TLDS = data.TLD_WORDS | frozenset("edu io ai us uk ca au nz ie de fr eu in tv me ly fm gg".split())
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][\w.+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:" + "|".join(sorted(_KNOWN_TLDS)) + r"))"
    r"(?![\w-])(/[^\s]*)?"
)
_TRAILING = re.compile(r"[.,;:!?)\]'\"]+$")


def _spoken_host(host: str) -> str:
    """"www.bbc.co.uk" → "B B C dot co dot U K": the site name, as people say it."""
    labels = host.split(":")[0].split(".")
    if labels[0].lower() == "www" and len(labels) > 2:
        labels = labels[1:]
    spoken = []
    for index, label in enumerate(labels):
        last = index == len(labels) - 1
        if label.lower() in data.TLD_WORDS:
            spoken.append(label.lower())
        elif (last and label.isalpha()) or (label.isalpha() and len(label) <= 3 and not _sayable(label)):
            spoken.append(letters(label.upper()))
        else:
            spoken.append(label.replace("-", " dash "))
    return " dot ".join(spoken)


def _emails(text: str, locale: Locale) -> str:
    """"jane.doe@example.org" → "jane dot doe at example dot org"."""

    def say(m: re.Match) -> str:
        local = re.sub(r"[._+-]", lambda c: {".": " dot ", "_": " underscore ", "+": " plus ", "-": " dash "}[c[0]],
                       m[1])
        return f"{local} at {_spoken_host(m[2])}"

    return _EMAIL.sub(say, text)


def _urls(text: str, locale: Locale) -> str:
    """"https://www.example.com/path?x=1" → "example dot com": the site, not the path."""

    def say(m: re.Match) -> str:
        url = m.group(0)
        trailing = _TRAILING.search(url)
        url = url[: trailing.start()] if trailing else url
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.IGNORECASE).split("/")[0].split("?")[0]
        host = host.rpartition("@")[2]
        return _spoken_host(host) + (trailing.group(0) if trailing else "")

    text = _URL.sub(say, text)

    def say_domain(m: re.Match) -> str:
        trailing = _TRAILING.search(m[2]) if m[2] else None
        return _spoken_host(m[1]) + (trailing.group(0) if trailing else "")

    return _DOMAIN.sub(say_domain, text)


# --- Names, titles and abbreviations -----------------------------------------------------------

def _special_forms(text: str, locale: Locale) -> str:
    """Numerals with a reading of their own: "9/11", "24/7"."""
    pattern = r"(?<![\w/])(" + _alternation(data.SPECIAL_FORMS) + r")(?![\w/])"
    return re.sub(pattern, lambda m: data.SPECIAL_FORMS[m[1]], text)


_STATE_BY_WRITING = {
    **{name: name for name, _, _ in data.STATES},
    **{postal: name for name, postal, _ in data.STATES},
    **{ap: name for name, _, ap in data.STATES if ap},
}
_PARTY_TAG = re.compile(
    r"(?P<open>\()?\b(?P<party>[DRI])-(?P<state>" + _alternation(_STATE_BY_WRITING) + r")(?(open)\)|(?!\w))"
)


def _party_tags(text: str, locale: Locale) -> str:
    """"(D-CA)" → ", Democrat of California,"; "R-Texas" → "Republican of Texas"."""

    def say(m: re.Match) -> str:
        said = f"{data.PARTIES[m['party']]} of {_STATE_BY_WRITING[m['state']]}"
        return f", {said}," if m["open"] else said + _stop(m, before_any_capital=True)

    return _PARTY_TAG.sub(say, text)


_AMBIGUOUS_POSTAL = frozenset({"OK", "AS", "ID", "IN", "OR", "ME", "HI", "OH"})
_CITY_STATE = re.compile(
    r"\b(?P<city>[A-Z][a-z]+),\s(?P<state>"
    + _alternation([ap for _, _, ap in data.STATES if ap] + [p for _, p, _ in data.STATES])
    + r")(?![\w.])(?:(?<=\.)|(?=\s\d{5}|[\s,;:)]|$))"
)


def _city_states(text: str, locale: Locale) -> str:
    """"Springfield, Ill." and "Austin, TX" → the state's name."""

    def say(m: re.Match) -> str:
        state = m["state"]
        if m["city"] in data.NOT_A_CITY or (state in _AMBIGUOUS_POSTAL and not re.match(r"\s\d{5}", m.string[m.end():])):
            return m.group(0)
        return f"{m['city']}, {_STATE_BY_WRITING[state]}{_stop(m, before_any_capital=True)}"

    return _CITY_STATE.sub(say, text)


_TITLE = re.compile(r"(?<![\w.])(" + _alternation(data.TITLES) + r")\s+(?=[A-Z])")


def _titles(text: str, locale: Locale) -> str:
    """"Sen. Warren" → "Senator Warren", "Lt. Gov. Ross" → "Lieutenant Governor Ross"."""
    return _TITLE.sub(lambda m: data.TITLES[m[1]] + " ", text)


_HONORIFIC = re.compile(r"(?<![\w.])(" + _alternation(data.HONORIFICS) + r")(?:\.\s+|\s+(?=[A-Z]))")


def _honorifics(text: str, locale: Locale) -> str:
    """"Mr. Lee", "Ms Okafor" → "Mister Lee", "Miz Okafor"; "Mr. and Mrs. Lee" too."""
    return _HONORIFIC.sub(lambda m: data.HONORIFICS[m[1]] + " ", text)


_AFTER_NAME = re.compile(
    r"\b(?P<name>[A-Z][\w'-]*)(?P<comma>,?)\s+(?P<abbr>Jr\b\.?|Sr\b\.?|" + _alternation(
        k for k in data.AFTER_NAME if k not in ("Jr.", "Sr.")) + r")(?!\w)"
)


def _after_name(text: str, locale: Locale) -> str:
    """"King Jr." → "King Junior", "Acme Inc." → "Acme Incorporated"."""

    def say(m: re.Match) -> str:
        abbr = m["abbr"] if m["abbr"].endswith(".") else m["abbr"] + "."
        return f"{m['name']} {data.AFTER_NAME[abbr]}{_stop(m)}"

    return _AFTER_NAME.sub(say, text)


_PLACE_OR_PERSON = re.compile(r"(?<![\w.])(?P<abbr>Dr|St|Mt|Ft)(?P<dot>\.?)(?=\s|$|[,;:)])")


def _place_or_person(text: str, locale: Locale) -> str:
    """"Dr. Lee" → "Doctor Lee" but "Oak Dr." → "Oak Drive"; "St. Louis" → "Saint Louis" but "Main St." → "Main Street"."""

    def say(m: re.Match) -> str:
        before = m.string[: m.start()].rstrip()
        after = m.string[m.end():]
        previous = before.rsplit(" ", 1)[-1] if before else ""
        street = bool(re.fullmatch(r"[A-Z][a-z]+|\d+(?:st|nd|rd|th)", previous)) and previous not in data.SENTENCE_STARTERS
        name_follows = bool(re.match(r"\s+[A-Z]", after))
        person, place = data.PLACE_OR_PERSON[m["abbr"]]
        if street:
            return place + _stop(m)
        if name_follows or m["dot"]:
            return person
        return m.group(0)

    return _PLACE_OR_PERSON.sub(say, text)


_STREET = re.compile(r"\b(?P<name>[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s(?P<abbr>" + _alternation(data.STREET_SUFFIXES) + r")(?!\w)")


def _street_suffixes(text: str, locale: Locale) -> str:
    """"Sunset Blvd." → "Sunset Boulevard"."""
    return _STREET.sub(lambda m: f"{m['name']} {data.STREET_SUFFIXES[m['abbr']]}{_stop(m)}", text)


_BEFORE_NUMBER = re.compile(r"(?<![\w.])(" + _alternation(data.BEFORE_NUMBER) + r")\s?(?=\d)")


def _before_number(text: str, locale: Locale) -> str:
    """"No. 5" → "number 5", "pp. 10" → "pages 10", "#1" → "number 1", "c. 1850" → "circa 1850"."""
    return _BEFORE_NUMBER.sub(lambda m: data.BEFORE_NUMBER[m[1]] + " ", text)


_ABBREVIATION = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) + (r"(?!\w)" if k[-1].isalnum() else "") for k in
                              sorted(data.ABBREVIATIONS, key=len, reverse=True)) + r")"
)
_VERSUS = re.compile(r"(?<=[A-Za-z])\s+v\.\s+(?=[A-Z])")
_AND_OR = re.compile(r"\band/or\b")
_WORD_OR_WORD = re.compile(r"\b([a-z]{2,})/([a-z]{2,})\b")


def _abbreviations(text: str, locale: Locale) -> str:
    """"vs." → "versus", "Roe v. Wade" → "Roe versus Wade", "e.g." → "for example", "his/her" → "his or her"."""
    text = _VERSUS.sub(" versus ", text)
    text = _AND_OR.sub("and or", text)
    text = _WORD_OR_WORD.sub(r"\1 or \2", text)
    return _ABBREVIATION.sub(lambda m: data.ABBREVIATIONS[m[1]] + _stop(m), text)


# --- Phone numbers, times and dates ------------------------------------------------------------

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


_ZONE = r"(?:\s(?P<zone>" + _alternation(data.TIME_ZONES) + r")(?!\w))?"
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
        return said + (_stop(m) if meridiem else "")

    text = _CLOCK_MERIDIEM.sub(lambda m: say(m, True), text)
    return _CLOCK.sub(lambda m: say(m, False), text)


_MONTH_BY_WRITING = {**{m: m for m in data.MONTHS}, **data.MONTH_ABBREVIATIONS}
_MONTH = (r"(?:(?P<month>" + "|".join(data.MONTHS) + r")|(?P<abbr>" + _alternation(data.MONTH_ABBREVIATIONS)
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
        year_number = int(year_text) if len(year_text) == 4 else 2000 + int(year_text) if int(year_text) < 50 else 1900 + int(year_text)
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


# --- Roman numerals ----------------------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_VALID_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_AFTER_WORD = re.compile(
    r"\b(?P<before>(?:[A-Z][\w'.-]*\s)?)(?P<word>[A-Z][A-Za-z'-]*)\s(?P<numeral>[IVXLCDM]+)(?P<poss>'s)?(?![\w'-])"
)


def roman_value(numeral: str) -> int | None:
    if not numeral or not _VALID_ROMAN.fullmatch(numeral):
        return None
    total = 0
    for current, following in zip(numeral, numeral[1:] + " "):
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


# --- Money and measures -----------------------------------------------------------------------

_CURRENCY = _alternation(data.CURRENCY_SYMBOLS)
_CODE = "|".join(data.CURRENCY_CODES)
_MAGNITUDE = (r"(?P<mag>[\s-]?(?:thousand|million|billion|trillion)\b|(?:mln|bln|mn|bn|tn|MM|k|K|m|M|b|B|t|T)(?!\w))?")
_MONEY = re.compile(
    r"(?<![\w$])(?P<sign>-)?(?:(?P<symbol>" + _CURRENCY + r")|(?P<code>" + _CODE + r")\s?)"
    r"(?P<a>" + NUMBER + r")(?:\s?(?:-|–|to)\s?(?:" + _CURRENCY + r")?(?P<b>" + NUMBER + r"))?" + _MAGNITUDE
)
_MONEY_CODE_AFTER = re.compile(
    r"(?<![\w.,])(?P<a>" + NUMBER + r")(?:\s?[-–]\s?(?P<b>" + NUMBER + r"))?" + _MAGNITUDE + r"\s(?P<code>" + _CODE + r")\b"
)
_CENTS = re.compile(r"(?<![\w.,])(\d+)\s?¢")


def _currency_words(name: str) -> tuple[str, str, str | None, str | None]:
    """"US dollar" → ("US dollar", "US dollars", "cent", "cents")."""
    head, _, last = name.rpartition(" ")
    many, minor, minors = data.CURRENCY_NAMES[last]
    return name, f"{head} {many}".strip(), minor, minors


def _amount(written: str, name: str, locale: Locale) -> str:
    one, many, minor, minors = _currency_words(name)
    whole, _, fraction = written.replace(",", "").partition(".")
    if fraction and (len(fraction) != 2 or minor is None):
        return f"{number(written, locale)} {many}"
    units, cents = int(whole or "0"), int(fraction or "0")
    parts = []
    if units or not cents:
        parts.append(f"{number(whole or '0', locale)} {one if units == 1 else many}")
    if cents:
        parts.append(f"{cardinal(cents, locale)} {minor if cents == 1 else minors}")
    return " and ".join(parts)


_FUNCTION_WORDS = frozenset("of in for to and or from that is was were per a an the each on at by with".split())


def _attributive(m: re.Match) -> bool:
    """"a $5 fee", "a 10 lb turkey": before a noun the unit is singular ("a five dollar fee")."""
    before = re.search(r"\b[Aa]n?\s$", m.string[: m.start()])
    after = re.match(r"\s([a-z]+)", m.string[m.end():])
    return bool(before and after and after.group(1) not in _FUNCTION_WORDS)


def _money_words(m: re.Match, name: str, locale: Locale) -> str:
    sign = "minus " if m.groupdict().get("sign") else ""  # the pattern with the code after has no sign
    magnitude = data.MAGNITUDES[m["mag"].strip(" -")] if m["mag"] else ""
    many = name if _attributive(m) else _currency_words(name)[1]
    if magnitude:
        span = number(m["a"], locale) + (f" to {number(m['b'], locale)}" if m["b"] else "")
        return f"{sign}{span} {magnitude} {many}"
    if m["b"]:
        if "." in m["a"] + m["b"]:
            return f"{sign}{_amount(m['a'], name, locale)} to {_amount(m['b'], name, locale)}"
        return f"{sign}{number(m['a'], locale)} to {number(m['b'], locale)} {many}"
    if _attributive(m) and "." not in m["a"]:
        return f"{sign}{number(m['a'], locale)} {name}"
    return sign + _amount(m["a"], name, locale)


def _currencies(text: str, locale: Locale) -> str:
    """"$5.2M" → "five point two million dollars", "$12.50" → "twelve dollars and fifty cents", "€3bn", "£40,000"."""
    text = _MONEY.sub(lambda m: _money_words(
        m, data.CURRENCY_SYMBOLS[m["symbol"]] if m["symbol"] else data.CURRENCY_CODES[m["code"]], locale), text)
    text = _MONEY_CODE_AFTER.sub(lambda m: _money_words(m, data.CURRENCY_CODES[m["code"]], locale), text)
    return _CENTS.sub(lambda m: f"{cardinal(int(m[1]), locale)} {'cent' if m[1] == '1' else 'cents'}", text)


_UNIT = re.compile(
    r"(?<![\w.,])(?P<n>-?(?:" + NUMBER + r"))(?P<join>-|\s?)(?P<unit>" + _alternation(data.UNITS) + r")(?:\.(?=\s[a-z]))?(?!\w)"
)


_HEIGHT = re.compile(r"(?<![\w'])(\d)'\s?(\d{1,2})(?:\"|'')")


def _units(text: str, locale: Locale) -> str:
    """"75°F" → "75 degrees Fahrenheit", "a 5-km race" → "a 5-kilometer race", "1 kg" → "1 kilogram", 5'10"."""

    def say(m: re.Match) -> str:
        one, many = data.UNITS[m["unit"]]
        if m["join"] == "-":
            return f"{m['n']}-{one.replace(' ', '-')}"
        return f"{m['n']} {one if m['n'] in ('1', '-1') or _attributive(m) else many}"

    return _UNIT.sub(say, _HEIGHT.sub(r"\1 feet \2", text))


# --- Capitals: initialisms, acronyms and codes -------------------------------------------------

_ONSETS = ("b bl br c ch cl cr d dr dw f fl fr g gl gr gu h j k kl kn kr l m n p ph pl pr qu r rh s sc sch scr sh shr "
           "sk sl sm sn sp sph spl spr squ st str sw t th thr tr tw v w wh wr y z").split()
_VOWELS = "a e i o u y ai au aw ay ea ee ei eu ew ey ie oa oe oi oo ou ow oy ue ui".split()
_CODAS = ("b bs c ch ck ct d ds f ff ft g gs k ks l lb ld lf lk ll lm ln lp ls lt m mb mp ms n nce nch nd ng nk ns "
          "nt p ps pt r rb rc rch rd rf rg rk rl rm rn rp rs rst rt rth s sh sk sp ss st t th ts tz v x z zz").split()
_SAYABLE = re.compile(
    "(?:" + _alternation(_ONSETS) + ")?(?:" + _alternation(_VOWELS) + ")(?:[bcdfghjklmnpqrstvwxz]{1,3}(?:"
    + _alternation(_VOWELS) + "))*(?:" + _alternation(_CODAS) + ")?e?"
)


def _sayable(word: str) -> bool:
    """Whether a capitalized word could be read as an English word (NATO, MIX) rather than letters (FBI, NHS)."""
    return bool(_SAYABLE.fullmatch(word.lower()))


def caps_reading(word: str, shouted: bool = False) -> tuple[str, bool]:
    """How a word in capitals is said, and whether a table knew it (False: a general rule guessed)."""
    if "&" in word:
        return " and ".join(letters(part) for part in word.split("&")), True
    if word in data.ACRONYM_WORDS:
        return word.capitalize(), True
    if len(word) == 2 and word in data.CAPS_WORDS:
        return word, True
    if shouted and word in data.WORDS_IN_CAPITALS:
        return word, True
    if word in data.INITIALISMS:
        return letters(word), True
    if shouted or len(word) > 5:
        return word, False
    if len(word) == 2 or not _sayable(word):
        return letters(word), False
    return word, False


def code_number(run: str, locale: Locale) -> str:
    """The number in a code, said as people say model numbers: "150" in "F-150" is "one fifty", "370" "three seventy"."""
    if (run.startswith("0") and len(run) > 1) or len(run) > 4:
        return digits(run)
    if len(run) <= 2 or (run.endswith("00") and len(run) == 3):
        return cardinal(int(run), locale)
    if len(run) == 4:
        return year(int(run), locale)
    tail = int(run[1:])
    return f"{cardinal(int(run[0]), locale)} {'oh ' + cardinal(tail, locale) if tail < 10 else cardinal(tail, locale)}"


_ALPHANUMERIC = re.compile(r"(?<![\w.-])(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])")


def _alphanumerics(text: str, locale: Locale) -> str:
    """Codes of letters and numbers: "COVID-19" → "Covid nineteen", "G7" → "G seven", "F-35" → "F thirty-five"."""

    def say(m: re.Match) -> str:
        parts = []
        for run in re.findall(r"[A-Z]+|\d+", m.group(0)):
            if run.isdigit():
                parts.append(code_number(run, locale))
            else:
                parts.append(caps_reading(run)[0] if len(run) > 1 else run)
        return " ".join(parts)

    return _ALPHANUMERIC.sub(say, text)


_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?!\w)")
_CAPS = re.compile(r"(?<![\w&])(?P<word>[A-Z](?:[A-Z]|&[A-Z])+)(?P<suffix>'s|s'|s)?(?![\w&])")


def is_shouted(text: str) -> bool:
    """A headline in capitals: its capital words are words, not initialisms."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    return len(words) >= 3 and sum(w.isupper() for w in words) >= 0.6 * len(words)


_SENTENCE = re.compile(r"[^.!?]*[.!?]*")


def _initialisms(text: str, locale: Locale) -> str:
    """"IRS" → "I R S", "U.S." → "U S", "NATO" → "Nato"; "let US know" and "a MIX of" stay as written."""
    text = _DOTTED.sub(lambda m: letters(m[1].replace(".", "")) + _stop(m), text)
    return "".join(_sentence_initialisms(m.group(0)) for m in _SENTENCE.finditer(text))


def _sentence_initialisms(text: str) -> str:
    shouted = is_shouted(text)

    def say_caps(m: re.Match) -> str:
        word = m["word"]
        previous = re.search(r"(\w+)\W*$", m.string[: m.start()])
        if word == "US" and previous and previous.group(1).lower() in data.PRONOUN_US_BEFORE:
            return m.group(0)
        said, _ = caps_reading(word, shouted)
        if said == word:
            return m.group(0)
        if m["suffix"]:
            said += "'s" if said != word.capitalize() else "s"
        return said

    return _CAPS.sub(say_caps, text)


# --- Numbers ---------------------------------------------------------------------------------

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


_YEAR = re.compile(r"(?<![\w$€£¥.,#-])(1\d{3}|20\d\d)(?![\w%°-]|[.,]\d)")
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
    return _YEAR.sub(lambda m: year(int(m[1]), locale) if year_context(m) else m.group(0), text)


_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")


def _ordinals(text: str, locale: Locale) -> str:
    """"21st" → "twenty-first"."""
    return _ORDINAL.sub(lambda m: ordinal(int(m[1].replace(",", "")), locale), text)


_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8)}
_FRACTION = re.compile(r"(?<![\w/.,])(?:(?P<whole>\d+)\s)?(?P<num>\d)/(?P<den>\d{1,2})(?![\w/]|[.,]\d)")
_VULGAR_FRACTION = re.compile(r"(?:(?P<whole>\d+)\s?)?(?P<glyph>[" + "".join(_VULGAR) + "])")


def _fraction_words(whole: str | None, numerator: int, denominator: int, locale: Locale) -> str | None:
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
        said = _fraction_words(m["whole"], int(m["num"]), int(m["den"]), locale)
        return m.group(0) if said is None else said

    def glyph(m: re.Match) -> str:
        numerator, denominator = _VULGAR[m["glyph"]]
        return _fraction_words(m["whole"], numerator, denominator, locale) or m.group(0)

    return _FRACTION.sub(written, _VULGAR_FRACTION.sub(glyph, text))


_NUMBER = re.compile(r"(?:(?<![\w.,-])(?P<sign>-))?(?<![\d.,])(?P<n>" + NUMBER + r")(?!\d)")


def _numbers(text: str, locale: Locale) -> str:
    """Every number left: "1,234" → "one thousand two hundred thirty-four", "-5" → "minus five", "3.14"."""

    def say(m: re.Match) -> str:
        said = number((m["sign"] or "") + m["n"], locale)
        start = m.start()
        return (" " if start and m.string[start - 1].isalpha() else "") + said

    return _NUMBER.sub(say, text)


# --- Symbols and pauses ------------------------------------------------------------------------

_SYMBOLS = (
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s*±\s*"), " plus or minus "),
    (re.compile(r"(?<=\w)\s?\+(?=\s|$|[.,;:])"), " plus"),
    (re.compile(r"\s?\+\s?"), " plus "),
    (re.compile(r"\s=\s"), " equals "),
    (re.compile(r"\s?%"), " percent"),
    (re.compile(r"\s?°"), " degrees"),
    (re.compile(r"§\s?"), "section "),
    (re.compile(r"~\s?"), "about "),
    (re.compile(r"(?<![\w])@(?=\w)"), "at "),
    (re.compile(r"(?<![\w&])#(?=[A-Za-z])"), "hashtag "),
    (re.compile(r"(?<=\w)/(?=\w)"), " slash "),
    (re.compile(r"[*_]+"), " "),
)


def _symbols(text: str, locale: Locale) -> str:
    """"&" → "and", "+" → "plus", "@" → "at", "%" → "percent"; a slash left between words → "slash"."""
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


_PAUSES = (
    (re.compile(r"\s*(?:—|―|--+)\s*"), ", "),
    (re.compile(r"\s+[–-]\s+"), ", "),
    (re.compile(r"(?<=[A-Za-z])–(?=[A-Za-z])"), " to "),
    (re.compile(r"\s*\|\s*"), ", "),
    (re.compile(r"\s*[(\[{]\s*"), ", "),
    (re.compile(r"\s*[)\]}]"), ","),
)
_TIDY = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r",+(?=[,.;:!?])"), ""),
    (re.compile(r"([.;:!?]),"), r"\1"),
    (re.compile(r"^[,\s]+"), ""),
    (re.compile(r",(?=\w)"), ", "),
)


def _pauses(text: str, locale: Locale) -> str:
    """Dashes and parentheses are heard as pauses: a comma each."""
    for pattern, words in _PAUSES:
        text = pattern.sub(words, text)
    return text


def _tidy(text: str, locale: Locale) -> str:
    """No doubled commas or spaces, none before a full stop, none at the start."""
    for pattern, words in _TIDY:
        text = pattern.sub(words, text)
    return text.strip().rstrip(",").strip()


ENGLISH_RULES: tuple[Rule, ...] = (
    _characters,
    _references,
    _emails,             # before URLs: an address holds a domain
    _urls,               # before abbreviations: a URL holds dots
    _decorations,
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


# --- Words to check ------------------------------------------------------------------------------

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
        return []
    names = [rule.__name__ for rule in ENGLISH_RULES]
    to_capitals, to_years = names.index("_initialisms"), names.index("_years")
    found: dict[str, Doubt] = {}
    for text in texts:
        text = _run(ENGLISH_RULES[:to_capitals], text, locale)
        for sentence in _SENTENCE.finditer(text):
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
        for m in _YEAR.finditer(text):
            if not _STRONG_YEAR.search(m.string[: m.start()]):
                said = year(int(m[1]), locale) if year_context(m) else cardinal(int(m[1]), locale)
                found.setdefault(m[1], Doubt(m[1], said, "four-digit number, read as a year or a quantity by context"))
        for m in _CHECK_SLASH.finditer(text):
            if _fraction_words(None, int(m[1]), int(m[2]), locale) is None:
                found.setdefault(m.group(0), Doubt(m.group(0), _run(ENGLISH_RULES, m.group(0), locale),
                                                   "numbers with a slash: a date without a year, a score?"))
    return list(found.values())
