"""The words behind the rules for French, Spanish, German, Italian and Portuguese, one table each.

Plain data, as :mod:`.tables` is for English: month and weekday names (written here rather than taken
from the system locale, which a server may not have), the credit line's words, the abbreviations a
newsreader expands, currencies, and the nouns whose gender a number must agree with. The rules that
read them are in :mod:`.localized`; the number words come from num2words in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["GERMAN_DATIVE", "GERMAN_NOMINATIVE", "LANGUAGES", "THOUSANDS", "Language", "language_of"]


@dataclass(frozen=True)
class Language:
    """What the rules and the credit line need to know of one language."""

    code: str
    """The language's two-letter code: "fr"."""
    num2words: str
    """num2words' name for it: "pt_BR" for Brazilian numbers ("um bilhão", not "mil milhões")."""
    by: str
    """The credit line's first word: "Par Claire Dubois"."""
    date: str
    """The credit line's date: fields weekday, day (as :attr:`first_day` writes the 1st), month, year."""
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    """Monday first, as ``date.weekday()`` counts."""
    decimal: str
    """The word for the decimal comma: "virgule"."""
    percent: str
    minus: str
    first_day: str = "1"
    """How the 1st of a month is written: "1er" in French, "1º" in Italian and Portuguese."""
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    """Said in full before a capitalised name: "M. Dupont" → "monsieur Dupont"."""
    before_number: dict[str, str] = field(default_factory=dict)
    """Said in full before a number: "n° 5" → "numéro 5"."""
    within: dict[str, str] = field(default_factory=dict)
    """Said in full anywhere, never the end of a sentence: "z. B." → "zum Beispiel"."""
    closing: dict[str, str] = field(default_factory=dict)
    """Said in full anywhere; the end of a sentence too when a capital follows ("…, usw. Die Polizei")."""
    currencies: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Symbol or code → (one, many, gender "m"/"f"/"n")."""
    cents: str = " "
    """What joins units and cents: "trois euros cinquante", "tres euros con cincuenta"."""
    of: str = ""
    """What joins a magnitude and its currency: "un milliard d'euros" (fr "de", es "de", it "di")."""
    magnitudes: dict[str, str] = field(default_factory=dict)
    """Magnitude words and their gender: "milliard" m, German "Million" f."""
    nouns: dict[str, str] = field(default_factory=dict)
    """A few nouns often counted, and their gender, so "21 personnes" is "vingt et une personnes"."""
    hour: tuple[str, str] = ("", "")
    """The hour's name, one and many: "heure", "heures"."""
    feminine_hours: bool = True
    decimal_point: bool = False
    """Whether this region writes "1.5" for one and a half (Mexico) rather than "1,5"."""
    and_word: str = "and"
    disclosure: tuple[str, str] = ("", "")
    """What the end of a published episode says: that a synthetic voice read it, unnamed and named ("{voice}")."""


_FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre")
_DE_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
_IT_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
              "ottobre", "novembre", "dicembre")
_PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
              "novembro", "dezembro")

FRENCH = Language(
    code="fr", num2words="fr", disclosure=("Cet article a été lu par une voix de synthèse.",
                                           "Cet article a été lu par {voice}, une voix de synthèse."),
    by="Par", date="{weekday} {day} {month} {year}", first_day="1er",
    months=_FR_MONTHS,
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    decimal="virgule", percent="pour cent", minus="moins", and_word="et",
    month_abbreviations={"janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
                         "déc": 12},
    titles={"M.": "monsieur", "MM.": "messieurs", "Mme": "madame", "Mme.": "madame", "Mmes": "mesdames",
            "Mlle": "mademoiselle", "Mlles": "mesdemoiselles", "Dr": "docteur", "Dr.": "docteur",
            "Pr": "professeur", "Pr.": "professeur", "Me": "maître", "St": "Saint", "Ste": "Sainte"},
    before_number={"n°": "numéro", "N°": "numéro", "no": "numéro", "p.": "page", "env.": "environ"},
    within={"c.-à-d.": "c'est-à-dire", "p. ex.": "par exemple", "av. J.-C.": "avant Jésus-Christ",
            "apr. J.-C.": "après Jésus-Christ"},
    closing={"etc.": "et cetera"},
    currencies={"€": ("euro", "euros", "m"), "EUR": ("euro", "euros", "m"), "$": ("dollar", "dollars", "m"),
                "US$": ("dollar américain", "dollars américains", "m"), "USD": ("dollar", "dollars", "m"),
                "£": ("livre", "livres", "f"), "GBP": ("livre", "livres", "f"), "CHF": ("franc", "francs", "m"),
                "R$": ("réal", "réais", "m")},
    of="de",
    magnitudes={"million": "m", "millions": "m", "milliard": "m", "milliards": "m"},
    nouns={"personne": "f", "personnes": "f", "fois": "f", "heure": "f", "heures": "f", "minute": "f",
           "minutes": "f", "semaine": "f", "semaines": "f", "année": "f", "années": "f", "an": "m", "ans": "m",
           "jour": "m", "jours": "m", "mois": "m"},
    hour=("heure", "heures"),
)

