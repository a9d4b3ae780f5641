"""The rules for French, Spanish, German, Italian and Portuguese: numbers, dates, times, money and abbreviations.

One set of rules reads each language's table (:mod:`.languages`); num2words says the numbers in that
language. A decimal comma is a decimal ("1,2 milliard" is "un virgule deux milliard", never "1, 2"),
a space (or a no-break space) between groups of three digits a thousands separator in every one of
them, a dot too but in French, an apostrophe in German ("1.250", "10 000", "CHF 1'000"); a group led by
a zero ("012 345") is said digit by digit; "1939-1945" is a range ("1939 bis 1945"); dates are day
first. A number whose word changes with the gender of the noun after it ("21 personnes" is "vingt et
une personnes") is said in that gender when the noun is in the table; before any other word it is
left as digits for the engine, rather than guessed wrong.
"""

from __future__ import annotations

import re

from num2words import num2words

from audionews.script.normalize.base import Locale, alternation
from audionews.script.normalize.languages import GERMAN_DATIVE, GERMAN_NOMINATIVE, THOUSANDS, Language, language_of

__all__ = ["cardinal_in", "date_in", "ordinal_in"]


def _table(locale: Locale) -> Language:
    table = language_of(locale.language)
    if table is None:
        raise ValueError(f"no rules for the language {locale.language!r}")
    return table


# --- Number words ---------------------------------------------------------------------------------------

_LONGEST = 10**15
"""From here on a number is said digit by digit (an ID, a card number), as in English (``MAX_NUMBER_DIGITS``);
num2words refuses some languages' numbers beyond 10**27."""


def cardinal_in(n: int, table: Language, gender: str = "") -> str:
    """``n`` in words; ``gender`` "m", "f" or "n" when a noun follows ("un euro", "une livre", "ein Euro")."""
    if n >= _LONGEST:
        return _digits(str(n), table)
    words = num2words(n, lang=table.num2words).replace(",", "")
    if not gender:
        return words
    code = table.code
    if code == "fr" and gender == "f":
        return re.sub(r"\bun$", "une", words)
    if code == "es":
        if gender == "f":
            words = re.sub(r"uno$", "una", words)
            return re.sub(r"ientos\b", "ientas", words) if n < 1_000_000 else words
        return re.sub(r"veintiuno$", "veintiún", re.sub(r"\buno$", "un", words))
    if code == "it":
        return ("una" if gender == "f" else "un") if n == 1 else words
    if code == "pt" and gender == "f":
        words = re.sub(r"\bum$", "uma", re.sub(r"\bdois$", "duas", words))
        return re.sub(r"entos\b", "entas", words) if n < 1_000_000 else words
    if code == "de" and n % 100 == 1 and words.endswith("eins"):
        return words[:-1] + ("e" if gender == "f" else "")
    return words


def _agrees(n: int, table: Language, written: str) -> bool:
    """Whether ``n``'s words change with the gender of the noun after it.

    A bare four-digit number from 1000 to 2099 is most often a year, whose words are masculine
    ("en 1998 ganó"); counts that large are mostly written with a separator ("1.250 viviendas").
    """
    if written.isdigit() and 1000 <= n <= 2099:
        return False
    return cardinal_in(n, table, "f") != cardinal_in(n, table, "m") or cardinal_in(n, table, "m") != cardinal_in(
        n, table)


def ordinal_in(n: int, table: Language, feminine: bool = False) -> str:
    if n >= _LONGEST:
        return _digits(str(n), table)
    words = num2words(n, lang=table.num2words, to="ordinal").replace(",", "")
    if feminine and table.code in ("es", "it", "pt"):
        words = re.sub(r"o\b", "a", words)
    if feminine and table.code == "fr" and n == 1:
        return "première"
    return words


def _digits(text: str, table: Language) -> str:
    return " ".join(num2words(int(d), lang=table.num2words) for d in text)


_SPACES = " \u00a0\u202f"
"""A space, a no-break space or a narrow one between groups of three digits: a thousands separator in
every one of these languages (SI, RAE, DIN): "10 000", "250\u202f000"."""


