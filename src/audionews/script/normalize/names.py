"""Names, titles and abbreviations: "Sen." is "Senator", "(D-CA)" "Democrat of California", "Jr." "Junior".

Each abbreviation is read in full only where it stands in its table's context (before a name,
after a name, before a number); the sentence splitter reads the same tables.
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import Locale, alternation, full_stop

__all__: list[str] = []


def _special_forms(text: str, locale: Locale) -> str:
    """Numerals with a reading of their own: "9/11", "24/7"."""
    pattern = r"(?<![\w/])(" + alternation(data.SPECIAL_FORMS) + r")(?![\w/])"
    return re.sub(pattern, lambda m: data.SPECIAL_FORMS[m[1]], text)


_STATE_BY_WRITING = {
    **{name: name for name, _, _ in data.STATES},
    **{postal: name for name, postal, _ in data.STATES},
    **{ap: name for name, _, ap in data.STATES if ap},
}
_PARTY_TAG = re.compile(
    r"(?P<open>\()?\b(?P<party>[DRI])-(?P<state>" + alternation(_STATE_BY_WRITING) + r")(?(open)\)|(?!\w))"
)


def _party_tags(text: str, locale: Locale) -> str:
    """"(D-CA)" → ", Democrat of California,"; "R-Texas" → "Republican of Texas"."""

    def say(m: re.Match) -> str:
        said = f"{data.PARTIES[m['party']]} of {_STATE_BY_WRITING[m['state']]}"
        return f", {said}," if m["open"] else said + full_stop(m, before_any_capital=True)

    return _PARTY_TAG.sub(say, text)


_AMBIGUOUS_POSTAL = frozenset({"OK", "AS", "ID", "IN", "OR", "ME", "HI", "OH"})
_CITY_STATE = re.compile(
    r"\b(?P<city>[A-Z][a-z]+),\s(?P<state>"
    + alternation([ap for _, _, ap in data.STATES if ap] + [p for _, p, _ in data.STATES])
    + r")(?![\w.])(?:(?<=\.)|(?=\s\d{5}|[\s,;:)]|$))"
)


def _city_states(text: str, locale: Locale) -> str:
    """"Springfield, Ill." and "Austin, TX" → the state's name."""

    def say(m: re.Match) -> str:
        state = m["state"]
        zip_code = re.match(r"\s\d{5}", m.string[m.end():])
        if m["city"] in data.NOT_A_CITY or (state in _AMBIGUOUS_POSTAL and not zip_code):
            return m.group(0)
        return f"{m['city']}, {_STATE_BY_WRITING[state]}{full_stop(m, before_any_capital=True)}"

    return _CITY_STATE.sub(say, text)


_TITLE = re.compile(r"(?<![\w.])(" + alternation(data.TITLES) + r")\s+(?=[A-Z])")


def _titles(text: str, locale: Locale) -> str:
    """"Sen. Warren" → "Senator Warren", "Lt. Gov. Ross" → "Lieutenant Governor Ross"."""
    return _TITLE.sub(lambda m: data.TITLES[m[1]] + " ", text)


_HONORIFIC = re.compile(r"(?<![\w.])(" + alternation(data.HONORIFICS) + r")(?:\.\s+|\s+(?=[A-Z]))")


def _honorifics(text: str, locale: Locale) -> str:
    """"Mr. Lee", "Ms Okafor" → "Mister Lee", "Miz Okafor"; "Mr. and Mrs. Lee" too."""
    return _HONORIFIC.sub(lambda m: data.HONORIFICS[m[1]] + " ", text)


_AFTER_NAME = re.compile(
    r"\b(?P<name>[A-Z][\w'-]*)(?P<comma>,?)\s+(?P<abbr>Jr\b\.?|Sr\b\.?|" + alternation(
        k for k in data.AFTER_NAME if k not in ("Jr.", "Sr.")) + r")(?!\w)"
)


def _after_name(text: str, locale: Locale) -> str:
    """"King Jr." → "King Junior", "Acme Inc." → "Acme Incorporated"."""

    def say(m: re.Match) -> str:
        abbr = m["abbr"] if m["abbr"].endswith(".") else m["abbr"] + "."
        return f"{m['name']} {data.AFTER_NAME[abbr]}{full_stop(m)}"

    return _AFTER_NAME.sub(say, text)


_PLACE_OR_PERSON = re.compile(r"(?<![\w.])(?P<abbr>Dr|St|Mt|Ft)(?P<dot>\.?)(?=\s|$|[,;:)])")


def _place_or_person(text: str, locale: Locale) -> str:
    """"Dr. Lee" → "Doctor Lee" but "Oak Dr." → "Oak Drive"; "St. Louis" → "Saint Louis" but "Main St." → "Main
    Street"."""

    def say(m: re.Match) -> str:
        before = m.string[: m.start()].rstrip()
        after = m.string[m.end():]
        previous = before.rsplit(" ", 1)[-1] if before else ""
        street = (bool(re.fullmatch(r"[A-Z][a-z]+|\d+(?:st|nd|rd|th)", previous))
                  and previous not in data.SENTENCE_STARTERS)
        name_follows = bool(re.match(r"\s+[A-Z]", after))
        person, place = data.PLACE_OR_PERSON[m["abbr"]]
        if street:
            return place + full_stop(m)
        if name_follows or m["dot"]:
            return person
        return m.group(0)

    return _PLACE_OR_PERSON.sub(say, text)


_STREET = re.compile(
    r"\b(?P<name>[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s(?P<abbr>" + alternation(data.STREET_SUFFIXES) + r")(?!\w)"
)


def _street_suffixes(text: str, locale: Locale) -> str:
    """"Sunset Blvd." → "Sunset Boulevard"."""
    return _STREET.sub(lambda m: f"{m['name']} {data.STREET_SUFFIXES[m['abbr']]}{full_stop(m)}", text)


_BEFORE_NUMBER = re.compile(r"(?<![\w.])(" + alternation(data.BEFORE_NUMBER) + r")\s?(?=\d)")


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
    return _ABBREVIATION.sub(lambda m: data.ABBREVIATIONS[m[1]] + full_stop(m), text)
