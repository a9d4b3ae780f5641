"""The tables behind normalize.for_speech: abbreviations, acronyms, states, units, currencies.

Kept apart from the rules so an editor can add a word without reading a regular expression.
Every table is plain data; the rule modules build their patterns from them, and the sentence
splitter reads the abbreviation tables too, in the same contexts (:mod:`audionews.script.sentences`).
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "ACRONYM_WORDS",
    "AFTER_NAME",
    "BEFORE_NUMBER",
    "CAPS_WORDS",
    "COUNTED_NOUNS",
    "CURRENCY_CODES",
    "CURRENCY_NAMES",
    "CURRENCY_SYMBOLS",
    "DIGIT_WORDS",
    "FRACTION_NAMES",
    "HONORIFICS",
    "INITIALISMS",
    "MAGNITUDES",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "NOT_A_CITY",
    "PARTIES",
    "PLACE_OR_PERSON",
    "PRONOUN_US_BEFORE",
    "QUANTIFIERS",
    "REGNAL_NAMES",
    "ROMAN_CARDINAL_AFTER",
    "SENTENCE_STARTERS",
    "SPECIAL_FORMS",
    "STATES",
    "STREET_SUFFIXES",
    "TIME_ZONES",
    "TITLES",
    "TLD_WORDS",
    "UNITS",
    "WORDS_IN_CAPITALS",
]

# --- All-caps words -------------------------------------------------------------------------

ACRONYM_WORDS = frozenset("""
NATO SNAP NASA ICE UNESCO UNICEF COVID OPEC FEMA NAFTA AIDS LASER RADAR SCUBA SCOTUS POTUS FLOTUS
FIFA UEFA NASDAQ DARPA CERN ISIS OSHA DACA SWAT NIMBY YIMBY ASEAN MERCOSUR INTERPOL EUROPOL
FRONTEX OFCOM OFSTED OFGEM ACAS SARS MERS PIN GIF JPEG HAMAS CONCACAF
NORAD PEMEX ESA SEATO MOMA LACMA BAFTA
""".split())
"""Acronyms said as words ("NATO" is "Nato", never "N A T O")."""

INITIALISMS = frozenset("""
IRS ITIN EPA USA ACLU SEC DOJ NIH WHO DOT DOE DOD ICU IOC GOP UPS MIT UCLA HIV HUD SAT ATM
IT US UK UN EU AI TV PR HR ID EV GM BP AP PC CD DJ MP MC VP CEO CFO COO CTO CIA FBI NSA TSA
DHS FDA CDC NFL NBA MLB NHL NCAA NHS BBC CNN CBS NBC ABC NPR PBS HBO ESPN MSNBC IMF WTO OECD
GDP CPI IPO ETF LLC LLP PLC NGO NYPD LAPD LGBT LGBTQ LGBTQIA DNA RNA MRI ATF DEA DMV FAA FCC
FTC NLRB USDA VA NRA NAACP UNHCR UNRWA GCHQ MI NYU USC UCSF ASAP FAQ UAW AFL
CIO AARP BMW HSBC UBS KPMG IBM AMD HP ESG ICC ICJ ECB BOE RBA EIA IEA IPCC UNGA UNSC SUV GPS
USB PDF HTML URL API CPU GPU PTSD ADHD ALS DUI DWI ER MBA JD DC NYC LA SF VIP LED RSVP DIY BLM
""".split())
"""Spelled letter by letter even when they look sayable ("IRS" is "I R S", "WHO" is "W H O")."""

CAPS_WORDS = frozenset("""
A I AM AN AS AT BE BY DO GO HE IF IN IS ME MY NO OF OH ON OR SO TO UP WE
""".split())
"""Two-letter English words left alone in capitals (emphasis, shouted headlines)."""

WORDS_IN_CAPITALS = frozenset("WHO IT US DOT DOE SAT UPS LED ID AM IS OR".split())
"""Initialisms that are also English words: in a headline set in capitals they are the words."""

PRONOUN_US_BEFORE = frozenset(
    "let tell join follow contact about help give show call email write send ask among".split()
)
"""After these words "US" is the pronoun ("let US know", "CONTACT US")."""

# --- Abbreviations ----------------------------------------------------------------------------

TITLES = {
    "Sen.": "Senator", "Sens.": "Senators", "Rep.": "Representative", "Reps.": "Representatives",
    "Gov.": "Governor", "Lt.": "Lieutenant", "Gen.": "General", "Col.": "Colonel", "Maj.": "Major",
    "Capt.": "Captain", "Sgt.": "Sergeant", "Cpl.": "Corporal", "Pvt.": "Private", "Adm.": "Admiral",
    "Cmdr.": "Commander", "Prof.": "Professor", "Rev.": "Reverend", "Fr.": "Father", "Pres.": "President",
    "Supt.": "Superintendent", "Sec.": "Secretary", "Atty.": "Attorney", "Det.": "Detective",
    "Insp.": "Inspector", "Hon.": "Honorable", "Msgr.": "Monsignor", "Amb.": "Ambassador",
    "Del.": "Delegate", "Sup.": "Supervisor", "Asst.": "Assistant", "Dep.": "Deputy",
}
"""Titles read in full before a name ("Sen. Warren" is "Senator Warren")."""

HONORIFICS = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Messrs": "Messieurs", "Mx": "Mix"}
"""With or without a full stop, before a name."""

AFTER_NAME = {
    "Jr.": "Junior", "Sr.": "Senior", "Inc.": "Incorporated", "Corp.": "Corporation", "Co.": "Company",
    "Ltd.": "Limited", "Bros.": "Brothers", "Assn.": "Association", "Dept.": "Department",
    "Univ.": "University",
}
"""Read in full after a capitalized word ("Apple Inc.", "Martin Luther King Jr.")."""

STREET_SUFFIXES = {
    "Ave.": "Avenue", "Blvd.": "Boulevard", "Rd.": "Road", "Ln.": "Lane", "Hwy.": "Highway",
    "Pkwy.": "Parkway", "Ct.": "Court", "Pl.": "Place", "Sq.": "Square", "Ter.": "Terrace",
}
"""Read in full after a street name ("Sunset Blvd.")."""

PLACE_OR_PERSON = {
    "Dr": ("Doctor", "Drive"),
    "St": ("Saint", "Street"),
    "Mt": ("Mount", "Mount"),
    "Ft": ("Fort", "Fort"),
}
"""Before a name the first reading ("Dr. Lee", "St. Louis"), after a street name the second ("Oak Dr.")."""

ABBREVIATIONS = {
    "vs.": "versus", "vs": "versus", "v.": "versus", "etc.": "et cetera", "e.g.": "for example",
    "i.e.": "that is", "approx.": "approximately", "a.k.a.": "also known as", "aka": "also known as",
    "Ph.D.": "P H D", "w/o": "without", "w/": "with", "Gov't": "government", "gov't": "government",
    "Natl.": "National", "Intl.": "International", "OK": "okay", "WWII": "World War Two",
    "WWI": "World War One", "USA TODAY": "U S A Today", "et al.": "et al",
}
"""Read the same wherever they stand ("et al." keeps its words, not the full stop a voice would stop at)."""

BEFORE_NUMBER = {
    "No.": "number", "Nos.": "numbers", "no.": "number", "Vol.": "volume", "vol.": "volume", "p.": "page",
    "pp.": "pages", "Ch.": "chapter", "ch.": "chapter", "Fig.": "figure", "fig.": "figure", "Rte.": "Route",
    "Apt.": "Apartment", "Ste.": "Suite", "est.": "established", "Est.": "established", "ca.": "circa",
    "c.": "circa", "Art.": "Article", "Sec.": "section", "#": "number",
}
"""Read in full only before a number ("No. 5" is "number 5"; "No." elsewhere is "No")."""

SPECIAL_FORMS = {
    "9/11": "nine eleven", "24/7": "twenty-four seven", "50/50": "fifty-fifty", "20/20": "twenty-twenty",
    "7/7": "seven seven",
}
"""Numerals with a reading of their own."""

# --- Dates and times -------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

MONTH_ABBREVIATIONS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July",
    "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November",
    "Dec": "December",
}
"""Read as months only before a day or a year ("Jan. 5", "Sept. 2001")."""

TIME_ZONES = {
    "ET": "Eastern Time", "EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
    "CT": "Central Time", "CST": "Central Standard Time", "CDT": "Central Daylight Time",
    "MT": "Mountain Time", "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
    "PT": "Pacific Time", "PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
    "GMT": "G M T", "UTC": "U T C", "BST": "British Summer Time", "CET": "Central European Time",
    "CEST": "Central European Summer Time", "AEST": "Australian Eastern Standard Time", "IST": "India Standard Time",
}
"""Read only right after a time ("9:30 a.m. ET")."""

# --- Politics --------------------------------------------------------------------------------

STATES = (
    # (name, postal code, AP abbreviation or None when AP spells it out)
    ("Alabama", "AL", "Ala."), ("Alaska", "AK", None), ("Arizona", "AZ", "Ariz."), ("Arkansas", "AR", "Ark."),
    ("California", "CA", "Calif."), ("Colorado", "CO", "Colo."), ("Connecticut", "CT", "Conn."),
    ("Delaware", "DE", "Del."), ("Florida", "FL", "Fla."), ("Georgia", "GA", "Ga."), ("Hawaii", "HI", None),
    ("Idaho", "ID", None), ("Illinois", "IL", "Ill."), ("Indiana", "IN", "Ind."), ("Iowa", "IA", None),
    ("Kansas", "KS", "Kan."), ("Kentucky", "KY", "Ky."), ("Louisiana", "LA", "La."), ("Maine", "ME", None),
    ("Maryland", "MD", "Md."), ("Massachusetts", "MA", "Mass."), ("Michigan", "MI", "Mich."),
    ("Minnesota", "MN", "Minn."), ("Mississippi", "MS", "Miss."), ("Missouri", "MO", "Mo."),
    ("Montana", "MT", "Mont."), ("Nebraska", "NE", "Neb."), ("Nevada", "NV", "Nev."),
    ("New Hampshire", "NH", "N.H."), ("New Jersey", "NJ", "N.J."), ("New Mexico", "NM", "N.M."),
    ("New York", "NY", "N.Y."), ("North Carolina", "NC", "N.C."), ("North Dakota", "ND", "N.D."),
    ("Ohio", "OH", None), ("Oklahoma", "OK", "Okla."), ("Oregon", "OR", "Ore."), ("Pennsylvania", "PA", "Pa."),
    ("Rhode Island", "RI", "R.I."), ("South Carolina", "SC", "S.C."), ("South Dakota", "SD", "S.D."),
    ("Tennessee", "TN", "Tenn."), ("Texas", "TX", None), ("Utah", "UT", None), ("Vermont", "VT", "Vt."),
    ("Virginia", "VA", "Va."), ("Washington", "WA", "Wash."), ("West Virginia", "WV", "W.Va."),
    ("Wisconsin", "WI", "Wis."), ("Wyoming", "WY", "Wyo."), ("Puerto Rico", "PR", "P.R."),
    ("Guam", "GU", None), ("American Samoa", "AS", None), ("U.S. Virgin Islands", "VI", None),
    ("Northern Mariana Islands", "MP", None),
)

PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}
"""The letter in a party–state tag ("D-CA", "R-Texas")."""

NOT_A_CITY = frozenset("Yes No Well Oh Okay So Now Then But And Or Sure Fine".split())
"""Words before ", OK" or ", ME" that are not a city, so the code after them is not a state."""

# --- Money and measures -----------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "US$": "US dollar", "C$": "Canadian dollar", "CA$": "Canadian dollar", "A$": "Australian dollar",
    "AU$": "Australian dollar", "NZ$": "New Zealand dollar", "HK$": "Hong Kong dollar",
    "S$": "Singapore dollar", "R$": "Brazilian real", "$": "dollar", "€": "euro", "£": "pound", "¥": "yen",
    "₹": "rupee", "₩": "won", "₽": "ruble", "₪": "shekel", "₺": "lira", "₦": "naira", "₱": "peso",
}
"""A symbol before an amount, longest first when matching."""

CURRENCY_CODES = {
    "USD": "US dollar", "EUR": "euro", "GBP": "pound", "JPY": "yen", "CAD": "Canadian dollar",
    "AUD": "Australian dollar", "CHF": "Swiss franc", "CNY": "yuan", "INR": "rupee", "MXN": "peso",
}
"""An ISO code before or after an amount ("USD 5 million", "40 million EUR")."""

CURRENCY_NAMES = {
    # singular: (plural, minor unit singular, minor unit plural)
    "dollar": ("dollars", "cent", "cents"),
    "euro": ("euros", "cent", "cents"),
    "pound": ("pounds", "penny", "pence"),
    "rupee": ("rupees", "paisa", "paise"),
    "real": ("reais", "centavo", "centavos"),
    "yen": ("yen", None, None),
    "won": ("won", None, None),
    "yuan": ("yuan", "fen", "fen"),
    "ruble": ("rubles", "kopek", "kopeks"),
    "shekel": ("shekels", "agora", "agorot"),
    "lira": ("lira", "kurus", "kurus"),
    "naira": ("naira", "kobo", "kobo"),
    "peso": ("pesos", "centavo", "centavos"),
    "franc": ("francs", "centime", "centimes"),
}
"""The last word of a currency name decides its plural and its minor unit."""

MAGNITUDES = {
    "k": "thousand", "K": "thousand", "thousand": "thousand",
    "m": "million", "M": "million", "mn": "million", "mln": "million", "MM": "million", "million": "million",
    "b": "billion", "B": "billion", "bn": "billion", "bln": "billion", "billion": "billion",
    "t": "trillion", "T": "trillion", "tn": "trillion", "trillion": "trillion",
}
"""After an amount of money ("$5.2M", "€3bn", "$1 million")."""

UNITS = {
    # written: (singular, plural)
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°C": ("degree Celsius", "degrees Celsius"),
    "°": ("degree", "degrees"), "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"), "mph": ("mile per hour", "miles per hour"),
    "km²": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
    "sq ft": ("square foot", "square feet"), "sq. ft.": ("square foot", "square feet"),
    "km": ("kilometer", "kilometers"), "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
    "kg": ("kilogram", "kilograms"), "mg": ("milligram", "milligrams"), "lbs": ("pound", "pounds"),
    "lb": ("pound", "pounds"), "oz": ("ounce", "ounces"), "ft": ("foot", "feet"), "mL": ("milliliter", "milliliters"),
    "ml": ("milliliter", "milliliters"), "GW": ("gigawatt", "gigawatts"), "MW": ("megawatt", "megawatts"),
    "kW": ("kilowatt", "kilowatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"), "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"), "bn": ("billion", "billion"), "tn": ("trillion", "trillion"),
    "GHz": ("gigahertz", "gigahertz"), "MHz": ("megahertz", "megahertz"),
}
"""Units after a number; singular after exactly one."""

# --- Web ---------------------------------------------------------------------------------------

TLD_WORDS = frozenset("com org net gov info biz news app dev co mil int".split())
"""Domain endings said as words; the others ("uk", "edu", "io") are spelled."""

# --- Roman numerals ------------------------------------------------------------------------------

ROMAN_CARDINAL_AFTER = frozenset("""
War Bowl Title Chapter Part Volume Vol Act Book Phase Stage Class Type Category Level Article Section
Schedule Grade Episode Olympiad Apollo Vatican Amendment Round Series Mark Gen Generation Year Division
Appendix Tier Pillar Trial Unit Battalion Corps Canto Psalm
""".split())
"""After these words a Roman numeral is a number ("World War II" is "World War Two")."""

REGNAL_NAMES = frozenset("""
Henry Elizabeth George Charles Louis Edward William James Richard Mary Pius Leo Gregory Benedict
Paul John Philip Frederick Alexander Nicholas Peter Catherine Ramses Ramesses Felipe Carlos Juan
Innocent Clement Urban Boniface Victor Gustav Gustaf Olaf Harald Haakon Christian Frederik Rama
Napoleon Constantine Ivan Wilhelm Ludwig Francis Joseph Otto Stephen Ferdinand Isabella Anne
Edmund Harold David Robert Alfonso Manuel Sancho Pedro Umberto Vittorio Emmanuel Carl
Margrethe Willem Hussein Abdullah Mohammed Hassan Selim Suleiman Mehmed Murad Tutankhamun Thutmose
Amenhotep Ptolemy Cleopatra Antiochus Darius Xerxes Artaxerxes Cyrus Sixtus Julius Adrian
""".split())
"""Given names that take a regnal number ("Henry VIII" is "Henry the Eighth")."""

# --- Context words ------------------------------------------------------------------------------

QUANTIFIERS = frozenset("""
about nearly almost around roughly approximately some over under than least most only exactly
just all total additional another extra estimated more fewer number numbers page pages room flight
route suite apartment section article volume chapter figure code model bus line channel
""".split())
"""Before a four-digit number these make it a quantity, not a year ("about 1500 people")."""

COUNTED_NOUNS = frozenset("""
people persons residents students workers employees jobs votes voters homes houses units cases deaths
patients children adults members troops soldiers miles kilometers meters feet acres pounds tons
dollars euros times words pages books cars vehicles seats beds flights passengers visitors fans
customers users calls signatures participants refugees migrants arrests tests doses copies runners
steps calories hours minutes seconds days weeks months years rounds shares points games
""".split())
"""After a four-digit number these make it a quantity, not a year ("1200 jobs")."""

SENTENCE_STARTERS = frozenset("""
The A An It He She They We I But And In On This That These Those Its His Her Their Our After Before
When While As At For If So Yet There What Who Why How Officials Police Authorities
""".split())
"""A capitalized word that starts a new sentence after an abbreviation's full stop."""

FRACTION_NAMES = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
                  5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 8: ("eighth", "eighths"),
                  10: ("tenth", "tenths")}

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