def _group_marks(table: Language) -> str:
    """What may stand between groups of three digits: a space everywhere; a dot but in French and Mexico
    (a comma there); an apostrophe in German (Switzerland: "CHF 1'000")."""
    if table.decimal_point:
        return _SPACES + ","
    return _SPACES + ("" if table.code == "fr" else ".") + ("'’" if table.code == "de" else "")


def _number_pattern(table: Language) -> str:
    """A written number in this language: "1.250,5", "1 250", "12,5", "42" (Mexico: "1,250.5")."""
    group = "[" + re.escape(_group_marks(table)) + "]"
    decimal = r"\." if table.decimal_point else ","
    return r"\d{1,3}(?:" + group + r"\d{3})+(?:" + decimal + r"\d+)?|\d+(?:" + decimal + r"\d+)?"


def _parts(written: str, table: Language) -> tuple[int, str]:
    """"1.250,5" → (1250, "5")."""
    whole, fraction = _split(written, table)
    return int(whole or "0"), fraction


def _split(written: str, table: Language) -> tuple[str, str]:
    """"012 345,5" → ("012345", "5"): the whole part's digits as written, and the fraction's."""
    whole, _, fraction = written.partition("." if table.decimal_point else ",")
    for mark in _group_marks(table):
        whole = whole.replace(mark, "")
    return whole, fraction


def _number_words(written: str, table: Language, gender: str = "") -> str:
    """"1,2" → "un virgule deux"; "3,25" → "trois virgule vingt-cinq" (German: digit by digit); "007" digits."""
    sign = table.minus + " " if written.startswith("-") else ""
    written = written.lstrip("-")
    bare, fraction = _split(written, table)
    whole = int(bare or "0")
    if len(bare) > 1 and bare.startswith("0") and not fraction:
        return sign + _digits(bare, table)
    said = cardinal_in(whole, table, "" if fraction else gender)
    if fraction:
        if table.code == "de" or fraction.startswith("0") or len(fraction) > 2:
            tail = _digits(fraction, table)
        else:
            tail = cardinal_in(int(fraction), table)
        said += f" {table.decimal} {tail}"
    return sign + said


def _guillemets(text: str, locale: Locale) -> str:
    """"« projet »" → "«projet»": the spaces French sets inside its quotation marks are no pauses."""
    return re.sub(r"\s*»", "»", re.sub(r"«\s*", "«", text))


# --- Abbreviations --------------------------------------------------------------------------------------


def _abbreviations(text: str, locale: Locale) -> str:
    """"M. Dupont" → "monsieur Dupont", "n° 5" → "numéro 5", "z. B." → "zum Beispiel", "etc." → "et cetera"."""
    table = _table(locale)
    if table.titles:
        article = r"|(?:le|la|les)\s" if table.code == "fr" else ""  # "M. le ministre"
        title = re.compile(r"(?<![\w.])(" + alternation(table.titles) + r")(?:\s+|(?<=t)-|(?<=te)-)(?=[A-ZÀ-ÖØ-Þ]"
                           + article + ")")

        def say_title(m: re.Match) -> str:
            written = m[1]
            if len(written.rstrip(".")) == 1 and re.search(r"[A-Z][a-z]+\s$", m.string[: m.start()]):
                return m.group(0)  # "Franklin D. Roosevelt": an initial, not "don"
            joiner = "-" if m.group(0).endswith("-") else " "
            return table.titles[written] + joiner

        text = title.sub(say_title, text)
    if table.before_number:
        before = re.compile(r"(?<![\w.])(" + alternation(table.before_number) + r")\s?(?=\d)")
        text = before.sub(lambda m: table.before_number[m[1]] + " ", text)
    if table.within:
        within = re.compile(r"(?<![\w.])(" + alternation(table.within) + r")(?!\w)")
        text = within.sub(lambda m: table.within[m[1]], text)
    if table.closing:
        closing = re.compile(r"(?<![\w.])(" + alternation(table.closing) + r")(?!\w)")

        def say_closing(m: re.Match) -> str:
            rest = m.string[m.end():]
            ends = not rest.strip(" \"')]") or re.match(r"\s+[\"'(«]?[A-ZÀ-ÖØ-Þ]", rest)
            return table.closing[m[1]] + ("." if ends else "")

        text = closing.sub(say_closing, text)
    return text


# --- Dates and times ------------------------------------------------------------------------------------