_SPANISH_CURRENCIES = {
    "€": ("euro", "euros", "m"), "EUR": ("euro", "euros", "m"), "$": ("dólar", "dólares", "m"),
    "US$": ("dólar estadounidense", "dólares estadounidenses", "m"), "USD": ("dólar", "dólares", "m"),
    "£": ("libra", "libras", "f"), "GBP": ("libra", "libras", "f"), "R$": ("real", "reales", "m"),
    "CHF": ("franco suizo", "francos suizos", "m"),
}
SPANISH = Language(
    code="es", num2words="es", disclosure=("Este artículo fue leído por una voz sintética.",
                                           "Este artículo fue leído por {voice}, una voz sintética."),
    by="Por", date="{weekday}, {day} de {month} de {year}",
    months=_ES_MONTHS,
    weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    decimal="coma", percent="por ciento", minus="menos", and_word="y",
    month_abbreviations={"ene": 1, "feb": 2, "abr": 4, "ago": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11,
                         "dic": 12},
    titles={"Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor", "Dra.": "doctora",
            "D.": "don", "Dña.": "doña", "Dª": "doña", "Lic.": "licenciado"},
    before_number={"núm.": "número", "n.º": "número", "nº": "número", "Nº": "número", "pág.": "página"},
    within={"Ud.": "usted", "Uds.": "ustedes", "p. ej.": "por ejemplo", "aprox.": "aproximadamente"},
    closing={"etc.": "etcétera", "EE. UU.": "Estados Unidos", "EE.UU.": "Estados Unidos"},
    currencies=_SPANISH_CURRENCIES, cents=" con ", of="de",
    magnitudes={"millón": "m", "millones": "m", "billón": "m", "billones": "m"},
    nouns={"persona": "f", "personas": "f", "vez": "f", "veces": "f", "hora": "f", "horas": "f",
           "semana": "f", "semanas": "f", "año": "m", "años": "m", "día": "m", "días": "m", "mes": "m",
           "meses": "m", "minuto": "m", "minutos": "m", "peso": "m", "pesos": "m", "grado": "m", "grados": "m"},
    hour=("hora", "horas"),
)

GERMAN = Language(
    code="de", num2words="de", disclosure=("Dieser Artikel wurde von einer synthetischen Stimme gelesen.",
                                           "Dieser Artikel wurde von {voice} gelesen, einer synthetischen Stimme."),
    by="Von", date="{weekday}, {day}. {month} {year}",
    months=_DE_MONTHS,
    weekdays=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    decimal="Komma", percent="Prozent", minus="minus", and_word="und",
    month_abbreviations={"Jan": 1, "Feb": 2, "Mär": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9,
                         "Sep": 9, "Okt": 10, "Nov": 11, "Dez": 12},
    titles={"Hr.": "Herr", "Fr.": "Frau", "Dr.": "Doktor", "Prof.": "Professor", "St.": "Sankt"},
    before_number={"Nr.": "Nummer", "ca.": "circa"},
    within={"z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "d. h.": "das heißt", "d.h.": "das heißt",
            "u. a.": "unter anderem", "u.a.": "unter anderem", "v. a.": "vor allem", "bzw.": "beziehungsweise",
            "ca.": "circa", "vgl.": "vergleiche", "Mio.": "Millionen", "Mrd.": "Milliarden"},
    closing={"usw.": "und so weiter", "etc.": "et cetera"},
    currencies={"€": ("Euro", "Euro", "m"), "EUR": ("Euro", "Euro", "m"), "$": ("Dollar", "Dollar", "m"),
                "US$": ("US-Dollar", "US-Dollar", "m"), "USD": ("Dollar", "Dollar", "m"),
                "£": ("Pfund", "Pfund", "n"), "GBP": ("Pfund", "Pfund", "n"), "CHF": ("Franken", "Franken", "m"),
                "R$": ("Real", "Real", "m")},
    magnitudes={"Million": "f", "Millionen": "f", "Milliarde": "f", "Milliarden": "f"},
    nouns={"Person": "f", "Stunde": "f", "Woche": "f", "Minute": "f", "Jahr": "n", "Tag": "m", "Monat": "m",
           "Mal": "n"},
    hour=("Uhr", "Uhr"), feminine_hours=False,
)

