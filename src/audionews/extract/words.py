"""Word lists the extractors share: stop words per language and boilerplate phrases as classes.

Data only, so rules read as rules and lists can grow without touching code.
"""

from __future__ import annotations

import re

__all__ = ["BIO_CUES", "BREAK_PATTERNS", "DATE_WORDS", "DROP_PATTERNS", "MONTHS", "NEWS_AGENCIES", "NOT_NAME_WORDS",
           "STOPWORDS"]

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an and are as at be been but by for from had has have he her his i if in into is it its "
        "not of on or our she so that the their them there they this to was we were which who will "
        "with would you your than then also after about more what when while".split()
    ),
    "es": frozenset(
        "el la los las un una y o de del en que por para con se su sus es son al lo como pero más "
        "este esta fue han ha muy sin sobre entre también".split()
    ),
    "fr": frozenset(
        "le la les un une et ou de des du en que qui pour par avec se sa son ses est sont au aux ce "
        "cette il elle ils pas plus sur dans mais été ont".split()
    ),
    "de": frozenset(
        "der die das ein eine und oder von den dem des zu mit sich auf für ist sind im nicht auch "
        "es er sie wir als wie aber bei nach aus wurde hat".split()
    ),
    "it": frozenset(
        "il lo la i gli le un una e o di del della in che per con si è sono al non più come ma "
        "anche dei delle nel alla ha".split()
    ),
    "pt": frozenset(
        "o a os as um uma e ou de do da dos das em que por para com se é são ao não mais como mas "
        "também foi no na".split()
    ),
    "nl": frozenset(
        "de het een en of van in op met voor is zijn niet ook er als maar bij naar uit dat die "
        "wordt heeft te".split()
    ),
}


def _phrases(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^[^\w©]*(?:" + "|".join(patterns) + r")\W*$", re.IGNORECASE)


BREAK_PATTERNS: dict[str, re.Pattern[str]] = {
    # Lines that end an article or stand outside it: what follows or precedes is not the story.
    "section list": _phrases(
        r"(?:latest|recent|popular|related|trending|top|more|most read|most popular|editor'?s picks?|"
        r"featured|recommended|similar)\s*(?:posts?|stories|news|articles?|reads?|videos?|headlines)?(?:\s+(?:from|in|on)\b.*)?",
        r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in).*",
        r"(?:don'?t|do not) miss(?: this| out)?.*",
        r"more (?:from|on|in|stories|news|articles|like this)\b.*",
        r"read (?:next|also)\b.*",
        r"up next",
    ),
    "comment form": _phrases(
        r"(?:leave|post|add|write) a (?:reply|comment|response)\b.*",
        r"\d*\s*(?:comments?|responses?|replies)(?: \(\d+\))?",
        # not "declined to comment."
        r"(?:(?!(?:to|for)\b)[\w\[\]]+\s+){0,3}(?:comments?|replies)\s*(?:\(\d+\))?\s*\]?",
        r"comments are closed\.?", r"(?:\d+\s+)?thoughts? on\b.*",
        # a comment's header carries its date: "Alex on September 17, 2018 at 6:34 am said:"
        r"(?=.*\d).{0,100}\b(?:said|says|wrote|replied|commented)\s*:",
        r"please enter your .*",
        r"(?:your )?e-?mail address will not be published.*",
        r"required fields are marked.*",
        r"save my name,? e-?mail,? and website.*",
        r"(?:log|sign) in to (?:comment|reply).*",
        r"cancel reply",
        r"you must be logged in.*",
    ),
    "social and newsletter": _phrases(
        r"stay (?:in touch|connected|informed|updated)\b.*",
        r"follow us(?: on\b.*)?",
        r"share(?: this)?(?: (?:article|story|post))?(?: on\b.*)?:?",
        r"(?:subscribe|sign up|join)(?: to| for)? (?:our|the) (?:newsletter|mailing list|daily|weekly)\b.*",
        r"(?:subscribe|sign up|newsletter)",
        r"to be updated with all the latest\b.*",
        r"get the latest\b.*(?:inbox|newsletter)\b.*",
        r"enter your e-?mail.*",
    ),
    "site furniture": _phrases(
        r"(?:skip to|jump to) (?:main )?(?:content|navigation|main)\b.*",
        r"(?:main )?menu", r"search(?: for)?:?", r"home", r"log ?in|sign ?in|register",
        r"(?:privacy policy|terms (?:of (?:use|service)|and conditions)|cookie policy|contact us|about us)(?:\W+.*)?",
        r"(?:©|\(c\)|copyright\b).*", r"all rights reserved\.?.*",
        r"we use cookies\b.*", r"(?:accept|reject|manage)(?: all)?(?: cookies)?",
        r"this (?:site|website) uses cookies\b.*",
        r"about the author", r"author(?:'s)? (?:bio|profile)",
        r"tags?:.*", r"filed under:?.*", r"categor(?:y|ies):.*",
    ),
}