_GERMAN_DATIVE = "|".join(GERMAN_DATIVE)
_GERMAN_NOMINATIVE = "|".join(GERMAN_NOMINATIVE)


def _german_ordinal(n: int, table: Language, determiner: str | None) -> str:
    """"am 3." → "dritten", "der 3." → "dritte", "3. März" alone → "dritter"."""
    words = ordinal_in(n, table)
    if determiner is None:
        return words + "r"
    if re.fullmatch(_GERMAN_NOMINATIVE, determiner, re.IGNORECASE):
        return words
    return words + "n"


def date_in(day: int, month: int, year: int | None, table: Language, determiner: str | None = None) -> str:
    """A day of a month as a newsreader says it: "douze mars deux mille vingt-cinq", "zwölfter März …"."""
    name = table.months[month - 1]
    if table.code == "de":
        said = f"{_german_ordinal(day, table, determiner)} {name}"
    elif day == 1 and table.code in ("fr", "it", "pt"):
        said = f"{ordinal_in(1, table)} {'de ' if table.code == 'pt' else ''}{name}"
    else:
        said = f"{cardinal_in(day, table)} {'de ' if table.code in ('es', 'pt') else ''}{name}"
    if year is not None:
        said += (" de " if table.code in ("es", "pt") else " ") + _year_words(year, table)
    return said


def _year_words(n: int, table: Language) -> str:
    if table.code == "de":
        return str(num2words(n, lang="de", to="year"))
    return cardinal_in(n, table)


def _month_pattern(table: Language) -> str:
    names = list(table.months) + [m.capitalize() for m in table.months]
    abbreviations = list(table.month_abbreviations) + [a.capitalize() for a in table.month_abbreviations]
    abbreviated = r"|(?P<abbr>" + alternation(set(abbreviations)) + r")\." if abbreviations else r"(?P<abbr>(?!))?"
    return r"(?P<month>" + alternation(set(names)) + abbreviated + ")"


def _month_number(m: re.Match, table: Language) -> int:
    if m["abbr"]:
        return table.month_abbreviations.get(m["abbr"], 0) or table.month_abbreviations[m["abbr"].lower()]
    return [x.lower() for x in table.months].index(m["month"].lower()) + 1


