"""Money and measures: "$5.2M" is "five point two million dollars", "75°F" "75 degrees Fahrenheit".

The unit is said after the amount, singular or plural as the amount and the sentence require.
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import NUMBER, Locale, alternation, cardinal, number

__all__: list[str] = []


_CURRENCY = alternation(data.CURRENCY_SYMBOLS)
_CODE = "|".join(data.CURRENCY_CODES)
_MAGNITUDE = (r"(?P<mag>[\s-]?(?:thousand|million|billion|trillion)\b|(?:mln|bln|mn|bn|tn|MM|k|K|m|M|b|B|t|T)(?!\w))?")
_MONEY = re.compile(
    r"(?<![\w$])(?P<sign>-)?(?:(?P<symbol>" + _CURRENCY + r")|(?P<code>" + _CODE + r")\s?)"
    r"(?P<a>" + NUMBER + r")(?:\s?(?:-|–|to)\s?(?:" + _CURRENCY + r")?(?P<b>" + NUMBER + r"))?" + _MAGNITUDE
)
_MONEY_CODE_AFTER = re.compile(
    r"(?<![\w.,])(?P<a>" + NUMBER + r")(?:\s?[-–]\s?(?P<b>" + NUMBER + r"))?" + _MAGNITUDE
    + r"\s(?P<code>" + _CODE + r")\b"
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
    r"(?<![\w.,])(?P<n>-?(?:" + NUMBER + r"))(?P<join>-|\s?)(?P<unit>" + alternation(data.UNITS)
    + r")(?:\.(?=\s[a-z]))?(?!\w)"
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