ITALIAN = Language(
    code="it", num2words="it", disclosure=("Questo articolo è stato letto da una voce sintetica.",
                                           "Questo articolo è stato letto da {voice}, una voce sintetica."),
    by="Di", date="{weekday} {day} {month} {year}", first_day="1º",
    months=_IT_MONTHS,
    weekdays=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    decimal="virgola", percent="per cento", minus="meno", and_word="e",
    titles={"Sig.": "signor", "Sig.ra": "signora", "Sig.na": "signorina", "Sigg.": "signori",
            "Dott.": "dottor", "Dott.ssa": "dottoressa", "Prof.": "professor", "Prof.ssa": "professoressa",
            "Ing.": "ingegner", "Avv.": "avvocato", "On.": "onorevole"},
    before_number={"n.": "numero", "pag.": "pagina"},
    closing={"ecc.": "eccetera", "etc.": "eccetera"},
    currencies={"€": ("euro", "euro", "m"), "EUR": ("euro", "euro", "m"), "$": ("dollaro", "dollari", "m"),
                "US$": ("dollaro statunitense", "dollari statunitensi", "m"), "USD": ("dollaro", "dollari", "m"),
                "£": ("sterlina", "sterline", "f"), "GBP": ("sterlina", "sterline", "f"),
                "CHF": ("franco svizzero", "franchi svizzeri", "m"), "R$": ("real", "real", "m")},
    cents=" e ", of="di",
    magnitudes={"milione": "m", "milioni": "m", "miliardo": "m", "miliardi": "m"},
    nouns={"persona": "f", "volta": "f", "ora": "f", "settimana": "f", "anno": "m", "giorno": "m", "mese": "m"},
    hour=("", ""),
)

_PORTUGUESE_CURRENCIES = {
    "€": ("euro", "euros", "m"), "EUR": ("euro", "euros", "m"), "$": ("dólar", "dólares", "m"),
    "US$": ("dólar americano", "dólares americanos", "m"), "USD": ("dólar", "dólares", "m"),
    "£": ("libra", "libras", "f"), "GBP": ("libra", "libras", "f"), "R$": ("real", "reais", "m"),
    "BRL": ("real", "reais", "m"), "CHF": ("franco suíço", "francos suíços", "m"),
}
PORTUGUESE = Language(
    code="pt", num2words="pt", disclosure=("Este artigo foi lido por uma voz sintética.",
                                           "Este artigo foi lido por {voice}, uma voz sintética."),
    by="Por", date="{weekday}, {day} de {month} de {year}", first_day="1º",
    months=_PT_MONTHS,
    weekdays=("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    decimal="vírgula", percent="por cento", minus="menos", and_word="e",
    titles={"Sr.": "senhor", "Sra.": "senhora", "Srta.": "senhorita", "Dr.": "doutor", "Dra.": "doutora",
            "Prof.": "professor", "Profa.": "professora", "Prof.ª": "professora"},
    before_number={"nº": "número", "n.º": "número", "Nº": "número", "N.º": "número", "n°": "número",
                   "pág.": "página"},
    within={"p. ex.": "por exemplo"},
    closing={"etc.": "etcétera"},
    currencies=_PORTUGUESE_CURRENCIES, cents=" e ", of="de",
    magnitudes={"milhão": "m", "milhões": "m", "bilhão": "m", "bilhões": "m"},
    nouns={"pessoa": "f", "pessoas": "f", "vez": "f", "vezes": "f", "hora": "f", "horas": "f",
           "semana": "f", "semanas": "f", "ano": "m", "anos": "m", "dia": "m", "dias": "m", "mês": "m",
           "meses": "m", "minuto": "m", "minutos": "m", "grau": "m", "graus": "m"},
    hour=("hora", "horas"),
)

THOUSANDS = frozenset({"mille", "mil", "mila", "Tausend"})
"""The word for thousand after a number ("300 mil pessoas"): the number agrees with the noun after it, and
a currency follows with no "de" ("dos mil euros", not "dos mil de euros")."""

GERMAN_DATIVE = ("am", "im", "vom", "zum", "beim", "bis", "seit", "ab", "den", "dem", "des", "zur")
"""Before these a German ordinal ends in -en: "am dritten Oktober"."""
GERMAN_NOMINATIVE = ("der", "die", "das")
"""Before these in -e: "der dritte Platz"; with no article before a month, -er: "dritter März"."""

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (FRENCH, SPANISH, GERMAN, ITALIAN, PORTUGUESE)}
"""The languages with a frame and rules of their own, by code."""

_DECIMAL_POINT_SPANISH = frozenset({"mx", "us", "gt", "hn", "sv", "ni", "pr", "do", "pa"})
"""Spanish-speaking regions that write 1.5 and 1,250 as English does."""


def language_of(code: str) -> Language | None:
    """The table for a BCP 47 tag ("fr-CA" falls back to "fr"; "pt-BR" gets Brazilian numbers); None for others."""
    parts = (code or "").replace("_", "-").lower().split("-")
    table = LANGUAGES.get(parts[0])
    if table is None:
        return None
    region = parts[1] if len(parts) > 1 else ""
    if table is PORTUGUESE and region == "br":
        return _BRAZILIAN
    if table is SPANISH and region in _DECIMAL_POINT_SPANISH:
        return _SPANISH_DECIMAL_POINT
    return table


_BRAZILIAN = Language(**{**PORTUGUESE.__dict__, "num2words": "pt_BR", "first_day": "1º"})
_SPANISH_DECIMAL_POINT = Language(**{**SPANISH.__dict__, "decimal": "punto", "decimal_point": True})