def _dates(text: str, locale: Locale) -> str:
    """"12 mars 2025", "1er mars", "12 de marzo de 2025", "am 12. März 2025", "12/03/2025", "2025-03-12"."""
    table = _table(locale)
    determiner = r"(?:(?P<det>\b(?i:" + _GERMAN_DATIVE + "|" + _GERMAN_NOMINATIVE + r"))\s)?" if table.code == "de" \
        else ""
    day_mark = r"\." if table.code == "de" else r"(?:er|º|°|\.º)?"
    of = r"(?:de\s)?" if table.code in ("es", "pt") else ""
    written = re.compile(
        r"(?<![\w.])(?<!\d,)" + determiner + r"(?P<day>\d{1,2})" + day_mark + r"\s" + of + _month_pattern(table)
        + r"(?!\w)(?:\s" + of + r"(?P<year>\d{4})(?![\w]|[.,]\d))?",
        re.IGNORECASE if table.code == "de" else 0,
    )
    numeric = re.compile(
        r"(?<![\w/.-])(?<!\d,)" + determiner
        + r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\w/-]|[.,]\d)"
    )
    iso = re.compile(r"(?<![\w-])" + determiner + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")

    def said(m: re.Match, month: int) -> str:
        day = int(m["day"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        det = m.groupdict().get("det")
        words = date_in(day, month, int(m["year"]) if m["year"] else None, table, det)
        return (det + " " if det else "") + words

    text = written.sub(lambda m: said(m, _month_number(m, table)), text)
    text = iso.sub(lambda m: said(m, int(m["month"])), text)
    return numeric.sub(lambda m: said(m, int(m["month"])), text)


def _times(text: str, locale: Locale) -> str:
    """"14 h 30" and "14:30" → "quatorze heures trente"; "14.30 Uhr" → "vierzehn Uhr dreißig"; "às 9h"."""
    table = _table(locale)
    code = table.code
    if code == "fr":
        pattern = r"(?<![\w:.])(?<!\d,)(?P<h>\d{1,2})(?:\s?h\s?(?P<m>\d{2})?|:(?P<m2>\d{2}))(?![\w:]|(?<=\d)[.,]\d)"
    elif code == "pt":
        pattern = r"(?<![\w:.])(?<!\d,)(?P<h>\d{1,2})(?:h(?P<m>\d{2})?|:(?P<m2>\d{2}))(?![\w:]|(?<=\d)[.,]\d)"
    elif code == "de":
        pattern = (r"(?<![\w:.])(?<!\d,)(?P<h>\d{1,2})"
                   r"(?:(?::(?P<m2>\d{2}))(?:\s?(?P<uhr>Uhr))?|\.(?P<m>\d{2})\s?(?P<uhr2>Uhr)|\s?(?P<uhr3>Uhr))"
                   r"(?![\w:]|[.,]\d)")
    elif code == "it":
        pattern = (r"(?<![\w:.])(?<!\d,)"
                   r"(?:(?P<h>\d{1,2}):(?P<m2>\d{2})|(?:(?<=le )|(?<=ore ))(?P<h2>\d{1,2})\.(?P<m>\d{2}))"
                   r"(?![\w:]|[.,]\d)")
    else:
        pattern = r"(?<![\w:.])(?<!\d,)(?P<h>\d{1,2}):(?P<m2>\d{2})(?![\w:]|[.,]\d)"

    def say(m: re.Match) -> str:
        groups = m.groupdict()
        hour = int(groups.get("h") or groups.get("h2") or 0)
        minute = int(groups.get("m") or groups.get("m2") or 0)
        if hour > 24 or minute > 59:
            return m.group(0)
        h = cardinal_in(hour, table, "f" if table.feminine_hours else "")
        if code == "de":
            h = "ein" if hour == 1 else h
            return f"{h} Uhr" + (f" {cardinal_in(minute, table)}" if minute else "")
        if code == "fr":
            said = f"{h} {table.hour[hour > 1]}"
            return said + (f" {cardinal_in(minute, table, 'f')}" if minute else "")
        if code == "pt":
            said = f"{h} {table.hour[hour > 1]}"
            return said + (f" e {cardinal_in(minute, table)}" if minute else "")
        if code == "es":
            return f"{h} y {cardinal_in(minute, table)}" if minute else f"{h} {table.hour[hour != 1]}"
        return f"{h} e {cardinal_in(minute, table)}" if minute else h

    return re.sub(pattern, say, text)


# --- Money, percents, ordinals, numbers -----------------------------------------------------------------


def _currencies(text: str, locale: Locale) -> str:
    """"3,50 €" → "trois euros cinquante", "R$ 10" → "dez reais", "1,2 Mrd. €" → "… Milliarden Euro"."""
    table = _table(locale)
    number = _number_pattern(table)
    symbols = alternation(table.currencies)
    magnitude = r"(?:\s(?P<mag>" + alternation(table.magnitudes) + r")(?:\s(?:de|d'|di)\s?)?)?" if table.magnitudes \
        else ""
    thousand = r"(?:\s(?P<k>" + "|".join(THOUSANDS) + r"))?"
    after = re.compile(r"(?<![\w.])(?<!\d,)(?P<a>-?(?:" + number + r"))" + thousand + magnitude
                       + r"\s?(?P<sym>" + symbols + r")(?![\w$])")
    before = re.compile(r"(?<![\w$])(?P<sym>" + symbols + r")\s?(?P<a>-?(?:" + number + r"))" + thousand + magnitude
                        + r"(?![\w]|[.,]\d)")

    def say(m: re.Match) -> str:
        one, many, gender = table.currencies[m["sym"]]
        whole, fraction = _parts(m["a"].lstrip("-"), table)
        sign = table.minus + " " if m["a"].startswith("-") else ""
        if m["mag"] or m["k"]:  # "1,2 milliard d'euros", "2 mil €": "dos mil euros", "3 mil millones de euros"
            said = _number_words(m["a"].lstrip("-"), table, table.magnitudes[m["mag"]] if m["mag"] else gender)
            said += f"{'' if table.code == 'it' else ' '}{m['k']}" if m["k"] else ""
            return f"{sign}{said} {m['mag']} {_of(many, table)}" if m["mag"] else f"{sign}{said} {many}"
        if fraction and len(fraction) != 2:
            return f"{sign}{_number_words(m['a'].lstrip('-'), table)} {many}"
        name = one if whole == 1 else many
        if whole >= 1_000_000 and whole % 1_000_000 == 0 and not fraction and table.of:
            name = _of(many, table)  # "un million d'euros", "un millón de euros"
        said = f"{sign}{cardinal_in(whole, table, gender)} {name}"
        if fraction and int(fraction):
            said += f"{table.cents}{cardinal_in(int(fraction), table)}"
        return said

    return before.sub(say, after.sub(say, text))


def _of(many: str, table: Language) -> str:
    """"d'euros", "de dólares", "di euro"; German needs no word: "Milliarden Euro"."""
    if table.code == "fr" and re.match(r"[aeiouyéh]", many, re.IGNORECASE):
        return "d'" + many
    return f"{table.of} {many}".strip()


_SCORE_WORD = {"fr": "à", "es": "a", "de": "zu", "it": "a", "pt": "a"}
_SCORE = re.compile(r"(?<![\w:.])(?<!\d,)(\d{1,2}):(\d)(?![\d:])")


def _scores(text: str, locale: Locale) -> str:
    """"2:1" → "2 à 1", "2 zu 1": a score or a ratio (a clock time has two digits of minutes)."""
    return _SCORE.sub(lambda m: f"{m[1]} {_SCORE_WORD[_table(locale).code]} {m[2]}", text)


_RANGE_WORD = {"fr": "à", "es": "a", "de": "bis", "it": "a", "pt": "a"}
_BETWEEN = re.compile(r"\b(?:entre|zwischen|tra|fra)\s$", re.IGNORECASE)


def _ranges(text: str, locale: Locale) -> str:
    """"1939-1945" → "1939 à 1945", "1939 bis 1945"; "entre 10-20" → "entre 10 et 20"; "2-1" a score.

    Only the dash becomes a word: the numbers on either side are then read by the rules for years,
    money, percents and numbers, as if written apart. A zero-led group ("06-12") is no range.
    """
    table = _table(locale)
    number = _number_pattern(table)
    pattern = re.compile(r"(?<![\w.,/-])(?P<a>" + number + r")(?P<pc>\s?%)?\s?[-–]\s?(?P<b>" + number
                         + r")(?![\w/-]|[.,]\d)")

    def say(m: re.Match) -> str:
        a, b = (_split(m[x], table)[0] for x in ("a", "b"))
        if any(len(x) > 1 and x.startswith("0") for x in (a, b)):
            return m.group(0)
        if _BETWEEN.search(m.string[: m.start()]):
            word = table.and_word
        elif len(a) <= 2 and len(b) <= 2 and int(b) <= int(a):
            word = _SCORE_WORD[table.code]  # "2-1", "1-1": a score
        else:
            word = _RANGE_WORD[table.code]
        return f"{m['a']}{m['pc'] or ''} {word} {m['b']}"

    return pattern.sub(say, text)


def _percents(text: str, locale: Locale) -> str:
    """"12,5 %" → "douze virgule cinq pour cent"."""
    table = _table(locale)
    pattern = re.compile(r"(?<![\w.])(?<!\d,)(?P<a>-?(?:" + _number_pattern(table) + r"))\s?%")
    return pattern.sub(lambda m: f"{_number_words(m['a'], table)} {table.percent}", text)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _ordinals(text: str, locale: Locale) -> str:
    """"1er", "2e", "XXe siècle"; "1º", "1ª", "3er"; Italian "2° posto"; German "am 3." before a noun."""
    table = _table(locale)
    code = table.code

    if code == "fr":
        def french(m: re.Match) -> str:
            n = int(m["n"]) if m["n"] else _roman(m["r"])
            return ordinal_in(n, table, feminine=m["s"] in ("re", "ère"))

        return re.sub(r"(?<![\w.])(?<!\d,)(?:(?P<n>\d+)|(?P<r>[IVX]+))(?P<s>er|re|ère|e|ème|è)(?!\w)", french, text)
    if code == "de":
        articles = _GERMAN_DATIVE + "|" + _GERMAN_NOMINATIVE
        pattern = r"(?<![\w.])(?<!\d,)\b(?P<det>" + articles + r")\s(?P<n>\d{1,3})\.\s(?=[A-ZÄÖÜ])"
        return re.sub(pattern, lambda m: f"{m['det']} {_german_ordinal(int(m['n']), table, m['det'])} ", text,
                      flags=re.IGNORECASE)

    def romance(m: re.Match) -> str:
        n = int(m["n"])
        if m["s"] == "er":
            return {1: "primer", 3: "tercer"}.get(n, m.group(0))
        said = ordinal_in(n, table, feminine=m["s"] == "ª")
        if code == "es" and re.match(r"\s[a-zñáéíóú]", m.string[m.end():]):
            said = re.sub(r"(prim|terc)ero$", r"\1er", said)  # "primer lugar", "tercer puesto"
        return said

    degree = r"|°(?=\s[a-zà-ú])" if code in ("it", "pt") else ""
    apocope = r"|er" if code == "es" else ""
    return re.sub(r"(?<![\w.])(?<!\d,)(?P<n>\d+)\.?(?P<s>º|ª" + degree + apocope + r")(?!\w)", romance, text)


def _german_years(text: str, locale: Locale) -> str:
    """"1990" → "neunzehnhundertneunzig", unless a noun follows ("1500 Menschen" is a count)."""
    table = _table(locale)
    if table.code != "de":
        return text
    pattern = re.compile(r"(?<![\w.-])(?<!\d,)(1[1-9]\d\d)(?![\w%-]|[.,]\d|\s[A-ZÄÖÜ]|\s?[€$£])")
    return pattern.sub(lambda m: _year_words(int(m[1]), table), text)


def _numbers(text: str, locale: Locale) -> str:
    """Every number left: "1,2" → "un virgule deux", "1.250" → "mille deux cent cinquante"; "-3" → "moins trois".

    A whole number whose words take the gender of the noun after it agrees with the nouns the table
    knows ("une livre", "eine Million"); before another word it stays as digits, for the engine.
    """
    table = _table(locale)
    pattern = re.compile(r"(?:(?<![\w.,-])(?P<sign>-))?(?<![\w./@])(?<!\d,)(?P<n>" + _number_pattern(table)
                         + r")(?![\w/@]|[.,]\d)")

    def say(m: re.Match) -> str:
        written = m["n"]
        whole, fraction = _parts(written, table)
        following = re.match(r"\s(?:(?:" + "|".join(THOUSANDS) + r")\s)?([^\W\d_]+)", m.string[m.end():])
        gender = ""
        bare = _split(written, table)[0]
        if not fraction and following and not (len(bare) > 1 and bare.startswith("0")):  # "012" is said digit by digit
            word = following.group(1)
            gender = table.magnitudes.get(word) or table.nouns.get(word) or _currency_gender(word, table)
            if not gender and _agrees(whole, table, written) and _is_noun(word, table):
                return m.group(0)
        said = _number_words((m["sign"] or "") + written, table, gender)
        return "un'" if said == "una" and following and following.group(1)[0] in "aeiouàèéìòù" else said

    text = pattern.sub(say, text)
    if table.code == "it":  # "un'ora"; "2 mila" is "duemila"
        text = re.sub(r"\b(un'|[a-zù]+) (mila)\b", r"\1\2", re.sub(r"\bun' ", "un'", text))
    return text


def _currency_gender(word: str, table: Language) -> str:
    return next((gender for one, many, gender in table.currencies.values() if word in (one, many)), "")


def _is_noun(word: str, table: Language) -> bool:
    """Whether a word after a number is likely the noun it counts: German capitalises nouns; the others
    are lower case, and not a preposition or conjunction ("1 de cada 5", "1 et 2")."""
    if table.code == "de":
        return word[:1].isupper()
    return word[:1].islower() and word not in _NOT_NOUNS


_NOT_NOUNS = frozenset("""
de du des d et ou à a au aux en sur sur par pour y o e ou di da del della in con per su tra fra em no na do dos
das com para por que
""".split())


def _symbols(text: str, locale: Locale) -> str:
    """"Fish & chips" → "Fish et chips"; "AT&T" is left to the engine; "Paris–Lyon" a hyphen, never the
    English "to" the language-neutral pauses would say (after the numbers, which become words)."""
    text = re.sub(r"(?<=[^\W\d_])–(?=[^\W\d_])", "-", text)
    return re.sub(r"\s+&\s+", f" {_table(locale).and_word} ", text)