DROP_PATTERNS: re.Pattern[str] = _phrases(
    # Clutter that sits inside a story without ending it: removed, the story goes on.
    r"advertisement", r"advert", r"sponsored(?: content)?", r"ad", r"story continues(?: below)?(?: advertisement)?",
    r"(?:continue reading|read more|see more|see also|related|watch|listen|recommended|read|also read|more)"
    r"\s*[:|–—-].*",
    r"also on [\w-]+\.[a-z]{2,}\b.*",
    r"follow\b.{0,120}(?:twitter|facebook|instagram|youtube|tiktok|linkedin|@\w|https?://).*",
    # wire credits, read as part of the byline or not at all
    r"\(?(?:additional |with )?(?:reporting|writing|editing) by\b.*",
    r".{0,200}\bcontributed (?:reporting|(?:to )?(?:this|the) (?:report|story|article))\b.*",
    r"(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post)\b.*",
    r"tell us what you think\b.*",
    r"text size", r"(?:view|see) (?:comments|gallery|photos)",
    r"(?:continue reading|read more|see more|show more|load more)\.*",
    r"(?:photo|image|video|illustration|graphic)(?: credit)?:.*",
    r"(?:click|tap) (?:here|to)\b.*",
    r"(?:print|e-?mail|tweet|facebook|twitter|linkedin|whatsapp|reddit|pinterest|copy link)",
    r"\d+ min(?:ute)?s? read",
    # the same classes in the other languages of STOPWORDS
    r"(?:leggi anche|leia (?:também|mais)|lee (?:también|más)|lire aussi|lesen sie auch|veja também|ver también|"
    r"voir aussi|lees ook)\b.*",
    r"(?:tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura|leestijd)\W*\d+\s*\w*",
)

BIO_CUES = re.compile(
    r"\b(?:years of experience|journalist|reporter|correspondent|columnist|contributor|editor|"
    r"covers?|covering|writes about|has written|insights into|graduate of|based in|author of|"
    r"staff writer|freelance|her work|his work|their work|reporting on|specializ(?:es|ing) in)\b",
    re.IGNORECASE,
)

NOT_NAME_WORDS = frozenset(
    "news stories posts latest popular related world politics sports business home menu search login "
    "opinion section video videos photos live breaking top more read share follow subscribe newsletter "
    "comments comment reply contact about privacy terms cookies advertisement sponsored trending tech "
    "science health culture travel weather local national international editorial editor staff admin "
    "miss touch press release update updated published".split()
)

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            # English with its abbreviations, then the full names in the other languages of STOPWORDS
            ("january", "jan", "enero", "janeiro", "janvier", "januar", "gennaio", "januari"),
            ("february", "feb", "febrero", "fevereiro", "février", "februar", "febbraio", "februari"),
            ("march", "mar", "marzo", "março", "mars", "märz", "maart"),
            ("april", "apr", "abril", "avril", "aprile"),
            ("may", "mayo", "maio", "mai", "maggio", "mei"),
            ("june", "jun", "junio", "junho", "juin", "juni", "giugno"),
            ("july", "jul", "julio", "julho", "juillet", "juli", "luglio"),
            ("august", "aug", "agosto", "août", "augustus"),
            ("september", "sep", "sept", "septiembre", "setembro", "septembre", "settembre"),
            ("october", "oct", "octubre", "outubro", "octobre", "oktober", "ottobre"),
            ("november", "nov", "noviembre", "novembro", "novembre"),
            ("december", "dec", "diciembre", "dezembro", "décembre", "dezember", "dicembre"),
        ],
        start=1,
    )
    for name in names
}

DATE_WORDS: tuple[str, ...] = (
    # Words that stand beside a date on a dateline without making it a sentence, beyond English's.
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "a las",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "às",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "à", "le",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "um", "am",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "alle",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "om",
)


NEWS_AGENCIES: dict[str, str] = {
    # Wire services credited as a story's author; a one-word or all-capitals byline that is not a
    # person's name, spelt as the agency spells itself.
    name.lower(): name for name in (
        "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "dpa", "Deutsche Presse-Agentur",
        "EFE", "ANSA", "Europa Press", "Xinhua", "Kyodo", "Kyodo News", "Yonhap", "TASS", "RIA Novosti",
        "Interfax", "PTI", "Press Trust of India", "IANS", "ANI", "UPI", "United Press International",
        "PA", "PA Media", "Press Association", "AAP", "Australian Associated Press", "CP", "The Canadian Press",
        "Canadian Press", "Bloomberg", "Bernama", "Antara", "Anadolu Agency", "APA", "SDA", "Belga", "ANP",
        "NTB", "TT", "Ritzau", "STT", "PAP", "CTK", "MTI", "Agência Brasil", "Agencia EFE", "Lusa",
    )
}
