"""Words in capitals: initialisms spelled ("I R S"), acronyms said as words ("Nato"), codes ("F-35").

A word in no table is spelled or said by how English it looks (:func:`sayable`); :mod:`.doubts`
lists those guesses.
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import Locale, alternation, cardinal, digits, full_stop, letters, year

__all__ = ["SENTENCE", "caps_reading", "is_shouted", "sayable"]


_ONSETS = ("b bl br c ch cl cr d dr dw f fl fr g gl gr gu h j k kl kn kr l m n p ph pl pr qu r rh s sc sch scr sh shr "
           "sk sl sm sn sp sph spl spr squ st str sw t th thr tr tw v w wh wr y z").split()
_VOWELS = "a e i o u y ai au aw ay ea ee ei eu ew ey ie oa oe oi oo ou ow oy ue ui".split()
_CODAS = ("b bs c ch ck ct d ds f ff ft g gs k ks l lb ld lf lk ll lm ln lp ls lt m mb mp ms n nce nch nd ng nk ns "
          "nt p ps pt r rb rc rch rd rf rg rk rl rm rn rp rs rst rt rth s sh sk sp ss st t th ts tz v x z zz").split()
_SAYABLE = re.compile(
    "(?:" + alternation(_ONSETS) + ")?(?:" + alternation(_VOWELS) + ")(?:[bcdfghjklmnpqrstvwxz]{1,3}(?:"
    + alternation(_VOWELS) + "))*(?:" + alternation(_CODAS) + ")?e?"
)


def sayable(word: str) -> bool:
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
    if len(word) == 2 or not sayable(word):
        return letters(word), False
    return word, False


def code_number(run: str, locale: Locale) -> str:
    """The number in a code, said as people say model numbers: "150" in "F-150" is "one fifty", "370" "three
    seventy"."""
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


SENTENCE = re.compile(r"[^.!?]*[.!?]*")


def _initialisms(text: str, locale: Locale) -> str:
    """"IRS" → "I R S", "U.S." → "U S", "NATO" → "Nato"; "let US know" and "a MIX of" stay as written."""
    text = _DOTTED.sub(lambda m: letters(m[1].replace(".", "")) + full_stop(m), text)
    return "".join(_sentence_initialisms(m.group(0)) for m in SENTENCE.finditer(text))


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
